//! The solver: anchors first, then the most in-flow ads the rules allow, earliest first.
//!
//! # Why earliest-first is optimal
//! Gap rules judge a gap alone. Spacing rules judge two consecutive ads by a distance that only
//! grows as they move apart (prefix sums), against a requirement that only grows with the lower
//! ad's ordinal (escalation may only grow). Limits cap totals that only grow with each ad.
//!
//! The sweep takes a gap when its gap rules pass, it keeps spacing to the ad above and to the
//! next fixed ad (anchor or ad on the page) below, and the limits allow one more ad. Exchange
//! argument: let `g_k` be the sweep's k-th in-flow ad and `o_k` that of any valid plan. If
//! `g_k <= o_k`, then `o_{k+1}` was a candidate for the sweep: its gap rules pass; the ad
//! above it in the sweep is `g_k` or a fixed ad no farther than in the plan, with the same
//! ordinal (k in-flow plus the same fixed ads above), so spacing holds; towards the next fixed
//! ad the distance is no shorter and the ordinal no larger than in the plan, where that fixed
//! ad follows `o_{k+1}` or a later ad; and the totals are those of the plan's first k+1 ads.
//! So `g_{k+1} <= o_{k+1}`: the sweep places at least as many ads as any valid plan, and its
//! k-th ad is never later, so among the plans with the most ads it is the earliest. A rule that
//! breaks these monotonicities would need a dynamic program over (gap, ads placed) here, behind
//! the same [`place`] function. `tests/optimality.rs` checks all this against the brute-force
//! oracle of `tests/common/oracle.rs`.

use crate::article::{Article, BlockKind};
use crate::error::Error;
use crate::layout::{self, reserved_height, Geometry, Hyphenation};
use crate::measure::Measure;
use crate::plan::{GapVerdict, Placement, Plan, Reason, UnplacedAnchor};
use crate::rules::checks::{Amount, Cause, Pair, Refusal, Totals};
use crate::rules::registry::{Check, Rule, RULES};
use crate::rules::{Device, Policy, Rules};

/// What to place for: build with [`PlaceOptions::new`] and the setters.
///
/// ```
/// let options = adslot::PlaceOptions::new().device("desktop").explain(true);
/// assert_eq!(options.device.as_deref(), Some("desktop"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlaceOptions {
    /// The device (`None`: the rule file's default device).
    pub device: Option<String>,
    /// Whether to give every gap's verdict.
    pub explain: bool,
}

impl PlaceOptions {
    /// The rule file's default device, no explanation.
    pub fn new() -> PlaceOptions {
        PlaceOptions::default()
    }

    /// Places for the device called `name`.
    pub fn device(mut self, name: impl Into<String>) -> PlaceOptions {
        self.device = Some(name.into());
        self
    }

    /// Whether to give every gap's verdict.
    pub fn explain(mut self, explain: bool) -> PlaceOptions {
        self.explain = explain;
        self
    }
}

/// Places ads in `article` by `rules`.
///
/// ```
/// use adslot::{place, Article, Block, BlockKind::*, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_between = 3\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
/// let article = Article::new(vec![
///     Block::new(Paragraph, "one two three"),
///     Block::new(Paragraph, "four five"),
///     Block::new(Paragraph, "six seven eight"),
/// ]);
/// let plan = place(&article, &rules, &PlaceOptions::new()).unwrap();
/// let gaps: Vec<usize> = plan.placements.iter().map(|p| p.before_block).collect();
/// assert_eq!(gaps, [0, 1, 3]);
/// ```
pub fn place(article: &Article, rules: &Rules, options: &PlaceOptions) -> Result<Plan, Error> {
    let device = rules.select_device(options.device.as_deref())?;
    let geometry = layout::layout(article, &device.profile, hyphenation(device));
    Ok(place_measured(
        article,
        rules,
        device,
        &geometry,
        options.explain,
    ))
}

