//! One oracle for every rule, written from the rule definitions (the README and the registry's
//! docs), not from adslot's code: it never calls the engine's measure, registry checks or
//! sweep. It recounts words (its own counter), paragraphs, distances, ordinals, heights and
//! totals from the article, taking only block tops and heights from the geometry estimate
//! (tested elsewhere), and judges a plan by each rule's definition.
//!
//! Its inputs are the rule values on one device as JSON keyed by rule key (the shape of
//! `adslot::rules::Policy` serialised): [`Values::from_json`] refuses a key it does not
//! know, so a rule added to the registry fails every test that uses the oracle until the
//! oracle implements it, and `the_oracle_knows_every_rule` says which.

use adslot::layout::Geometry;
use adslot::rules::{Device, Rules};
use adslot::{Article, BlockKind};
use serde_json::{Map, Value};

/// The rule keys the oracle implements, each in the place named.
pub const KNOWN: &[&str] = &[
    // Limits (`Oracle::valid`).
    "max_ads",
    "max_density",
    // Spacing (`Oracle::spacing_ok`), escalated by `after_ads` (`Values::spacing_at`).
    "min_words_between",
    "min_paragraphs_between",
    "min_px_between",
    "min_viewports_between",
    "after_ads",
    // Gap rules (`Oracle::gap_ok`).
    "min_words_before_first",
    "min_paragraphs_before_first",
    "min_words_after_last",
    "min_paragraphs_after_last",
    "min_px_from_top",
    "min_px_from_bottom",
    "never_after",
    "never_before",
    "clearance",
    // The in-flow slot: its sizes give the in-flow height (`Oracle::new`).
    "slot",
];

// ---------------------------------------------------------------------------------------------
// Words, from the definition: a word is a run of non-space characters with a letter or digit;
// every CJK character is a word of its own and splits the run.

fn cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF)
}

/// Words in `text`.
pub fn count_words(text: &str) -> u64 {
    text.split(char::is_whitespace)
        .map(|token| {
            let cjk_chars = token.chars().filter(|&c| cjk(c)).count() as u64;
            let runs = token
                .split(cjk)
                .filter(|run| run.chars().any(char::is_alphanumeric))
                .count() as u64;
            cjk_chars + runs
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// Rule values.

/// The spacing values in force for one ad.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    pub words: u64,
    pub paragraphs: u64,
    pub px: u64,
    pub viewports: f64,
}

/// One `after_ads` step: from the `count`-th ad on, the values it names.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    count: usize,
    words: Option<u64>,
    paragraphs: Option<u64>,
    px: Option<u64>,
    viewports: Option<f64>,
}

/// The rule values on one device, in the oracle's own types.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    max_ads: usize,
    max_density: f64,
    spacing: Spacing,
    steps: Vec<Step>,
    words_before_first: u64,
    paragraphs_before_first: u64,
    words_after_last: u64,
    paragraphs_after_last: u64,
    px_from_top: u64,
    px_from_bottom: u64,
    never_after: Vec<BlockKind>,
    never_before: Vec<BlockKind>,
    /// (kind, above_px, below_px)
    clearance: Vec<(BlockKind, u64, u64)>,
    slot: String,
}

fn take(map: &mut Map<String, Value>, key: &str) -> Value {
    map.remove(key)
        .unwrap_or_else(|| panic!("rule values without `{key}`"))
}

fn uint(v: &Value, key: &str) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("`{key}` is not a count: {v}"))
}

fn float(v: &Value, key: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number: {v}"))
}

fn kind(v: &Value) -> BlockKind {
    let name = v.as_str().expect("a kind name");
    BlockKind::parse(name).unwrap_or_else(|_| panic!("unknown kind {name}"))
}

fn kinds(v: &Value, key: &str) -> Vec<BlockKind> {
    v.as_array()
        .unwrap_or_else(|| panic!("`{key}` is not a list"))
        .iter()
        .map(kind)
        .collect()
}

