//! Writers of a plan for people and programs: JSON, a text report, the terminal preview, references.

use std::fmt::Write as _;

use crate::article::{Article, BlockKind};
use crate::layout::linebreak::{self, display_width, Hyphenation};
use crate::layout::{DeviceProfile, Geometry};
use crate::plan::Plan;
use crate::rules::registry::{Shape, RULES};
use crate::rules::Rules;

/// The plan as pretty JSON (`gaps` only when it was explained).
///
/// ```
/// # use adslot::{place, Article, PlaceOptions, Rules};
/// let plan = place(&Article::default(), &Rules::default(), &PlaceOptions::default()).unwrap();
/// assert!(adslot::render::json(&plan).contains("\"placements\": []"));
/// ```
pub fn json(plan: &Plan) -> String {
    // A Plan holds only strings, numbers and vectors: serializing it cannot fail.
    serde_json::to_string_pretty(plan).unwrap_or_default() + "\n"
}

/// The plan as a report for people: one line per placement, and with `gaps`, every refusal.
pub fn text(plan: &Plan, article: &Article) -> String {
    let mut out = String::new();
    let id = plan.id.as_deref().unwrap_or("article");
    let _ = writeln!(
        out,
        "{id}: {} ads on {} ({} blocks, page {} px, density {:.2})",
        plan.placements.len(),
        plan.device,
        article.blocks.len(),
        plan.page_height_px,
        plan.density
    );
    for p in &plan.placements {
        let _ = writeln!(
            out,
            "  ad {} at gap {:>3}  {:<16} {:>5} words above  top {:>6} px  height {} px{}",
            p.ordinal,
            p.before_block,
            p.slot,
            p.words_above,
            p.top_px,
            p.height_px,
            if p.anchor { "  (anchor)" } else { "" }
        );
    }
    if let Some(gaps) = &plan.gaps {
        let _ = writeln!(out, "gaps:");
        for v in gaps {
            let what = describe_gap(article, v.before_block);
            if v.placed {
                let _ = writeln!(out, "  gap {:>3} {what}: ad", v.before_block);
            } else {
                let _ = writeln!(out, "  gap {:>3} {what}: refused", v.before_block);
                for r in &v.reasons {
                    let _ = writeln!(out, "      - {}", r.text);
                }
            }
        }
    }
    out
}

fn describe_gap(article: &Article, gap: usize) -> String {
    match article.blocks.get(gap) {
        Some(b) => format!("(before {})", b.kind),
        None => "(end)".to_string(),
    }
}

/// How to draw the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviewStyle {
    /// ANSI colours.
    pub color: bool,
    /// Hyphenation used for the line breaks (must be the geometry's).
    pub hyphenation: Hyphenation,
}

const MARGIN: usize = 9;

/// The article drawn as it was measured: lines broken exactly as the geometry counted them,
/// ads as boxes of their reserved height, viewport boundaries marked, block numbers in the
/// margin, and a footer with the totals.
pub fn preview(
    article: &Article,
    geometry: &Geometry,
    device: &DeviceProfile,
    plan: &Plan,
    style: PreviewStyle,
) -> String {
    let columns = geometry.columns.max(1);
    let heading_columns = geometry.heading_columns.max(1);
    let line_px = device.line_height_px.max(1.0);
    let viewport = device.viewport_height_px.max(1.0);
    let mut out = String::new();
    let mut shift = 0u64; // px of ads inserted so far
    let mut next_viewport = 1u64;
    let paint = |code: &str, s: &str| {
        if style.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut mark_viewports = |out: &mut String, y: u64| {
        while y as f64 >= next_viewport as f64 * viewport {
            let label = format!(" viewport {} ", next_viewport + 1);
            let rule = "┄".repeat(columns.saturating_sub(display_width(&label)) / 2);
            let _ = writeln!(
                out,
                "{:MARGIN$}{}",
                "",
                paint("2", &format!("{rule}{label}{rule}"))
            );
            next_viewport += 1;
        }
    };
    let mut ads = plan.placements.iter().peekable();
    for g in 0..=article.blocks.len() {
        while let Some(ad) = ads.next_if(|p| p.before_block == g) {
            mark_viewports(&mut out, ad.top_px);
            let rows = ((ad.height_px as f64 / line_px).ceil() as usize).max(3);
            let title = format!(" ad {} · {} · {} px ", ad.ordinal, ad.slot, ad.height_px);
            let width = columns.max(display_width(&title) + 2);
            let top = format!("┌{title}{}┐", "─".repeat(width - 2 - display_width(&title)));
            let _ = writeln!(
                out,
                "{:>MARGIN$}{}",
                format!("gap {g} "),
                paint("1;33", &top)
            );
            for _ in 0..rows - 2 {
                let _ = writeln!(
                    out,
                    "{:MARGIN$}{}",
                    "",
                    paint("33", &format!("│{}│", " ".repeat(width - 2)))
                );
            }
            let _ = writeln!(
                out,
                "{:MARGIN$}{}",
                "",
                paint("33", &format!("└{}┘", "─".repeat(width - 2)))
            );
            shift += ad.height_px;
        }
        let (Some(block), Some(bbox)) = (article.blocks.get(g), geometry.blocks.get(g)) else {
            continue;
        };
        let top = bbox.top_px + shift;
        let label = format!("{g:>3} {} ", short(block.kind));
        if bbox.lines == 0 {
            mark_viewports(&mut out, top);
            let rows = ((bbox.height_px as f64 / line_px).ceil() as usize).max(1);
            let text = format!("[{} · {} px]", block.kind, bbox.height_px);
            for row in 0..rows {
                let margin = if row == 0 { label.as_str() } else { "" };
                let body = if row == 0 { text.as_str() } else { "░" };
                let _ = writeln!(out, "{margin:>MARGIN$}{}", paint("2", body));
            }
            continue;
        }
        let (cols, height) = match block.kind {
            BlockKind::Headline | BlockKind::Heading => {
                (heading_columns, line_px * device.heading_scale)
            }
            _ => (columns, line_px),
        };
        for (i, line) in linebreak::lines(&block.text, cols, style.hyphenation)
            .iter()
            .enumerate()
        {
            mark_viewports(&mut out, top + (i as f64 * height) as u64);
            let margin = if i == 0 { label.as_str() } else { "" };
            let mut body = block.text[line.range.clone()].to_string();
            if line.hyphen {
                body.push('-');
            }
            let body = match block.kind {
                BlockKind::Headline | BlockKind::Heading => paint("1", &body),
                BlockKind::Caption | BlockKind::Quote => paint("3", &body),
                _ => body,
            };
            let _ = writeln!(out, "{margin:>MARGIN$}{body}");
        }
    }
    let _ = writeln!(out, "{}", "─".repeat(columns + MARGIN));
    let _ = writeln!(out, "{}", footer(plan, geometry));
    out
}

fn short(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Headline => "H",
        BlockKind::Standfirst => "S",
        BlockKind::Byline => "by",
        BlockKind::Lede | BlockKind::Paragraph => "¶",
        BlockKind::Heading => "h",
        BlockKind::Image => "img",
        BlockKind::Caption => "cap",
        BlockKind::Quote => "“",
        BlockKind::List => "•",
        BlockKind::Table => "tbl",
        BlockKind::Embed => "emb",
        BlockKind::Headlines => "hl",
        BlockKind::Ad => "ad",
        BlockKind::Other => "·",
    }
}

