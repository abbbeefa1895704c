//! The font layer's typed errors: each names the file (or table, or family) it is about.

/// What went wrong reading a face or a metrics table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FontError {
    /// The file could not be read.
    #[error("{path}: cannot read the font file: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The bytes are no font this crate reads.
    #[error("{name}: not a font file (TTF, OTF, TTC, WOFF or WOFF2 expected): {detail}")]
    Format {
        /// File name (or the label the bytes were given).
        name: String,
        /// What was found instead.
        detail: String,
    },
    /// A WOFF or WOFF2 wrapper could not be unpacked.
    #[error("{name}: the {wrapper} data could not be decoded (truncated or corrupt file)")]
    Decode {
        /// File name (or label).
        name: String,
        /// `WOFF` or `WOFF2`.
        wrapper: &'static str,
    },
    /// A metrics table (built-in or written by [`crate::font::Metrics::to_bytes`]) is malformed.
    #[error("{name}: malformed metrics table at byte {offset}: {detail}")]
    Table {
        /// Table name.
        name: String,
        /// Byte offset where reading failed.
        offset: usize,
        /// What was wrong.
        detail: String,
    },
    /// The file is larger than a font file is allowed to be.
    #[error("{path}: the font file is {size} bytes, more than the {limit} bytes allowed")]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A built-in family was named, but this build has no built-in tables.
    #[error(
        "font family `{name}` is built in, but this build of adslot leaves the built-in tables \
         out (cargo feature `builtin-fonts`): name a font file or a table written by `adslot font`"
    )]
    BuiltinDisabled {
        /// The name as given.
        name: String,
    },
    /// `font_family = "..."` names no built-in family.
    #[error(
        "unknown font family `{name}`{}; built-in families: {known}",
        did_you_mean(suggestion)
    )]
    UnknownFamily {
        /// The name as given.
        name: String,
        /// The nearest built-in name, if one is near.
        suggestion: Option<&'static str>,
        /// The known names, comma-separated.
        known: String,
    },
}

fn did_you_mean(suggestion: &Option<&'static str>) -> String {
    suggestion.map_or_else(String::new, |n| format!(", did you mean `{n}`?"))
}