impl Values {
    /// Reads rule values keyed by rule key; panics on a missing key, and on a key the oracle
    /// does not implement (a new rule).
    pub fn from_json(values: &Value) -> Values {
        let mut map = values
            .as_object()
            .expect("rule values are an object")
            .clone();
        let mut u = |key: &str| uint(&take(&mut map, key), key);
        let max_ads = u("max_ads") as usize;
        let words_between = u("min_words_between");
        let paragraphs_between = u("min_paragraphs_between");
        let px_between = u("min_px_between");
        let words_before_first = u("min_words_before_first");
        let paragraphs_before_first = u("min_paragraphs_before_first");
        let words_after_last = u("min_words_after_last");
        let paragraphs_after_last = u("min_paragraphs_after_last");
        let px_from_top = u("min_px_from_top");
        let px_from_bottom = u("min_px_from_bottom");
        let max_density = float(&take(&mut map, "max_density"), "max_density");
        let viewports = float(
            &take(&mut map, "min_viewports_between"),
            "min_viewports_between",
        );
        let steps = take(&mut map, "after_ads")
            .as_array()
            .expect("after_ads is a list")
            .iter()
            .map(|s| {
                let mut s = s.as_object().expect("an after_ads step").clone();
                let count = uint(&take(&mut s, "count"), "count") as usize;
                let mut opt = |key: &str| s.remove(key);
                let step = Step {
                    count,
                    words: opt("min_words_between").map(|v| uint(&v, "min_words_between")),
                    paragraphs: opt("min_paragraphs_between")
                        .map(|v| uint(&v, "min_paragraphs_between")),
                    px: opt("min_px_between").map(|v| uint(&v, "min_px_between")),
                    viewports: opt("min_viewports_between")
                        .map(|v| float(&v, "min_viewports_between")),
                };
                assert!(
                    s.is_empty(),
                    "the oracle does not know how after_ads escalates {:?}",
                    s.keys().collect::<Vec<_>>()
                );
                step
            })
            .collect();
        let never_after = kinds(&take(&mut map, "never_after"), "never_after");
        let never_before = kinds(&take(&mut map, "never_before"), "never_before");
        let clearance = take(&mut map, "clearance")
            .as_object()
            .expect("clearance is an object")
            .iter()
            .map(|(k, c)| {
                let k = BlockKind::parse(k).expect("a kind");
                (
                    k,
                    uint(&c["above_px"], "above_px"),
                    uint(&c["below_px"], "below_px"),
                )
            })
            .collect();
        let slot = take(&mut map, "slot")
            .as_str()
            .expect("slot is a name")
            .to_string();
        assert!(
            map.is_empty(),
            "the oracle does not know the rules {:?}: implement them in tests/common/oracle.rs",
            map.keys().collect::<Vec<_>>()
        );
        Values {
            max_ads,
            max_density,
            spacing: Spacing {
                words: words_between,
                paragraphs: paragraphs_between,
                px: px_between,
                viewports,
            },
            steps,
            words_before_first,
            paragraphs_before_first,
            words_after_last,
            paragraphs_after_last,
            px_from_top,
            px_from_bottom,
            never_after,
            never_before,
            clearance,
            slot,
        }
    }

    /// The spacing in force for the ad at 1-based `ordinal`: every step with a count up to the
    /// ordinal replaces the values it names, in order.
    pub fn spacing_at(&self, ordinal: usize) -> Spacing {
        let mut s = self.spacing;
        for step in self.steps.iter().filter(|e| e.count <= ordinal) {
            s.words = step.words.unwrap_or(s.words);
            s.paragraphs = step.paragraphs.unwrap_or(s.paragraphs);
            s.px = step.px.unwrap_or(s.px);
            s.viewports = step.viewports.unwrap_or(s.viewports);
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------
// A rule file on one device, as the oracle sees it.

/// An anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub before: BlockKind,
    pub slot: String,
    pub spacing: bool,
}

/// The device numbers the oracle needs: the column (which sizes fit), the ad label and margins
/// (what an ad reserves), the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    pub content_width_px: f64,
    pub ad_label_px: f64,
    pub ad_margin_px: f64,
    pub viewport_px: u64,
}

/// Everything the oracle judges by.
#[derive(Clone, Debug)]
pub struct Setup {
    pub values: Values,
    pub anchors: Vec<Anchor>,
    /// Slot name -> sizes (width, height); a slot not listed takes 300x250.
    pub sizes: Vec<(String, Vec<(u32, u32)>)>,
    pub screen: Screen,
}

impl Setup {
    /// The setup of loaded rules on one of their devices: the values as adslot serialises its
    /// policy (data, not code), the anchors and slot sizes as loaded.
    pub fn of(rules: &Rules, device: &Device) -> Setup {
        let p = &device.profile;
        Setup {
            values: Values::from_json(&serde_json::to_value(&device.policy).expect("json")),
            anchors: rules
                .anchors
                .iter()
                .map(|a| Anchor {
                    before: a.before,
                    slot: a.slot.clone(),
                    spacing: a.spacing,
                })
                .collect(),
            sizes: rules
                .slots
                .iter()
                .map(|s| {
                    let sizes = s.sizes.iter().map(|z| (z.width, z.height)).collect();
                    (s.name.clone(), sizes)
                })
                .collect(),
            screen: Screen {
                content_width_px: p.content_width_px,
                ad_label_px: p.ad_label_px,
                ad_margin_px: p.ad_margin_px,
                viewport_px: p.viewport_height_px.round() as u64,
            },
        }
    }