fn footer(plan: &Plan, geometry: &Geometry) -> String {
    let mut s = format!(
        "{} ads · density {:.2} · page {} px",
        plan.placements.len(),
        plan.density,
        plan.page_height_px
    );
    // The plan already carries the words above each ad: no second count of the article.
    let between: Vec<String> = plan
        .placements
        .windows(2)
        .map(|p| {
            let (a, b) = (p[0].before_block, p[1].before_block);
            format!(
                "{} words/{} px",
                p[1].words_above - p[0].words_above,
                geometry.gap_y(b) - geometry.gap_y(a)
            )
        })
        .collect();
    if !between.is_empty() {
        let _ = write!(s, " · between ads: {}", between.join(", "));
    }
    s
}

/// The rule-file reference in Markdown, generated from the registry.
pub fn reference() -> String {
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for r in RULES {
        let key = if r.section == "clearance" {
            "[clearance.KIND] above_px / below_px".to_string()
        } else {
            format!("[{}] {}", r.section, r.key)
        };
        let shape = match r.shape {
            Shape::Gap => "gap rule",
            Shape::Spacing => "spacing rule",
            Shape::Limit => "article limit",
            Shape::Modifier => "modifies spacing rules",
        };
        let doc = r.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "| `{key}` | `{}` | {doc} ({shape}; {}) |",
            r.default_toml(),
            r.value_type
        );
    }
    out
}

/// A summary of a loaded rule file, for `adslot check`.
pub fn summary(rules: &Rules) -> String {
    let mut out = format!("rules `{}`: ok\n", rules.name);
    let _ = writeln!(out, "in-flow slot: {}", rules.slot);
    for a in &rules.anchors {
        let _ = writeln!(
            out,
            "anchor: `{}` before the first {}{}",
            a.slot,
            a.before,
            if a.spacing {
                ""
            } else {
                " (exempt from spacing)"
            }
        );
    }
    for d in &rules.devices {
        let default = if d.name == rules.default_device {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "device {}{default}: {} columns, viewport {} px",
            d.name,
            d.profile.columns(),
            d.profile.viewport_height_px
        );
        let base = crate::rules::Policy::default();
        for r in RULES {
            let value = d.policy.value_toml(r.key).unwrap_or_default();
            if Some(&value) != base.value_toml(r.key).as_ref() {
                let _ = writeln!(out, "  {} = {value}", r.key);
            }
        }
    }
    out
}

/// The geometry as JSON: `{"columns", "blocks": [{"index", "lines", "top_px", "height_px"}], "height_px"}`.
pub fn layout_json(geometry: &Geometry) -> String {
    serde_json::to_string_pretty(geometry).unwrap_or_default() + "\n"
}

/// The geometry as a table for people.
pub fn layout_text(geometry: &Geometry, article: &Article) -> String {
    let mut out = format!(
        "{} columns, {} px tall\nblock  kind        lines   top_px  height_px\n",
        geometry.columns, geometry.height_px
    );
    for (b, block) in geometry.blocks.iter().zip(&article.blocks) {
        let _ = writeln!(
            out,
            "{:>5}  {:<10} {:>6} {:>8} {:>10}",
            b.index, block.kind, b.lines, b.top_px, b.height_px
        );
    }
    out
}

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
    use crate::formats::{markdown, template, InputFormat};
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
