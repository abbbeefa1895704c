//! Making a metrics table from a face (what the built-in tables under `fonts/` are, and what
//! `adslot font FONTFILE --out table.adm` writes), and describing a face or table for people.

use std::collections::HashMap;
use std::fmt::Write as _;

use harfrust::Script;

use super::face::{Face, Shaper};
use super::measure::{is_ignorable, Font};
use super::table::{ClassKerning, Metrics};

/// The characters a built-in table covers (where the face maps them): Latin (Basic, Latin-1,
/// Extended-A and -B, IPA, spacing modifiers, combining diacritics, Extended Additional for
/// Vietnamese), Greek and Coptic, Cyrillic, general punctuation, super- and subscripts,
/// currency, letterlike symbols, number forms, arrows, mathematical operators, box drawing,
/// block elements, geometric shapes, miscellaneous symbols and dingbats.
pub const NEWS_COVERAGE: &[(u32, u32)] = &[
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0250, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x2070, 0x209F),
    (0x20A0, 0x20BF),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2500, 0x25FF),
    (0x2600, 0x27BF),
];

/// The script a pair is shaped in: Chromium shapes each run in its own script, so a pair of
/// two scripts is never kerned, and punctuation takes the script of the text around it.
fn script_of(c: char) -> Option<Script> {
    match c as u32 {
        0x0370..=0x03FF => Some(Script::GREEK),
        0x0400..=0x04FF => Some(Script::CYRILLIC),
        _ if c.is_alphabetic() => Some(Script::LATIN),
        _ => None,
    }
}

