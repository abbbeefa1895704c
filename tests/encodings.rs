//! Every encoding: real pages converted to legacy encodings and UTF-16 read as the same pages
//! in UTF-8 do, get the same placements, and come back byte for byte when the slots are
//! taken out of the bytes written in their own encoding.

use std::path::PathBuf;

use adslot::formats::{self, html};
use adslot::source::Encoding;
use adslot::{place, Document, PlaceOptions, ReadOptions, Rules};

fn rules() -> Rules {
    // Dense enough that every page gets several slots to check.
    Rules::from_toml(
        "r.toml",
        "[spacing]\nmin_words_between = 60\nmin_words_before_first = 20\n[limits]\nmax_ads = 20",
    )
    .expect("rules")
}

/// The article bodies and, once `pages` has copied them, the whole publisher pages.
fn pages() -> Vec<PathBuf> {
    let mut paths = crate::common::fixture_files("real", "html");
    let whole = crate::common::fixtures_dir().join("pages");
    if whole.is_dir() {
        paths.extend(crate::common::fixture_files("pages", "html"));
    }
    paths
}

/// How a converted page tells its encoding.
#[derive(Clone, Copy, Debug)]
enum Told {
    /// A `<meta charset>` (replacing the page's own, else put first).
    Meta,
    /// Only the caller knows (`ReadOptions::with_encoding`, `--encoding`).
    Asked,
    /// A byte order mark.
    Bom,
}

/// `text` as `encoding` would store it: characters the encoding lacks become numeric
/// character references (as a browser submitting a form writes them), so the page reads the same.
fn convert(text: &str, encoding: &'static Encoding, told: Told) -> Vec<u8> {
    let label = encoding.name();
    let text = match told {
        Told::Meta => match find_ci(text, "charset=") {
            Some(i) => {
                let rest = &text[i + 8..];
                let quote = rest.starts_with(['"', '\'']);
                let label_len = rest[usize::from(quote)..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(0);
                let end = i + 8 + usize::from(quote) + label_len;
                format!(
                    "{}{label}{}",
                    &text[..i + 8 + usize::from(quote)],
                    &text[end..]
                )
            }
            None => format!("<meta charset=\"{label}\">\n{text}"),
        },
        _ => text.to_string(),
    };
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        let le = encoding == encoding_rs::UTF_16LE;
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        return out;
    }
    encoding.encode(&text).0.into_owned()
}

/// `text` with each character `encoding` cannot store as a decimal character reference, as
/// `encoding_rs` writes them, decided one character at a time.
fn escape_unmappable(text: &str, encoding: &'static Encoding) -> String {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() || !encoding.encode(c.encode_utf8(&mut buf)).2 {
            out.push(c);
        } else {
            out.push_str(&format!("&#{};", u32::from(c)));
        }
    }
    out
}

fn find_ci(text: &str, needle: &str) -> Option<usize> {
    text.to_ascii_lowercase().find(needle)
}

/// The encoded bytes of `piece`, written here without the library.
fn encode(piece: &str, encoding: &'static Encoding) -> Vec<u8> {
    if encoding == encoding_rs::UTF_16LE {
        return piece.encode_utf16().flat_map(u16::to_le_bytes).collect();
    }
    if encoding == encoding_rs::UTF_16BE {
        return piece.encode_utf16().flat_map(u16::to_be_bytes).collect();
    }
    let (bytes, _, unmappable) = encoding.encode(piece);
    assert!(!unmappable);
    bytes.into_owned()
}

/// Checks one page in one encoding; the number of slots it wrote.
fn check(path: &PathBuf, encoding: &'static Encoding, told: Told) -> usize {
    let rules = rules();
    let name = path.display().to_string();
    let original = std::fs::read_to_string(path).expect("fixture");
    // The baseline is the same page in UTF-8: the characters the encoding lacks written as
    // the references the converted page holds (the content score counts them as written).
    let utf8 = Document::read_bytes(
        &name,
        escape_unmappable(&original, encoding).into_bytes(),
        &rules,
        &ReadOptions::default(),
    )
    .expect("the UTF-8 original reads");
    let bytes = convert(&original, encoding, told);
    let mut options = ReadOptions::default().with_format(&html::FORMAT);
    if let Told::Asked = told {
        options = options.with_encoding(encoding);
    }
    let doc = Document::read_bytes(&name, bytes.clone(), &rules, &options)
        .unwrap_or_else(|e| panic!("{name} in {}: {e}", encoding.name()));
    assert_eq!(doc.encoding(), encoding, "{name} ({told:?})");
    // The same article: kinds and text (characters the encoding lacks were written as
    // character references, which the reader decodes).
    let (a, b) = (utf8.article(), doc.article());
    assert_eq!(
        a.blocks.len(),
        b.blocks.len(),
        "{name} in {}",
        encoding.name()
    );
    for (x, y) in a.blocks.iter().zip(&b.blocks) {
        assert_eq!(
            (x.kind, &x.text),
            (y.kind, &y.text),
            "{name} in {}",
            encoding.name()
        );
    }
    // The same placements.
    let options = PlaceOptions::default();
    let plan_utf8 = place(utf8.article(), &rules, &options).expect("places");
    let plan = place(doc.article(), &rules, &options).expect("places");
    assert_eq!(
        plan.placements,
        plan_utf8.placements,
        "{name} in {}",
        encoding.name()
    );
    // Written in the page's own bytes...
    let out = doc
        .write_slots_bytes(&html::FORMAT, &plan, &rules)
        .unwrap_or_else(|e| panic!("{name} in {}: {e}", encoding.name()));
    // ...reading as the decoded page with the slots where the text has them...
    let text_out = doc.write_slots(&plan, &rules).expect("text");
    let back = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        let units: Vec<u16> = out
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c[1]];
                if encoding == encoding_rs::UTF_16LE {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).expect("UTF-16")
    } else {
        encoding.decode_without_bom_handling(&out).0.into_owned()
    };
    assert_eq!(back, text_out, "{name} in {}", encoding.name());
    // ...and without them, the input byte for byte.
    let slots = formats::slot_markup(&plan, &rules).expect("slots");
    let mut restored = out;
    let mut from = 0;
    for (_, markup) in &slots {
        let enc = encode(markup, encoding);
        let i = restored[from..]
            .windows(enc.len())
            .position(|w| w == enc.as_slice())
            .map(|i| from + i)
            .unwrap_or_else(|| panic!("{name}: slot not found in the output"));
        restored.drain(i..i + enc.len());
        from = i;
    }
    assert!(
        restored == bytes,
        "{name} in {}: not the input once the slots are out",
        encoding.name()
    );
    slots.len()
}

