//! Whole-process reference (a): serde_json parses an article, textwrap 0.16.4 wraps every block's
//! text first-fit at 40 columns, the lines are printed. `adslot layout --columns 40` is timed
//! against it by benches/whole/run.sh; as a bench without arguments it does nothing.

use std::io::Write;

#[derive(serde::Deserialize)]
struct Article {
    blocks: Vec<Block>,
}

#[derive(serde::Deserialize)]
struct Block {
    #[serde(default)]
    text: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let Some(path) = args.next() else {
        return Ok(());
    };
    let hyphenate = std::env::args().any(|a| a == "--hyphenate");
    let bytes = std::fs::read(path)?;
    let article: Article = serde_json::from_slice(&bytes)?;
    let dictionary = if hyphenate {
        use hyphenation::Load;
        Some(hyphenation::Standard::from_embedded(
            hyphenation::Language::EnglishUS,
        )?)
    } else {
        None
    };
    let mut options = textwrap::Options::new(40).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    if let Some(d) = dictionary {
        options = options.word_splitter(textwrap::WordSplitter::Hyphenation(d));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for block in &article.blocks {
        for line in textwrap::wrap(&block.text, &options) {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
