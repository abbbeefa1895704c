//! px mode: text blocks laid out with the device's fonts by the pixel line breaker, once per
//! candidate typeface, positions kept in Chromium's LayoutUnits (1/64 px); and the per-thread
//! font stacks (word-width caches) it sets text with.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

mod measurer;

use super::typography::{HyphensMode, Typesetting};
use super::{px, BlockBox, DeviceProfile, FontLayout, Geometry, Hyphenation};
use crate::article::{Article, Block, BlockKind};
use crate::font::{FontStack, TextStyle};
use crate::text::pixel::{en_us_patterns, Hyphens, PixelBreaker, PixelLine, PixelOptions};
use measurer::{PxMeasurer, SizedKey};

/// LayoutUnits per CSS px (Chromium lays out in 1/64 px).
pub const LAYOUT_UNITS: u64 = 64;

/// A length in px as LayoutUnits, rounded as Chromium rounds `line-height` and margins.
fn units(value: f64) -> u64 {
    if value.is_nan() || value <= 0.0 {
        0
    } else {
        (value * LAYOUT_UNITS as f64)
            .round()
            .min((super::MAX_BLOCK_PX * LAYOUT_UNITS) as f64) as u64
    }
}

/// Where an ad at each gap goes, from the flow's gaps: LayoutUnits, and never back up the page
/// (a negative margin could otherwise move an edge above the one before it, and distances must
/// grow as gaps move apart).
pub(super) fn slot_edges(gaps: &[crate::style::GapPlace]) -> Vec<super::SlotEdges> {
    let (mut top, mut resume) = (0, 0);
    gaps.iter()
        .map(|g| {
            // A top raised to the one before raises its resume alike: the growth is kept.
            let raw = units(g.top);
            let raised = raw.max(top) - raw;
            top = raw + raised;
            resume = (units(g.top - g.growth) + raised).max(resume);
            super::SlotEdges {
                top_lu: top,
                resume_lu: resume,
            }
        })
        .collect()
}

/// Whole px of a LayoutUnit position, rounded half up (as positions are reported).
///
/// ```
/// use adslot::layout::whole_px;
/// assert_eq!((whole_px(64 * 10 + 31), whole_px(64 * 10 + 32)), (10, 11));
/// ```
pub fn whole_px(lu: u64) -> u64 {
    lu.saturating_add(LAYOUT_UNITS / 2) / LAYOUT_UNITS
}

/// The sizes a set of stacks was built for: body and heading font size, letter and word spacing.
type Sizes = [u64; 4];

fn sizes(device: &DeviceProfile) -> Sizes {
    [
        device.font_px.to_bits(),
        (device.font_px * device.heading_scale).to_bits(),
        device.letter_spacing_px.to_bits(),
        device.word_spacing_px.to_bits(),
    ]
}

/// One thread's font stacks for one device's typesetting: per candidate, the body and heading
/// stacks (each with its word-width cache), and the breaker's buffers.
struct Setter {
    owner: Weak<Typesetting>,
    sizes: Sizes,
    stacks: Vec<(FontStack, FontStack)>,
    /// Block model mode: stacks per candidate, face (heading or body) and size, made on first use.
    sized: Vec<(SizedKey, FontStack)>,
    breaker: PixelBreaker,
}

impl Setter {
    fn new(set: &Arc<Typesetting>, device: &DeviceProfile) -> Setter {
        let body = TextStyle::new(device.font_px)
            .with_spacing(device.letter_spacing_px, device.word_spacing_px);
        let heading = TextStyle::new(device.font_px * device.heading_scale)
            .with_spacing(device.letter_spacing_px, device.word_spacing_px);
        Setter {
            owner: Arc::downgrade(set),
            sizes: sizes(device),
            stacks: set
                .faces
                .iter()
                .map(|f| {
                    (
                        FontStack::new(f.body.clone(), body),
                        FontStack::new(f.heading.clone(), heading),
                    )
                })
                .collect(),
            sized: Vec::new(),
            breaker: PixelBreaker::new(),
        }
    }

    fn is_for(&self, set: &Arc<Typesetting>, sizes: Sizes) -> bool {
        std::ptr::eq(self.owner.as_ptr(), Arc::as_ptr(set)) && self.sizes == sizes
    }
}

/// Setters kept per thread (least recently used dropped first).
const SETTERS_PER_THREAD: usize = 8;

