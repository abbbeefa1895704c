//! The terminal painter of the preview: rows as text, ads as boxes, optional ANSI colours.

use std::fmt::Write as _;

use super::{AdBox, BlockMark, Preview, Row, TextLine, Totals, ViewportMark};
use crate::article::BlockKind;
use crate::render::plural;
use crate::text::display_width;

/// The narrowest margin (block numbers and gap labels): the labels of any article under 1,000
/// blocks fit, so the text column does not move between articles.
const MIN_MARGIN: usize = 9;

/// The preview as terminal text: the lines as the geometry broke them, block numbers and kinds
/// in the margin, each ad as a box of its reserved height (at least three rows), viewport
/// boundaries, and a footer with the totals (and, when the lines are drawn at other columns than
/// the plan was made for, a line that says so). `color` adds ANSI colours.
///
/// ```
/// use adslot::render::preview::{paint_ansi, Preview};
/// use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
/// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "Short.")]);
/// let plan = place(&article, &rules, &PlaceOptions::default()).unwrap();
/// let preview = Preview::new(&article, &rules, rules.select_device(None).unwrap(), &plan, None);
/// let text = paint_ansi(&preview, false);
/// assert!(text.starts_with("   gap 0 ┌ ad 1 · inline · 302 px ─"));
/// assert!(text.contains("\n     0 ¶ Short.\n"));
/// assert!(text.ends_with("1 ad · density 0.92 · page 329 px\n"));
/// ```
pub fn paint(preview: &Preview, color: bool) -> String {
    let painter = Painter {
        color,
        columns: preview.columns.max(1),
        line_px: preview.profile.line_height_px.max(1.0),
        margin: margin(&preview.rows),
    };
    let mut out = String::new();
    for row in &preview.rows {
        match row {
            Row::Gap(_) => {}
            Row::Viewport(v) => painter.viewport(&mut out, v),
            Row::Ad(ad) => painter.ad(&mut out, ad),
            Row::Block(b) => painter.block(&mut out, b),
            Row::Line(l) => painter.line(&mut out, l),
        }
    }
    let _ = writeln!(out, "{}", "─".repeat(painter.columns + painter.margin));
    let _ = writeln!(out, "{}", footer(&preview.totals));
    if preview.columns != preview.plan_columns {
        let _ = writeln!(
            out,
            "drawn at {} columns; the ads and totals are the {} plan, made at {} columns",
            preview.columns, preview.device, preview.plan_columns
        );
    }
    out
}

struct Painter {
    color: bool,
    columns: usize,
    line_px: f64,
    margin: usize,
}

impl Painter {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn viewport(&self, out: &mut String, v: &ViewportMark) {
        let label = format!(" viewport {} ", v.number);
        let rule = "┄".repeat(self.columns.saturating_sub(display_width(&label)) / 2);
        let _ = writeln!(
            out,
            "{:margin$}{}",
            "",
            self.paint("2", &format!("{rule}{label}{rule}")),
            margin = self.margin
        );
    }

    fn ad(&self, out: &mut String, ad: &AdBox) {
        let margin = self.margin;
        let rows = ((ad.height_px as f64 / self.line_px).ceil() as usize).max(3);
        let title = format!(" ad {} · {} · {} px ", ad.ordinal, ad.slot, ad.height_px);
        let width = self.columns.max(display_width(&title) + 2);
        let top = format!("┌{title}{}┐", "─".repeat(width - 2 - display_width(&title)));
        let _ = writeln!(
            out,
            "{:>margin$}{}",
            gap_label(ad.gap),
            self.paint("1;33", &top)
        );
        let side = self.paint("33", &format!("│{}│", " ".repeat(width - 2)));
        for _ in 0..rows - 2 {
            let _ = writeln!(out, "{:margin$}{side}", "");
        }
        let bottom = self.paint("33", &format!("└{}┘", "─".repeat(width - 2)));
        let _ = writeln!(out, "{:margin$}{bottom}", "");
    }

    /// A block without lines as a shaded box of its height; text blocks are drawn by their lines.
    fn block(&self, out: &mut String, b: &BlockMark) {
        if b.lines > 0 {
            return;
        }
        let margin = self.margin;
        let rows = ((b.height_px as f64 / self.line_px).ceil() as usize).max(1);
        let text = format!("[{} · {} px]", b.kind, b.height_px);
        let _ = writeln!(
            out,
            "{:>margin$}{}",
            block_label(b.index, b.kind),
            self.paint("2", &text)
        );
        for _ in 1..rows {
            let _ = writeln!(out, "{:margin$}{}", "", self.paint("2", "░"));
        }
    }

    fn line(&self, out: &mut String, l: &TextLine) {
        let label = if l.line == 0 {
            block_label(l.block, l.kind)
        } else {
            String::new()
        };
        let mut body = l.text.to_string();
        if l.hyphen {
            body.push('-');
        }
        let body = match l.kind {
            BlockKind::Headline | BlockKind::Heading => self.paint("1", &body),
            BlockKind::Caption | BlockKind::Quote => self.paint("3", &body),
            _ => body,
        };
        let _ = writeln!(out, "{label:>margin$}{body}", margin = self.margin);
    }
}

/// The margin: wide enough for every label (padding counts characters, so this does too).
fn margin(rows: &[Row]) -> usize {
    rows.iter()
        .map(|row| match row {
            Row::Ad(ad) => gap_label(ad.gap).chars().count(),
            Row::Block(b) => block_label(b.index, b.kind).chars().count(),
            _ => 0,
        })
        .fold(MIN_MARGIN, usize::max)
}

fn gap_label(gap: usize) -> String {
    format!("gap {gap} ")
}

fn block_label(index: usize, kind: BlockKind) -> String {
    format!("{index:>3} {} ", short(kind))
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

fn footer(totals: &Totals) -> String {
    let mut s = format!(
        "{} · density {:.2} · page {} px",
        plural(totals.ads as u64, "ad", "ads"),
        totals.density,
        totals.page_height_px
    );
    let between: Vec<String> = totals
        .between
        .iter()
        .map(|b| format!("{}/{} px", plural(b.words, "word", "words"), b.px))
        .collect();
    if !between.is_empty() {
        let _ = write!(s, " · between ads: {}", between.join(", "));
    }
    s
}