impl Metrics {
    /// Measures `face` into a table: the advance of every character of `coverage` the face maps
    /// (in font units) and the kerning of every pair of them as HarfBuzz applies it (GPOS pair
    /// adjustment in either format, or the `kern` table when the face has no GPOS kerning),
    /// found by shaping each pair with harfrust, in the pair's script. A pair that shapes to a
    /// ligature (`fi`, `fl`) is stored as the width the ligature saves, so two-letter ligatures
    /// measure as the browser sets them.
    ///
    /// ```no_run
    /// use adslot::font::{Face, Metrics, NEWS_COVERAGE};
    /// let face = Face::from_file("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")?;
    /// let table = Metrics::from_face(&face, NEWS_COVERAGE);
    /// std::fs::write("fonts/liberation-serif-regular.adm", table.to_bytes()).unwrap();
    /// # Ok::<(), adslot::font::FontError>(())
    /// ```
    pub fn from_face(face: &Face, coverage: &[(u32, u32)]) -> Metrics {
        let mut chars: Vec<(char, u32)> = face
            .mapped_chars()
            .into_iter()
            .filter(|(c, _)| {
                let cp = *c as u32;
                coverage.iter().any(|&(a, b)| (a..=b).contains(&cp))
            })
            .collect();
        chars.sort_by_key(|(c, _)| *c);
        let mut shaper = Shaper::default();
        let mut glyphs = Vec::new();
        // Each character's advance as the shaper sets it alone (marks are zeroed through GDEF,
        // as HarfBuzz does in running text), else its `hmtx` advance.
        let advances: Vec<(char, u16)> = chars
            .iter()
            .map(|&(c, g)| {
                let mut b = [0u8; 4];
                face.shape(c.encode_utf8(&mut b), &mut shaper, &mut glyphs);
                let adv = match glyphs.as_slice() {
                    [(_, a)] => *a,
                    _ => face.glyph_advance(g),
                };
                (c, adv.round().clamp(0.0, 65535.0) as u16)
            })
            .collect();
        let n = chars.len();
        let mut matrix = vec![0i16; n * n];
        let scripts: Vec<Option<Script>> = chars.iter().map(|(c, _)| script_of(*c)).collect();
        for a in 0..n {
            for b in 0..n {
                if is_ignorable(chars[a].0) || is_ignorable(chars[b].0) {
                    // A soft hyphen or joiner is hidden in running text: no pair to kern.
                    continue;
                }
                let script = match (scripts[a], scripts[b]) {
                    (Some(x), Some(y)) if x != y => continue,
                    (Some(x), _) | (None, Some(x)) => x,
                    (None, None) => Script::LATIN,
                };
                if let Some(adj) =
                    face.pair_adjustment(chars[a].0, chars[b].0, Some(script), &mut shaper)
                {
                    matrix[a * n + b] = adj.round().clamp(-32768.0, 32767.0) as i16;
                }
            }
        }
        // Three-letter ligatures (ffi, ffl) among ASCII letters: where a pair of the three
        // ligates, the shaped width of the three against what their two pairs give.
        let mut triples = Vec::new();
        let letters: Vec<usize> = (0..n)
            .filter(|&i| chars[i].0.is_ascii_alphabetic())
            .collect();
        let ligates =
            |a: usize, b: usize| face.ligates(&[chars[a].0, chars[b].0], &mut Shaper::default());
        let lig_pairs: Vec<(usize, usize)> = letters
            .iter()
            .flat_map(|&a| letters.iter().map(move |&b| (a, b)))
            .filter(|&(a, b)| ligates(a, b))
            .collect();
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for &(a, b) in &lig_pairs {
            for &x in &letters {
                candidates.push((a, b, x));
                candidates.push((x, a, b));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for (a, b, c) in candidates {
            let text: String = [chars[a].0, chars[b].0, chars[c].0].iter().collect();
            let w = face.shaped_width(&text, &mut shaper);
            let pairs = f32::from(advances[a].1)
                + f32::from(advances[b].1)
                + f32::from(advances[c].1)
                + f32::from(matrix[a * n + b])
                + f32::from(matrix[b * n + c]);
            let v = (w - pairs).round().clamp(-32768.0, 32767.0) as i16;
            if v != 0 {
                triples.push(([chars[a].0, chars[b].0, chars[c].0], v));
            }
        }
        let kerning = classes(&matrix, n);
        let (ascent, descent, gap) = face.line_metrics();
        let clamp = |v: f32| v.round().clamp(-32768.0, 32767.0) as i16;
        let notdef = face.glyph_advance(0).round().clamp(0.0, 65535.0) as u16;
        let hyphen = if face.covers('\u{2010}') {
            '\u{2010}'
        } else {
            '-'
        };
        let source = std::path::Path::new(face.label()).file_name().map_or_else(
            || face.label().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        Metrics::assemble(
            face.family().to_string(),
            face.style().to_string(),
            source,
            face.units_per_em(),
            (clamp(ascent), clamp(descent), clamp(gap)),
            notdef,
            hyphen,
            &advances,
            kerning,
            triples,
        )
    }

    /// A description for people: names, size, coverage, sample widths and the strongest pairs.
    ///
    /// ```
    /// let text = adslot::font::builtin("arial").unwrap().describe();
    /// assert!(text.starts_with("Liberation Sans Regular"));
    /// ```
    pub fn describe(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {} (from {})",
            self.family(),
            self.style(),
            self.source()
        );
        let (a, d, g) = self.line_metrics();
        let _ = writeln!(
            s,
            "units per em {}, ascent {a}, descent {d}, line gap {g}; {} characters, {} kerning pairs in {}x{} classes; table {} bytes",
            self.units_per_em(),
            self.char_count(),
            self.kerning_pair_count(),
            self.n_left,
            self.n_right,
            self.to_bytes().len()
        );
        let em = f64::from(self.units_per_em());
        let width = |text: &str| -> f64 {
            let mut w = 0.0;
            let mut prev: Option<usize> = None;
            for c in text.chars() {
                let i = self.index(c);
                w += f64::from(i.map_or(self.notdef, |i| self.advance_at(i)));
                if let (Some(p), Some(i)) = (prev, i) {
                    w += f64::from(self.kern_at(p, i));
                }
                prev = i;
            }
            w / em
        };
        let alphabet = "abcdefghijklmnopqrstuvwxyz";
        let _ = writeln!(
            s,
            "average lowercase letter {:.3} em, space {:.3} em, digit 0 {:.3} em",
            width(alphabet) / alphabet.len() as f64,
            width(" "),
            width("0")
        );
        let mut pairs: Vec<(i16, char, char)> = Vec::new();
        let ascii: Vec<char> = ('A'..='Z')
            .chain('a'..='z')
            .chain(".,'\"".chars())
            .collect();
        for &l in &ascii {
            for &r in &ascii {
                let k = self.kern(l, r);
                if k != 0 {
                    pairs.push((k, l, r));
                }
            }
        }
        pairs.sort();
        let strongest: Vec<String> = pairs
            .iter()
            .take(8)
            .map(|(k, l, r)| format!("{l}{r} {k}"))
            .collect();
        let _ = writeln!(
            s,
            "strongest ASCII pairs (font units): {}",
            strongest.join(", ")
        );
        s
    }
}

/// Groups a dense `n x n` kerning matrix into left and right classes (1-based; 0 = no kerning)
/// and the class matrix, or `None` when nothing is kerned.
fn classes(matrix: &[i16], n: usize) -> Option<ClassKerning> {
    let mut left = vec![0u16; n];
    let mut reps: Vec<usize> = Vec::new();
    let mut seen: HashMap<&[i16], u16> = HashMap::new();
    for a in 0..n {
        let row = &matrix[a * n..(a + 1) * n];
        if row.iter().all(|&v| v == 0) {
            continue;
        }
        let next = seen.len() as u16 + 1;
        let class = *seen.entry(row).or_insert(next);
        if usize::from(class) > reps.len() {
            reps.push(a);
        }
        left[a] = class;
    }
    if reps.is_empty() {
        return None;
    }
    let mut right = vec![0u16; n];
    let mut col_reps: Vec<usize> = Vec::new();
    let mut cols: HashMap<Vec<i16>, u16> = HashMap::new();
    for b in 0..n {
        let col: Vec<i16> = reps.iter().map(|&a| matrix[a * n + b]).collect();
        if col.iter().all(|&v| v == 0) {
            continue;
        }
        let next = cols.len() as u16 + 1;
        let class = *cols.entry(col).or_insert(next);
        if usize::from(class) > col_reps.len() {
            col_reps.push(b);
        }
        right[b] = class;
    }
    let (nl, nr) = (reps.len(), col_reps.len());
    let mut kern = vec![0i16; nl * nr];
    for (l, &a) in reps.iter().enumerate() {
        for (r, &b) in col_reps.iter().enumerate() {
            kern[l * nr + r] = matrix[a * n + b];
        }
    }
    Some((left, right, nl as u16, nr as u16, kern))
}

/// The metrics table of `font`: made from a face ([`Metrics::from_face`] over
/// [`NEWS_COVERAGE`]), or the table a table-backed font already is.
///
/// ```
/// use adslot::font::{table_of, Font};
/// let roboto = adslot::font::builtin("roboto").unwrap();
/// assert_eq!(&table_of(&Font::Builtin(roboto)), roboto);
/// ```
pub fn table_of(font: &Font) -> Metrics {
    match font {
        Font::Face(face) => Metrics::from_face(face, NEWS_COVERAGE),
        Font::Metrics(m) => (**m).clone(),
        Font::Builtin(m) => (*m).clone(),
    }
}

/// What `adslot font` prints: where the font comes from (for a face: its container, glyphs and
/// the layout features that change widths), then its table's [`Metrics::describe`].
///
/// ```
/// use adslot::font::{describe_font, table_of, Font};
/// let times = Font::Builtin(adslot::font::builtin("times").unwrap());
/// let text = describe_font(&times, &table_of(&times));
/// assert!(text.starts_with("built-in table: Liberation Serif Regular"), "{text}");
/// assert!(text.contains("units per em 2048"), "{text}");
/// ```
pub fn describe_font(font: &Font, table: &Metrics) -> String {
    let mut s = String::new();
    match font {
        Font::Face(face) => {
            let features: Vec<&str> = [(*b"kern", "kern"), (*b"liga", "liga"), (*b"halt", "halt")]
                .iter()
                .filter(|(tag, _)| face.has_feature(*tag))
                .map(|(_, name)| *name)
                .collect();
            let _ = writeln!(
                s,
                "face: {} ({} glyphs; layout features that change widths: {})",
                face.label(),
                face.glyph_count(),
                if features.is_empty() {
                    "none".to_string()
                } else {
                    features.join(", ")
                }
            );
        }
        Font::Metrics(_) => {
            let _ = writeln!(s, "table written by `adslot font`:");
        }
        Font::Builtin(_) => {
            let _ = write!(s, "built-in table: ");
        }
    }
    s.push_str(&table.describe());
    s
}

#[cfg(test)]
mod tests {
    use super::classes;

    #[test]
    fn classes_reproduce_every_pair() {
        // 4 characters: 0 and 2 kern alike on the left, 1 and 3 alike on the right.
        let m = [0, -5, 0, -5, 0, 0, 0, 0, 0, -5, 0, -5, 3, 0, 0, 0];
        let (left, right, nl, nr, kern) = classes(&m, 4).unwrap();
        assert_eq!((nl, nr), (2, 2));
        for a in 0..4 {
            for b in 0..4 {
                let (l, r) = (left[a], right[b]);
                let v = if l == 0 || r == 0 {
                    0
                } else {
                    kern[usize::from(l - 1) * usize::from(nr) + usize::from(r - 1)]
                };
                assert_eq!(v, m[a * 4 + b], "pair {a},{b}");
            }
        }
        assert!(classes(&[0; 9], 3).is_none());
    }
}
