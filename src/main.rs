//! The `adslot` command: parses arguments and calls the library.
#![forbid(unsafe_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use adslot::formats::{self, Format};
use adslot::render::{self, preview};
use adslot::{engine, source, Document, PlaceOptions, ReadOptions, Rules};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use is_terminal::IsTerminal;

mod cli;

/// mimalloc rather than the system's malloc: per-block texts, plans and answers are small,
/// short-lived allocations, and the word-width caches' keys stay closer together (see the
/// figures by the dependency in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Places ads inside news articles by rules ad-ops can read.
#[derive(Parser)]
#[command(name = "adslot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Place ads in an article and print the placements.
    Place {
        /// The article (`.json`, `.txt`, `.html`, `.md`; `-` for standard input).
        article: PathBuf,
        /// The rule file.
        #[arg(long)]
        rules: PathBuf,
        /// Output format.
        #[arg(long, value_parser = output_parser(), default_value = "json")]
        format: Output,
        /// Also say why every gap holds an ad or not.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        meta: MetaArgs,
        /// Device profile (default: the rule file's `default_device`).
        #[arg(long)]
        device: Option<String>,
    },
    /// Draw articles with the ads where they go: in the terminal, or as HTML pages.
    Preview {
        /// The articles (one or more).
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// The rule file.
        #[arg(long)]
        rules: PathBuf,
        /// Draw the lines at this many columns instead of the device's (the ads stay where
        /// the device's plan puts them).
        #[arg(long)]
        width: Option<usize>,
        /// Device profile; `all` for every device of the rule file, side by side in HTML.
        #[arg(long)]
        device: Option<String>,
        /// Write a self-contained HTML page here instead (a directory of pages, one per
        /// article, when several articles are given).
        #[arg(long, value_name = "OUT")]
        html: Option<PathBuf>,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        meta: MetaArgs,
        /// When to colour: auto (a terminal without NO_COLOR), always, never.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Validate a rule file and summarise it.
    Check {
        /// The rule file.
        rules: PathBuf,
    },
    /// Print the estimated geometry of an article.
    Layout {
        /// The article.
        article: PathBuf,
        /// Device profile (from `--rules`, or the built-in ones).
        #[arg(long, conflicts_with = "columns")]
        device: Option<String>,
        /// Break lines at this many columns (with the device's other sizes).
        #[arg(long)]
        columns: Option<usize>,
        /// Hyphenate words that do not fit (en-US patterns).
        #[arg(long)]
        hyphenate: bool,
        /// Rule file with device profiles.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LayoutFormat::Json)]
        format: LayoutFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Place every article of a JSON Lines stream (stdin) and write one plan per line (stdout).
    Batch {
        /// The rule file.
        #[arg(long)]
        rules: PathBuf,
        /// Device profile.
        #[arg(long)]
        device: Option<String>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Serve placement and slot insertion over HTTP (POST /v1/place, POST /v1/insert,
    /// GET /v1/rules, GET /healthz), reloading the rule file on SIGHUP and when it changes.
    #[cfg(feature = "serve")]
    Serve(cli::serve::ServeArgs),
    /// Compare two rule files over a corpus: what changes from A to B on every article and
    /// device. Exit status: 0 nothing changed, 1 something changed, 2 an error (a rule file,
    /// a corpus entry or an article could not be read).
    Diff {
        /// Rule file A (before).
        a: PathBuf,
        /// Rule file B (after).
        b: PathBuf,
        /// Articles: files, folders (walked for article files) and JSON Lines files
        /// (`.jsonl`, `.ndjson`, one article per line).
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Output format (`html` writes a report and previews into `--out`).
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// The directory the HTML report goes to (`index.html`, `preview-N.html`).
        #[arg(long, required_if_eq("format", "html"))]
        out: Option<PathBuf>,
        /// A device to compare on; repeat for several (default: every device of both files).
        #[arg(long = "device")]
        devices: Vec<String>,
        /// Changed articles to list, most changed first (all are counted).
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Print the rule-file reference (every key, its default and meaning) as Markdown.
    Rules,
    /// Print a font's metrics, and write its metrics table for `font = "table.adm"`.
    Font {
        /// A font file (TTF, OTF, TTC, WOFF, WOFF2, or a table), or a built-in family name.
        font: String,
        /// Write the metrics table here (a publisher's own font, without shipping the font).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// Input format (default: from the file extension, else from the content).
    #[arg(long, value_parser = input_format_parser())]
    input_format: Option<&'static Format>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = source::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
    /// The input's encoding, a WHATWG label such as `windows-1252`, `shift_jis` or `gbk`
    /// (default: a byte order mark, else an HTML input's `<meta charset>`, else UTF-8).
    #[arg(long, value_parser = encoding_parser())]
    encoding: Option<&'static source::Encoding>,
}

/// An encoding label, as the library maps labels.
fn encoding_parser() -> impl TypedValueParser<Value = &'static source::Encoding> {
    clap::builder::NonEmptyStringValueParser::new()
        .try_map(|label| source::encoding_for_label(&label).map_err(|e| e.to_string()))
}

/// Article metadata that `[[when]]` rule sets match, overriding what the article says.
#[derive(clap::Args)]
struct MetaArgs {
    /// The article's section (overrides the article's own).
    #[arg(long)]
    section: Option<String>,
    /// A tag of the article; repeat for several (replaces the article's own tags).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// The article's type, e.g. `liveblog` (overrides the article's own).
    #[arg(long = "type")]
    kind: Option<String>,
}

impl MetaArgs {
    /// The article with the metadata given on the command line in place of its own.
    fn apply<'a>(&self, article: &'a adslot::Article) -> std::borrow::Cow<'a, adslot::Article> {
        if self.section.is_none() && self.tags.is_empty() && self.kind.is_none() {
            return std::borrow::Cow::Borrowed(article);
        }
        let mut article = article.clone();
        if self.section.is_some() {
            article.section.clone_from(&self.section);
        }
        if !self.tags.is_empty() {
            article.tags.clone_from(&self.tags);
        }
        if self.kind.is_some() {
            article.kind.clone_from(&self.kind);
        }
        std::borrow::Cow::Owned(article)
    }
}

/// The input formats: every format of the library's table.
fn input_format_parser() -> impl TypedValueParser<Value = &'static Format> {
    PossibleValuesParser::new(formats::ALL.iter().map(|f| f.name()))
        .try_map(|name| formats::by_name(&name).ok_or("unknown input format"))
}

/// What `place` prints: the plan, or the input with the slots inserted.
#[derive(Clone, Copy)]
enum Output {
    Json,
    Text,
    Slots(&'static Format),
}

/// `json` and `text` for the plan, and every format slots can be written into.
fn output_parser() -> impl TypedValueParser<Value = Output> {
    let plan = [
        PossibleValue::new("json").help("The placements as JSON"),
        PossibleValue::new("text").help("A report for people"),
    ];
    let writers = formats::ALL.iter().filter(|f| f.writes_slots()).map(|f| {
        PossibleValue::new(f.name())
            .help(format!("The {} input with the slots inserted", f.label()))
    });
    PossibleValuesParser::new(plan.into_iter().chain(writers)).try_map(|name| match name.as_str() {
        "json" => Ok(Output::Json),
        "text" => Ok(Output::Text),
        other => formats::by_name(other)
            .map(Output::Slots)
            .ok_or("unknown output format"),
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LayoutFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = check_usage(&cli) {
        e.exit();
    }
    // `diff` says "changed" with 1, so its errors are 2.
    let failure = match cli.command {
        Command::Diff { .. } => ExitCode::from(cli::diff::ERROR),
        _ => ExitCode::FAILURE,
    };
    match run(cli) {
        Ok((out, status)) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`adslot ... | head`) is not an error worth a message.
            let _ = stdout.write_all(&out).and_then(|()| stdout.flush());
            // Exiting now: the answer's memory goes with the process.
            std::mem::forget(out);
            ExitCode::from(status)
        }
        Err(e) => {
            // The library's messages already include their cause.
            eprintln!("error: {e}");
            failure
        }
    }
}

/// Combinations of arguments that clap cannot express, refused like clap's own usage errors
/// (exit status 2, with the subcommand's usage).
fn check_usage(cli: &Cli) -> Result<(), clap::Error> {
    if let Command::Place {
        format: Output::Slots(format),
        explain: true,
        ..
    } = &cli.command
    {
        let name = format.name();
        return Err(usage_error(
            "place",
            format!(
                "`--explain` cannot be used with `--format {name}`: that output is the document \
                 plus its slots and nothing else (use `--format text` or `json` to see why)"
            ),
        ));
    }
    Ok(())
}

/// A usage error of `subcommand`, formatted by clap.
fn usage_error(subcommand: &str, message: String) -> clap::Error {
    let mut cli = Cli::command();
    cli.build();
    match cli.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(clap::error::ErrorKind::ArgumentConflict, message),
        None => cli.error(clap::error::ErrorKind::ArgumentConflict, message),
    }
}

/// Exit status of a batch whose run completed but answered some lines with an error (1 is a
/// failure of the whole run, 2 a usage error).
const SOME_LINES_FAILED: u8 = 3;

/// Runs a command: what to print on stdout (bytes: a document with slots is written in its
/// own encoding), and the exit status.
fn run(cli: Cli) -> anyhow::Result<(Vec<u8>, u8)> {
    let out = match cli.command {
        Command::Place {
            article,
            rules,
            format,
            explain,
            input,
            meta,
            device,
        } => {
            let rules = Rules::from_path(&rules)?;
            let doc = read(&article, &input, &rules)?;
            let story = meta.apply(doc.article());
            let mut options = PlaceOptions::new().explain(explain);
            options.device = device;
            let plan = adslot::place(&story, &rules, &options)?;
            match format {
                Output::Json => render::json(&plan),
                Output::Text => render::text(&plan, &story),
                Output::Slots(format) => {
                    let out = doc.write_slots_bytes(format, &plan, &rules).map_err(|e| {
                        // The library names no flags; the CLI says which output fits.
                        match doc.format() {
                            f if f.writes_slots() => {
                                anyhow::anyhow!("{e} (use `--format {}`)", f.name())
                            }
                            _ => anyhow::anyhow!("{e} (use `--format json` or `--format text`)"),
                        }
                    })?;
                    return Ok((out, 0));
                }
            }
        }
        Command::Preview {
            articles,
            rules,
            width,
            device,
            html,
            input,
            meta,
            color,
        } => {
            let rules = Rules::from_path(&rules)?;
            let devices = cli::preview::devices(&rules, device.as_deref())?;
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            };
            let many = articles.len() > 1;
            if let (Some(out), true) = (&html, many) {
                std::fs::create_dir_all(out).map_err(|e| {
                    anyhow::anyhow!("{}: cannot create the directory: {e}", out.display())
                })?;
            }
            let bar = cli::progress::bar(Some(articles.len() as u64), "preview");
            let mut text = String::new();
            for article in &articles {
                let doc = read(article, &input, &rules)?;
                let story = meta.apply(doc.article());
                // The device's plan, as `place` gives it: `--width` changes the drawing only.
                let models = cli::preview::models(&story, &rules, &devices, width, html.is_some())?;
                match &html {
                    Some(out) => {
                        let page =
                            preview::paint_html(&models, &cli::preview::title(&story, article));
                        cli::preview::write(&cli::preview::html_path(out, article, many), &page)?;
                    }
                    None => {
                        if many {
                            text.push_str(&format!("# {}\n", article.display()));
                        }
                        text.push_str(&cli::preview::terminal(&models, color));
                    }
                }
                bar.inc(1);
            }
            bar.finish_and_clear();
            text
        }
        Command::Check { rules } => {
            let rules = Rules::from_path(&rules)?;
            render::summary(&rules) + &render::styles(&rules)
        }
        Command::Layout {
            article,
            device,
            columns,
            hyphenate,
            rules,
            format,
            input,
        } => {
            let rules = match rules {
                Some(path) => Rules::from_path(&path)?,
                None => Rules::default(),
            };
            let doc = read(&article, &input, &rules)?;
            let device = rules.select_device(device.as_deref())?;
            let geometry = engine::estimate(doc.article(), device, columns, hyphenate);
            let out = match format {
                LayoutFormat::Json => render::layout_json(&geometry),
                LayoutFormat::Text => render::layout_text(&geometry, doc.article()),
            };
            // The process ends once the answer is written: freeing a big article's blocks and
            // geometry block by block first was a tenth of `adslot layout`'s time.
            std::mem::forget((doc, geometry));
            out
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            cli::serve::run(args)?;
            return Ok((Vec::new(), 0));
        }
        Command::Diff {
            a,
            b,
            corpus,
            format,
            out,
            devices,
            top,
            threads,
        } => {
            let (a, b) = (Rules::from_path(&a)?, Rules::from_path(&b)?);
            let options = adslot::diff::DiffOptions {
                devices,
                threads,
                top,
                ..Default::default()
            };
            // Folders and JSON Lines files are streamed: the number of articles is not known
            // before the end, so the bar counts.
            let bar = cli::progress::bar(None, "diff");
            let report = adslot::diff::diff(&corpus, &a, &b, &options, |done| {
                bar.set_position(done);
            })?;
            bar.finish_and_clear();
            let status = cli::diff::status(&report);
            let text = match (format, out) {
                (DiffFormat::Text, _) => adslot::diff::text(&report),
                (DiffFormat::Json, _) => cli::diff::json(&report),
                (DiffFormat::Html, Some(dir)) => {
                    eprint!("{}", cli::diff::write_html(&dir, &report, &a, &b)?);
                    String::new()
                }
                (DiffFormat::Html, None) => anyhow::bail!("`--format html` needs `--out DIR`"),
            };
            for e in &report.error_list {
                eprintln!("error: {}", e.message);
            }
            return Ok((text.into_bytes(), status));
        }
        Command::Rules => render::reference(),
        Command::Font { font, out } => {
            let font = adslot::font::FontCache::new().font(
                &font,
                adslot::font::Style::Regular,
                Path::new(""),
            )?;
            let table = adslot::font::table_of(&font);
            let mut text = adslot::font::describe_font(&font, &table);
            if let Some(out) = out {
                std::fs::write(&out, table.to_bytes()).map_err(|e| {
                    anyhow::anyhow!("{}: cannot write the table: {e}", out.display())
                })?;
                text.push_str(&format!(
                    "wrote {} (use it as `font = \"{}\"`)\n",
                    out.display(),
                    out.display()
                ));
            }
            text
        }
        Command::Batch {
            rules,
            device,
            threads,
        } => {
            let rules = Rules::from_path(&rules)?;
            let options = adslot::batch::BatchOptions {
                device,
                threads,
                origin: "<stdin>".to_string(),
                ..Default::default()
            };
            let stdin = std::io::stdin().lock();
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // The number of lines is not known before the end: a count, not a bar.
            let bar = cli::progress::bar(None, "batch");
            let summary = adslot::batch::run(stdin, stdout, &rules, &options, |s| {
                bar.set_position(s.articles + s.errors);
                bar.set_message(format!("{} ads, {} errors", s.ads, s.errors));
            })?;
            bar.finish_and_clear();
            eprintln!("{summary}");
            let status = if summary.errors > 0 {
                SOME_LINES_FAILED
            } else {
                0
            };
            return Ok((Vec::new(), status));
        }
    };
    Ok((out.into_bytes(), 0))
}

/// Reads an article with the input options given.
fn read(path: &Path, input: &InputArgs, rules: &Rules) -> anyhow::Result<Document> {
    let mut options = ReadOptions::default().with_max_bytes(input.max_input_bytes);
    if let Some(format) = input.input_format {
        options = options.with_format(format);
    }
    if let Some(encoding) = input.encoding {
        options = options.with_encoding(encoding);
    }
    Document::read_path(path, rules, &options).map_err(|e| match e {
        // The library names no flags; the CLI says which one raises the limit.
        adslot::Error::TooLarge { .. } => {
            anyhow::anyhow!("{e} (raise it with `--max-input-bytes`)")
        }
        e => e.into(),
    })
}