#[test]
fn real_pages_in_legacy_encodings_and_utf16_round_trip() {
    use encoding_rs::{GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let cases = [
        (WINDOWS_1252, Told::Meta),
        (SHIFT_JIS, Told::Meta),
        (GBK, Told::Meta),
        (GB18030, Told::Asked),
        (SHIFT_JIS, Told::Asked),
        (UTF_16LE, Told::Bom),
        (UTF_16BE, Told::Bom),
    ];
    let pages = pages();
    let mut with_slots = 0;
    for path in &pages {
        let slots: Vec<usize> = cases
            .iter()
            .map(|&(e, told)| check(path, e, told))
            .collect();
        with_slots += usize::from(slots[0] > 0);
    }
    // Nearly every page has slots to check (a few fixtures are a paragraph long).
    assert!(
        with_slots * 10 >= pages.len() * 8,
        "{with_slots} of {} pages",
        pages.len()
    );
}

#[test]
fn gb2312_is_read_as_gbk_and_windows_1252_text_is_exact() {
    let rules = Rules::default();
    let page = b"<meta charset=gb2312><p>\xd6\xd0\xce\xc4\xd0\xc2\xce\xc5</p>".to_vec();
    let doc = Document::read_bytes("a.html", page, &rules, &ReadOptions::default()).unwrap();
    assert_eq!(doc.encoding().name(), "GBK");
    assert_eq!(doc.article().blocks[0].text, "中文新闻");
    let page = b"<html><head><meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'></head><body><p>\x93Caf\xe9\x94 \x80</p></body></html>";
    let doc =
        Document::read_bytes("b.html", page.to_vec(), &rules, &ReadOptions::default()).unwrap();
    assert_eq!(doc.article().blocks[0].text, "\u{201c}Café\u{201d} €");
}

#[test]
fn the_sniffing_order_is_bom_then_the_caller_then_the_declaration() {
    let rules = Rules::default();
    let read = |bytes: &[u8], options: &ReadOptions| {
        Document::read_bytes("a.html", bytes.to_vec(), &rules, options).map(|d| d.encoding().name())
    };
    let sjis = adslot::source::encoding_for_label("sjis").unwrap();
    let default = ReadOptions::default();
    let asked = ReadOptions::default().with_encoding(sjis);
    let declared = b"<meta charset=windows-1252><p>x</p>";
    assert_eq!(read(declared, &default).unwrap(), "windows-1252");
    assert_eq!(read(declared, &asked).unwrap(), "Shift_JIS");
    let bom = [b"\xEF\xBB\xBF".as_slice(), declared].concat();
    assert_eq!(read(&bom, &asked).unwrap(), "UTF-8");
    // Undeclared and not UTF-8: an error naming the byte, as before.
    let e = read(b"<p>caf\xe9</p>", &default).unwrap_err();
    assert_eq!(e.to_string(), "a.html: not valid UTF-8 at byte 6");
    // Only HTML declares: a Markdown file's HTML block does not.
    let md = b"Text\n\n<meta charset=windows-1252>\n\ncaf\xc3\xa9\n";
    let doc = Document::read_bytes("a.md", md.to_vec(), &rules, &default).unwrap();
    assert_eq!(doc.encoding().name(), "UTF-8");
}

#[test]
fn undecodable_declarations_and_bytes_are_clear_errors() {
    let rules = Rules::default();
    let read = |bytes: &[u8]| {
        Document::read_bytes("a.html", bytes.to_vec(), &rules, &ReadOptions::default())
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let e = read(b"<p>x</p>\n<meta charset=iso-2022-kr>");
    assert!(
        e.starts_with("a.html:2:1: declares an encoding that browsers do not decode"),
        "{e}"
    );
    let e = read(b"<meta charset=shift_jis><p>\x81</p>");
    assert_eq!(e, "a.html: not valid Shift_JIS at byte 27");
}

#[test]
fn a_template_the_encoding_cannot_hold_is_refused() {
    let rules = Rules::from_toml(
        "r.toml",
        "[spacing]\nmin_words_before_first = 0\n[html]\nslot_template = '<div data-adslot=\"{slot}\">Anzeige \u{2603}</div>'",
    )
    .unwrap();
    let page = b"<meta charset=windows-1252><p>caf\xe9</p>";
    let doc =
        Document::read_bytes("a.html", page.to_vec(), &rules, &ReadOptions::default()).unwrap();
    let plan = place(doc.article(), &rules, &PlaceOptions::default()).unwrap();
    let e = doc
        .write_slots_bytes(&html::FORMAT, &plan, &rules)
        .unwrap_err()
        .to_string();
    assert_eq!(e, "a.html: the slot markup holds `\u{2603}` (U+2603), which windows-1252 cannot encode (write it as the character reference &#x2603; in the template)");
}