thread_local! {
    /// This thread's setters: batch workers each get their own caches, never shared.
    static SETTERS: RefCell<Vec<Setter>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's setter for `set` on `device`, made on first use. The setter is
/// taken out of the thread's list while `f` runs and put back after.
fn with_setter<R>(
    set: &Arc<Typesetting>,
    device: &DeviceProfile,
    f: impl FnOnce(&mut Setter) -> R,
) -> R {
    let wanted = sizes(device);
    let kept = SETTERS
        .try_with(|cell| {
            let mut setters = cell.try_borrow_mut().ok()?;
            setters.retain(|s| s.owner.strong_count() > 0);
            let i = setters.iter().position(|s| s.is_for(set, wanted))?;
            Some(setters.remove(i))
        })
        .ok()
        .flatten();
    let mut setter = kept.unwrap_or_else(|| Setter::new(set, device));
    let out = f(&mut setter);
    // Put it back, most recently used last (a thread shutting down just drops it).
    let _ = SETTERS.try_with(|cell| {
        if let Ok(mut setters) = cell.try_borrow_mut() {
            if setters.len() >= SETTERS_PER_THREAD {
                setters.remove(0);
            }
            setters.push(setter);
        }
    });
    out
}

/// How one device breaks lines in px mode.
struct Breaking {
    width_px: f64,
    break_words: bool,
    hyphens: HyphensMode,
}

impl Breaking {
    fn options(&self, stack: &FontStack) -> PixelOptions<'static> {
        self.options_at(stack, self.width_px)
    }

    fn options_at(&self, stack: &FontStack, width_px: f64) -> PixelOptions<'static> {
        let hyphens = match (self.hyphens, en_us_patterns()) {
            (HyphensMode::Auto, Some(dict)) => Hyphens::Auto(dict),
            (HyphensMode::None, _) => Hyphens::None,
            _ => Hyphens::Manual,
        };
        PixelOptions::new(width_px)
            .with_break_words(self.break_words)
            .with_hyphens(hyphens)
            .with_cjk_trim(stack.trims_cjk_punctuation())
    }
}

fn breaking(set: &Typesetting, device: &DeviceProfile, hyphenation: Hyphenation) -> Breaking {
    let hyphens = match (set.settings.hyphens, hyphenation) {
        (Some(h), Hyphenation::None) => h,
        (_, Hyphenation::EnUs) => HyphensMode::Auto,
        (None, _) => HyphensMode::Manual,
    };
    Breaking {
        width_px: device.content_width_px,
        break_words: set.settings.break_words.unwrap_or(true),
        hyphens,
    }
}

/// Whether a block's text is set in the heading font.
fn is_heading(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Headline | BlockKind::Heading)
}

/// The px-mode geometry: every block laid out in each candidate typeface; `blocks` and
/// `height_px` are the first candidate's.
pub(super) fn layout(
    article: &Article,
    device: &DeviceProfile,
    set: &Arc<Typesetting>,
    hyphenation: Hyphenation,
) -> Geometry {
    let breaking = breaking(set, device, hyphenation);
    let fonts: Vec<FontLayout> = with_setter(set, device, |setter| match &device.blocks {
        Some(model) => (0..set.faces.len())
            .map(|face| {
                let mut m = PxMeasurer {
                    setter: &mut *setter,
                    set,
                    face,
                    breaking: &breaking,
                };
                let stack = super::styled::stack(article, model, device, &mut m);
                styled_layout(set.faces[face].name.clone(), &stack)
            })
            .collect(),
        None => unstyled(article, device, set, &breaking, setter),
    });
    let columns = device.columns();
    let (blocks, height_px, slots) = fonts.first().map_or((Vec::new(), 0, Vec::new()), |f| {
        (f.blocks.clone(), f.height_px, f.slots.clone())
    });
    Geometry {
        columns,
        heading_columns: super::scaled_columns(columns, device.heading_scale),
        blocks,
        height_px,
        fonts,
        slots,
    }
}

/// One typeface's layout from the block model's flow: LayoutUnit positions, whole-px boxes
/// rounded from them.
fn styled_layout(font: String, stack: &super::styled::Stack) -> FontLayout {
    let mut blocks = Vec::with_capacity(stack.blocks.len());
    let mut gaps_lu = Vec::with_capacity(stack.blocks.len() + 1);
    for (index, s) in stack.blocks.iter().enumerate() {
        let top = units(s.top);
        let bottom = units(s.top + s.height).max(top);
        gaps_lu.push(top);
        blocks.push(BlockBox {
            index,
            lines: s.lines,
            top_px: whole_px(top),
            height_px: whole_px(bottom) - whole_px(top),
        });
    }
    let end = units(stack.height);
    gaps_lu.push(end);
    FontLayout {
        font,
        height_px: whole_px(end),
        blocks,
        gaps_lu,
        slots: slot_edges(&stack.gaps),
    }
}

