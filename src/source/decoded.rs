//! An input decoded from its own encoding, and slots written back into its own bytes: the map from text offsets to byte offsets, and markup encoded for the input.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, EncoderResult, Encoding, ISO_2022_JP, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::Error;

/// An input's text and the bytes it was decoded from.
///
/// Readers see [`Decoded::text`]; writers give back [`Decoded::insert`]'s bytes, which are
/// the input's own bytes with each insertion encoded in the input's encoding, and nothing
/// else changed. For UTF-8 the text *is* the bytes (no copy is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    /// The input's bytes, when they are not the text's own (any encoding but UTF-8).
    bytes: Option<Vec<u8>>,
    encoding: &'static Encoding,
}

/// Why slot markup cannot be written into an input's bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InsertError {
    /// The markup holds a character the input's encoding has no bytes for.
    #[error("the slot markup holds `{ch}` (U+{:04X}), which {encoding} cannot encode (write it as the character reference &#x{:X}; in the template)", u32::from(*.ch), u32::from(*.ch))]
    Unmappable {
        /// The character.
        ch: char,
        /// The encoding's name.
        encoding: &'static str,
    },
    /// An insertion point that would not read back as written (inside a character, or where
    /// a stateful encoding such as ISO-2022-JP is not in its ASCII mode).
    #[error("a slot cannot be inserted at byte {offset} of this {encoding} input: the bytes there would not read back as written")]
    Misread {
        /// Byte offset in the input.
        offset: usize,
        /// The encoding's name.
        encoding: &'static str,
    },
}

/// Decodes `bytes` (named `origin` in errors) as `encoding`, strictly: a malformed byte
/// sequence is an error naming its byte offset, as invalid UTF-8 is, because a writer could
/// not put a slot next to it and have browsers read both as written. A byte order mark stays in
/// the text as U+FEFF (readers skip it), so that text and bytes map one to one.
///
/// ```
/// use adslot::source::{decode_as, encoding_for_label};
/// let sjis = encoding_for_label("shift_jis")?;
/// let d = decode_as("a.html", b"<p>\x93\xfa\x96\x7b</p>".to_vec(), sjis)?;
/// assert_eq!(d.text(), "<p>日本</p>");
/// let e = decode_as("a.html", b"<p>\x93</p>".to_vec(), sjis).unwrap_err();
/// assert_eq!(e.to_string(), "a.html: not valid Shift_JIS at byte 3");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_as(
    origin: &str,
    bytes: Vec<u8>,
    encoding: &'static Encoding,
) -> Result<Decoded, Error> {
    if encoding == UTF_8 {
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(Decoded {
                text,
                bytes: None,
                encoding,
            }),
            Err(e) => Err(Error::Utf8 {
                origin: origin.to_string(),
                offset: e.utf8_error().valid_up_to(),
            }),
        };
    }
    let text = match encoding.decode_without_bom_handling_and_without_replacement(&bytes) {
        Some(text) => text.into_owned(),
        None => {
            let offset = malformed_at(&bytes, encoding);
            let message = format!("not valid {} at byte {offset}", encoding.name());
            return Err(Error::at(origin, None, message, None));
        }
    };
    Ok(Decoded {
        text,
        bytes: Some(bytes),
        encoding,
    })
}

/// Offset of the first malformed sequence (the slow path of a failed decoding).
#[cold]
fn malformed_at(bytes: &[u8], encoding: &'static Encoding) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (DecoderResult::Malformed(len, after), read) => {
            read.saturating_sub(usize::from(after) + usize::from(len))
        }
        (_, read) => read,
    }
}

