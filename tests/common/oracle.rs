//! One oracle for every rule, written from the rule definitions (the README and the registry's
//! docs), not from adslot's code: it never calls the engine's measure, registry checks or
//! solvers. It recounts words (its own counter), paragraphs, distances, ordinals, heights and
//! totals from the article, taking only block heights and where an ad at each gap starts and
//! where the article below it resumes from the geometry estimate (tested elsewhere), finds anchor positions and applies `[[when]]` sets itself, and judges a
//! plan by each rule's definition. Its brute force tries every set of gaps.
//!
//! Its inputs are the rule values on one device as JSON keyed by rule key (the shape of
//! `adslot::rules::Policy` serialised), the anchors and `[[when]]` sets as serialised:
//! [`Values::from_json`] refuses a key it does not know, so a rule added to the registry fails
//! every test that uses the oracle until the oracle implements it, and
//! `the_oracle_knows_every_rule` says which.

mod values;

use adslot::layout::Geometry;
use adslot::rules::{Device, Rules};
use adslot::{Article, BlockKind};
use serde_json::Value;

pub use values::{count_words, Anchor, Position, Values, WhenSet};

/// The rule keys the oracle implements, each in the place named.
pub const KNOWN: &[&str] = &[
    // Limits (`Oracle::valid`).
    "max_ads",
    "max_density",
    // A gap rule on the whole article (`Oracle::gap_ok`).
    "min_words_for_ads",
    // Spacing (`Oracle::pair_ok`), escalated by `after_ads` (`Values::spacing_at`).
    "min_words_between",
    "max_words_between",
    "min_paragraphs_between",
    "max_paragraphs_between",
    "min_px_between",
    "max_px_between",
    "min_viewports_between",
    "max_viewports_between",
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
    "never_beside_regions",
    "clearance",
    // The first in-flow ad (`Oracle::first_ok`).
    "max_words_before_first",
    "max_paragraphs_before_first",
    "max_px_before_first",
    // The in-flow slots: their sizes give each in-flow ad's height (`Oracle::inflow_px`).
    "slot",
    "slots",
    // Which optimal plan (`Oracle::best`).
    "prefer",
];

// ---------------------------------------------------------------------------------------------
// A rule file on one device, as the oracle sees it.

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
    /// The device's rule values, as adslot serialises a policy.
    pub policy: Value,
    /// The conditional sets, in file order.
    pub when: Vec<WhenSet>,
    pub device: String,
    pub anchors: Vec<Anchor>,
    /// Slot name -> sizes (width, height); a slot not listed takes 300x250.
    pub sizes: Vec<(String, Vec<(u32, u32)>)>,
    pub screen: Screen,
}

