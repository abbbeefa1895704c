//! Random rule parameters drawing on every key, written out twice: as TOML (for the engine,
//! through the loader) and as rule values, anchors and sets (for the oracle directly).
//! The strategies that draw them are in `strategy.rs`.

use adslot::layout::DeviceProfile;
use adslot::{BlockKind, Rules};
use serde_json::{json, Map, Value};

use crate::common::oracle::{self, Position, Screen, Setup, WhenSet};

/// Ad sizes offered to slots (all fit the 343 px mobile column), with the height each
/// reserves on mobile (size + 20 label + 2x16 margin).
pub const SIZES: [(&str, (u32, u32), u64); 4] = [
    ("320x50", (320, 50), 102),
    ("300x250", (300, 250), 302),
    ("336x280", (336, 280), 332),
    ("300x600", (300, 600), 652),
];

/// Spacing values, each optional: what an `after_ads` step or a `[[when]]` set writes, or
/// (all given) the policy's own. Viewports in quarters.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sp {
    pub words: Option<u32>,
    pub paragraphs: Option<u32>,
    pub px: Option<u32>,
    pub viewports_q: Option<u32>,
    pub max_words: Option<u32>,
    pub max_paragraphs: Option<u32>,
    pub max_px: Option<u32>,
    pub max_viewports_q: Option<u32>,
}

impl Sp {
    /// `key = value` pairs of the values given (the minimums of the policy always).
    fn pairs(&self, all_mins: bool) -> Vec<(&'static str, Value)> {
        let q = |v: u32| Value::from(f64::from(v) / 4.0);
        let mut out = Vec::new();
        let mut min = |key, v: Option<u32>, f: &dyn Fn(u32) -> Value| match v {
            Some(v) => out.push((key, f(v))),
            None if all_mins => out.push((key, f(0))),
            None => {}
        };
        min("min_words_between", self.words, &|v| v.into());
        min("min_paragraphs_between", self.paragraphs, &|v| v.into());
        min("min_px_between", self.px, &|v| v.into());
        min("min_viewports_between", self.viewports_q, &q);
        for (key, v, quarters) in [
            ("max_words_between", self.max_words, false),
            ("max_paragraphs_between", self.max_paragraphs, false),
            ("max_px_between", self.max_px, false),
            ("max_viewports_between", self.max_viewports_q, true),
        ] {
            if let Some(v) = v {
                out.push((key, if quarters { q(v) } else { v.into() }));
            }
        }
        out
    }
}

/// One `after_ads` step.
#[derive(Clone, Debug, PartialEq)]
pub struct Esc {
    pub count: u32,
    pub set: Sp,
}

/// Where an anchor goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum At {
    Before(BlockKind, i32),
    AfterParagraph(i32),
    End,
}

/// One `[[anchor]]`, with its slot's size (an index into [`SIZES`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub at: At,
    pub spacing: bool,
    pub size: usize,
    pub min_words: u32,
}

/// One `[[when]]` set: conditions (empty: none) and the values it writes.
#[derive(Clone, Debug, PartialEq)]
pub struct When {
    pub section: Vec<&'static str>,
    pub tags_any: Vec<&'static str>,
    pub tags_all: Vec<&'static str>,
    pub kind: Vec<&'static str>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub device: Vec<&'static str>,
    pub spacing: Sp,
    pub max_ads: Option<u32>,
    pub min_words_for_ads: Option<u32>,
    pub even: Option<bool>,
    /// An in-flow slot sequence (sizes), written as `slots`; or one slot, written `slot`.
    pub slots: Option<Vec<usize>>,
}

/// A random rule file: a value for every rule (0, empty or unset is "off").
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub max_ads: u32,
    /// Hundredths.
    pub max_density_pct: u32,
    pub min_words_for_ads: u32,
    /// The policy's spacing: every minimum given.
    pub spacing: Sp,
    pub escalation: Vec<Esc>,
    pub words_before_first: u32,
    pub paragraphs_before_first: u32,
    pub words_after_last: u32,
    pub paragraphs_after_last: u32,
    pub px_from_top: u32,
    pub px_from_bottom: u32,
    pub max_words_before_first: Option<u32>,
    pub max_paragraphs_before_first: Option<u32>,
    pub max_px_before_first: Option<u32>,
    pub never_after: Vec<BlockKind>,
    pub never_before: Vec<BlockKind>,
    /// Region names (`chrome`, `related`, ...) no in-flow ad stands directly beside.
    pub never_beside_regions: Vec<&'static str>,
    /// (kind, above_px, below_px)
    pub clearance: Vec<(BlockKind, u32, u32)>,
    pub anchors: Vec<Anchor>,
    /// The in-flow slot's size (`slot = "inline"`), unless `slots` is given.
    pub inline_size: usize,
    /// The in-flow slot sequence's sizes (`slots = ["s0", "s1", ..]`); empty: one slot.
    pub slots: Vec<usize>,
    pub even: bool,
    pub when: Vec<When>,
}