/// The layout without a block model: each candidate's stacks at the profile's sizes.
fn unstyled(
    article: &Article,
    device: &DeviceProfile,
    set: &Arc<Typesetting>,
    breaking: &Breaking,
    setter: &mut Setter,
) -> Vec<FontLayout> {
    {
        let Setter {
            stacks, breaker, ..
        } = setter;
        set.faces
            .iter()
            .zip(stacks.iter_mut())
            .map(|(face, (body, heading))| {
                let mut lines = |block: &Block| {
                    if block.text.trim().is_empty() {
                        return 0;
                    }
                    let stack = if is_heading(block.kind) {
                        &mut *heading
                    } else {
                        &mut *body
                    };
                    let opts = breaking.options(stack);
                    breaker.count_lines(&block.text, stack, &opts)
                };
                font_layout(article, device, face.name.clone(), &mut lines)
            })
            .collect()
    }
}

/// One typeface's layout: blocks stacked with `block_gap_px` between them, a text block `lines`
/// line boxes of `line_height_px` (headings scaled) in LayoutUnits, other blocks as in column
/// mode; whole-px tops and heights rounded from the LayoutUnit positions, so they add up.
fn font_layout(
    article: &Article,
    device: &DeviceProfile,
    font: String,
    lines_of: &mut dyn FnMut(&Block) -> usize,
) -> FontLayout {
    let gap = units(device.block_gap_px);
    let body_line = units(device.line_height_px);
    let heading_line = units(device.line_height_px * device.heading_scale);
    let mut blocks = Vec::with_capacity(article.blocks.len());
    let mut gaps_lu = Vec::with_capacity(article.blocks.len() + 1);
    let mut y = 0_u64;
    for (index, block) in article.blocks.iter().enumerate() {
        if index > 0 {
            y = y.saturating_add(gap);
        }
        let (lines, height) = match block.kind {
            BlockKind::Image | BlockKind::Embed => (0, units(super::media_height(block, device))),
            BlockKind::Ad => (
                0,
                units(block.height_px.unwrap_or(device.existing_ad_height_px)),
            ),
            kind => {
                let lines = lines_of(block);
                let line = if is_heading(kind) {
                    heading_line
                } else {
                    body_line
                };
                let height = match block.height_px {
                    Some(h) => units(h),
                    None => line.saturating_mul(lines as u64),
                };
                (lines, height)
            }
        };
        gaps_lu.push(y);
        let top_px = whole_px(y);
        let bottom = y.saturating_add(height);
        blocks.push(BlockBox {
            index,
            lines,
            top_px,
            height_px: px((whole_px(bottom) - top_px) as f64),
        });
        y = bottom;
    }
    gaps_lu.push(y);
    FontLayout {
        font,
        height_px: whole_px(y),
        blocks,
        gaps_lu,
        slots: Vec::new(),
    }
}

/// The lines of every text block of `article` in each candidate typeface of `device` (empty
/// for blocks without text layout): what the px-mode layout counts, for tools that compare
/// line breaks with a browser's.
pub fn block_lines(
    article: &Article,
    device: &DeviceProfile,
    hyphenation: Hyphenation,
) -> Vec<Vec<Vec<PixelLine>>> {
    lines_in_faces(article, device, hyphenation, usize::MAX)
}

/// The lines of every text block of `article` in the first typeface of `device`, the one
/// placements report positions in (empty in column mode): what the preview draws.
pub fn first_face_lines(
    article: &Article,
    device: &DeviceProfile,
    hyphenation: Hyphenation,
) -> Vec<Vec<PixelLine>> {
    lines_in_faces(article, device, hyphenation, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// [`block_lines`] in the first `faces` typefaces.
fn lines_in_faces(
    article: &Article,
    device: &DeviceProfile,
    hyphenation: Hyphenation,
    faces: usize,
) -> Vec<Vec<Vec<PixelLine>>> {
    let Some(set) = device.typography.typesetting() else {
        return Vec::new();
    };
    let breaking = breaking(set, device, hyphenation);
    with_setter(set, device, |setter| {
        let Setter {
            stacks, breaker, ..
        } = setter;
        stacks
            .iter_mut()
            .take(faces)
            .map(|(body, heading)| {
                article
                    .blocks
                    .iter()
                    .map(|block| {
                        let text_layout = !matches!(
                            block.kind,
                            BlockKind::Image | BlockKind::Embed | BlockKind::Ad
                        );
                        if !text_layout || block.text.trim().is_empty() {
                            return Vec::new();
                        }
                        let stack = if is_heading(block.kind) {
                            &mut *heading
                        } else {
                            &mut *body
                        };
                        let opts = breaking.options(stack);
                        breaker.lines(&block.text, stack, &opts)
                    })
                    .collect()
            })
            .collect()
    })
}