/// The hyphenation a device asks for.
pub fn hyphenation(device: &Device) -> Hyphenation {
    if device.hyphenate {
        Hyphenation::EnUs
    } else {
        Hyphenation::None
    }
}

/// An ad whose gap is fixed before the sweep: an anchor, or an ad already on the page.
#[derive(Clone, Debug)]
struct Fixed {
    /// Gap where the ad starts (measuring distance to ads above).
    top: usize,
    /// Gap where it ends (measuring distance to ads below): `top`, or `top + 1` for a block.
    bottom: usize,
    /// Whether spacing rules count it.
    spacing: bool,
    /// Its height, in px.
    px: u64,
    /// The anchor's slot, or `None` for an ad already on the page.
    slot: Option<String>,
}

/// Places on an already laid-out article (the preview and `layout` share the geometry).
pub fn place_measured(
    article: &Article,
    rules: &Rules,
    device: &Device,
    geometry: &Geometry,
    explain: bool,
) -> Plan {
    let policy = &device.policy;
    let inline_px = reserved_height(rules.sizes(policy.slot.as_str()), &device.profile);
    let measure = Measure::new(
        article,
        geometry,
        layout::px(device.profile.viewport_height_px),
        inline_px,
        policy.clearance.kinds(),
    );
    let (fixed, unplaced_anchors) = fixed_ads(article, rules, device, &measure, geometry);
    let of_check = |f: fn(&Check) -> bool| RULES.iter().filter(|r| f(&r.check)).collect();
    let sweep = Sweep {
        policy,
        measure: &measure,
        fixed: &fixed,
        gap_rules: of_check(|c| matches!(c, Check::Gap(_))),
        spacing_rules: of_check(|c| matches!(c, Check::Spacing(_))),
        limit_rules: of_check(|c| matches!(c, Check::Limit(_))),
        escalation_rule: RULES.iter().find(|r| matches!(r.check, Check::Escalation)),
    };
    let inflow = sweep.solve();
    let warnings = sweep.fixed_warnings();
    let ads = merge(&fixed, &inflow, inline_px);
    let placements = placements(&ads, policy, &measure);
    let added_px: u64 = placements.iter().map(|p| p.height_px).sum();
    let ad_px: u64 = ads.iter().map(|a| a.px).sum();
    let page_height_px = measure.content_px().saturating_add(added_px);
    let density = if page_height_px == 0 {
        0.0
    } else {
        ad_px as f64 / page_height_px as f64
    };
    let gaps = explain.then(|| sweep.verdicts(&ads));
    Plan {
        id: article.id.clone(),
        device: device.name.clone(),
        placements,
        page_height_px,
        density,
        unplaced_anchors,
        warnings,
        gaps,
    }
}

/// Anchors (at the first block of their kind) and ads already on the page, in page order;
/// and the anchors whose kind is not in the article.
fn fixed_ads(
    article: &Article,
    rules: &Rules,
    device: &Device,
    measure: &Measure,
    geometry: &Geometry,
) -> (Vec<Fixed>, Vec<UnplacedAnchor>) {
    let mut fixed = Vec::new();
    let mut unplaced = Vec::new();
    for a in &rules.anchors {
        match measure.kinds().iter().position(|&k| k == a.before) {
            Some(at) => fixed.push(Fixed {
                top: at,
                bottom: at,
                spacing: a.spacing,
                px: reserved_height(rules.sizes(&a.slot), &device.profile),
                slot: Some(a.slot.clone()),
            }),
            None => unplaced.push(UnplacedAnchor {
                slot: a.slot.clone(),
                before: a.before,
                reason: match a.before {
                    BlockKind::Lede => {
                        "the article has no lede (no `lede` or `paragraph` block)".to_string()
                    }
                    kind => format!("the article has no `{kind}` block"),
                },
            }),
        }
    }
    fixed.extend(
        article
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Ad)
            .map(|(i, _)| Fixed {
                top: i,
                bottom: i + 1,
                spacing: true,
                px: geometry.blocks[i].height_px,
                slot: None,
            }),
    );
    // An anchor before block i stands above an ad that is block i.
    fixed.sort_by_key(|f| (f.top, f.slot.is_none()));
    (fixed, unplaced)
}

