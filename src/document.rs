//! One-call entry points: a publisher's document read from a path or bytes (format from the extension or the content) and written back with slots.

use std::path::Path;

use crate::article::Article;
use crate::error::Error;
use crate::formats::{self, Format, Parsed, SourceMap, Written};
use crate::plan::Plan;
use crate::rules::Rules;
use crate::source::{self, Decoded, Encoding};

/// How a document is read.
///
/// ```
/// use adslot::{formats, ReadOptions};
/// let opts = ReadOptions::default().with_format(&formats::markdown::FORMAT).with_max_bytes(1 << 20);
/// assert_eq!(opts.format.unwrap().name(), "markdown");
/// let sjis = adslot::source::encoding_for_label("shift_jis")?;
/// assert_eq!(ReadOptions::default().with_encoding(sjis).encoding.unwrap().name(), "Shift_JIS");
/// # Ok::<(), adslot::source::LabelError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The input's format; `None`: from the file extension, else from the content.
    pub format: Option<&'static Format>,
    /// The input's encoding; `None`: sniffed (see [`Document`]). A byte order mark wins over
    /// it, as in browsers.
    pub encoding: Option<&'static Encoding>,
    /// Inputs larger than this many bytes are refused, not truncated.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            format: None,
            encoding: None,
            max_bytes: source::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

impl ReadOptions {
    /// These options reading every input as `format`.
    pub fn with_format(mut self, format: &'static Format) -> ReadOptions {
        self.format = Some(format);
        self
    }

    /// These options decoding every input as `encoding` (unless it starts with a byte order
    /// mark).
    pub fn with_encoding(mut self, encoding: &'static Encoding) -> ReadOptions {
        self.encoding = Some(encoding);
        self
    }

    /// These options refusing inputs over `max_bytes`.
    pub fn with_max_bytes(mut self, max_bytes: u64) -> ReadOptions {
        self.max_bytes = max_bytes;
        self
    }
}

/// A publisher's input read as an article, kept with its text so that slots can be written
/// back into it.
///
/// The format is the one asked for, else the one the name's extension says, else the one the
/// content looks like (see [`formats::sniff`]). Empty or whitespace-only input, in any format,
/// is an article with no blocks.
///
/// The encoding is, as the WHATWG encoding sniffing algorithm has it: the one a byte order
/// mark names (UTF-8, UTF-16LE, UTF-16BE), else the one asked for
/// ([`ReadOptions::with_encoding`]), else the one the input declares in its format's way
/// (HTML: `<meta charset>`, [`source::prescan_meta`]), else UTF-8. Bytes that are not valid
/// in it are an error naming the byte. [`Document::write_slots_bytes`] writes slots into the
/// input's own bytes, in its own encoding.
///
/// ```
/// use adslot::{place, Document, PlaceOptions, ReadOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 2\n[placement]\nnever_after = []")?;
/// let html = "<p>One two three.</p><p>Four five six.</p>";
/// let doc = Document::read_bytes("<stdin>", html.into(), &rules, &ReadOptions::default())?;
/// assert_eq!(doc.format().name(), "html"); // no extension: sniffed
/// let plan = place(doc.article(), &rules, &PlaceOptions::default())?;
/// let out = doc.write_slots(&plan, &rules)?;
/// assert!(out.starts_with("<p>One two three.</p><div class=\"adslot\" data-adslot=\"inline\""));
/// # Ok::<(), adslot::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    origin: String,
    decoded: Decoded,
    format: &'static Format,
    parsed: Parsed,
}

impl Document {
    /// Reads the file at `path` (standard input for `-`, named `<stdin>` in errors), with
    /// `rules`' `[html]` settings.
    ///
    /// ```no_run
    /// use adslot::{Document, ReadOptions, Rules};
    /// let rules = Rules::from_path("rules/default.toml".as_ref())?;
    /// let doc = Document::read_path("story.md", &rules, &ReadOptions::default())?;
    /// println!("{} blocks", doc.article().blocks.len());
    /// # Ok::<(), adslot::Error>(())
    /// ```
    ///
    /// Errors: the file cannot be read, is larger than `options.max_bytes`, is not UTF-8, or
    /// does not read as its format; each names the file, and line:column where there is one.
    pub fn read_path(
        path: impl AsRef<Path>,
        rules: &Rules,
        options: &ReadOptions,
    ) -> Result<Document, Error> {
        let path = path.as_ref();
        let bytes = source::read_input(path, options.max_bytes)?;
        let origin = source::display_name(path);
        let format = options.format.or_else(|| formats::from_path(path));
        Document::decode(origin, bytes, format, options.encoding, rules)
    }