    /// The height an ad of `slot` reserves: its tallest size within the column (else its
    /// narrowest), plus the label and both margins, rounded.
    pub fn reserved(&self, slot: &str) -> u64 {
        let default = vec![(300, 250)];
        let sizes = self
            .sizes
            .iter()
            .find(|(name, _)| name == slot)
            .map_or(&default, |(_, s)| s);
        let s = self.screen;
        let h = sizes
            .iter()
            .filter(|(w, _)| f64::from(*w) <= s.content_width_px)
            .map(|&(_, h)| h)
            .max()
            .or_else(|| sizes.iter().min_by_key(|(w, _)| *w).map(|&(_, h)| h))
            .unwrap_or(0);
        (f64::from(h) + s.ad_label_px + 2.0 * s.ad_margin_px).round() as u64
    }
}

/// An ad in a plan, as the oracle places it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ad {
    /// The gap where it starts.
    pub top: usize,
    /// The gap where it ends (`top`, or `top + 1` for an ad block).
    pub bottom: usize,
    pub spacing: bool,
    pub px: u64,
    /// Placed by the sweep (in-flow).
    pub inflow: bool,
    /// Inserted into the article (in-flow or anchor), not already on the page.
    pub inserted: bool,
}

/// The oracle for one article on one device.
pub struct Oracle<'a> {
    pub setup: &'a Setup,
    /// Each block's kind, the lede as `lede`.
    pub kinds: Vec<BlockKind>,
    /// `words[g]`: words above gap `g`.
    pub words: Vec<u64>,
    paragraphs: Vec<u64>,
    /// `y[g]`: the top of gap `g` in the article without ads.
    pub y: Vec<u64>,
    /// Anchors whose block is there, and ads already on the page.
    pub fixed: Vec<Ad>,
    /// The height of an in-flow ad.
    pub inline_px: u64,
}

