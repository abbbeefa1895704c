//! Slot writing: a plan's slots rendered in the input's format (the slot template, a block, an element) and written into the input at their gaps by the format's own writer.

use std::ops::Range;

use super::{Format, Parsed, SlotWriter};
use crate::markup::template::{render_slot, SlotVars};
use crate::plan::Plan;
use crate::rules::Rules;

/// Why slots could not be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlotError {
    /// The input's format has no body to write slots into (JSON, plain text).
    #[error(
        "slots can only be inserted into {} input, and this article was read as {read}",
        writable()
    )]
    NotWritable {
        /// The label of the format the input was read as.
        read: &'static str,
    },
    /// Slots were asked for in one format, and the input is another.
    #[error("cannot write {wanted} slots into this input: it was read as {read}")]
    OtherFormat {
        /// The label of the format asked for.
        wanted: &'static str,
        /// The label of the format the input was read as.
        read: &'static str,
    },
    /// A placement names a gap the input does not have (a plan for another article).
    #[error("a slot is placed at gap {gap}, and this input has gaps 0 to {last}")]
    NoSuchGap {
        /// The gap asked for.
        gap: usize,
        /// The input's last gap.
        last: usize,
    },
    /// The slot template cannot be rendered, or cannot stand in this format.
    #[error("the slot template cannot be used here: {0}")]
    Template(String),
}

/// The labels of the formats slots can be written into, as a phrase.
fn writable() -> String {
    let labels: Vec<_> = super::ALL
        .iter()
        .filter(|f| f.writes_slots())
        .map(|f| f.label)
        .collect();
    match labels.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "no format".to_string(),
    }
}

/// Output with slots written in, and where each slot's bytes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The input with the slots inserted.
    pub text: String,
    /// For each slot, in gap order, the byte range in `text` of everything written for it (the
    /// markup and, in Markdown, the line endings around it). Removing these ranges gives the
    /// input back byte for byte.
    pub inserted: Vec<Range<usize>>,
}

/// Each placement of `plan` as `(gap, markup)`, in gap order: the rules' slot template filled in.
///
/// ```
/// use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0")?;
/// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "Words.")]);
/// let plan = place(&article, &rules, &PlaceOptions::default())?;
/// let slots = adslot::formats::slot_markup(&plan, &rules)?;
/// assert_eq!(slots[0].0, 0); // before the only block: no words are needed above
/// assert!(slots[0].1.starts_with("<div class=\"adslot\" data-adslot=\"inline\" data-ordinal=\"1\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn slot_markup(plan: &Plan, rules: &Rules) -> Result<Vec<(usize, String)>, SlotError> {
    pieces(plan, rules, template)
}

/// Each placement of `plan` as `(gap, piece)`, in gap order, where the piece is what one slot
/// is in `format`: the slot template for HTML and Markdown, a block holding it (or a dynamic
/// block) for Gutenberg, a `custom_embed` element for ANS.
///
/// ```
/// use adslot::{formats, place, Article, Block, BlockKind, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\n[gutenberg]\nslot_block = 'dynamic'")?;
/// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "Words.")]);
/// let plan = place(&article, &rules, &PlaceOptions::default())?;
/// let slots = formats::slot_pieces(&formats::gutenberg::FORMAT, &plan, &rules)?;
/// assert_eq!(slots[0].1, r#"<!-- wp:adslot/slot {"slot":"inline","ordinal":1,"height":302} /-->"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Errors: the format takes no slots, or the slot cannot be rendered in it.
pub fn slot_pieces(
    format: &Format,
    plan: &Plan,
    rules: &Rules,
) -> Result<Vec<(usize, String)>, SlotError> {
    let Some(slots) = format.slots else {
        return Err(SlotError::NotWritable { read: format.label });
    };
    pieces(plan, rules, slots.render)
}

