//! The rule registry: every rule's TOML key, default, doc, check and explanation, in one table.
//!
//! A rule is one entry of the `registry!` invocation below and nothing else in the library: the
//! [`Policy`] field, the TOML key the loader accepts (at the top level and per device), whether
//! `after_ads` may escalate it, the README reference (`adslot rules`), the check the solver and
//! the explanation run, and the sentence `--explain` prints all come from its entry. What an
//! entry does not give (the brute-force oracle in `tests/common/oracle.rs`) fails a test until
//! it knows the new key.

use serde::Serialize;

use super::checks::{self, Pair, Refusal, Totals};
use super::read::{self, At, Problem, TomlValue};
use super::values::{Clearances, Ratio, RuleValue, SlotName};
use crate::article::BlockKind;
use crate::measure::Measure;

/// The shapes of rules: how a rule judges, which is also what its check is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Judges one gap alone.
    Gap,
    /// Judges two consecutive ads that count for spacing; `after_ads` may escalate it.
    Spacing,
    /// Judges the totals of the whole plan.
    Limit,
    /// Changes how other rules judge (escalating spacing).
    Modifier,
    /// Not a check: a setting of the placement (the in-flow slot).
    Setting,
}

impl Shape {
    /// How the reference names the shape.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Gap => "gap rule",
            Shape::Spacing => "spacing rule",
            Shape::Limit => "article limit",
            Shape::Modifier => "modifies spacing rules",
            Shape::Setting => "setting",
        }
    }
}

/// A gap rule's check: `None` when gap `g` is acceptable.
pub type GapCheck = fn(&Policy, &Measure, usize) -> Option<Refusal>;
/// A spacing rule's check: `None` when the pair is far enough apart.
pub type SpacingCheck = fn(&Policy, &Measure, Pair) -> Option<Refusal>;
/// A limit rule's check: `None` when a plan with these totals is allowed.
pub type LimitCheck = fn(&Policy, &Measure, Totals) -> Option<Refusal>;

/// What a rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// A gap rule.
    Gap(GapCheck),
    /// A spacing rule (run with the values in force for the pair's ordinal).
    Spacing(SpacingCheck),
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
            Check::Spacing(_) => Shape::Spacing,
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
    pub check: Check,
    /// The sentence explaining a refusal. Placeholders: `{actual}`, `{limit}`, `{kind}`,
    /// `{other}`, `{key}`, `{because}` (the refusal it comes down to), and `{actual:NOUN}`
    /// for a count followed by the noun, pluralised (`1 word`, `2 words`).
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
    pub fn key_of(&self, refusal: &Refusal) -> String {
        match (refusal.subkey, refusal.kind) {
            (Some(sub), Some(kind)) => format!("{}.{kind}.{sub}", self.key),
            _ => self.key.to_string(),
        }
    }

    /// The explanation of `refusal` by this rule.
    ///
    /// ```
    /// use adslot::rules::checks::Refusal;
    /// use adslot::rules::registry::rule;
    /// let mut r = Refusal::new(62_u64, 150_u32);
    /// r.other = Some(5);
    /// assert_eq!(
    ///     rule("min_words_between").unwrap().explain(&r),
    ///     "62 words between this gap and the ad at gap 5; min_words_between is 150"
    /// );
    /// let one = Refusal::new(1_u64, 2_u32);
    /// assert_eq!(
    ///     rule("min_paragraphs_before_first").unwrap().explain(&one),
    ///     "1 paragraph above this gap; min_paragraphs_before_first is 2"
    /// );
    /// ```
    pub fn explain(&self, refusal: &Refusal) -> String {
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
                "other" => {
                    if let Some(o) = refusal.other {
                        out.push_str(&o.to_string());
                    }
                }
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
        out
    }

    /// The rule's default value, written as TOML.
    pub fn default_toml(&self) -> String {
        Policy::default().value_toml(self.key).unwrap_or_default()
    }
}

/// The registry entry of `key`.
pub fn rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.key == key)
}