impl<'a> Oracle<'a> {
    pub fn new(article: &Article, geo: &Geometry, setup: &'a Setup) -> Oracle<'a> {
        let blocks = &article.blocks;
        let lede = blocks
            .iter()
            .position(|b| b.kind == BlockKind::Lede)
            .or_else(|| blocks.iter().position(|b| b.kind == BlockKind::Paragraph));
        let kinds: Vec<BlockKind> = (0..blocks.len())
            .map(|i| {
                if Some(i) == lede {
                    BlockKind::Lede
                } else {
                    blocks[i].kind
                }
            })
            .collect();
        let mut words = vec![0];
        let mut paragraphs = vec![0];
        for (i, b) in blocks.iter().enumerate() {
            words.push(words[i] + count_words(&b.text));
            let para = matches!(kinds[i], BlockKind::Paragraph | BlockKind::Lede);
            paragraphs.push(paragraphs[i] + u64::from(para));
        }
        let mut y: Vec<u64> = geo.blocks.iter().map(|b| b.top_px).collect();
        y.push(geo.height_px);
        let mut fixed = Vec::new();
        for a in &setup.anchors {
            if let Some(at) = kinds.iter().position(|&k| k == a.before) {
                fixed.push(Ad {
                    top: at,
                    bottom: at,
                    spacing: a.spacing,
                    px: setup.reserved(&a.slot),
                    inflow: false,
                    inserted: true,
                });
            }
        }
        for (j, b) in blocks.iter().enumerate() {
            if b.kind == BlockKind::Ad {
                fixed.push(Ad {
                    top: j,
                    bottom: j + 1,
                    spacing: true,
                    px: geo.blocks[j].height_px,
                    inflow: false,
                    inserted: false,
                });
            }
        }
        Oracle {
            setup,
            kinds,
            words,
            paragraphs,
            y,
            fixed,
            inline_px: setup.reserved(&setup.values.slot),
        }
    }

    /// Number of blocks (the last gap).
    pub fn n(&self) -> usize {
        self.kinds.len()
    }

    fn words(&self, a: usize, b: usize) -> u64 {
        self.words[b] - self.words[a]
    }

    fn paragraphs(&self, a: usize, b: usize) -> u64 {
        self.paragraphs[b] - self.paragraphs[a]
    }

    fn px(&self, a: usize, b: usize) -> u64 {
        self.y[b] - self.y[a]
    }

    /// Whether an anchor takes gap `g`.
    pub fn anchored(&self, g: usize) -> bool {
        self.fixed.iter().any(|f| f.inserted && f.top == g)
    }

    /// Every gap rule, by its definition: `Err` names the first rule that refuses.
    pub fn gap_ok(&self, g: usize) -> Result<(), &'static str> {
        let (v, n) = (&self.setup.values, self.n());
        let checks = [
            (
                self.words(0, g) >= v.words_before_first,
                "min_words_before_first",
            ),
            (
                self.paragraphs(0, g) >= v.paragraphs_before_first,
                "min_paragraphs_before_first",
            ),
            (
                self.words(g, n) >= v.words_after_last,
                "min_words_after_last",
            ),
            (
                self.paragraphs(g, n) >= v.paragraphs_after_last,
                "min_paragraphs_after_last",
            ),
            (self.px(0, g) >= v.px_from_top, "min_px_from_top"),
            (self.px(g, n) >= v.px_from_bottom, "min_px_from_bottom"),
            (
                g == 0 || !v.never_after.contains(&self.kinds[g - 1]),
                "never_after",
            ),
            (
                g == n || !v.never_before.contains(&self.kinds[g]),
                "never_before",
            ),
        ];
        if let Some((_, rule)) = checks.iter().find(|(ok, _)| !ok) {
            return Err(rule);
        }
        for &(kind, above, below) in &v.clearance {
            for j in (0..n).filter(|&j| self.kinds[j] == kind) {
                if (j >= g && self.px(g, j) < above) || (j < g && self.px(j + 1, g) < below) {
                    return Err("clearance");
                }
            }
        }
        Ok(())
    }