/// What an ad in the final plan is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AdKind {
    /// Inserted because an anchor requires it.
    Anchor(String),
    /// Inserted by the sweep.
    InFlow,
    /// Already on the page (an `ad` block).
    Existing,
}

/// An ad in the final plan.
#[derive(Clone, Debug)]
struct Ad {
    top: usize,
    bottom: usize,
    spacing: bool,
    px: u64,
    kind: AdKind,
}

impl Ad {
    fn inserted(&self) -> bool {
        self.kind != AdKind::Existing
    }
}

fn merge(fixed: &[Fixed], inflow: &[usize], inline_px: u64) -> Vec<Ad> {
    let mut ads: Vec<Ad> = fixed
        .iter()
        .map(|f| Ad {
            top: f.top,
            bottom: f.bottom,
            spacing: f.spacing,
            px: f.px,
            kind: f.slot.clone().map_or(AdKind::Existing, AdKind::Anchor),
        })
        .collect();
    ads.extend(inflow.iter().map(|&g| Ad {
        top: g,
        bottom: g,
        spacing: true,
        px: inline_px,
        kind: AdKind::InFlow,
    }));
    // In-flow ads never share a gap with an anchor; before an ad block, both stand above it.
    ads.sort_by_key(|a| (a.top, a.kind == AdKind::Existing));
    ads
}

fn placements(ads: &[Ad], policy: &Policy, measure: &Measure) -> Vec<Placement> {
    let mut out = Vec::new();
    let mut inserted_px = 0;
    for ad in ads {
        let (slot, anchor) = match &ad.kind {
            AdKind::Existing => continue,
            AdKind::Anchor(slot) => (slot.clone(), true),
            AdKind::InFlow => (policy.slot.to_string(), false),
        };
        out.push(Placement {
            before_block: ad.top,
            slot,
            ordinal: out.len() + 1,
            anchor,
            words_above: measure.words_above(ad.top),
            top_px: measure.y(ad.top).saturating_add(inserted_px),
            height_px: ad.px,
        });
        inserted_px = inserted_px.saturating_add(ad.px);
    }
    out
}

struct Sweep<'a> {
    policy: &'a Policy,
    measure: &'a Measure,
    fixed: &'a [Fixed],
    gap_rules: Vec<&'static Rule>,
    spacing_rules: Vec<&'static Rule>,
    limit_rules: Vec<&'static Rule>,
    /// The rule that escalates spacing by ordinal, which an explanation names when an ad
    /// would raise the ordinal of an ad below it too far.
    escalation_rule: Option<&'static Rule>,
}

