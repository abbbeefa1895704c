//! The oracle's reading of rule values, anchors and `[[when]]` sets from JSON (the shapes
//! adslot serialises them in: data, not code), each key checked off so that an unknown one
//! fails loudly; and its own word counter.

use adslot::BlockKind;
use serde_json::{Map, Value};

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
// JSON helpers.

pub fn take(map: &mut Map<String, Value>, key: &str) -> Value {
    map.remove(key)
        .unwrap_or_else(|| panic!("rule values without `{key}`"))
}

pub fn uint(v: &Value, key: &str) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("`{key}` is not a count: {v}"))
}

fn float(v: &Value, key: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number: {v}"))
}

/// An optional bound: `null` is "not set".
fn opt_uint(v: &Value, key: &str) -> Option<u64> {
    (!v.is_null()).then(|| uint(v, key))
}

fn opt_float(v: &Value, key: &str) -> Option<f64> {
    (!v.is_null()).then(|| float(v, key))
}

pub fn kind(v: &Value) -> BlockKind {
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

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("`{key}` is not a list"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn done(map: &Map<String, Value>, what: &str) {
    assert!(
        map.is_empty(),
        "the oracle does not know the {what} {:?}: implement them in tests/common/oracle",
        map.keys().collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// Rule values.

/// The spacing values in force for one ad: minimums, and maximums (`None`: not set).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    pub words: u64,
    pub paragraphs: u64,
    pub px: u64,
    pub viewports: f64,
    pub max_words: Option<u64>,
    pub max_paragraphs: Option<u64>,
    pub max_px: Option<u64>,
    pub max_viewports: Option<f64>,
}

/// One `after_ads` step: from the `count`-th ad on, the values it names.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    count: usize,
    words: Option<u64>,
    paragraphs: Option<u64>,
    px: Option<u64>,
    viewports: Option<f64>,
    max_words: Option<u64>,
    max_paragraphs: Option<u64>,
    max_px: Option<u64>,
    max_viewports: Option<f64>,
}

/// The rule values on one device for one article, in the oracle's own types.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    pub max_ads: usize,
    pub max_density: f64,
    pub min_words_for_ads: u64,
    pub spacing: Spacing,
    steps: Vec<Step>,
    pub words_before_first: u64,
    pub paragraphs_before_first: u64,
    pub words_after_last: u64,
    pub paragraphs_after_last: u64,
    pub px_from_top: u64,
    pub px_from_bottom: u64,
    pub max_words_before_first: Option<u64>,
    pub max_paragraphs_before_first: Option<u64>,
    pub max_px_before_first: Option<u64>,
    pub never_after: Vec<BlockKind>,
    pub never_before: Vec<BlockKind>,
    /// Region names no in-flow ad stands directly above or below.
    pub never_beside_regions: Vec<String>,
    /// (kind, above_px, below_px)
    pub clearance: Vec<(BlockKind, u64, u64)>,
    pub slot: String,
    pub slots: Vec<String>,
    /// `prefer = "even"`.
    pub even: bool,
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
        let min_words_for_ads = u("min_words_for_ads");
        let words_between = u("min_words_between");
        let paragraphs_between = u("min_paragraphs_between");
        let px_between = u("min_px_between");
        let words_before_first = u("min_words_before_first");
        let paragraphs_before_first = u("min_paragraphs_before_first");
        let words_after_last = u("min_words_after_last");
        let paragraphs_after_last = u("min_paragraphs_after_last");
        let px_from_top = u("min_px_from_top");
        let px_from_bottom = u("min_px_from_bottom");
        let mut ou = |key: &str| opt_uint(&take(&mut map, key), key);
        let max_words = ou("max_words_between");
        let max_paragraphs = ou("max_paragraphs_between");
        let max_px = ou("max_px_between");
        let max_words_before_first = ou("max_words_before_first");
        let max_paragraphs_before_first = ou("max_paragraphs_before_first");
        let max_px_before_first = ou("max_px_before_first");
        let max_viewports = opt_float(
            &take(&mut map, "max_viewports_between"),
            "max_viewports_between",
        );
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
                    max_words: opt("max_words_between").map(|v| uint(&v, "max_words_between")),
                    max_paragraphs: opt("max_paragraphs_between")
                        .map(|v| uint(&v, "max_paragraphs_between")),
                    max_px: opt("max_px_between").map(|v| uint(&v, "max_px_between")),
                    max_viewports: opt("max_viewports_between")
                        .map(|v| float(&v, "max_viewports_between")),
                };
                done(&s, "after_ads keys");
                step
            })
            .collect();
        let never_after = kinds(&take(&mut map, "never_after"), "never_after");
        let never_before = kinds(&take(&mut map, "never_before"), "never_before");
        let never_beside_regions = strings(
            &take(&mut map, "never_beside_regions"),
            "never_beside_regions",
        );
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
        let slots = strings(&take(&mut map, "slots"), "slots");
        let even = match take(&mut map, "prefer").as_str() {
            Some("earliest") => false,
            Some("even") => true,
            other => panic!("the oracle does not know prefer = {other:?}"),
        };
        done(&map, "rules");
        Values {
            max_ads,
            max_density,
            min_words_for_ads,
            spacing: Spacing {
                words: words_between,
                paragraphs: paragraphs_between,
                px: px_between,
                viewports,
                max_words,
                max_paragraphs,
                max_px,
                max_viewports,
            },
            steps,
            words_before_first,
            paragraphs_before_first,
            words_after_last,
            paragraphs_after_last,
            px_from_top,
            px_from_bottom,
            max_words_before_first,
            max_paragraphs_before_first,
            max_px_before_first,
            never_after,
            never_before,
            never_beside_regions,
            clearance,
            slot,
            slots,
            even,
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
            s.max_words = step.max_words.or(s.max_words);
            s.max_paragraphs = step.max_paragraphs.or(s.max_paragraphs);
            s.max_px = step.max_px.or(s.max_px);
            s.max_viewports = step.max_viewports.or(s.max_viewports);
        }
        s
    }

    /// Whether any spacing value in px is set (for `even`'s unit): in the values or a step.
    pub fn spaces_by_px(&self) -> bool {
        let px = |s: &Spacing| {
            s.px > 0 || s.viewports > 0.0 || s.max_px.is_some() || s.max_viewports.is_some()
        };
        px(&self.spacing)
            || self.steps.iter().any(|e| {
                e.px.is_some_and(|v| v > 0)
                    || e.viewports.is_some_and(|v| v > 0.0)
                    || e.max_px.is_some()
                    || e.max_viewports.is_some()
            })
    }

    /// The slot of the `k`-th in-flow ad (from 1).
    pub fn slot_of(&self, k: usize) -> &str {
        if self.slots.is_empty() {
            &self.slot
        } else {
            &self.slots[k.min(self.slots.len()) - 1]
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Anchors and conditional sets.

/// Where an anchor goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Position {
    /// Before the `nth` block of a kind (negative: from the end).
    Before(BlockKind, i64),
    /// After the `n`-th paragraph (negative: from the end).
    AfterParagraph(i64),
    /// After the last block.
    End,
}

/// An anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub at: Position,
    pub slot: String,
    pub spacing: bool,
    pub min_words: u64,
}