impl Decoded {
    /// The decoded text, as the readers read it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The input's bytes, as given.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The encoding it was decoded from.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The input's bytes with each `(offset, piece)` of `insertions` (byte offsets in
    /// [`Decoded::text`], sorted) encoded in the input's encoding and inserted at the byte
    /// where that offset lies: removing the inserted bytes gives the input back byte for byte.
    /// UTF-16 inputs get their pieces as UTF-16 code units of their own byte order.
    ///
    /// The result is checked by decoding it again: it must read as the text with the pieces
    /// inserted, or an [`InsertError::Misread`] says where it would not.
    ///
    /// ```
    /// use adslot::source::{decode_as, encoding_for_label};
    /// let w1252 = encoding_for_label("windows-1252")?;
    /// let d = decode_as("a.html", b"<p>caf\xe9</p><p>b</p>".to_vec(), w1252)?;
    /// assert_eq!(d.text(), "<p>café</p><p>b</p>");
    /// let at = d.text().find("<p>b").unwrap(); // 12 in the text, 11 in the bytes
    /// let out = d.insert(&[(at, "<div data-adslot></div>")])?;
    /// assert_eq!(out, b"<p>caf\xe9</p><div data-adslot></div><p>b</p>");
    /// let e = d.insert(&[(at, "<div data-adslot>\u{2603}</div>")]).unwrap_err();
    /// assert!(e.to_string().contains("which windows-1252 cannot encode"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&self, insertions: &[(usize, &str)]) -> Result<Vec<u8>, InsertError> {
        let bytes = self.bytes();
        let offsets = self.byte_offsets(insertions.iter().map(|&(o, _)| o))?;
        let pieces = insertions
            .iter()
            .map(|&(_, piece)| self.encode(piece))
            .collect::<Result<Vec<_>, _>>()?;
        let extra: usize = pieces.iter().map(|p| p.len()).sum();
        let mut out = Vec::with_capacity(bytes.len() + extra);
        let mut copied = 0;
        for (&at, piece) in offsets.iter().zip(&pieces) {
            let at = at.clamp(copied, bytes.len());
            out.extend_from_slice(&bytes[copied..at]);
            out.extend_from_slice(piece);
            copied = at;
        }
        out.extend_from_slice(&bytes[copied..]);
        if self.encoding != UTF_8 {
            self.check_reads_back(&out, insertions, &offsets)?;
        }
        Ok(out)
    }

    /// The output must decode as the text with the pieces inserted.
    fn check_reads_back(
        &self,
        out: &[u8],
        insertions: &[(usize, &str)],
        offsets: &[usize],
    ) -> Result<(), InsertError> {
        let mut want = String::with_capacity(self.text.len() + 64 * insertions.len());
        let mut copied = 0;
        for &(at, piece) in insertions {
            let at = at.clamp(copied, self.text.len());
            want.push_str(self.text.get(copied..at).unwrap_or(""));
            want.push_str(piece);
            copied = at;
        }
        want.push_str(self.text.get(copied..).unwrap_or(""));
        let got = self
            .encoding
            .decode_without_bom_handling_and_without_replacement(out);
        if got.as_deref() == Some(want.as_str()) {
            return Ok(());
        }
        // Name the first insertion whose surroundings do not read back.
        let got = got.unwrap_or(Cow::Borrowed(""));
        let first_difference = got
            .bytes()
            .zip(want.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(want.len()));
        let mut shift = 0;
        let mut offset = offsets.first().copied().unwrap_or(0);
        for (&(at, piece), &o) in insertions.iter().zip(offsets) {
            offset = o;
            if at + shift + piece.len() >= first_difference {
                break;
            }
            shift += piece.len();
        }
        Err(InsertError::Misread {
            offset,
            encoding: self.encoding.name(),
        })
    }

    /// `piece` in the input's encoding.
    fn encode<'p>(&self, piece: &'p str) -> Result<Cow<'p, [u8]>, InsertError> {
        let encoding = self.encoding;
        if encoding == UTF_16LE || encoding == UTF_16BE {
            let le = encoding == UTF_16LE;
            let units = piece.encode_utf16();
            let bytes = units
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            return Ok(Cow::Owned(bytes));
        }
        if encoding == UTF_8 || (piece.is_ascii() && encoding.is_ascii_compatible()) {
            return Ok(Cow::Borrowed(piece.as_bytes()));
        }
        let mut encoder = encoding.new_encoder();
        let room = encoder
            .max_buffer_length_from_utf8_without_replacement(piece.len())
            .unwrap_or(piece.len() * 8);
        let mut out = vec![0; room];
        match encoder.encode_from_utf8_without_replacement(piece, &mut out, true) {
            (EncoderResult::InputEmpty, _, written) => {
                out.truncate(written);
                Ok(Cow::Owned(out))
            }
            (EncoderResult::Unmappable(ch), _, _) => Err(InsertError::Unmappable {
                ch,
                encoding: encoding.name(),
            }),
            // Not reached: the buffer has the room the encoder asked for.
            (EncoderResult::OutputFull, read, _) => Err(InsertError::Misread {
                offset: read,
                encoding: encoding.name(),
            }),
        }
    }

    /// The byte offset in the input of each text offset of `sorted` (each a character
    /// boundary of the text, in order).
    fn byte_offsets(&self, sorted: impl Iterator<Item = usize>) -> Result<Vec<usize>, InsertError> {
        let encoding = self.encoding;
        let misread = |offset| InsertError::Misread {
            offset,
            encoding: encoding.name(),
        };
        if encoding == UTF_8 {
            return Ok(sorted.collect());
        }
        let bytes = self.bytes();
        let text = &self.text;
        let fixed = encoding.is_single_byte() || encoding == UTF_16LE || encoding == UTF_16BE;
        let mut out = Vec::new();
        if fixed {
            // One byte per character, or two per UTF-16 code unit: walk both in step.
            let unit = if encoding.is_single_byte() { 1 } else { 2 };
            let mut chars = text.char_indices().peekable();
            let mut byte = 0;
            for at in sorted {
                while let Some(&(i, c)) = chars.peek() {
                    if i >= at {
                        break;
                    }
                    byte += if unit == 1 { 1 } else { 2 * c.len_utf16() };
                    chars.next();
                }
                if !text.is_char_boundary(at.min(text.len())) {
                    return Err(misread(byte));
                }
                out.push(byte.min(bytes.len()));
            }
            return Ok(out);
        }
        // Multi-byte and stateful encodings: feed the decoder one byte at a time and note
        // where its output reaches each offset.
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut scratch = [0u8; 64];
        let (mut byte, mut written) = (0, 0);
        let mut ascii_mode = true;
        let mut feed = |byte: &mut usize, written: &mut usize, ascii_mode: &mut bool| {
            if encoding == ISO_2022_JP && bytes[*byte] == 0x1b {
                *ascii_mode = matches!(bytes.get(*byte + 1..*byte + 3), Some(b"(B" | b"(J"));
            }
            let (_, _, w) = decoder.decode_to_utf8_without_replacement(
                &bytes[*byte..*byte + 1],
                &mut scratch,
                false,
            );
            *byte += 1;
            *written += w;
        };
        for at in sorted {
            while written < at && byte < bytes.len() {
                feed(&mut byte, &mut written, &mut ascii_mode);
            }
            if written != at {
                return Err(misread(byte));
            }
            // ISO-2022-JP: past an escape back to ASCII, where ASCII markup reads as itself.
            if encoding == ISO_2022_JP
                && !ascii_mode
                && matches!(bytes.get(byte..byte + 3), Some(b"\x1b(B" | b"\x1b(J"))
            {
                for _ in 0..3 {
                    feed(&mut byte, &mut written, &mut ascii_mode);
                }
            }
            out.push(byte);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, EUC_JP, GB18030, GBK, SHIFT_JIS, WINDOWS_1252};

    fn round_trip(encoding: &'static Encoding, text: &str, at: &[&str]) {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} in {}", encoding.name());
        let d = decode_as("t", bytes.to_vec(), encoding).unwrap();
        assert_eq!(d.text(), text);
        let mut offsets: Vec<usize> = at.iter().map(|n| text.find(n).unwrap()).collect();
        offsets.sort();
        let slot = "<div data-adslot=\"x\"></div>";
        let insertions: Vec<(usize, &str)> = offsets.iter().map(|&o| (o, slot)).collect();
        let out = d.insert(&insertions).unwrap();
        let (back, _, _) = encoding.decode(&out);
        let mut want = text.to_string();
        for &o in offsets.iter().rev() {
            want.insert_str(o, slot);
        }
        assert_eq!(back, want, "{}", encoding.name());
        let encoded_slot = encoding.encode(slot).0;
        let mut restored = out.clone();
        while let Some(i) = restored
            .windows(encoded_slot.len())
            .position(|w| w == &*encoded_slot)
        {
            restored.drain(i..i + encoded_slot.len());
        }
        assert_eq!(restored, bytes.to_vec(), "{}", encoding.name());
    }

    #[test]
    fn slots_land_where_the_text_says_in_every_kind_of_encoding() {
        // 表 is 0x95 0x5C in Shift_JIS: a trail byte in the ASCII range.
        let text = "<p>日本語の記事。表示</p><p>第二段落</p>\n<p>end</p>";
        for e in [SHIFT_JIS, EUC_JP, GBK, GB18030, BIG5, ISO_2022_JP] {
            round_trip(e, text, &["<p>第", "\n<p>end", "<p>end"]);
        }
        // Four-byte GB18030 sequences hold ASCII digits as their second and fourth bytes.
        round_trip(GB18030, "<p>½ € é 😀</p><p>2</p>", &["<p>2"]);
        round_trip(WINDOWS_1252, "<p>café €</p><p>b</p>", &["<p>b"]);
    }

    #[test]
    fn utf16_takes_code_units() {
        let text = "\u{feff}<p>a 😀</p><p>b</p>";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode_as("t", bytes.clone(), UTF_16BE).unwrap();
        assert_eq!(d.text(), text);
        let at = text.find("<p>b").unwrap();
        let out = d.insert(&[(at, "<i data-adslot></i>")]).unwrap();
        let want: Vec<u8> = text
            .replace("<p>b", "<i data-adslot></i><p>b")
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(out, want);
        assert!(decode_as("t", bytes[..bytes.len() - 1].to_vec(), UTF_16BE).is_err());
    }

    #[test]
    fn iso_2022_jp_slots_go_where_ascii_reads_as_ascii() {
        // `<p>` right after the kanji: the escape back to ASCII comes first.
        round_trip(ISO_2022_JP, "<p>日本</p>", &["</p>"]);
        round_trip(ISO_2022_JP, "<p>a</p>日本<p>b</p>", &["日本", "<p>b"]);
    }

    #[test]
    fn malformed_bytes_are_located() {
        let e = decode_as("t", b"ab\x81\x20".to_vec(), SHIFT_JIS).unwrap_err();
        assert_eq!(e.to_string(), "t: not valid Shift_JIS at byte 2");
        let e = decode_as("t", b"ok\xff".to_vec(), UTF_8).unwrap_err();
        assert_eq!(e.to_string(), "t: not valid UTF-8 at byte 2");
    }
}
