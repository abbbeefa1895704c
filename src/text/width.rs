//! Display width in terminal columns as textwrap 0.16.4 measures it: unicode-width per char, ANSI escapes skipped.

/// The escape char that starts an ANSI sequence (a CM char to UAX #14).
pub(crate) const ESC: char = '\u{1b}';

/// Display width in columns of a string: sum of per-char unicode-width widths
/// (control chars count 0), skipping ANSI escape sequences (textwrap's `display_width`).
///
/// ```
/// use adslot::text::display_width;
/// assert_eq!(display_width("漢字 e\u{301}"), 6); // wide, wide, space, e, combining mark
/// assert_eq!(display_width("\u{1b}[31mred\u{1b}[0m"), 3);
/// ```
pub fn display_width(s: &str) -> usize {
    let mut width = 0;
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if skip_ansi(ch, &mut chars) {
            continue;
        }
        width += ch_width(ch);
    }
    width
}

/// Columns of one char (unicode-width; control chars 0).
#[inline]
pub(crate) fn ch_width(ch: char) -> usize {
    unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0)
}

/// textwrap's `skip_ansi_escape_sequence`: ESC consumes the next char, then a
/// CSI runs to a final byte 0x40..=0x7e, an OSC to BEL or ESC '\\'.
#[inline]
pub(crate) fn skip_ansi<I: Iterator<Item = char>>(ch: char, chars: &mut I) -> bool {
    if ch != ESC {
        return false;
    }
    match chars.next() {
        Some('[') => {
            for c in chars {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            let mut last = ']';
            for c in chars {
                if c == '\x07' || (c == '\\' && last == ESC) {
                    break;
                }
                last = c;
            }
        }
        _ => {}
    }
    true
}
