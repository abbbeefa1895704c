//! Regenerates the built-in metrics tables under `fonts/` from the font files they come from
//! (Debian's fonts-liberation, fonts-dejavu-core, fonts-noto-core, fonts-roboto, fonts-open-sans
//! and fonts-inter), or with `--check` verifies that the committed tables are what the current
//! generator makes. With a font file argument, prints that face's metrics and writes its table,
//! as the future `adslot font FONTFILE` will.
//!
//! ```sh
//! cargo run --release --example font_tables            # rewrite fonts/*.adm
//! cargo run --release --example font_tables -- --check # exit 1 if any table differs
//! cargo run --release --example font_tables -- Body.woff2 body.adm
//! ```

use adslot::font::{Face, Metrics, Style, BUILTIN, NEWS_COVERAGE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = env!("CARGO_MANIFEST_DIR");
    if let Some(file) = args.first().filter(|a| !a.starts_with("--")) {
        let face = Face::from_file(file)?;
        let table = Metrics::from_face(&face, NEWS_COVERAGE);
        print!("{}", table.describe());
        if let Some(out) = args.get(1) {
            std::fs::write(out, table.to_bytes())?;
            println!("wrote {out}");
        }
        return Ok(());
    }
    let check = args.iter().any(|a| a == "--check");
    let (mut total, mut differ) = (0usize, 0usize);
    for src in BUILTIN {
        for (i, style) in Style::ALL.iter().enumerate() {
            let face = Face::from_file(src.files[i])?;
            let bytes = Metrics::from_face(&face, NEWS_COVERAGE).to_bytes();
            total += bytes.len();
            let path = format!("{root}/{}", src.table_path(*style));
            if check {
                if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                    eprintln!("{path}: differs from what {} gives", src.files[i]);
                    differ += 1;
                }
            } else {
                std::fs::write(&path, &bytes)?;
            }
            println!("{:<40} {:>6} bytes", src.table_path(*style), bytes.len());
        }
    }
    println!("total {total} bytes");
    if differ > 0 {
        return Err(format!("{differ} tables differ").into());
    }
    Ok(())
}
