//! TEMPORARY first-fit line counter (replaced by the textwrap-parity implementation).
/// Hyphenation choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Hyphenation {
    /// none
    #[default]
    None,
    /// en
    EnUs,
}
/// Line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// r
    pub range: std::ops::Range<usize>,
    /// h
    pub hyphen: bool,
}
/// Lines.
pub fn count_lines(text: &str, width: usize, h: Hyphenation) -> usize {
    lines(text, width, h).len()
}
/// Lines.
pub fn lines(text: &str, width: usize, _h: Hyphenation) -> Vec<Line> {
    let mut out = vec![];
    let mut start = None::<usize>;
    let mut end = 0;
    let mut w = 0;
    for (i, word) in text.split(' ').scan(0usize, |pos, wd| {
        let p = *pos;
        *pos += wd.len() + 1;
        Some((p, wd))
    }) {
        if word.is_empty() {
            continue;
        }
        let l = word.chars().count();
        match start {
            Some(s) if w + 1 + l > width => {
                out.push(Line {
                    range: s..end,
                    hyphen: false,
                });
                start = Some(i);
                w = l;
            }
            Some(_) => {
                w += 1 + l;
            }
            None => {
                start = Some(i);
                w = l;
            }
        }
        end = i + word.len();
    }
    if let Some(s) = start {
        out.push(Line {
            range: s..end,
            hyphen: false,
        });
    }
    if out.is_empty() {
        out.push(Line {
            range: 0..0,
            hyphen: false,
        });
    }
    out
}
/// Width.
pub fn display_width(s: &str) -> usize {
    s.chars().count()
}
