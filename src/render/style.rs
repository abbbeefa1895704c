//! The computed block styles `adslot check` prints for each device with a stylesheet or style
//! keys: what the stylesheet held and what was read, each kind's box and text, and what could
//! not be read, located.

use std::fmt::Write as _;

use super::plural;
use crate::rules::{Device, Rules};
use crate::style::sheet::{Counted, Noted, SheetReport};
use crate::style::{ComputedStyle, LineHeight, StyleKind, Styles};

/// How many entries of each "not read" list are printed.
const LISTED: usize = 12;

/// The styles of every device that has a stylesheet or `[device.NAME.style.KIND]` keys (an
/// empty string when none has).
///
/// ```
/// let toml = "[device.mobile.style.h2]\nfont_px = 22\nmargin_top_px = 24\n";
/// let rules = adslot::Rules::from_toml("r.toml", toml).unwrap();
/// let out = adslot::render::styles(&rules);
/// assert!(out.starts_with("styles of mobile: the user-agent's and the profile's"));
/// assert!(out.contains("\n  h2 "));
/// assert!(out.contains("[device.mobile.style.h2] font_px = 22, margin_top_px = 24"));
/// assert_eq!(adslot::render::styles(&adslot::Rules::default()), "");
/// ```
pub fn styles(rules: &Rules) -> String {
    let mut out = String::new();
    for d in &rules.devices {
        let s = &d.styles;
        if s.settings().stylesheet.is_none() && s.overrides().is_empty() {
            continue;
        }
        device(&mut out, d);
    }
    out
}

fn px(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r}")
}

fn edges(e: &crate::style::Edges) -> String {
    format!(
        "{} {} {} {}",
        px(e.top),
        px(e.right),
        px(e.bottom),
        px(e.left)
    )
}

fn device(out: &mut String, d: &Device) {
    let s: &Styles = &d.styles;
    let set = s.settings();
    match &set.stylesheet {
        Some(name) => {
            let _ = writeln!(
                out,
                "styles of {}: stylesheet `{name}` at a {} px viewport, content root `{}`: \
                 column {} px (the profile's content_width_px is {})",
                d.name,
                px(set.viewport_width_px),
                set.content_root,
                px(s.column_width_px()),
                px(d.profile.content_width_px)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "styles of {}: the user-agent's and the profile's ({} px text, {} px lines, \
                 {} px column)",
                d.name,
                px(d.profile.font_px),
                px(d.profile.line_height_px),
                px(s.column_width_px())
            );
        }
    }
    if let Some(r) = s.sheet_report() {
        let c = s.cascade();
        let _ = writeln!(
            out,
            "  read: {} ({}), {}; {} without effect on the geometry (colour, background...); \
             @media: {} in force, {} not",
            plural(r.style_rules as u64, "style rule", "style rules"),
            plural(r.selectors as u64, "selector", "selectors"),
            plural(r.declarations as u64, "declaration", "declarations"),
            r.ignored,
            plural(c.media_rules_applied as u64, "rule", "rules"),
            c.media_rules_skipped
        );
    }
    let _ = writeln!(
        out,
        "  {:<11} {:<34} {:>7} {:<22} {:<16} {:<12} {:>6}",
        "kind", "font", "line", "margin t r b l", "padding", "border", "width"
    );
    for kind in StyleKind::ALL {
        let _ = writeln!(out, "{}", row(kind, s.kind(kind)));
    }
    for o in s.overrides() {
        if !o.written.is_empty() {
            let _ = writeln!(
                out,
                "  [device.{}.style.{}] {}",
                d.name,
                o.kind.name(),
                o.written.join(", ")
            );
        }
    }
    if let Some(r) = s.sheet_report() {
        not_read(
            out,
            r,
            s.cascade().author().map_or("", |a| a.origin.as_str()),
        );
    }
}

fn row(kind: StyleKind, c: &ComputedStyle) -> String {
    let family = c
        .font_family
        .iter()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut font = format!("{}px {} {}", px(c.font_px), c.font_weight, family);
    if c.font_style != "normal" {
        font = format!("{font} {}", c.font_style);
    }
    if font.chars().count() > 34 {
        font = format!("{}...", font.chars().take(31).collect::<String>());
    }
    let line = match c.line_height {
        LineHeight::Normal => "normal".to_string(),
        l => px(l.px(c.font_px).unwrap_or(0.0)),
    };
    let mut extra = String::new();
    if c.white_space != "normal" {
        extra.push_str(&format!(" white-space: {}", c.white_space));
    }
    if c.text_indent_px != 0.0 {
        extra.push_str(&format!(" indent {}", px(c.text_indent_px)));
    }
    if matches!(kind, StyleKind::List | StyleKind::ListItem) {
        extra.push_str(&format!(" marker {}", c.list_style_type));
    }
    format!(
        "  {:<11} {:<34} {:>7} {:<22} {:<16} {:<12} {:>6}{extra}",
        kind.name(),
        font,
        line,
        edges(&c.margin),
        edges(&c.padding),
        edges(&c.border),
        px(c.content_width_px)
    )
}

fn not_read(out: &mut String, r: &SheetReport, origin: &str) {
    let counted = |out: &mut String, title: &str, list: &[Counted]| {
        if list.is_empty() {
            return;
        }
        let total: usize = list.iter().map(|c| c.count).sum();
        let _ = writeln!(out, "  {title} ({total}):");
        for c in list.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "    {} x{} (first at {origin}:{})",
                c.name, c.count, c.first
            );
        }
        if list.len() > LISTED {
            let _ = writeln!(out, "    and {} more", list.len() - LISTED);
        }
    };
    let noted = |out: &mut String, title: &str, list: &[Noted]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(out, "  {title} ({}):", list.len());
        for n in list.iter().take(LISTED) {
            let _ = writeln!(out, "    {origin}:{}: `{}`: {}", n.at, n.text, n.reason);
        }
        if list.len() > LISTED {
            let _ = writeln!(out, "    and {} more", list.len() - LISTED);
        }
    };
    counted(
        out,
        "not read: properties that may change the geometry",
        &r.unsupported_properties,
    );
    noted(
        out,
        "not read: selectors outside the supported subset",
        &r.unsupported_selectors,
    );
    noted(
        out,
        "not read: invalid CSS (dropped, as browsers do)",
        &r.invalid,
    );
    counted(out, "not applied: at-rules", &r.at_rules);
    noted(
        out,
        "not evaluated: media features (false)",
        &r.unknown_media_features,
    );
    if r.pseudo_element_selectors > 0 {
        let _ = writeln!(
            out,
            "  not laid out: {} (::before, ::after...)",
            plural(
                r.pseudo_element_selectors as u64,
                "pseudo-element selector",
                "pseudo-element selectors"
            )
        );
    }
    if r.nested_rules > 0 {
        let _ = writeln!(
            out,
            "  not applied: nested rules inside {}",
            plural(r.nested_rules as u64, "style rule", "style rules")
        );
    }
}