/// One step of escalating spacing: from the `count`-th ad of the article on, the spacing
/// values it sets replace the policy's.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Escalation {
    /// The 1-based position among all ads from which this step applies.
    pub count: u32,
    /// The values it sets (spacing rules only).
    #[serde(flatten)]
    pub set: Overrides,
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
    (spacing, $field:ident, $ty:ty, $check:expr) => {
        Check::Spacing(|p, m, pair| {
            let check: fn(&$ty, &Measure, Pair) -> Option<Refusal> = $check;
            check(
                p.in_force(pair.ordinal, &p.$field, |o| o.$field.as_ref()),
                m,
                pair,
            )
        })
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
            $shape:ident $(($check:expr))?;
    )+) => {
        /// The rule values in force for one device: the top-level sections, overridden by that
        /// device's own `[device.NAME.*]` sections.
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct Policy {
            $( $(#[doc = $doc])+ pub $field: $ty, )+
        }

        impl Default for Policy {
            fn default() -> Self {
                Policy { $( $field: $default, )+ }
            }
        }

        /// Values that replace a policy's own for some ads: what one `after_ads` entry sets.
        /// Only spacing rules may be set (the loader refuses the others).
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
                check: check!($shape, $field, $ty $(, $check)?),
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
        }
    };
}

registry! {
    /// All ads in the article, anchored ones and ads already on the page included.
    max_ads: u32 = 8,
        section "limits",
        explain "the plan already has {actual:ad}; {key} is {limit}",
        limit(|&max, _, t| checks::max_ads(max, t));

    /// Largest share of the page height (with ads) that ads may take; 1 means no cap.
    max_density: Ratio = Ratio(1.0),
        section "limits",
        explain "one more ad would make the ad density {actual}; {key} is {limit}",
        limit(|&max, m, t| checks::max_density(max, m, t));

    /// Words between any two consecutive ads that count for spacing.
    min_words_between: u32 = 150,
        section "spacing",
        explain "{actual:word} between this gap and the ad at gap {other}; {key} is {limit}",
        spacing(|&need, m, pair| checks::at_least(m.words_between(pair.upper, pair.lower), need));

    /// Paragraphs (kind `paragraph` or the lede) between consecutive ads.
    min_paragraphs_between: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} between this gap and the ad at gap {other}; {key} is {limit}",
        spacing(|&need, m, pair| {
            checks::at_least(m.paragraphs_between(pair.upper, pair.lower), need)
        });

    /// Pixels of article from the bottom of one ad to the top of the next.
    min_px_between: u32 = 0,
        section "spacing",
        explain "{actual} px between this gap and the ad at gap {other}; {key} is {limit}",
        spacing(|&need, m, pair| checks::at_least(m.px_between(pair.upper, pair.lower), need));

    /// Viewport heights of article between consecutive ads (fractions allowed).
    min_viewports_between: f64 = 0.0,
        section "spacing",
        explain "{actual} between this gap and the ad at gap {other}; {key} is {limit}",
        spacing(|&need, m, pair| checks::viewports_between(need, m, pair));

    /// Escalating spacing: from the `count`-th ad of the article on, the spacing values given in
    /// the entry replace the ones above, e.g. `[{ count = 3, min_viewports_between = 2 }]`.
    /// Values may only grow from entry to entry (which keeps the placement count-optimal).
    after_ads: Vec<Escalation> = Vec::new(),
        section "spacing",
        explain "an ad here would make the ad at gap {other} the ad number {actual}, and escalating spacing would then refuse it: {because}",
        escalation;

    /// Words above the first in-flow ad.
    min_words_before_first: u32 = 50,
        section "spacing",
        explain "{actual:word} above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.words_between(0, g), need));

    /// Paragraphs above the first in-flow ad.
    min_paragraphs_before_first: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.paragraphs_between(0, g), need));

    /// Words below the last in-flow ad.
    min_words_after_last: u32 = 0,
        section "spacing",
        explain "{actual:word} below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.words_between(g, m.last_gap()), need));

    /// Paragraphs (kind `paragraph` or the lede) below the last in-flow ad.
    min_paragraphs_after_last: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.paragraphs_between(g, m.last_gap()), need));

    /// Pixels of article above any in-flow ad (measured without ads).
    min_px_from_top: u32 = 0,
        section "spacing",
        explain "{actual} px above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.px_between(0, g), need));

    /// Pixels of article below any in-flow ad (measured without ads).
    min_px_from_bottom: u32 = 0,
        section "spacing",
        explain "{actual} px below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.px_between(g, m.last_gap()), need));

    /// No in-flow ad directly after a block of these kinds (`lede` means the lede).
    never_after: Vec<BlockKind> = vec![
        BlockKind::Headline, BlockKind::Lede, BlockKind::Heading, BlockKind::Image,
    ],
        section "placement",
        explain "directly after the {kind} at block {actual}; {key} lists {kind}",
        gap(|kinds, m, g| checks::never_after(kinds, m, g));

    /// No in-flow ad directly before a block of these kinds.
    never_before: Vec<BlockKind> = vec![BlockKind::Caption],
        section "placement",
        explain "directly before the {kind} at block {actual}; {key} lists {kind}",
        gap(|kinds, m, g| checks::never_before(kinds, m, g));

    /// Slot name of in-flow ads: the `[[slot]]` of this name gives their sizes and reserved
    /// height.
    slot: SlotName = SlotName("inline".to_string()),
        section "placement",
        explain "",
        setting;

    /// Clearance around blocks of a kind, `[clearance.KIND] above_px = .., below_px = ..`: no
    /// in-flow ad within `above_px` above such a block or within `below_px` below it.
    clearance: Clearances = Clearances::default(),
        section "clearance",
        explain "{actual} px from the {kind} at block {other}; {key} is {limit}",
        gap(|c, m, g| checks::clearance(c, m, g));
}