impl Anchor {
    /// Reads one anchor as adslot serialises it.
    pub fn from_json(v: &Value) -> Anchor {
        let mut map = v.as_object().expect("an anchor").clone();
        let slot = take(&mut map, "slot").as_str().expect("slot").to_string();
        let spacing = take(&mut map, "spacing").as_bool().expect("spacing");
        let min_words = map.remove("min_words").map_or(0, |v| uint(&v, "min_words"));
        let at = if let Some(k) = map.remove("before") {
            let nth = map.remove("nth").map_or(1, |v| v.as_i64().expect("nth"));
            Position::Before(kind(&k), nth)
        } else if let Some(n) = map.remove("after_paragraph") {
            Position::AfterParagraph(n.as_i64().expect("after_paragraph"))
        } else {
            assert_eq!(take(&mut map, "at"), "end", "an anchor's position");
            Position::End
        };
        done(&map, "anchor keys");
        Anchor {
            at,
            slot,
            spacing,
            min_words,
        }
    }
}

/// A `[[when]]` set: its conditions, and the rule values it replaces (JSON, keyed by rule).
#[derive(Clone, Debug, PartialEq)]
pub struct WhenSet {
    pub name: String,
    pub section: Vec<String>,
    pub tags_any: Vec<String>,
    pub tags_all: Vec<String>,
    pub kind: Vec<String>,
    pub min_words: Option<u64>,
    pub max_words: Option<u64>,
    pub device: Vec<String>,
    pub set: Map<String, Value>,
}

impl WhenSet {
    /// Reads one set as adslot serialises it.
    pub fn from_json(v: &Value) -> WhenSet {
        let mut map = v.as_object().expect("a when set").clone();
        let mut list = |key: &str| map.remove(key).map_or(Vec::new(), |v| strings(&v, key));
        let (section, tags_any, tags_all, kind, device) = (
            list("section"),
            list("tags_any"),
            list("tags_all"),
            list("type"),
            list("device"),
        );
        let w = WhenSet {
            name: take(&mut map, "name").as_str().expect("name").to_string(),
            section,
            tags_any,
            tags_all,
            kind,
            device,
            min_words: map.remove("min_words").map(|v| uint(&v, "min_words")),
            max_words: map.remove("max_words").map(|v| uint(&v, "max_words")),
            set: take(&mut map, "set").as_object().expect("set").clone(),
        };
        done(&map, "[[when]] keys");
        w
    }

    /// Whether every condition holds for an article on `device`.
    pub fn holds(&self, article: &adslot::Article, words: u64, device: &str) -> bool {
        let norm = |s: &str| s.trim().to_lowercase();
        let among = |v: Option<&str>, list: &[String]| {
            list.is_empty() || v.is_some_and(|v| list.iter().any(|w| norm(w) == norm(v)))
        };
        let tagged = |t: &String| article.tags.iter().any(|a| norm(a) == norm(t));
        among(Some(device), &self.device)
            && among(article.section.as_deref(), &self.section)
            && among(article.kind.as_deref(), &self.kind)
            && (self.tags_any.is_empty() || self.tags_any.iter().any(tagged))
            && self.tags_all.iter().all(tagged)
            && self.min_words.is_none_or(|n| words >= n)
            && self.max_words.is_none_or(|n| words <= n)
    }
}
