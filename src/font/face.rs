//! One font face read from a file (TTF, OTF, TTC, WOFF, WOFF2): its names, character map,
//! advances, and shaped widths through harfrust.

use std::path::Path;

use harfrust::{Buffer, Direction, Script, ShapeOptions, ShapePlan, ShaperFont};
use read_fonts::types::NameId;

use super::error::FontError;

/// A font face: the decoded sfnt data, ready to map characters, read advances and shape text.
///
/// Cloning is cheap (the font data is shared).
///
/// ```no_run
/// use adslot::font::Face;
/// let face = Face::from_file("fonts/Body.woff2")?;
/// println!("{} {}: {} units per em", face.family(), face.style(), face.units_per_em());
/// # Ok::<(), adslot::font::FontError>(())
/// ```
#[derive(Clone)]
pub struct Face {
    label: String,
    font: harfrust::Font,
    upem: u16,
    family: String,
    style: String,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("label", &self.label)
            .field("family", &self.family)
            .field("style", &self.style)
            .field("units_per_em", &self.upem)
            .finish()
    }
}

/// The container a font file uses, from its first four bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Plain sfnt: TrueType or CFF outlines, or a collection (`ttcf`).
    Sfnt,
    /// WOFF 1.0 (zlib-compressed tables).
    Woff,
    /// WOFF 2.0 (Brotli-compressed, transformed tables).
    Woff2,
}

impl Container {
    /// Recognises the container from the leading bytes, or `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<Container> {
        match bytes.get(..4)? {
            b"wOFF" => Some(Container::Woff),
            b"wOF2" => Some(Container::Woff2),
            [0, 1, 0, 0] | b"OTTO" | b"true" | b"typ1" | b"ttcf" => Some(Container::Sfnt),
            _ => None,
        }
    }
}