    /// Every spacing rule between two consecutive ads, the lower one at `ordinal`.
    fn spacing_ok(&self, upper: &Ad, lower: &Ad, ordinal: usize) -> Result<(), &'static str> {
        let s = self.setup.values.spacing_at(ordinal);
        let (a, b) = (upper.bottom, lower.top);
        let viewports_px = (s.viewports * self.setup.screen.viewport_px as f64).ceil() as u64;
        let checks = [
            (self.words(a, b) >= s.words, "min_words_between"),
            (
                self.paragraphs(a, b) >= s.paragraphs,
                "min_paragraphs_between",
            ),
            (self.px(a, b) >= s.px, "min_px_between"),
            (self.px(a, b) >= viewports_px, "min_viewports_between"),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some((_, rule)) => Err(rule),
            None => Ok(()),
        }
    }

    /// The ads of the plan with in-flow ads at `inflow`, in page order (at one gap, an inserted
    /// ad stands above an ad block starting there).
    pub fn ads(&self, inflow: &[usize]) -> Vec<Ad> {
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

    /// Whether in-flow ads at `inflow` (increasing) make a valid plan with the fixed ads;
    /// `Err` says what breaks.
    pub fn valid(&self, inflow: &[usize]) -> Result<(), String> {
        let v = &self.setup.values;
        if inflow.windows(2).any(|w| w[0] >= w[1]) {
            return Err("gaps not increasing".into());
        }
        for &g in inflow {
            if g > self.n() {
                return Err(format!("gap {g} is past the end"));
            }
            if self.anchored(g) {
                return Err(format!("gap {g} holds an anchor"));
            }
            self.gap_ok(g).map_err(|r| format!("gap {g}: {r}"))?;
        }
        let ads = self.ads(inflow);
        if !inflow.is_empty() {
            if ads.len() > v.max_ads {
                return Err("max_ads".into());
            }
            let all: u64 = ads.iter().map(|a| a.px).sum();
            let added: u64 = ads.iter().filter(|a| a.inserted).map(|a| a.px).sum();
            let page = (self.y[self.n()] + added).max(1);
            if all as f64 / page as f64 > v.max_density {
                return Err("max_density".into());
            }
        }
        let mut upper: Option<&Ad> = None;
        for (i, ad) in ads.iter().enumerate().filter(|(_, a)| a.spacing) {
            if let Some(u) = upper {
                if u.inflow || ad.inflow {
                    self.spacing_ok(u, ad, i + 1)
                        .map_err(|r| format!("ads at gaps {} and {}: {r}", u.top, ad.top))?;
                }
            }
            upper = Some(ad);
        }
        Ok(())
    }

    /// Brute force: the most in-flow ads, and the lexicographically first such gap set.
    pub fn best(&self) -> (usize, Vec<usize>) {
        let candidates: Vec<usize> = (0..=self.n())
            .filter(|&g| !self.anchored(g) && self.gap_ok(g).is_ok())
            .collect();
        let most = candidates
            .len()
            .min(self.setup.values.max_ads.saturating_sub(self.fixed.len()));
        for k in (1..=most).rev() {
            let mut found = None;
            combinations(&candidates, k, &mut Vec::new(), 0, &mut |set| {
                if self.valid(set).is_ok() {
                    found = Some(set.to_vec());
                    true
                } else {
                    false
                }
            });
            if let Some(set) = found {
                return (k, set);
            }
        }
        (0, Vec::new())
    }
}

/// Visits the `k`-subsets of `items` in lexicographic order until `visit` returns true.
fn combinations(
    items: &[usize],
    k: usize,
    chosen: &mut Vec<usize>,
    from: usize,
    visit: &mut dyn FnMut(&[usize]) -> bool,
) -> bool {
    if chosen.len() == k {
        return visit(chosen);
    }
    let need = k - chosen.len();
    for i in from..items.len() {
        if items.len() - i < need {
            break;
        }
        chosen.push(items[i]);
        if combinations(items, k, chosen, i + 1, visit) {
            return true;
        }
        chosen.pop();
    }
    false
}

// ---------------------------------------------------------------------------------------------
// The oracle's own checks.

/// Every rule of adslot's registry is one the oracle implements, and the oracle lists no rule
/// the registry does not have: a new rule fails here (and in every oracle test) until the
/// oracle knows it.
#[test]
fn the_oracle_knows_every_rule() {
    let registry: Vec<&str> = adslot::rules::RULES.iter().map(|r| r.key).collect();
    for key in &registry {
        assert!(
            KNOWN.contains(key),
            "the oracle does not know rule `{key}`: implement it in tests/common/oracle.rs"
        );
    }
    for key in KNOWN {
        assert!(
            registry.contains(key),
            "the oracle knows `{key}`, which is no rule"
        );
    }
    // And it reads every value of a policy as adslot writes it.
    let policy = serde_json::to_value(adslot::rules::Policy::default()).expect("json");
    Values::from_json(&policy);
}

#[test]
fn the_oracle_refuses_a_rule_it_does_not_know() {
    let mut policy = serde_json::to_value(adslot::rules::Policy::default()).expect("json");
    policy["min_lines_between"] = Value::from(3);
    let refused = std::panic::catch_unwind(|| Values::from_json(&policy));
    assert!(refused.is_err());
}

#[test]
fn word_counter_agrees_with_the_documented_examples() {
    assert_eq!(count_words("Nov. 23 (UPI) -- China"), 4);
    assert_eq!(count_words("中国 wants"), 3);
    assert_eq!(count_words("abc中def"), 3);
    assert_eq!(count_words("-- — ... \"\""), 0);
    assert_eq!(count_words("ひらがな、カタカナ"), 8);
    assert_eq!(count_words("  two\twords\n"), 2);
}
