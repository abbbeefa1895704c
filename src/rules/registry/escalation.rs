//! Escalating spacing (`after_ads`): its entries, and how they are read and written.

use serde::Serialize;

use super::{rule, Overrides, Policy};
use crate::rules::read::{self, At, Problem, TomlValue};
use crate::rules::values::RuleValue;

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