    /// Reads `bytes` named `origin` (a file name, whose extension may give the format, or
    /// anything else) with `rules`' `[html]` settings. Errors as [`Document::read_path`].
    ///
    /// ```
    /// use adslot::{Document, ReadOptions, Rules};
    /// let rules = Rules::default();
    /// let doc = Document::read_bytes("a.md", b"# Title\n\nText.\n".to_vec(), &rules, &ReadOptions::default())?;
    /// assert_eq!(doc.format().name(), "markdown");
    /// let e = Document::read_bytes("a.json", b"<p>Hi</p>".to_vec(), &rules, &ReadOptions::default());
    /// assert_eq!(e.unwrap_err().to_string(), "a.json:1:1: expected value (the content looks like HTML, not JSON)");
    /// # Ok::<(), adslot::Error>(())
    /// ```
    pub fn read_bytes(
        origin: impl Into<String>,
        bytes: Vec<u8>,
        rules: &Rules,
        options: &ReadOptions,
    ) -> Result<Document, Error> {
        let origin = origin.into();
        if bytes.len() as u64 > options.max_bytes {
            return Err(Error::TooLarge {
                origin,
                limit: options.max_bytes,
            });
        }
        let format = options
            .format
            .or_else(|| formats::from_path(Path::new(&origin)));
        Document::decode(origin, bytes, format, options.encoding, rules)
    }

    fn decode(
        origin: String,
        bytes: Vec<u8>,
        format: Option<&'static Format>,
        asked: Option<&'static Encoding>,
        rules: &Rules,
    ) -> Result<Document, Error> {
        let encoding = match (source::sniff_bom(&bytes), asked) {
            (Some((bom, _)), _) => bom,
            (None, Some(asked)) => asked,
            (None, None) => {
                // The format decides whether the bytes can declare an encoding; when it is
                // not known yet, the bytes' look (read as UTF-8, lossily) tells.
                let guess =
                    format.unwrap_or_else(|| formats::sniff(&String::from_utf8_lossy(&bytes)));
                match guess.declared_encoding(&bytes) {
                    Some(declared) if declared.replacement => {
                        let head =
                            String::from_utf8_lossy(&bytes[..declared.offset.min(bytes.len())]);
                        let position = source::Position::of(&head, head.len());
                        return Err(Error::at(
                            &origin,
                            Some(position),
                            "declares an encoding that browsers do not decode (ISO-2022-KR, \
                             HZ-GB-2312 and ISO-2022-CN map to the WHATWG replacement encoding)",
                            Some(
                                "convert the file to UTF-8 and fix its <meta charset>".to_string(),
                            ),
                        ));
                    }
                    Some(declared) => declared.encoding,
                    None => encoding_rs::UTF_8,
                }
            }
        };
        let decoded = source::decode_as(&origin, bytes, encoding)?;
        let format = format.unwrap_or_else(|| formats::sniff(decoded.text()));
        let parsed = format.read(&origin, decoded.text(), &rules.html)?;
        Ok(Document {
            origin,
            decoded,
            format,
            parsed,
        })
    }

    /// The name the input is reported under.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The input's text, decoded from its encoding (the input's bytes for UTF-8).
    pub fn text(&self) -> &str {
        self.decoded.text()
    }

