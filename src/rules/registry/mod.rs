//! The rule registry: every rule's TOML key, default, doc, check and explanation, in one table.
//!
//! A rule is one entry of the `registry!` invocation in `entries.rs` and nothing else in the
//! library: the [`Policy`] field, the TOML key the loader accepts (at the top level, per device
//! and in `[[when]]` sets), whether `after_ads` may escalate it, the README reference (`adslot
//! rules`), the check the solvers and the explanation run, and the sentence `--explain` prints
//! all come from its entry. What an entry does not give (the brute-force oracle in
//! `tests/common/oracle.rs`) fails a test until it knows the new key.
//!
//! The solvers read a rule only through its [`Check`]: its shape says which ads it judges
//! (a gap alone, two consecutive ads, the first in-flow ad, the plan's totals), and a spacing
//! rule's [`Bound`] says which way it bounds the distance. Rules that bound from above (`max_*`)
//! default to "not set", which judges nothing; the engine takes its exact solver as soon as one
//! is set (see `engine`).

use serde::Serialize;

use super::checks::{self, Pair, Refusal, Totals};
pub use super::checks::{Bound, Unit};
use super::values::SlotName;
use crate::article::{BlockKind, Region};
use crate::measure::Measure;
pub use entries::{Overrides, Policy, RULES};
pub use escalation::Escalation;

/// The shapes of rules: how a rule judges, which is also what its check is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Judges one gap alone.
    Gap,
    /// Judges two consecutive ads that count for spacing; `after_ads` may escalate it.
    Spacing,
    /// Judges the gap of the first in-flow ad.
    First,
    /// Judges the totals of the whole plan.
    Limit,
    /// Changes how other rules judge (escalating spacing).
    Modifier,
    /// Not a check: a setting of the placement (the in-flow slots, the preference).
    Setting,
}

impl Shape {
    /// How the reference names the shape.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Gap => "gap rule",
            Shape::Spacing => "spacing rule",
            Shape::First => "first-ad rule",
            Shape::Limit => "article limit",
            Shape::Modifier => "modifies spacing rules",
            Shape::Setting => "setting",
        }
    }
}

/// A gap rule's check: `None` when gap `g` is acceptable.
pub type GapCheck = fn(&Policy, &Measure, usize) -> Option<Refusal>;
/// A spacing rule's check: `None` when the pair is acceptable.
pub type SpacingCheck = fn(&Policy, &Measure, Pair) -> Option<Refusal>;
/// A limit rule's check: `None` when a plan with these totals is allowed.
pub type LimitCheck = fn(&Policy, &Measure, Totals) -> Option<Refusal>;

/// What a rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// A gap rule.
    Gap(GapCheck),
    /// A spacing rule (run with the values in force for the pair's ordinal). Its check depends
    /// on the pair only through the distance between `upper` and `lower` in `unit`, and refuses
    /// below a minimum (`Bound::Min`) or above a maximum (`Bound::Max`).
    Spacing {
        /// The check.
        check: SpacingCheck,
        /// Which way it bounds the distance.
        bound: Bound,
        /// What it measures the distance in.
        unit: Unit,
    },
    /// A rule on the first in-flow ad: `None` when it may stand at gap `g`.
    First(GapCheck),
    /// A limit rule.
    Limit(LimitCheck),
    /// Escalates the spacing rules by the ad's ordinal: an ad refused because it would raise
    /// the ordinal of an ad below it, which escalated spacing then refuses, is refused by this
    /// rule.
    Escalation,
    /// No check: a setting.
    Setting,
}

impl Check {
    /// The shape of a rule with this check.
    pub fn shape(&self) -> Shape {
        match self {
            Check::Gap(_) => Shape::Gap,
            Check::Spacing { .. } => Shape::Spacing,
            Check::First(_) => Shape::First,
            Check::Limit(_) => Shape::Limit,
            Check::Escalation => Shape::Modifier,
            Check::Setting => Shape::Setting,
        }
    }
}

/// One entry of the registry.
#[derive(Clone, Copy)]
pub struct Rule {
    /// TOML key inside its section, e.g. `min_words_between`; also the [`Policy`] field.
    pub key: &'static str,
    /// TOML section, e.g. `spacing`.
    pub section: &'static str,
    /// What the rule means (its doc comment).
    pub doc: &'static str,
    /// What values it takes.
    pub value_type: &'static str,
    /// For a rule whose value is its whole section (`[clearance.KIND]`), how its keys are
    /// written; `None` for a rule under one key.
    pub section_form: Option<&'static str>,
    /// Its check.
    pub(crate) check: Check,
    /// The sentence explaining a refusal. Placeholders: `{actual}`, `{limit}`, `{kind}`, `{region}`,
    /// `{other}`, `{key}`, `{because}` (the refusal it comes down to), `{pair}` (the two ads a
    /// spacing rule judged: "this gap and the ad at gap 5", or "the ads at gaps 5 and 9"), and
    /// `{actual:NOUN}` for a count followed by the noun, pluralised (`1 word`, `2 words`).
    pub explain: &'static str,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("key", &self.key).finish()
    }
}

