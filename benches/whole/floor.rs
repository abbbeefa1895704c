//! Whole-process reference (b), the floor of `adslot batch`: reads JSON Lines, parses each line
//! into borrowed blocks, sums every text's display width and writes one short line per article.
//! Reads standard input when given `-`; as a bench without arguments it does nothing.

use std::borrow::Cow;
use std::io::{BufRead, Write};

#[derive(serde::Deserialize)]
struct Article<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    blocks: Vec<Block<'a>>,
}

#[derive(serde::Deserialize)]
struct Block<'a> {
    #[serde(borrow, default)]
    text: Cow<'a, str>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() != Some("-") {
        return Ok(());
    }
    let mut input = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = Vec::new();
    let mut n = 0u64;
    while input.read_until(b'\n', &mut line)? > 0 {
        n += 1;
        match serde_json::from_slice::<Article>(&line) {
            Ok(a) => {
                let width: usize = a
                    .blocks
                    .iter()
                    .map(|b| unicode_width::UnicodeWidthStr::width(&*b.text))
                    .sum();
                writeln!(out, "{n} {} {width}", a.id.as_deref().unwrap_or(""))?;
            }
            Err(e) => writeln!(out, "{n} error {e}")?,
        }
        line.clear();
    }
    out.flush()?;
    Ok(())
}
