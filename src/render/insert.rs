//! Slot insertion into the publisher's HTML or Markdown.

use crate::plan::Plan;
use crate::rules::Rules;

/// The publisher's own HTML or Markdown with a slot element inserted at each placement, and
/// not one other byte changed: removing every element carrying `data-adslot` gives `source` back.
///
/// ```
/// use adslot::formats::{read, InputFormat};
/// use adslot::{place, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\nmin_words_between = 0\n[placement]\nnever_after = []").unwrap();
/// let html = "<div><p>One.</p><p>Two.</p></div>";
/// let doc = read("a.html", html, InputFormat::Html, &rules.html).unwrap();
/// let plan = place(&doc.article, &rules, &PlaceOptions::default()).unwrap();
/// let out = adslot::render::insert_slots(html, &doc, &plan, &rules, InputFormat::Html).unwrap();
/// assert!(out.starts_with("<div><div class=\"adslot\" data-adslot=\"inline\""));
/// ```
pub fn insert_slots(
    source: &str,
    document: &crate::formats::Document,
    plan: &Plan,
    rules: &Rules,
    format: crate::formats::InputFormat,
) -> Result<String, crate::Error> {
    use crate::formats::{markdown, InputFormat};
    use crate::markup::template;
    let Some(map) = &document.source_map else {
        return Err(crate::Error::at(
            "--format",
            None,
            "slots can only be inserted into an HTML or Markdown input",
            Some("use --format json or text for JSON articles".to_string()),
        ));
    };
    let mut insertions = Vec::with_capacity(plan.placements.len());
    for p in &plan.placements {
        let vars = template::SlotVars {
            slot: &p.slot,
            ordinal: p.ordinal,
            height_px: u32::try_from(p.height_px).ok(),
            gap: p.before_block,
            device: &plan.device,
        };
        let markup = template::render_slot(&rules.slot_template, &vars)
            .map_err(|e| crate::Error::at("slot_template", None, e.to_string(), None))?;
        let markup = match format {
            InputFormat::Markdown => markdown::slot_block(&markup),
            _ => markup,
        };
        if let Some(&offset) = map.gaps.get(p.before_block) {
            insertions.push((offset, markup));
        }
    }
    Ok(crate::formats::insert_at(source, &insertions))
}