impl Rule {
    /// The rule's shape.
    pub fn shape(&self) -> Shape {
        self.check.shape()
    }

    /// How the key is written in a rule file: `[spacing] min_words_between`.
    pub fn toml_key(&self) -> String {
        match self.section_form {
            Some(form) => form.to_string(),
            None => format!("[{}] {}", self.section, self.key),
        }
    }

    /// The key that refused: the rule's own, or `key.KIND.subkey` for rules keyed by kind.
    pub(crate) fn key_of(&self, refusal: &Refusal) -> String {
        match (refusal.subkey, refusal.kind) {
            (Some(sub), Some(kind)) => format!("{}.{kind}.{sub}", self.key),
            _ => self.key.to_string(),
        }
    }

    /// The explanation of `refusal` by this rule.
    pub(crate) fn explain(&self, refusal: &Refusal) -> String {
        let mut out = String::with_capacity(self.explain.len() + 16);
        let mut rest = self.explain;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&rest[..open]);
            let field = &rest[open + 1..open + len];
            let (name, noun) = match field.split_once(':') {
                Some((name, noun)) => (name, Some(noun)),
                None => (field, None),
            };
            let amount = |a: &checks::Amount| match noun {
                Some(noun) => a.counting(noun),
                None => a.to_string(),
            };
            match name {
                "actual" => out.push_str(&amount(&refusal.actual)),
                "limit" => out.push_str(&amount(&refusal.limit)),
                "kind" => out.push_str(refusal.kind.map_or("", BlockKind::name)),
                "region" => out.push_str(refusal.region.map_or("", Region::name)),
                "other" => {
                    if let Some(o) = refusal.other {
                        out.push_str(&o.to_string());
                    }
                }
                "pair" => match (refusal.between, refusal.other) {
                    (Some((a, b)), _) => out.push_str(&format!("the ads at gaps {a} and {b}")),
                    (None, Some(o)) => out.push_str(&format!("this gap and the ad at gap {o}")),
                    (None, None) => out.push_str("this gap and the ad next to it"),
                },
                "key" => out.push_str(&self.key_of(refusal)),
                "because" => {
                    if let Some(c) = &refusal.cause {
                        if let Some(r) = rule(c.key) {
                            out.push_str(&r.explain(&c.refusal));
                        }
                    }
                }
                _ => out.push_str(&rest[open..=open + len]),
            }
            rest = &rest[open + len + 1..];
        }
        out.push_str(rest);
        if let Some(font) = &refusal.font {
            out.push_str(" (binding font: ");
            out.push_str(font);
            out.push(')');
        }
        out
    }

    /// The rule's default value, written as TOML; `None` for a bound that is not set unless
    /// the rule file sets it.
    pub fn default_toml(&self) -> Option<String> {
        let policy = Policy::default();
        if policy.is_unset(self.key) {
            return None;
        }
        policy.value_toml(self.key)
    }
}

/// The registry entry of `key`.
pub fn rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.key == key)
}

/// A check of one shape, wrapped to read its rule's own value from the policy (spacing rules:
/// the value in force for the pair's ordinal, after escalation).
macro_rules! check {
    (gap, $field:ident, $ty:ty, $check:expr) => {
        Check::Gap(|p, m, g| {
            let check: fn(&$ty, &Measure, usize) -> Option<Refusal> = $check;
            check(&p.$field, m, g)
        })
    };
    (first, $field:ident, $ty:ty, $check:expr) => {
        Check::First(|p, m, g| {
            let check: fn(&$ty, &Measure, usize) -> Option<Refusal> = $check;
            check(&p.$field, m, g)
        })
    };
    (spacing $bound:ident $unit:ident, $field:ident, $ty:ty, $check:expr) => {
        Check::Spacing {
            check: |p, m, pair| {
                let check: fn(&$ty, &Measure, Pair) -> Option<Refusal> = $check;
                check(
                    p.in_force(pair.ordinal, &p.$field, |o| o.$field.as_ref()),
                    m,
                    pair,
                )
            },
            bound: Bound::$bound,
            unit: Unit::$unit,
        }
    };
    (limit, $field:ident, $ty:ty, $check:expr) => {
        Check::Limit(|p, m, t| {
            let check: fn(&$ty, &Measure, Totals) -> Option<Refusal> = $check;
            check(&p.$field, m, t)
        })
    };
    (escalation, $field:ident, $ty:ty) => {
        Check::Escalation
    };
    (setting, $field:ident, $ty:ty) => {
        Check::Setting
    };
}

macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident : $ty:ty = $default:expr,
            section $section:literal, explain $explain:literal,
            $shape:ident $($bound:ident $unit:ident)? $(($check:expr))?;
    )+) => {
        /// The rule values in force for one device: the top-level sections, overridden by that
        /// device's own `[device.NAME.*]` sections, then by the `[[when]]` sets that match the
        /// article.
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct Policy {
            $( $(#[doc = $doc])+ pub $field: $ty, )+
        }

        impl Default for Policy {
            fn default() -> Self {
                Policy { $( $field: $default, )+ }
            }
        }

        /// Values that replace a policy's own for some ads or some articles: what one
        /// `after_ads` entry sets (spacing rules only; the loader refuses the others) or one
        /// `[[when]]` set.
        #[derive(Clone, Debug, Default, PartialEq, Serialize)]
        pub struct Overrides {
            $(
                #[doc = concat!("Replaces `", stringify!($field), "`.")]
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )+
        }

        /// Every rule, in the order the reference documents them.
        pub static RULES: &[Rule] = &[
            $( Rule {
                key: stringify!($field),
                section: $section,
                doc: concat!($($doc, "\n"),+),
                value_type: <$ty as RuleValue>::TYPE,
                section_form: <$ty as RuleValue>::SECTION_FORM,
                check: check!($shape $($bound $unit)?, $field, $ty $(, $check)?),
                explain: $explain,
            }, )+
        ];

        impl Policy {
            /// Sets the rule `at.key` from a TOML value; `false` if there is no such rule.
            pub(crate) fn set(
                &mut self,
                value: &TomlValue<'_>,
                at: At<'_>,
                problems: &mut Vec<Problem>,
            ) -> bool {
                match at.key {
                    $( stringify!($field) => {
                        if let Some(v) = <$ty as RuleValue>::from_toml(value, at, problems) {
                            self.$field = v;
                        }
                        true
                    } )+
                    _ => false,
                }
            }

            /// The value of rule `key` written as TOML.
            pub fn value_toml(&self, key: &str) -> Option<String> {
                match key {
                    $( stringify!($field) => Some(self.$field.to_toml()), )+
                    _ => None,
                }
            }

            /// Whether rule `key` is a bound this policy does not set (see
            /// [`RuleValue::is_unset`]).
            pub fn is_unset(&self, key: &str) -> bool {
                match key {
                    $( stringify!($field) => self.$field.is_unset(), )+
                    _ => false,
                }
            }

            /// Sets rule `key` back to its default.
            pub fn reset(&mut self, key: &str) {
                match key {
                    $( stringify!($field) => self.$field = $default, )+
                    _ => {}
                }
            }

            /// Whether rule `key` has another value than its default.
            pub fn is_set(&self, key: &str) -> bool {
                match key {
                    $( stringify!($field) => self.$field != $default, )+
                    _ => false,
                }
            }

            /// The rules whose value in force for the ad at ordinal `later` is a looser
            /// requirement than for the ad at `earlier`: (key, earlier value, later value).
            pub fn lowered(&self, earlier: usize, later: usize) -> Vec<(&'static str, String, String)> {
                let mut out = Vec::new();
                $( {
                    let before = self.in_force(earlier, &self.$field, |o| o.$field.as_ref());
                    let after = self.in_force(later, &self.$field, |o| o.$field.as_ref());
                    if after.lower_than(before) {
                        out.push((stringify!($field), before.to_toml(), after.to_toml()));
                    }
                } )+
                out
            }
        }

        impl Overrides {
            /// Sets the rule `at.key`; `false` if there is no such rule.
            pub(crate) fn set(
                &mut self,
                value: &TomlValue<'_>,
                at: At<'_>,
                problems: &mut Vec<Problem>,
            ) -> bool {
                match at.key {
                    $( stringify!($field) => {
                        self.$field = <$ty as RuleValue>::from_toml(value, at, problems);
                        true
                    } )+
                    _ => false,
                }
            }

            /// The values set, as TOML `key = value` pairs.
            pub fn to_toml_pairs(&self) -> Vec<String> {
                let mut out = Vec::new();
                $( if let Some(v) = &self.$field {
                    out.push(format!("{} = {}", stringify!($field), v.to_toml()));
                } )+
                out
            }

            /// The keys of the rules set.
            pub fn keys(&self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $( if self.$field.is_some() {
                    out.push(stringify!($field));
                } )+
                out
            }

            /// Writes every value set into `policy`.
            pub fn apply_to(&self, policy: &mut Policy) {
                $( if let Some(v) = &self.$field {
                    policy.$field = v.clone();
                } )+
            }
        }
    };
}

mod entries;
mod escalation;

impl Policy {
    /// The value of one rule in force for the ad at 1-based position `ordinal` among all
    /// ads: what the last `after_ads` entry with `count <= ordinal` that sets it says, else
    /// the policy's own value `own`. `set` picks the rule's value out of an entry.
    ///
    /// ```
    /// use adslot::rules::{Escalation, Overrides, Policy};
    /// let mut p = Policy::default();
    /// p.after_ads = vec![Escalation {
    ///     count: 3,
    ///     set: Overrides { min_words_between: Some(300), ..Overrides::default() },
    /// }];
    /// let at = |ordinal| *p.in_force(ordinal, &p.min_words_between, |o| o.min_words_between.as_ref());
    /// assert_eq!((at(2), at(3), at(9)), (150, 300, 300));
    /// ```
    pub fn in_force<'a, T>(
        &'a self,
        ordinal: usize,
        own: &'a T,
        set: impl Fn(&'a Overrides) -> Option<&'a T>,
    ) -> &'a T {
        self.after_ads
            .iter()
            .rev()
            .filter(|e| e.count as usize <= ordinal)
            .find_map(|e| set(&e.set))
            .unwrap_or(own)
    }

    /// The rules `after_ads` may escalate: the spacing rules.
    pub fn escalating_keys() -> impl Iterator<Item = &'static str> {
        RULES
            .iter()
            .filter(|r| r.shape() == Shape::Spacing)
            .map(|r| r.key)
    }

    /// Writes `o` into this policy. A table that names the in-flow slot with `slot` alone
    /// replaces a sequence `slots` set before it (a device's `slot = "wide"` means every
    /// in-flow ad on it is `wide`).
    pub fn apply(&mut self, o: &Overrides) {
        o.apply_to(self);
        if o.slot.is_some() && o.slots.is_none() {
            self.slots.clear();
        }
    }

    /// The slot of the `k`-th in-flow ad (1-based): the `k`-th name of `slots`, the last one
    /// repeating, or `slot` when `slots` is empty.
    ///
    /// ```
    /// use adslot::rules::SlotName;
    /// let mut p = adslot::rules::Policy::default();
    /// assert_eq!(p.inflow_slot(3), "inline");
    /// p.slots = vec![SlotName("inline-1".into()), SlotName("inline".into())];
    /// assert_eq!((p.inflow_slot(1), p.inflow_slot(2), p.inflow_slot(7)), ("inline-1", "inline", "inline"));
    /// ```
    pub fn inflow_slot(&self, k: usize) -> &str {
        match self.slots.len() {
            0 => self.slot.as_str(),
            len => self.slots[k.clamp(1, len) - 1].as_str(),
        }
    }

    /// The slots of the in-flow ads in order, the last one repeating for every ad after: the
    /// names of `slots`, or `slot` alone.
    pub fn inflow_slots_sequence(&self) -> Vec<&str> {
        match self.slots.len() {
            0 => vec![self.slot.as_str()],
            _ => self.slots.iter().map(SlotName::as_str).collect(),
        }
    }

    /// The distinct slot names in-flow ads take, in order.
    pub fn inflow_slots(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for k in 1..=self.slots.len().max(1) {
            let name = self.inflow_slot(k);
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod examples {
    #[test]
    fn explain() {
        use crate::rules::checks::Refusal;
        use crate::rules::registry::rule;
        let mut r = Refusal::new(62_u64, 150_u32);
        r.other = Some(5);
        assert_eq!(
            rule("min_words_between").unwrap().explain(&r),
            "62 words between this gap and the ad at gap 5; min_words_between is 150"
        );
        r.between = Some((5, 9));
        assert_eq!(
            rule("min_words_between").unwrap().explain(&r),
            "62 words between the ads at gaps 5 and 9; min_words_between is 150"
        );
        let one = Refusal::new(1_u64, 2_u32);
        assert_eq!(
            rule("min_paragraphs_before_first").unwrap().explain(&one),
            "1 paragraph above this gap; min_paragraphs_before_first is 2"
        );
    }
}
