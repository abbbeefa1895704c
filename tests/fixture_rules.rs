//! Every shipped rule file on every device, over every fixture article (JSON and HTML): the
//! engine's placements keep every rule, including the pixel rules, as judged by a checker
//! written here from the rule definitions (not the engine's code), and no refused gap could
//! have taken one more ad. The rule values and the estimated geometry are inputs to the
//! checker; distances, words, ordinals, heights and totals are recomputed here.

use adslot::layout::{layout, Geometry, Hyphenation};
use adslot::rules::{Device, Policy};
use adslot::{place, Article, BlockKind, PlaceOptions, Plan, Rules};

fn words_of(text: &str) -> u64 {
    // Independent of `adslot::words`: split on whitespace, then CJK characters split runs.
    let cjk = |c: char| {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
            | 0x20000..=0x2FA1F | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF)
    };
    let mut n = 0;
    for token in text.split_whitespace() {
        let mut run = false;
        for c in token.chars() {
            if cjk(c) {
                n += u64::from(run) + 1;
                run = false;
            } else if c.is_alphanumeric() {
                run = true;
            }
        }
        n += u64::from(run);
    }
    n
}

#[derive(Clone, Debug)]
struct Ad {
    top: usize,
    bottom: usize,
    spacing: bool,
    px: u64,
    inflow: bool,
    inserted: bool,
}

struct Checker<'a> {
    policy: &'a Policy,
    kinds: Vec<BlockKind>,
    words: Vec<u64>,
    paragraphs: Vec<u64>,
    y: Vec<u64>,
    viewport: u64,
    fixed: Vec<Ad>,
    inline_px: u64,
}

/// The height an ad of `slot` reserves: its tallest size within the column (else its
/// narrowest), plus label and both margins, rounded.
fn reserved(rules: &Rules, slot: &str, device: &Device) -> u64 {
    let sizes = rules.sizes(slot);
    let p = &device.profile;
    let h = sizes
        .iter()
        .filter(|s| f64::from(s.width) <= p.content_width_px)
        .map(|s| s.height)
        .max()
        .or_else(|| sizes.iter().min_by_key(|s| s.width).map(|s| s.height))
        .unwrap_or(0);
    (f64::from(h) + p.ad_label_px + 2.0 * p.ad_margin_px).round() as u64
}

impl<'a> Checker<'a> {
    fn new(article: &Article, rules: &Rules, device: &'a Device, geo: &Geometry) -> Checker<'a> {
        let n = article.blocks.len();
        let lede = article
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Lede)
            .or_else(|| {
                article
                    .blocks
                    .iter()
                    .position(|b| b.kind == BlockKind::Paragraph)
            });
        let kinds: Vec<BlockKind> = (0..n)
            .map(|i| {
                if Some(i) == lede {
                    BlockKind::Lede
                } else {
                    article.blocks[i].kind
                }
            })
            .collect();
        let mut words = vec![0];
        let mut paragraphs = vec![0];
        for (i, b) in article.blocks.iter().enumerate() {
            words.push(words[i] + words_of(&b.text));
            let para = matches!(kinds[i], BlockKind::Paragraph | BlockKind::Lede);
            paragraphs.push(paragraphs[i] + u64::from(para));
        }
        let mut y: Vec<u64> = geo.blocks.iter().map(|b| b.top_px).collect();
        y.push(geo.height_px);
        let mut fixed = Vec::new();
        for a in &rules.anchors {
            if let Some(at) = kinds.iter().position(|&k| k == a.before) {
                let px = reserved(rules, &a.slot, device);
                fixed.push(Ad {
                    top: at,
                    bottom: at,
                    spacing: a.spacing,
                    px,
                    inflow: false,
                    inserted: true,
                });
            }
        }
        for (j, b) in article.blocks.iter().enumerate() {
            if b.kind == BlockKind::Ad {
                let px = geo.blocks[j].height_px;
                fixed.push(Ad {
                    top: j,
                    bottom: j + 1,
                    spacing: true,
                    px,
                    inflow: false,
                    inserted: false,
                });
            }
        }
        Checker {
            policy: &device.policy,
            kinds,
            words,
            paragraphs,
            y,
            viewport: device.profile.viewport_height_px.round() as u64,
            fixed,
            inline_px: reserved(rules, device.policy.slot.as_str(), device),
        }
    }

    fn n(&self) -> usize {
        self.kinds.len()
    }

    fn gap_ok(&self, g: usize) -> bool {
        let (p, n) = (self.policy, self.n());
        let px = |a: usize, b: usize| self.y[b] - self.y[a];
        if self.words[g] < u64::from(p.min_words_before_first)
            || self.paragraphs[g] < u64::from(p.min_paragraphs_before_first)
            || self.words[n] - self.words[g] < u64::from(p.min_words_after_last)
            || px(0, g) < u64::from(p.min_px_from_top)
            || px(g, n) < u64::from(p.min_px_from_bottom)
            || (g > 0 && p.never_after.contains(&self.kinds[g - 1]))
            || (g < n && p.never_before.contains(&self.kinds[g]))
        {
            return false;
        }
        p.clearance.0.iter().all(|(&kind, c)| {
            (0..n).filter(|&j| self.kinds[j] == kind).all(|j| {
                if j >= g {
                    px(g, j) >= u64::from(c.above_px)
                } else {
                    px(j + 1, g) >= u64::from(c.below_px)
                }
            })
        })
    }