fn kinds_toml(ks: &[BlockKind]) -> String {
    let names: Vec<String> = ks.iter().map(|k| format!("\"{}\"", k.name())).collect();
    format!("[{}]", names.join(", "))
}

fn strings_toml(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn value_toml(v: &Value) -> String {
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 {
                format!("{f:.1}")
            } else {
                f.to_string()
            }
        }
        other => other.to_string(),
    }
}

/// The names of a slot sequence.
fn slot_names(sizes: &[usize]) -> Vec<String> {
    (0..sizes.len()).map(|i| format!("s{i}")).collect()
}

impl Params {
    pub fn max_density(&self) -> f64 {
        f64::from(self.max_density_pct) / 100.0
    }

    /// The `[[slot]]` tables: the in-flow slot (or sequence) and each anchor's.
    fn slot_tables(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = vec![("inline".to_string(), self.inline_size)];
        out.extend(
            slot_names(&self.slots)
                .into_iter()
                .zip(self.slots.iter().copied()),
        );
        for (i, a) in self.anchors.iter().enumerate() {
            out.push((format!("a{i}"), a.size));
        }
        for (w, when) in self.when.iter().enumerate() {
            for (i, &size) in when.slots.iter().flatten().enumerate() {
                out.push((format!("w{w}s{i}"), size));
            }
        }
        out
    }

    /// The placement values of a `[[when]]` set's slot choice, as TOML lines.
    fn when_slots(w: usize, slots: &[usize]) -> String {
        let names: Vec<String> = (0..slots.len()).map(|i| format!("w{w}s{i}")).collect();
        match names.as_slice() {
            [one] => format!("slot = \"{one}\"\n"),
            _ => format!(
                "slots = {}\n",
                strings_toml(&names.iter().map(String::as_str).collect::<Vec<_>>())
            ),
        }
    }