impl Policy {
    /// The value of one rule in force for the ad at 1-based position `ordinal` among all
    /// ads: what the last `after_ads` entry with `count <= ordinal` that sets it says, else
    /// the policy's own value `own`. `set` picks the rule's value out of an entry.
    ///
    /// ```
    /// use adslot::rules::registry::{Escalation, Overrides, Policy};
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
}

impl RuleValue for Vec<Escalation> {
    const TYPE: &'static str = "an array of { count = N, min_*_between = .. } tables";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let escalating: Vec<&str> = Policy::escalating_keys().collect();
        let known: Vec<&str> = std::iter::once("count")
            .chain(escalating.iter().copied())
            .collect();
        let items = read::items(value, at.key, problems)?;
        let before = problems.len();
        let mut steps = Vec::with_capacity(items.len());
        for item in items {
            let mut e = Escalation::default();
            let mut count = None;
            let mut count_given = false;
            let unknown = read::walk(item, at.key, problems, |k, v, p| {
                let at = At {
                    section: at.section,
                    key: k,
                };
                if k == "count" {
                    count_given = true;
                    count = u32::from_toml(v, at, p).map(|c| (c, v.span()));
                    true
                } else {
                    escalating.contains(&k) && e.set.set(v, at, p)
                }
            });
            let Some(unknown) = unknown else {
                continue;
            };
            for u in &unknown {
                let mut problem = read::unknown_key(u, "an after_ads entry", &known);
                if rule(&u.key).is_some() {
                    problem.help = Some(format!(
                        "only spacing rules escalate: {}",
                        escalating.join(", ")
                    ));
                }
                problems.push(problem);
            }
            match count {
                Some((c, _)) if c >= 2 => e.count = c,
                Some((_, span)) => problems.push(Problem::new(
                    span,
                    "`count` must be at least 2 (the first ad has no ad above it to space from)",
                )),
                None if !count_given => problems.push(Problem::new(
                    item.span(),
                    "an after_ads entry needs `count`",
                )),
                None => {}
            }
            steps.push((e, item.span()));
        }
        if problems.len() != before {
            return None;
        }
        for pair in steps.windows(2) {
            if pair[1].0.count <= pair[0].0.count {
                problems.push(Problem::new(
                    pair[1].1.clone(),
                    "after_ads entries must have increasing `count`",
                ));
            }
        }
        (problems.len() == before).then(|| steps.into_iter().map(|(e, _)| e).collect())
    }
    fn to_toml(&self) -> String {
        let entries: Vec<String> = self
            .iter()
            .map(|e| {
                let mut parts = vec![format!("count = {}", e.count)];
                parts.extend(e.set.to_toml_pairs());
                format!("{{ {} }}", parts.join(", "))
            })
            .collect();
        format!("[{}]", entries.join(", "))
    }
}

#[cfg(test)]
mod tests;