    /// The encoding the input was decoded from.
    pub fn encoding(&self) -> &'static Encoding {
        self.decoded.encoding()
    }

    /// The format it was read as.
    pub fn format(&self) -> &'static Format {
        self.format
    }

    /// The article read from it.
    pub fn article(&self) -> &Article {
        &self.parsed.article
    }

    /// Where each gap lies in the text (absent for formats without a body, such as JSON).
    pub fn source_map(&self) -> Option<&SourceMap> {
        self.parsed.source_map.as_ref()
    }

    /// The input's text with a slot element (the rules' `[html] slot_template`) written at
    /// each placement of `plan`, in the input's own format, and not one other character
    /// changed (see the format's slot writer for what Markdown adds around the element). This
    /// is the decoded text, in UTF-8; [`Document::write_slots_bytes`] gives the input's own
    /// bytes.
    ///
    /// Errors: the input's format takes no slots (JSON, plain text), the plan places a slot at
    /// a gap the input does not have, or the template cannot be written in this format.
    pub fn write_slots(&self, plan: &Plan, rules: &Rules) -> Result<String, Error> {
        self.write_slots_as(self.format, plan, rules)
    }

    /// As [`Document::write_slots`], refusing unless the input was read as `format`: a caller
    /// that promises HTML out never gets Markdown or plain text with HTML in it.
    ///
    /// ```
    /// use adslot::{formats, place, Document, PlaceOptions, ReadOptions, Rules};
    /// let rules = Rules::default();
    /// let doc = Document::read_bytes("a.md", b"Text.\n".to_vec(), &rules, &ReadOptions::default())?;
    /// let plan = place(doc.article(), &rules, &PlaceOptions::default())?;
    /// let e = doc.write_slots_as(&formats::html::FORMAT, &plan, &rules).unwrap_err();
    /// assert_eq!(e.to_string(), "a.md: cannot write HTML slots into this input: it was read as Markdown");
    /// # Ok::<(), adslot::Error>(())
    /// ```
    pub fn write_slots_as(
        &self,
        format: &Format,
        plan: &Plan,
        rules: &Rules,
    ) -> Result<String, Error> {
        self.written(format, plan, rules).map(|w| w.text)
    }

    /// As [`Document::write_slots_as`], in the input's own bytes and encoding: every byte of
    /// the input as it was, and the slots encoded in its encoding (as UTF-16 code units in a
    /// UTF-16 input). Removing the slots' bytes gives the input back byte for byte.
    ///
    /// ```
    /// use adslot::{place, Document, PlaceOptions, ReadOptions, Rules};
    /// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 2\n[placement]\nnever_after = []")?;
    /// let page = b"<meta charset=windows-1252><p>Caf\xe9 au lait.</p><p>Cr\xe8me br\xfbl\xe9e.</p>";
    /// let doc = Document::read_bytes("menu.html", page.to_vec(), &rules, &ReadOptions::default())?;
    /// assert_eq!((doc.encoding().name(), doc.article().blocks[0].text.as_str()), ("windows-1252", "Café au lait."));
    /// let plan = place(doc.article(), &rules, &PlaceOptions::default())?;
    /// let out = doc.write_slots_bytes(&formats::html::FORMAT, &plan, &rules)?;
    /// let slot = out.windows(4).position(|w| w == b"<div").unwrap();
    /// assert_eq!(&out[..slot], b"<meta charset=windows-1252><p>Caf\xe9 au lait.</p>");
    /// # use adslot::formats;
    /// # Ok::<(), adslot::Error>(())
    /// ```
    ///
    /// Errors: those of [`Document::write_slots_as`], and slot markup holding a character the
    /// input's encoding cannot encode.
    pub fn write_slots_bytes(
        &self,
        format: &Format,
        plan: &Plan,
        rules: &Rules,
    ) -> Result<Vec<u8>, Error> {
        let written = self.written(format, plan, rules)?;
        let mut shift = 0;
        let insertions: Vec<(usize, &str)> = written
            .inserted
            .iter()
            .map(|r| {
                let at = r.start - shift;
                shift += r.len();
                (at, &written.text[r.clone()])
            })
            .collect();
        self.decoded
            .insert(&insertions)
            .map_err(|e| Error::at(&self.origin, None, e.to_string(), None))
    }

    fn written(&self, format: &Format, plan: &Plan, rules: &Rules) -> Result<Written, Error> {
        formats::insert_slots(format, self.format, self.text(), &self.parsed, plan, rules)
            .map_err(|e| Error::at(&self.origin, None, e.to_string(), None))
    }
}