/// What one slot is in a format: its piece from the placement's values and the rules.
pub type SlotRenderer = fn(vars: &SlotVars<'_>, rules: &Rules) -> Result<String, String>;

/// How a format takes slots: what one slot is in it, and how it is written between what is
/// there.
#[derive(Clone, Copy)]
pub struct Slots {
    /// Renders one slot.
    pub(in crate::formats) render: SlotRenderer,
    /// Writes a rendered slot into the output.
    pub(in crate::formats) write: SlotWriter,
}

/// The rules' slot template filled in: one slot in HTML and Markdown.
pub(crate) fn template(vars: &SlotVars<'_>, rules: &Rules) -> Result<String, String> {
    render_slot(&rules.slot_template, vars).map_err(|e| e.0)
}

fn pieces(
    plan: &Plan,
    rules: &Rules,
    render: SlotRenderer,
) -> Result<Vec<(usize, String)>, SlotError> {
    let mut slots = plan
        .placements
        .iter()
        .map(|p| {
            let vars = SlotVars {
                slot: &p.slot,
                ordinal: p.ordinal,
                height_px: u32::try_from(p.height_px).ok(),
                gap: p.before_block,
                device: &plan.device,
            };
            render(&vars, rules)
                .map(|piece| (p.before_block, piece))
                .map_err(SlotError::Template)
        })
        .collect::<Result<Vec<_>, _>>()?;
    slots.sort_by_key(|&(gap, _)| gap);
    Ok(slots)
}

/// Writes each `(gap, markup)` of `slots` into `source`, an input `parsed` as `format`, with the
/// format's slot writer: nothing else is changed. Slots at one gap keep their order.
///
/// ```
/// use adslot::formats::{html, markdown, write_slots};
/// let opts = adslot::markup::HtmlOptions::default();
/// let slot = "<div data-adslot></div>".to_string();
/// let src = "<p>One.</p><p>Two.</p>";
/// let parsed = html::FORMAT.read("a.html", src, &opts)?;
/// let out = write_slots(&html::FORMAT, src, &parsed, &[(1, slot.clone())])?;
/// assert_eq!(out.text, "<p>One.</p><div data-adslot></div><p>Two.</p>");
/// let src = "One.\n\nTwo.\n";
/// let parsed = markdown::FORMAT.read("a.md", src, &opts)?;
/// let out = write_slots(&markdown::FORMAT, src, &parsed, &[(1, slot)])?;
/// assert_eq!(out.text, "One.\n\n<div data-adslot></div>\n\nTwo.\n");
/// assert_eq!(out.inserted, [6..31]); // the element's line and the blank line after it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_slots(
    format: &Format,
    source: &str,
    parsed: &Parsed,
    slots: &[(usize, String)],
) -> Result<Written, SlotError> {
    let (Some(Slots { write: writer, .. }), Some(map)) = (format.slots, &parsed.source_map) else {
        return Err(SlotError::NotWritable { read: format.label });
    };
    let extra: usize = slots.iter().map(|(_, m)| m.len() + 4).sum();
    let mut text = String::with_capacity(source.len() + extra);
    let mut inserted = Vec::with_capacity(slots.len());
    let mut copied = 0;
    let mut order = Vec::with_capacity(slots.len());
    for (gap, markup) in slots {
        let &offset = map.gaps.get(*gap).ok_or(SlotError::NoSuchGap {
            gap: *gap,
            last: map.gaps.len().saturating_sub(1),
        })?;
        order.push((offset, markup.as_str()));
    }
    // Stable: slots at one offset keep their order.
    order.sort_by_key(|&(offset, _)| offset);
    for (i, &(offset, markup)) in order.iter().enumerate() {
        // Gaps are sorted and on character boundaries (the readers' contract, fuzzed).
        let at = offset.clamp(copied, source.len());
        text.push_str(source.get(copied..at).unwrap_or(""));
        copied = at;
        // What follows this slot: the next slot if it goes at the same place, else the input.
        let after = match order.get(i + 1) {
            Some(&(next, next_markup)) if next <= at => next_markup,
            _ => source.get(at..).unwrap_or(""),
        };
        let start = text.len();
        writer(&mut text, after, markup).map_err(SlotError::Template)?;
        inserted.push(start..text.len());
    }
    text.push_str(source.get(copied..).unwrap_or(""));
    Ok(Written { text, inserted })
}

/// Copies `source` with each `(offset, markup)` inserted at its byte offset, nothing else changed.
///
/// Insertions must be sorted by offset; those at the same offset keep their order.
///
/// ```
/// let out = adslot::formats::insert_at("ab", &[(1, "<x>".to_string())]);
/// assert_eq!(out, "a<x>b");
/// ```
pub fn insert_at(source: &str, insertions: &[(usize, String)]) -> String {
    let extra: usize = insertions.iter().map(|(_, m)| m.len()).sum();
    let mut out = String::with_capacity(source.len() + extra);
    let mut copied = 0;
    for (offset, markup) in insertions {
        let at = (*offset).clamp(copied, source.len());
        out.push_str(&source[copied..at]);
        out.push_str(markup);
        copied = at;
    }
    out.push_str(&source[copied..]);
    out
}

/// Places `plan`'s slots into `source` (read as `parsed` in `format`) when `wanted` is that
/// format: the common job behind [`crate::Document::write_slots_as`].
pub(crate) fn insert_slots(
    wanted: &Format,
    format: &Format,
    source: &str,
    parsed: &Parsed,
    plan: &Plan,
    rules: &Rules,
) -> Result<Written, SlotError> {
    if !format.writes_slots() {
        return Err(SlotError::NotWritable { read: format.label });
    }
    if wanted != format {
        return Err(SlotError::OtherFormat {
            wanted: wanted.label,
            read: format.label,
        });
    }
    let slots = slot_pieces(format, plan, rules)?;
    write_slots(format, source, parsed, &slots)
}