    fn spacing_ok(&self, upper: &Ad, lower: &Ad, ordinal: usize) -> bool {
        let p = self.policy;
        let (mut words, mut paras, mut px, mut vps) = (
            p.min_words_between,
            p.min_paragraphs_between,
            p.min_px_between,
            p.min_viewports_between,
        );
        for e in p.after_ads.iter().filter(|e| e.count as usize <= ordinal) {
            words = e.set.min_words_between.unwrap_or(words);
            paras = e.set.min_paragraphs_between.unwrap_or(paras);
            px = e.set.min_px_between.unwrap_or(px);
            vps = e.set.min_viewports_between.unwrap_or(vps);
        }
        let (a, b) = (upper.bottom, lower.top);
        let got_px = self.y[b] - self.y[a];
        self.words[b] - self.words[a] >= u64::from(words)
            && self.paragraphs[b] - self.paragraphs[a] >= u64::from(paras)
            && got_px >= u64::from(px)
            && got_px as f64 >= (vps * self.viewport as f64).ceil()
    }

    fn ads(&self, inflow: &[usize]) -> Vec<Ad> {
        let mut ads = self.fixed.clone();
        ads.extend(inflow.iter().map(|&g| Ad {
            top: g,
            bottom: g,
            spacing: true,
            px: self.inline_px,
            inflow: true,
            inserted: true,
        }));
        ads.sort_by_key(|a| (a.top, !a.inserted));
        ads
    }

    fn valid(&self, inflow: &[usize]) -> bool {
        let anchored = |g: usize| self.fixed.iter().any(|f| f.inserted && f.top == g);
        if inflow.windows(2).any(|w| w[0] >= w[1])
            || inflow
                .iter()
                .any(|&g| g > self.n() || anchored(g) || !self.gap_ok(g))
        {
            return false;
        }
        let ads = self.ads(inflow);
        if !inflow.is_empty() {
            if ads.len() > self.policy.max_ads as usize {
                return false;
            }
            let all: u64 = ads.iter().map(|a| a.px).sum();
            let added: u64 = ads.iter().filter(|a| a.inserted).map(|a| a.px).sum();
            let page = (self.y[self.n()] + added).max(1);
            if all as f64 / page as f64 > self.policy.max_density.0 {
                return false;
            }
        }
        let mut upper: Option<&Ad> = None;
        for (i, ad) in ads.iter().enumerate().filter(|(_, a)| a.spacing) {
            if let Some(u) = upper {
                if (u.inflow || ad.inflow) && !self.spacing_ok(u, ad, i + 1) {
                    return false;
                }
            }
            upper = Some(ad);
        }
        true
    }
}

fn check(name: &str, article: &Article, rules: &Rules, device: &Device) -> usize {
    let plan: Plan = place(article, rules, &PlaceOptions::new().device(&device.name))
        .expect("the device exists");
    let geo = layout(article, &device.profile, Hyphenation::None);
    let c = Checker::new(article, rules, device, &geo);
    let inflow: Vec<usize> = plan
        .placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect();
    let what = format!("{name} with rules `{}` on {}", rules.name, device.name);
    assert!(
        c.valid(&inflow),
        "{what}: placements {inflow:?} break a rule"
    );
    // Every anchor whose block exists is placed.
    let anchors = plan.placements.iter().filter(|p| p.anchor).count();
    assert_eq!(
        anchors,
        c.fixed.iter().filter(|f| f.inserted).count(),
        "{what}: anchors"
    );
    // No gap could take one more ad.
    for g in 0..=c.n() {
        if inflow.contains(&g) {
            continue;
        }
        let mut more = inflow.clone();
        more.push(g);
        more.sort_unstable();
        assert!(!c.valid(&more), "{what}: gap {g} could take one more ad");
    }
    // Reported boxes and totals: each top is the article position plus the slots above it.
    let mut shift = 0;
    for p in &plan.placements {
        assert_eq!(
            p.top_px,
            c.y[p.before_block] + shift,
            "{what}: top of ad {}",
            p.ordinal
        );
        let expect = if p.anchor {
            reserved(rules, &p.slot, device)
        } else {
            c.inline_px
        };
        assert_eq!(p.height_px, expect, "{what}: height of ad {}", p.ordinal);
        assert_eq!(
            p.words_above, c.words[p.before_block],
            "{what}: words above ad {}",
            p.ordinal
        );
        shift += p.height_px;
    }
    assert_eq!(
        plan.page_height_px,
        c.y[c.n()] + shift,
        "{what}: page height"
    );
    let all: u64 = c.ads(&inflow).iter().map(|a| a.px).sum();
    let density = all as f64 / plan.page_height_px.max(1) as f64;
    assert!(
        (plan.density - density).abs() < 1e-9,
        "{what}: density {} vs {density}",
        plan.density
    );
    plan.placements.len()
}

#[test]
fn shipped_rules_hold_on_every_fixture_and_device() {
    let root = env!("CARGO_MANIFEST_DIR");
    let articles = crate::common::articles();
    assert!(articles.len() >= 79, "seed + 39 JSON + 39 HTML fixtures");
    let mut placed = 0;
    for file in ["rules/default.toml", "rules/upi.toml"] {
        let rules =
            Rules::from_path(format!("{root}/{file}").as_ref()).expect("shipped rules load");
        for device in &rules.devices {
            for (name, article) in &articles {
                placed += check(name, article, &rules, device);
            }
        }
    }
    // The fixtures are real articles: the shipped rules place plenty of ads in them.
    assert!(placed > 300, "only {placed} ads placed over all fixtures");
}
