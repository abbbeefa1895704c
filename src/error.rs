//! The library's typed errors: every failure names its input and, where there is one, line:column.

/// A line and column (both 1-based, column counted in characters) in some input text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (an offset past the end maps to the end).
    ///
    /// ```
    /// use adslot::error::Position;
    /// assert_eq!(Position::of("ab\ncd", 4), Position { line: 2, column: 2 });
    /// ```
    pub fn of(text: &str, offset: usize) -> Position {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem found in an input, located at a line and column.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The input's name: a path, `<stdin>`, or whatever the caller passed.
    pub origin: String,
    /// Where in the input, if the problem has a place.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// A suggestion, e.g. the nearest valid key.
    pub help: Option<String>,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}: {}", self.origin, p, self.message)?,
            None => write!(f, "{}: {}", self.origin, self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in adslot.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{origin}: cannot read: {source}")]
    Io {
        /// The input's name.
        origin: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not UTF-8.
    #[error("{origin}: not valid UTF-8 at byte {offset}")]
    Utf8 {
        /// The input's name.
        origin: String,
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// The input is larger than the configured limit.
    #[error("{origin}: input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The input's name.
        origin: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A device was asked for that the rule file does not define.
    #[error("unknown device `{name}` (the rules define: {known})")]
    UnknownDevice {
        /// The name asked for.
        name: String,
        /// The devices the rules define, comma-separated.
        known: String,
    },
    /// The input was read but is not acceptable: all problems found, each with its place.
    #[error("{}", display_all(.0))]
    Invalid(Vec<Diagnostic>),
}

fn display_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// One located problem as an error.
    pub fn at(
        origin: &str,
        position: Option<Position>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Error {
        Error::Invalid(vec![Diagnostic {
            origin: origin.to_string(),
            position,
            message: message.into(),
            help,
        }])
    }

    /// The located problems, if this error has any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(d) => d,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(Position::of("é\néx", 5), Position { line: 2, column: 2 });
        assert_eq!(Position::of("é\néx", 6), Position { line: 2, column: 3 });
        assert_eq!(Position::of("", 10), Position { line: 1, column: 1 });
        // An offset inside a multi-byte character rounds down to its start.
        assert_eq!(Position::of("aé", 2), Position { line: 1, column: 2 });
    }
}