    pub fn toml(&self) -> String {
        let esc: Vec<String> = self
            .escalation
            .iter()
            .map(|e| {
                let mut parts = vec![format!("count = {}", e.count)];
                for (k, v) in e.set.pairs(false) {
                    parts.push(format!("{k} = {}", value_toml(&v)));
                }
                format!("{{ {} }}", parts.join(", "))
            })
            .collect();
        let mut t = format!(
            "name = \"generated\"\n\
             [limits]\nmax_ads = {}\nmax_density = {}\nmin_words_for_ads = {}\n[spacing]\n",
            self.max_ads,
            self.max_density(),
            self.min_words_for_ads,
        );
        for (k, v) in self.spacing.pairs(true) {
            t += &format!("{k} = {}\n", value_toml(&v));
        }
        t += &format!(
            "after_ads = [{}]\nmin_words_before_first = {}\n\
             min_paragraphs_before_first = {}\nmin_words_after_last = {}\n\
             min_paragraphs_after_last = {}\nmin_px_from_top = {}\nmin_px_from_bottom = {}\n",
            esc.join(", "),
            self.words_before_first,
            self.paragraphs_before_first,
            self.words_after_last,
            self.paragraphs_after_last,
            self.px_from_top,
            self.px_from_bottom,
        );
        for (k, v) in [
            ("max_words_before_first", self.max_words_before_first),
            (
                "max_paragraphs_before_first",
                self.max_paragraphs_before_first,
            ),
            ("max_px_before_first", self.max_px_before_first),
        ] {
            if let Some(v) = v {
                t += &format!("{k} = {v}\n");
            }
        }
        t += &format!(
            "[placement]\nnever_after = {}\nnever_before = {}\nnever_beside_regions = {}\n\
             prefer = \"{}\"\n",
            kinds_toml(&self.never_after),
            kinds_toml(&self.never_before),
            strings_toml(&self.never_beside_regions),
            if self.even { "even" } else { "earliest" },
        );
        if self.slots.is_empty() {
            t += "slot = \"inline\"\n";
        } else {
            let names = slot_names(&self.slots);
            t += &format!(
                "slots = {}\n",
                strings_toml(&names.iter().map(String::as_str).collect::<Vec<_>>())
            );
        }
        for (k, above, below) in &self.clearance {
            t += &format!(
                "[clearance.{}]\nabove_px = {above}\nbelow_px = {below}\n",
                k.name()
            );
        }
        for (i, a) in self.anchors.iter().enumerate() {
            t += "[[anchor]]\n";
            t += &match a.at {
                At::Before(kind, nth) => format!("before = \"{}\"\nnth = {nth}\n", kind.name()),
                At::AfterParagraph(n) => format!("after_paragraph = {n}\n"),
                At::End => "at = \"end\"\n".to_string(),
            };
            t += &format!(
                "slot = \"a{i}\"\nspacing = {}\nmin_words = {}\n",
                a.spacing, a.min_words
            );
        }
        for (i, w) in self.when.iter().enumerate() {
            t += &format!("[[when]]\nname = \"w{i}\"\n");
            for (key, list) in [
                ("section", &w.section),
                ("tags_any", &w.tags_any),
                ("tags_all", &w.tags_all),
                ("type", &w.kind),
                ("device", &w.device),
            ] {
                if !list.is_empty() {
                    t += &format!("{key} = {}\n", strings_toml(list));
                }
            }
            if let Some(n) = w.min_words {
                t += &format!("min_words = {n}\n");
            }
            if let Some(n) = w.max_words {
                t += &format!("max_words = {n}\n");
            }
            if w.max_ads.is_some() || w.min_words_for_ads.is_some() {
                t += "[when.limits]\n";
                if let Some(n) = w.max_ads {
                    t += &format!("max_ads = {n}\n");
                }
                if let Some(n) = w.min_words_for_ads {
                    t += &format!("min_words_for_ads = {n}\n");
                }
            }
            let pairs = w.spacing.pairs(false);
            if !pairs.is_empty() {
                t += "[when.spacing]\n";
                for (k, v) in pairs {
                    t += &format!("{k} = {}\n", value_toml(&v));
                }
            }
            if w.even.is_some() || w.slots.is_some() {
                t += "[when.placement]\n";
                if let Some(even) = w.even {
                    t += &format!("prefer = \"{}\"\n", if even { "even" } else { "earliest" });
                }
                if let Some(slots) = &w.slots {
                    t += &Params::when_slots(i, slots);
                }
            }
        }
        for (name, size) in self.slot_tables() {
            t += &format!(
                "[[slot]]\nname = \"{name}\"\nsizes = [\"{}\"]\n",
                SIZES[size].0
            );
        }
        t
    }

    pub fn rules(&self) -> Rules {
        let toml = self.toml();
        Rules::from_toml("generated.toml", &toml)
            .unwrap_or_else(|e| panic!("generated rules do not load: {e}\n{toml}"))
    }

    /// The rule values as the oracle reads them, keyed by rule key.
    pub fn values(&self) -> Value {
        let names = |ks: &[BlockKind]| ks.iter().map(|k| k.name()).collect::<Vec<_>>();
        let steps: Vec<Value> = self
            .escalation
            .iter()
            .map(|e| {
                let mut step = Map::new();
                step.insert("count".to_string(), e.count.into());
                for (k, v) in e.set.pairs(false) {
                    step.insert(k.to_string(), v);
                }
                Value::Object(step)
            })
            .collect();
        let clearance: Map<String, Value> = self
            .clearance
            .iter()
            .map(|(k, above, below)| {
                (
                    k.name().to_string(),
                    json!({ "above_px": above, "below_px": below }),
                )
            })
            .collect();
        let mut v = json!({
            "max_ads": self.max_ads,
            "max_density": self.max_density(),
            "min_words_for_ads": self.min_words_for_ads,
            "max_words_between": null,
            "max_paragraphs_between": null,
            "max_px_between": null,
            "max_viewports_between": null,
            "after_ads": steps,
            "min_words_before_first": self.words_before_first,
            "min_paragraphs_before_first": self.paragraphs_before_first,
            "min_words_after_last": self.words_after_last,
            "min_paragraphs_after_last": self.paragraphs_after_last,
            "min_px_from_top": self.px_from_top,
            "min_px_from_bottom": self.px_from_bottom,
            "max_words_before_first": self.max_words_before_first,
            "max_paragraphs_before_first": self.max_paragraphs_before_first,
            "max_px_before_first": self.max_px_before_first,
            "never_after": names(&self.never_after),
            "never_before": names(&self.never_before),
            "never_beside_regions": self.never_beside_regions,
            "slot": "inline",
            "slots": slot_names(&self.slots),
            "prefer": if self.even { "even" } else { "earliest" },
            "clearance": clearance,
        });
        for (k, value) in self.spacing.pairs(true) {
            v[k] = value;
        }
        v
    }