impl Setup {
    /// The setup of loaded rules on one of their devices: the values, anchors and sets as
    /// adslot serialises them (data, not code), the slot sizes as loaded.
    pub fn of(rules: &Rules, device: &Device) -> Setup {
        let p = &device.profile;
        let json = |v: Value| v.as_array().cloned().unwrap_or_default();
        Setup {
            policy: serde_json::to_value(&device.policy).expect("json"),
            when: json(serde_json::to_value(&rules.when).expect("json"))
                .iter()
                .map(WhenSet::from_json)
                .collect(),
            device: device.name.clone(),
            anchors: json(serde_json::to_value(&rules.anchors).expect("json"))
                .iter()
                .map(Anchor::from_json)
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

    /// The rule values for `article`: the device's, with every set whose conditions hold
    /// replacing the values it names, in file order (a set naming `slot` but not `slots`
    /// goes back to one slot); and the names of those sets.
    pub fn values_for(&self, article: &Article) -> (Values, Vec<String>) {
        let mut policy = self.policy.as_object().expect("an object").clone();
        let words: u64 = article.blocks.iter().map(|b| count_words(&b.text)).sum();
        let mut applied = Vec::new();
        for w in self
            .when
            .iter()
            .filter(|w| w.holds(article, words, &self.device))
        {
            for (k, v) in &w.set {
                policy.insert(k.clone(), v.clone());
            }
            if w.set.contains_key("slot") && !w.set.contains_key("slots") {
                policy.insert("slots".to_string(), Value::Array(Vec::new()));
            }
            applied.push(w.name.clone());
        }
        (Values::from_json(&Value::Object(policy)), applied)
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
    /// Placed by the solver (in-flow).
    pub inflow: bool,
    /// Inserted into the article (in-flow or anchor), not already on the page.
    pub inserted: bool,
}

/// The oracle for one article on one device.
pub struct Oracle<'a> {
    pub setup: &'a Setup,
    /// The rule values for this article (the `[[when]]` sets applied).
    pub values: Values,
    /// The `[[when]]` sets applied.
    pub applied: Vec<String>,
    /// Each block's kind, the lede as `lede`.
    pub kinds: Vec<BlockKind>,
    /// Each block's region name, as the article's JSON gives it (`"region"`), if any.
    pub regions: Vec<Option<String>>,
    /// `words[g]`: words above gap `g`.
    pub words: Vec<u64>,
    /// `paragraphs[g]`: paragraphs (the lede included) above gap `g`.
    pub paragraphs: Vec<u64>,
    /// `y[g]`: where an ad at gap `g` starts in the article without ads, in whole px; `y[n]` is
    /// the article's height.
    pub y: Vec<u64>,
    /// `tops_lu[g]`: the same in LayoutUnits (1/64 px): where the article above an ad at `g`
    /// ends.
    pub tops_lu: Vec<u64>,
    /// `resumes_lu[g]`: where the article below an ad at `g` starts, in LayoutUnits of the
    /// article without ads (an ad keeps the margins around it from collapsing).
    pub resumes_lu: Vec<u64>,
    /// Anchors placed (their position is in the article), and ads already on the page.
    pub fixed: Vec<Ad>,
    /// The slots of the anchors placed, and the anchors not placed.
    pub anchor_slots: Vec<(String, usize)>,
    pub unplaced: Vec<String>,
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
        let regions = blocks
            .iter()
            .map(|b| {
                let json = serde_json::to_value(b).expect("a block is JSON");
                json.get("region")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect();
        let mut words = vec![0];
        let mut paragraphs = vec![0];
        for (i, b) in blocks.iter().enumerate() {
            words.push(words[i] + count_words(&b.text));
            let para = matches!(kinds[i], BlockKind::Paragraph | BlockKind::Lede);
            paragraphs.push(paragraphs[i] + u64::from(para));
        }
        let edges: Vec<_> = (0..=blocks.len()).map(|g| geo.slot_edges(g)).collect();
        let tops_lu: Vec<u64> = edges.iter().map(|e| e.top_lu).collect();
        let resumes_lu: Vec<u64> = edges.iter().map(|e| e.resume_lu).collect();
        let mut y: Vec<u64> = tops_lu[..blocks.len()]
            .iter()
            .map(|&lu| (lu + 32) / 64)
            .collect();
        y.push(geo.height_px);
        let (values, applied) = setup.values_for(article);
        let mut fixed = Vec::new();
        let mut anchor_slots: Vec<(String, usize)> = Vec::new();
        let mut unplaced = Vec::new();
        for a in &setup.anchors {
            let gap = anchor_gap(&kinds, &a.at)
                .filter(|_| words[kinds.len()] >= a.min_words)
                .filter(|g| !anchor_slots.iter().any(|(_, at)| at == g));
            match gap {
                Some(at) => {
                    anchor_slots.push((a.slot.clone(), at));
                    fixed.push(Ad {
                        top: at,
                        bottom: at,
                        spacing: a.spacing,
                        px: setup.reserved(&a.slot),
                        inflow: false,
                        inserted: true,
                    });
                }
                None => unplaced.push(a.slot.clone()),
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
            values,
            applied,
            kinds,
            regions,
            words,
            paragraphs,
            y,
            tops_lu,
            resumes_lu,
            fixed,
            anchor_slots,
            unplaced,
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

    /// From where an ad at `a` ends to where one at `b` starts, whole px rounded down.
    fn px(&self, a: usize, b: usize) -> u64 {
        self.tops_lu[b].saturating_sub(self.resumes_lu[a]) / 64
    }

    /// The height of the `k`-th in-flow ad (from 1): its slot in the sequence.
    pub fn inflow_px(&self, k: usize) -> u64 {
        self.setup.reserved(self.values.slot_of(k))
    }

    /// Whether an anchor takes gap `g`.
    pub fn anchored(&self, g: usize) -> bool {
        self.fixed.iter().any(|f| f.inserted && f.top == g)
    }

    /// Every gap rule, by its definition: `Err` names the first rule that refuses.
    pub fn gap_ok(&self, g: usize) -> Result<(), &'static str> {
        let (v, n) = (&self.values, self.n());
        let checks = [
            (self.words(0, n) >= v.min_words_for_ads, "min_words_for_ads"),
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
            (
                !self.in_listed_region(g.checked_sub(1)) && !self.in_listed_region(Some(g)),
                "never_beside_regions",
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

    /// Whether block `i` (the one above or below a gap; `None` or past the end: no block) is
    /// in a region `never_beside_regions` names.
    fn in_listed_region(&self, i: Option<usize>) -> bool {
        i.and_then(|i| self.regions.get(i))
            .and_then(Option::as_ref)
            .is_some_and(|r| self.values.never_beside_regions.contains(r))
    }

    /// The rules on the first in-flow ad, at gap `g`.
    pub fn first_ok(&self, g: usize) -> Result<(), &'static str> {
        let v = &self.values;
        let within = |got: u64, max: Option<u64>| max.is_none_or(|m| got <= m);
        if !within(self.words(0, g), v.max_words_before_first) {
            return Err("max_words_before_first");
        }
        if !within(self.paragraphs(0, g), v.max_paragraphs_before_first) {
            return Err("max_paragraphs_before_first");
        }
        if !within(self.px(0, g), v.max_px_before_first) {
            return Err("max_px_before_first");
        }
        Ok(())
    }

    /// The spacing rules between two consecutive ads, the lower one at `ordinal`: the
    /// minimums, and the maximums when `max` (the pair lies between the first and the last
    /// in-flow ad).
    fn pair_ok(
        &self,
        upper: &Ad,
        lower: &Ad,
        ordinal: usize,
        max: bool,
    ) -> Result<(), &'static str> {
        let s = self.values.spacing_at(ordinal);
        let (a, b) = (upper.bottom, lower.top);
        let vp = self.setup.screen.viewport_px as f64;
        let viewports_px = (s.viewports * vp).ceil() as u64;
        let min = upper.inflow || lower.inflow;
        let under = |got: u64, most: Option<u64>| !max || most.is_none_or(|m| got <= m);
        let checks = [
            (!min || self.words(a, b) >= s.words, "min_words_between"),
            (
                !min || self.paragraphs(a, b) >= s.paragraphs,
                "min_paragraphs_between",
            ),
            (!min || self.px(a, b) >= s.px, "min_px_between"),
            (
                !min || self.px(a, b) >= viewports_px,
                "min_viewports_between",
            ),
            (under(self.words(a, b), s.max_words), "max_words_between"),
            (
                under(self.paragraphs(a, b), s.max_paragraphs),
                "max_paragraphs_between",
            ),
            (under(self.px(a, b), s.max_px), "max_px_between"),
            (
                !max || s
                    .max_viewports
                    .is_none_or(|m| self.px(a, b) as f64 <= m * vp),
                "max_viewports_between",
            ),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some((_, rule)) => Err(rule),
            None => Ok(()),
        }
    }

    /// The ads of the plan with in-flow ads at `inflow`, in page order (at one gap, an inserted
    /// ad stands above an ad block starting there), the k-th in-flow ad with its slot's height.
    pub fn ads(&self, inflow: &[usize]) -> Vec<Ad> {
        let mut ads = self.fixed.clone();
        ads.extend(inflow.iter().enumerate().map(|(i, &g)| Ad {
            top: g,
            bottom: g,
            spacing: true,
            px: self.inflow_px(i + 1),
            inflow: true,
            inserted: true,
        }));
        ads.sort_by_key(|a| (a.top, !a.inserted));
        ads
    }

    /// Whether in-flow ads at `inflow` (increasing) make a valid plan with the fixed ads;
    /// `Err` says what breaks.
    pub fn valid(&self, inflow: &[usize]) -> Result<(), String> {
        let v = &self.values;
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
        if let Some(&g) = inflow.first() {
            self.first_ok(g)
                .map_err(|r| format!("first ad at gap {g}: {r}"))?;
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
        let first = ads.iter().position(|a| a.inflow);
        let last = ads.iter().rposition(|a| a.inflow);
        let mut upper: Option<(usize, &Ad)> = None;
        for (i, ad) in ads.iter().enumerate().filter(|(_, a)| a.spacing) {
            if let Some((j, u)) = upper {
                let inside = first.is_some_and(|f| f <= j) && last.is_some_and(|l| i <= l);
                self.pair_ok(u, ad, i + 1, inside)
                    .map_err(|r| format!("ads at gaps {} and {}: {r}", u.top, ad.top))?;
            }
            upper = Some((i, ad));
        }
        Ok(())
    }

    /// The smallest spacing of a valid plan, as `prefer = "even"` defines it: over consecutive
    /// ads that count for spacing with an in-flow one, in px when a px spacing value is set,
    /// else in words; `u64::MAX` when there is no such pair.
    pub fn smallest_spacing(&self, inflow: &[usize]) -> u64 {
        let px = self.values.spaces_by_px();
        let ads = self.ads(inflow);
        let counting: Vec<&Ad> = ads.iter().filter(|a| a.spacing).collect();
        counting
            .windows(2)
            .filter(|w| w[0].inflow || w[1].inflow)
            .map(|w| {
                if px {
                    self.px(w[0].bottom, w[1].top)
                } else {
                    self.words(w[0].bottom, w[1].top)
                }
            })
            .min()
            .unwrap_or(u64::MAX)
    }

    /// Brute force: the most in-flow ads, and among the valid sets of that size the
    /// lexicographically first (`earliest`) or the first of those with the largest smallest
    /// spacing (`even`).
    pub fn best(&self) -> (usize, Vec<usize>) {
        let candidates: Vec<usize> = (0..=self.n())
            .filter(|&g| !self.anchored(g) && self.gap_ok(g).is_ok())
            .collect();
        let most = candidates
            .len()
            .min(self.values.max_ads.saturating_sub(self.fixed.len()));
        for k in (1..=most).rev() {
            let mut found: Option<(u64, Vec<usize>)> = None;
            combinations(&candidates, k, &mut Vec::new(), 0, &mut |set| {
                if self.valid(set).is_err() {
                    return false;
                }
                if !self.values.even {
                    found = Some((0, set.to_vec()));
                    return true;
                }
                let spread = self.smallest_spacing(set);
                if found.as_ref().is_none_or(|(best, _)| spread > *best) {
                    found = Some((spread, set.to_vec()));
                }
                false
            });
            if let Some((_, set)) = found {
                return (k, set);
            }
        }
        (0, Vec::new())
    }
}

/// The gap of an anchor's position, by its definition.
fn anchor_gap(kinds: &[BlockKind], at: &Position) -> Option<usize> {
    let nth = |found: Vec<usize>, n: i64| -> Option<usize> {
        let i = if n > 0 { n - 1 } else { found.len() as i64 + n };
        usize::try_from(i).ok().and_then(|i| found.get(i).copied())
    };
    match *at {
        Position::Before(kind, n) => {
            nth((0..kinds.len()).filter(|&i| kinds[i] == kind).collect(), n)
        }
        Position::AfterParagraph(n) => {
            let paragraphs = (0..kinds.len())
                .filter(|&i| matches!(kinds[i], BlockKind::Paragraph | BlockKind::Lede))
                .collect();
            nth(paragraphs, n).map(|i| i + 1)
        }
        Position::End => (!kinds.is_empty()).then_some(kinds.len()),
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

#[cfg(test)]
mod tests;
