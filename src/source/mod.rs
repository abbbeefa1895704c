//! Input as the user gave it: reading files or stdin with a size limit, and decoding it from its encoding.
//!
//! [`sniff`] finds the encoding (a byte order mark, a label the caller gives, an HTML
//! document's `<meta charset>`); [`decoded`] decodes with `encoding_rs` (the WHATWG Encoding
//! Standard, as browsers decode) and writes slots back into the input's own bytes.

mod decoded;
mod sniff;

use std::io::Read;
use std::path::Path;

use crate::error::Error;
pub use crate::error::Position;
pub use decoded::{decode_as, Decoded, InsertError};
/// The encodings of the WHATWG Encoding Standard (`encoding_rs`'s), as inputs name them.
pub use encoding_rs::Encoding;
pub use sniff::{encoding_for_label, prescan_meta, sniff_bom, Declared, LabelError, PRESCAN_BYTES};

/// Default cap on the size of one input (64 MiB); inputs beyond it are refused, not truncated.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Checks that `bytes` are UTF-8, naming `origin` and the first bad byte offset if not.
///
/// ```
/// let err = adslot::source::decode("a.json", b"ok\xff").unwrap_err();
/// assert_eq!(err.to_string(), "a.json: not valid UTF-8 at byte 2");
/// ```
pub fn decode<'a>(origin: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    utf8(bytes).map_err(|e| Error::Utf8 {
        origin: origin.to_string(),
        offset: e.valid_up_to(),
    })
}

/// `std::str::from_utf8`, checked with SIMD by `simdutf8` first; std's check runs only to
/// locate an error. `batch` checks every line: std's check was 4.6% of its time at
/// `--threads 1`, on ASCII-heavy text with a non-ASCII quote or dash in most lines.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// Reads a file (or standard input for `-`) into memory, refusing more than `max_bytes`.
///
/// Returns the bytes undecoded: the caller decides whether they must be UTF-8.
pub fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let origin = display_name(path);
    let io = |source| Error::Io {
        origin: origin.clone(),
        source,
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        file.take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            origin,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// The name an input is reported under: its path, or `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}