    /// The `[[when]]` sets as adslot serialises them.
    pub fn when_json(&self) -> Value {
        let sets: Vec<Value> = self
            .when
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut set = Map::new();
                if let Some(n) = w.max_ads {
                    set.insert("max_ads".into(), n.into());
                }
                if let Some(n) = w.min_words_for_ads {
                    set.insert("min_words_for_ads".into(), n.into());
                }
                for (k, v) in w.spacing.pairs(false) {
                    set.insert(k.into(), v);
                }
                if let Some(slots) = &w.slots {
                    let names: Vec<String> =
                        (0..slots.len()).map(|s| format!("w{i}s{s}")).collect();
                    match names.as_slice() {
                        [one] => set.insert("slot".into(), one.clone().into()),
                        _ => set.insert("slots".into(), names.into()),
                    };
                }
                if let Some(even) = w.even {
                    set.insert(
                        "prefer".into(),
                        if even { "even" } else { "earliest" }.into(),
                    );
                }
                let mut out = json!({ "name": format!("w{i}"), "set": set });
                for (key, list) in [
                    ("section", &w.section),
                    ("tags_any", &w.tags_any),
                    ("tags_all", &w.tags_all),
                    ("type", &w.kind),
                    ("device", &w.device),
                ] {
                    if !list.is_empty() {
                        out[key] = list.clone().into();
                    }
                }
                if let Some(n) = w.min_words {
                    out["min_words"] = n.into();
                }
                if let Some(n) = w.max_words {
                    out["max_words"] = n.into();
                }
                out
            })
            .collect();
        Value::Array(sets)
    }

    /// What the oracle judges by: these values on the mobile screen.
    pub fn setup(&self) -> Setup {
        let sizes = self
            .slot_tables()
            .into_iter()
            .map(|(name, size)| (name, vec![SIZES[size].1]))
            .collect();
        let anchors = self
            .anchors
            .iter()
            .enumerate()
            .map(|(i, a)| oracle::Anchor {
                at: match a.at {
                    At::Before(kind, nth) => Position::Before(kind, i64::from(nth)),
                    At::AfterParagraph(n) => Position::AfterParagraph(i64::from(n)),
                    At::End => Position::End,
                },
                slot: format!("a{i}"),
                spacing: a.spacing,
                min_words: u64::from(a.min_words),
            })
            .collect();
        let when = match self.when_json() {
            Value::Array(sets) => sets.iter().map(WhenSet::from_json).collect(),
            _ => Vec::new(),
        };
        let mobile = DeviceProfile::mobile();
        Setup {
            policy: self.values(),
            when,
            device: "mobile".to_string(),
            anchors,
            sizes,
            screen: Screen {
                content_width_px: mobile.content_width_px,
                ad_label_px: mobile.ad_label_px,
                ad_margin_px: mobile.ad_margin_px,
                viewport_px: mobile.viewport_height_px.round() as u64,
            },
        }
    }

    /// Whether escalation only tightens (each step raises minimums, sets no maximum): then
    /// pushing a step later loosens the rules.
    pub fn escalation_tightens(&self) -> bool {
        let mut cur = self.spacing;
        self.escalation.iter().all(|e| {
            let s = e.set;
            let grows =
                |new: Option<u32>, old: Option<u32>| new.is_none_or(|n| n >= old.unwrap_or(0));
            let ok = grows(s.words, cur.words)
                && grows(s.paragraphs, cur.paragraphs)
                && grows(s.px, cur.px)
                && grows(s.viewports_q, cur.viewports_q)
                && s.max_words.is_none()
                && s.max_paragraphs.is_none()
                && s.max_px.is_none()
                && s.max_viewports_q.is_none();
            cur.words = s.words.or(cur.words);
            cur.paragraphs = s.paragraphs.or(cur.paragraphs);
            cur.px = s.px.or(cur.px);
            cur.viewports_q = s.viewports_q.or(cur.viewports_q);
            ok
        })
    }
}