impl Face {
    /// Reads a face from a file; the container is recognised from the content, not the name.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Face, FontError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| FontError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Face::from_bytes(path.display().to_string(), bytes)
    }

    /// Reads a face from bytes; `label` names it in errors (usually the file name). The first
    /// face of a collection is taken.
    ///
    /// ```
    /// use adslot::font::{Face, FontError};
    /// let err = Face::from_bytes("notes.txt", b"plain text".to_vec()).unwrap_err();
    /// assert!(matches!(err, FontError::Format { .. }));
    /// assert!(err.to_string().starts_with("notes.txt: not a font file"));
    /// ```
    pub fn from_bytes(label: impl Into<String>, bytes: Vec<u8>) -> Result<Face, FontError> {
        let label = label.into();
        let mut sfnt = match Container::sniff(&bytes) {
            Some(Container::Sfnt) => bytes,
            Some(Container::Woff) => {
                wuff::decompress_woff1(&bytes).map_err(|_| FontError::Decode {
                    name: label.clone(),
                    wrapper: "WOFF",
                })?
            }
            Some(Container::Woff2) => {
                wuff::decompress_woff2(&bytes).map_err(|_| FontError::Decode {
                    name: label.clone(),
                    wrapper: "WOFF2",
                })?
            }
            None => {
                let head: String = bytes
                    .iter()
                    .take(4)
                    .map(|b| format!("{b:02x}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                return Err(FontError::Format {
                    name: label,
                    detail: format!("the file starts with bytes {head}"),
                });
            }
        };
        // Set the face as Chromium does after its sanitiser has seen it.
        super::sanitize::drop_rejected_kern(&mut sfnt);
        let font = harfrust::Font::new(sfnt, 0).ok_or_else(|| FontError::Format {
            name: label.clone(),
            detail: "the sfnt table directory could not be read".into(),
        })?;
        if !font.charmap().has_unicode() {
            return Err(FontError::Format {
                name: label,
                detail: "the face has no Unicode character map (cmap)".into(),
            });
        }
        let names = font.names();
        let name = |ids: &[NameId]| -> String {
            ids.iter()
                .find_map(|id| {
                    let n = names.get(*id)?.english_or_first()?;
                    Some(n.name().chars().collect::<String>())
                })
                .unwrap_or_default()
        };
        let family = name(&[NameId::TYPOGRAPHIC_FAMILY_NAME, NameId::FAMILY_NAME]);
        let style = name(&[NameId::TYPOGRAPHIC_SUBFAMILY_NAME, NameId::SUBFAMILY_NAME]);
        let upem = font.units_per_em();
        Ok(Face {
            label,
            font,
            upem,
            family,
            style,
        })
    }

    /// The label given when reading (usually the file path).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Family name from the `name` table (typographic family first), e.g. `Liberation Serif`.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Style name from the `name` table, e.g. `Bold Italic`.
    pub fn style(&self) -> &str {
        &self.style
    }

    /// Design units per em.
    pub fn units_per_em(&self) -> u16 {
        self.upem
    }

    /// Number of glyphs in the face.
    pub fn glyph_count(&self) -> u32 {
        self.font.num_glyphs()
    }

    /// Ascent, descent (negative below the baseline) and line gap in font units, from the
    /// typographic metrics when the face asks for them, else `hhea`.
    pub fn line_metrics(&self) -> (f32, f32, f32) {
        let m = self.font.metrics();
        let line = if m.use_typo_metrics {
            m.typo_line.or(m.hhea_line)
        } else {
            m.hhea_line.or(m.typo_line)
        };
        match line {
            Some(l) => (
                l.ascender.to_f32(),
                l.descender.to_f32(),
                l.line_gap.to_f32(),
            ),
            None => (f32::from(self.upem) * 0.8, -f32::from(self.upem) * 0.2, 0.0),
        }
    }

    /// The glyph the character map gives `c`, if any.
    pub fn glyph(&self, c: char) -> Option<u32> {
        self.font.charmap().map_unicode(c).map(|g| g.to_u32())
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Every (character, glyph) the character map holds, in character order.
    pub fn mapped_chars(&self) -> Vec<(char, u32)> {
        self.font
            .charmap()
            .unicodes()
            .filter_map(|(cp, g)| Some((char::from_u32(cp)?, g.to_u32())))
            .collect()
    }

    /// Advance width of a glyph in font units (default instance of a variable face).
    pub fn glyph_advance(&self, glyph: u32) -> f32 {
        self.font
            .glyph_metrics()
            .h_advance(read_fonts::types::GlyphId::new(glyph))
    }

    /// Advance width of `c`'s glyph in font units, if the face maps it.
    pub fn advance(&self, c: char) -> Option<f32> {
        self.glyph(c).map(|g| self.glyph_advance(g))
    }

    /// Whether the layout tables hold an OpenType feature (`*b"halt"`, `*b"kern"`...).
    pub fn has_feature(&self, tag: [u8; 4]) -> bool {
        use read_fonts::TableProvider;
        let tables = self.font.tables();
        let tag = read_fonts::types::Tag::new(&tag);
        let has = |list: Option<Result<read_fonts::tables::layout::FeatureList<'_>, _>>| {
            list.and_then(Result::ok)
                .is_some_and(|l| l.feature_records().iter().any(|r| r.feature_tag() == tag))
        };
        has(tables.gpos().ok().map(|t| t.feature_list()))
            || has(tables.gsub().ok().map(|t| t.feature_list()))
    }

    /// Shapes `text` as one run (HarfBuzz's default features: kerning, ligatures, contextual
    /// forms, marks) and returns each glyph's advance in font units, with its cluster (byte
    /// offset into `text`), into `out`. `shaper` keeps the buffer and plans between calls.
    pub fn shape(&self, text: &str, shaper: &mut Shaper, out: &mut Vec<(u32, f32)>) {
        out.clear();
        let mut buffer = shaper.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if buffer.direction() == Direction::Invalid {
            buffer.set_direction(Direction::LeftToRight);
        }
        let key = (buffer.direction(), buffer.script());
        let plan_index = match shaper.plans.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let plan = ShapePlan::new(&self.font, key.0, key.1, None, &[]);
                shaper.plans.push((key, plan));
                shaper.plans.len() - 1
            }
        };
        let font = ShaperFont::new(&self.font);
        let plan = &shaper.plans[plan_index].1;
        match harfrust::shape(&font, &mut buffer, ShapeOptions::new().plan(Some(plan))) {
            Ok(()) => {
                for (info, pos) in buffer.glyph_infos().iter().zip(buffer.glyph_positions()) {
                    out.push((info.cluster, pos.x_advance as f32));
                }
            }
            Err(_) => {
                // A face harfrust refuses to shape (malformed layout tables) is still measured,
                // by its plain advances, as HarfBuzz's fallback shaper would.
                for (i, c) in text.char_indices() {
                    out.push((i as u32, self.advance(c).unwrap_or(0.0)));
                }
            }
        }
        shaper.buffer = Some(buffer);
    }

    /// Total shaped width of `text` in font units (see [`Face::shape`]).
    pub fn shaped_width(&self, text: &str, shaper: &mut Shaper) -> f32 {
        let mut out = std::mem::take(&mut shaper.glyphs);
        self.shape(text, shaper, &mut out);
        let w = out.iter().map(|g| g.1).sum();
        shaper.glyphs = out;
        w
    }

    /// Shapes a two-character pair (in `script`, or the script guessed from the pair) and
    /// returns how far its shaped width differs from the two plain advances (the pair kerning
    /// HarfBuzz applies; for a two-character ligature such as `fi`, what the ligature saves),
    /// or `None` when shaping gave neither one nor two glyphs.
    pub fn pair_adjustment(
        &self,
        a: char,
        b: char,
        script: Option<Script>,
        shaper: &mut Shaper,
    ) -> Option<f32> {
        let mut buf = [0u8; 8];
        let len_a = a.encode_utf8(&mut buf).len();
        let len_b = b.encode_utf8(&mut buf[len_a..]).len();
        let text = std::str::from_utf8(&buf[..len_a + len_b]).ok()?;
        let mut buffer = shaper.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        match script {
            Some(script) => {
                buffer.set_direction(Direction::LeftToRight);
                buffer.set_script(Some(script));
            }
            None => {
                buffer.guess_segment_properties();
                if buffer.direction() == Direction::Invalid {
                    buffer.set_direction(Direction::LeftToRight);
                }
            }
        }
        let key = (buffer.direction(), buffer.script());
        let plan_index = match shaper.plans.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let plan = ShapePlan::new(&self.font, key.0, key.1, None, &[]);
                shaper.plans.push((key, plan));
                shaper.plans.len() - 1
            }
        };
        let font = ShaperFont::new(&self.font);
        let plan = &shaper.plans[plan_index].1;
        let shaped = harfrust::shape(&font, &mut buffer, ShapeOptions::new().plan(Some(plan)));
        let result = match shaped {
            Ok(()) if buffer.len() == 2 => {
                let infos = buffer.glyph_infos();
                let pos = buffer.glyph_positions();
                let plain =
                    self.glyph_advance(infos[0].glyph_id) + self.glyph_advance(infos[1].glyph_id);
                Some((pos[0].x_advance + pos[1].x_advance) as f32 - plain)
            }
            Ok(()) if buffer.len() == 1 => {
                // A ligature (fi, fl): what it saves against the two characters' own glyphs.
                let plain = self.advance(a).unwrap_or(0.0) + self.advance(b).unwrap_or(0.0);
                Some(buffer.glyph_positions()[0].x_advance as f32 - plain)
            }
            _ => None,
        };
        shaper.buffer = Some(buffer);
        result
    }
}