impl Sweep<'_> {
    /// The earliest-first sweep; returns the in-flow gaps.
    fn solve(&self) -> Vec<usize> {
        let m = self.measure;
        let counting: Vec<(usize, &Fixed)> = self
            .fixed
            .iter()
            .enumerate()
            .filter(|(_, f)| f.spacing)
            .collect();
        let fixed_px: u64 = self.fixed.iter().map(|f| f.px).sum();
        let fixed_added_px: u64 = self
            .fixed
            .iter()
            .filter(|f| f.slot.is_some())
            .map(|f| f.px)
            .sum();
        let mut inflow = Vec::new();
        let mut prev: Option<(usize, usize)> = None; // (bottom gap, label gap) of the ad above
        let mut fixed_above = 0;
        let mut next_counting = 0;
        for g in 0..=m.last_gap() {
            while let Some(f) = self.fixed.get(fixed_above).filter(|f| f.top < g) {
                if f.spacing {
                    prev = Some((f.bottom, f.top));
                }
                fixed_above += 1;
            }
            let anchored = self.fixed[fixed_above..]
                .iter()
                .take_while(|f| f.top == g)
                .any(|f| f.slot.is_some());
            if anchored || self.gap_refusal(g).is_some() {
                continue;
            }
            let ordinal = fixed_above + inflow.len() + 1;
            if let Some((bottom, _)) = prev {
                let pair = Pair {
                    upper: bottom,
                    lower: g,
                    ordinal,
                };
                if self.spacing_refusal(pair).is_some() {
                    continue;
                }
            }
            while counting.get(next_counting).is_some_and(|(_, f)| f.top < g) {
                next_counting += 1;
            }
            if let Some(&(index, next)) = counting.get(next_counting) {
                // The fixed ad's ordinal once this ad is placed above it.
                let pair = Pair {
                    upper: g,
                    lower: next.top,
                    ordinal: index + inflow.len() + 2,
                };
                if self.spacing_refusal(pair).is_some() {
                    continue;
                }
            }
            let added = inflow.len() as u64 + 1;
            let totals = Totals {
                ads: self.fixed.len() + inflow.len() + 1,
                ad_px: fixed_px + added * m.inline_ad_px(),
                added_px: fixed_added_px + added * m.inline_ad_px(),
            };
            if self.limit_refusal(totals).is_some() {
                // Totals only grow: no later gap can be taken either.
                break;
            }
            inflow.push(g);
            prev = Some((g, g));
        }
        inflow
    }

    fn gap_refusal(&self, g: usize) -> Option<(&'static Rule, Refusal)> {
        self.gap_rules.iter().find_map(|r| match r.check {
            Check::Gap(check) => check(self.policy, self.measure, g).map(|x| (*r, x)),
            _ => None,
        })
    }

    fn spacing_refusal(&self, pair: Pair) -> Option<(&'static Rule, Refusal)> {
        self.spacing_rules.iter().find_map(|r| match r.check {
            Check::Spacing(check) => check(self.policy, self.measure, pair).map(|x| (*r, x)),
            _ => None,
        })
    }

    fn limit_refusal(&self, totals: Totals) -> Option<(&'static Rule, Refusal)> {
        self.limit_rules.iter().find_map(|r| match r.check {
            Check::Limit(check) => check(self.policy, self.measure, totals).map(|x| (*r, x)),
            _ => None,
        })
    }

    /// The limits that the ads already on the page break before any in-flow ad (with the
    /// anchors, which are placed regardless): the plan says so, rather than silently
    /// placing none.
    fn fixed_warnings(&self) -> Vec<Reason> {
        let existing = self.fixed.iter().filter(|f| f.slot.is_none()).count();
        if existing == 0 {
            return Vec::new();
        }
        let inline = self.measure.inline_ad_px();
        let totals = Totals {
            ads: self.fixed.len() + 1,
            ad_px: self.fixed.iter().map(|f| f.px).sum::<u64>() + inline,
            added_px: self
                .fixed
                .iter()
                .filter(|f| f.slot.is_some())
                .map(|f| f.px)
                .sum::<u64>()
                + inline,
        };
        let ads = Amount::Count(existing as u64).counting("ad");
        let verb = if existing == 1 { "leaves" } else { "leave" };
        self.limit_rules
            .iter()
            .filter_map(|r| match r.check {
                Check::Limit(check) => check(self.policy, self.measure, totals).map(|x| Reason {
                    rule: r.key_of(&x),
                    text: format!(
                        "{ads} already on the page (kind `ad`) {verb} no room for an in-flow ad: {}",
                        r.explain(&x)
                    ),
                }),
                _ => None,
            })
            .collect()
    }

    /// Every gap's verdict against the final plan, by the same checks the sweep ran: for a gap
    /// without an ad, every rule that adding an ad there would break.
    fn verdicts(&self, ads: &[Ad]) -> Vec<GapVerdict> {
        let m = self.measure;
        let total_px: u64 = ads.iter().map(|a| a.px).sum();
        let added_px: u64 = ads.iter().filter(|a| a.inserted()).map(|a| a.px).sum();
        let mut above = 0; // ads with top < g
        let mut out = Vec::with_capacity(m.last_gap() + 1);
        for g in 0..=m.last_gap() {
            while ads.get(above).is_some_and(|a| a.top < g) {
                above += 1;
            }
            let placed = ads[above..]
                .iter()
                .take_while(|a| a.top == g)
                .any(Ad::inserted);
            let mut reasons = Vec::new();
            if !placed {
                for r in &self.gap_rules {
                    if let Check::Gap(check) = r.check {
                        if let Some(x) = check(self.policy, m, g) {
                            reasons.push(reason(r, &x));
                        }
                    }
                }
                let ordinal = above + 1;
                if let Some(upper) = ads[..above].iter().rev().find(|a| a.spacing) {
                    let pair = Pair {
                        upper: upper.bottom,
                        lower: g,
                        ordinal,
                    };
                    self.spacing_reasons(pair, upper.top, &mut reasons);
                }
                if let Some((i, lower)) =
                    ads.iter().enumerate().skip(above).find(|(_, a)| a.spacing)
                {
                    let pair = Pair {
                        upper: g,
                        lower: lower.top,
                        ordinal: i + 2,
                    };
                    self.spacing_reasons(pair, lower.top, &mut reasons);
                    if reasons.is_empty() {
                        self.escalation_reasons(ads, i, &mut reasons);
                    }
                }
                let totals = Totals {
                    ads: ads.len() + 1,
                    ad_px: total_px + m.inline_ad_px(),
                    added_px: added_px + m.inline_ad_px(),
                };
                for r in &self.limit_rules {
                    if let Check::Limit(check) = r.check {
                        if let Some(x) = check(self.policy, m, totals) {
                            reasons.push(reason(r, &x));
                        }
                    }
                }
            }
            out.push(GapVerdict {
                before_block: g,
                placed,
                reasons,
            });
        }
        out
    }

    fn spacing_reasons(&self, pair: Pair, other: usize, reasons: &mut Vec<Reason>) {
        for r in &self.spacing_rules {
            if let Check::Spacing(check) = r.check {
                if let Some(mut x) = check(self.policy, self.measure, pair) {
                    x.other = Some(other);
                    reasons.push(reason(r, &x));
                }
            }
        }
    }

    /// An ad above `ads[from]` raises the ordinal of every ad below: escalating spacing may then
    /// refuse a pair further down.
    fn escalation_reasons(&self, ads: &[Ad], from: usize, reasons: &mut Vec<Reason>) {
        let Some(escalation) = self.escalation_rule else {
            return;
        };
        let mut upper: Option<&Ad> = None;
        for (i, ad) in ads.iter().enumerate().skip(from).filter(|(_, a)| a.spacing) {
            if let Some(u) = upper {
                let pair = Pair {
                    upper: u.bottom,
                    lower: ad.top,
                    ordinal: i + 2,
                };
                for r in &self.spacing_rules {
                    if let Check::Spacing(check) = r.check {
                        if let Some(x) = check(self.policy, self.measure, pair) {
                            let refusal = Refusal {
                                other: Some(ad.top),
                                cause: Some(Box::new(Cause {
                                    key: r.key,
                                    refusal: Refusal {
                                        other: Some(u.top),
                                        ..x
                                    },
                                })),
                                ..Refusal::new(i + 2, Amount::Nothing)
                            };
                            reasons.push(reason(escalation, &refusal));
                            return;
                        }
                    }
                }
            }
            upper = Some(ad);
        }
    }
}

fn reason(rule: &Rule, refusal: &Refusal) -> Reason {
    Reason {
        rule: rule.key_of(refusal),
        text: rule.explain(refusal),
    }
}