impl Face {
    /// Whether `chars` shape (as Latin) into a single glyph: a ligature.
    pub fn ligates(&self, chars: &[char], shaper: &mut Shaper) -> bool {
        self.ligature_width(chars, shaper).is_some()
    }

    /// The advance of the single glyph `chars` shape into, if they form a ligature.
    pub fn ligature_width(&self, chars: &[char], shaper: &mut Shaper) -> Option<f32> {
        if chars.len() < 2 || chars.iter().any(|c| !c.is_alphabetic()) {
            return None;
        }
        let text: String = chars.iter().collect();
        let mut out = std::mem::take(&mut shaper.glyphs);
        self.shape(&text, shaper, &mut out);
        let w = match out.as_slice() {
            [(_, w)] => Some(*w),
            _ => None,
        };
        shaper.glyphs = out;
        w
    }
}

/// Reusable shaping state for one face: the buffer and the shape plans per direction and
/// script (building a plan costs far more than shaping a word).
#[derive(Default)]
pub struct Shaper {
    buffer: Option<Buffer>,
    plans: Vec<((Direction, Option<Script>), ShapePlan)>,
    glyphs: Vec<(u32, f32)>,
}

impl std::fmt::Debug for Shaper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shaper")
            .field("plans", &self.plans.len())
            .finish()
    }
}
