//! Two rule files compared over a corpus: per article and device, what changes from A to B
//! (ads, density, depth of the first ad, slots moved, added and removed), with totals and
//! distributions, on all cores and in bounded memory.
//!
//! The corpus is streamed a chunk at a time ([`DiffOptions::chunk`] articles in flight); the
//! report keeps the totals, two histograms per rule file and the [`DiffOptions::top`] most
//! changed articles, so its size does not grow with the corpus.

mod compare;
mod corpus;
mod html;
mod text;

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

pub use compare::{ArticleDiff, FirstAd, Side, SlotAt};
pub use html::{page as html, preview as html_preview};
pub use text::text;

use crate::article::Article;
use crate::document::{Document, ReadOptions};
use crate::engine::{place, PlaceOptions};
use crate::error::Error;
use crate::rules::Rules;
use corpus::{Corpus, Item};

/// How to run a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffOptions {
    /// Devices to compare on (empty: every device both rule files have).
    pub devices: Vec<String>,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Articles read and compared together; memory is bounded by this many in flight.
    pub chunk: usize,
    /// Changed articles listed in the report, most changed first (all are counted).
    pub top: usize,
    /// Errors listed in the report (all are counted).
    pub max_errors: usize,
    /// How documents are read.
    pub read: ReadOptions,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            devices: Vec::new(),
            threads: None,
            chunk: 1024,
            top: 50,
            max_errors: 20,
            read: ReadOptions::default(),
        }
    }
}

/// Totals over the articles of one device (or all of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Article and device pairs compared.
    pub articles: u64,
    /// Pairs whose placements differ (a slot at another gap, added, removed or resized).
    pub changed: u64,
    /// Ads placed under A.
    pub ads_a: u64,
    /// Ads placed under B.
    pub ads_b: u64,
    /// Pairs with an ad under A and none under B.
    pub lose_first_ad: u64,
    /// Pairs with no ad under A and one under B.
    pub gain_first_ad: u64,
    /// Pairs whose first ad is deeper (more words above it) under B.
    pub first_ad_deeper: u64,
    /// Pairs whose first ad is shallower under B.
    pub first_ad_shallower: u64,
    /// Slots that stay but move to another gap.
    pub moved: u64,
    /// Slots B places that A does not.
    pub added: u64,
    /// Slots A places that B does not.
    pub removed: u64,
    /// Sum of the densities under A (for the mean).
    pub density_a: f64,
    /// Sum of the densities under B.
    pub density_b: f64,
}

impl Totals {
    fn add(&mut self, d: &ArticleDiff) {
        self.articles += 1;
        self.changed += u64::from(d.changed());
        self.ads_a += d.a.ads as u64;
        self.ads_b += d.b.ads as u64;
        match (&d.a.first_ad, &d.b.first_ad) {
            (Some(_), None) => self.lose_first_ad += 1,
            (None, Some(_)) => self.gain_first_ad += 1,
            (Some(a), Some(b)) if b.words_above > a.words_above => self.first_ad_deeper += 1,
            (Some(a), Some(b)) if b.words_above < a.words_above => self.first_ad_shallower += 1,
            _ => {}
        }
        self.moved += d.moved as u64;
        self.added += d.added as u64;
        self.removed += d.removed as u64;
        self.density_a += d.a.density;
        self.density_b += d.b.density;
    }

    /// The change in ads from A to B, in percent (`None` when A places none).
    ///
    /// ```
    /// let t = adslot::diff::Totals { ads_a: 200, ads_b: 230, ..Default::default() };
    /// assert_eq!(t.ads_change_percent(), Some(15.0));
    /// ```
    pub fn ads_change_percent(&self) -> Option<f64> {
        (self.ads_a > 0)
            .then(|| (self.ads_b as f64 - self.ads_a as f64) * 100.0 / self.ads_a as f64)
    }
}

/// One device's totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeviceTotals {
    /// The device.
    pub device: String,
    /// Its totals.
    pub totals: Totals,
}

/// Width of a density histogram bin.
pub const DENSITY_BIN: f64 = 0.05;
/// Density bins: `[0, 0.05)`, ... `[0.45, 0.5)`, and `0.5` and above.
pub const DENSITY_BINS: usize = 11;

/// How many article and device pairs have each number of ads, and each density (bins of
/// [`DENSITY_BIN`]), under A and under B.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Distributions {
    /// Pairs by ads under A (index: the number of ads).
    pub ads_a: Vec<u64>,
    /// Pairs by ads under B.
    pub ads_b: Vec<u64>,
    /// Pairs by density bin under A.
    pub density_a: Vec<u64>,
    /// Pairs by density bin under B.
    pub density_b: Vec<u64>,
}

impl Distributions {
    fn add(&mut self, d: &ArticleDiff) {
        count(&mut self.ads_a, d.a.ads);
        count(&mut self.ads_b, d.b.ads);
        count(&mut self.density_a, density_bin(d.a.density));
        count(&mut self.density_b, density_bin(d.b.density));
    }
}

fn count(bins: &mut Vec<u64>, at: usize) {
    if bins.len() <= at {
        bins.resize(at + 1, 0);
    }
    bins[at] += 1;
}

/// The density bin of `density`.
///
/// ```
/// use adslot::diff::density_bin;
/// assert_eq!((density_bin(0.0), density_bin(0.049), density_bin(0.05), density_bin(0.9)), (0, 0, 1, 10));
/// ```
pub fn density_bin(density: f64) -> usize {
    // Rounded to 1e-9 first, so 0.15 (0.1499999...) is in the bin its digits say.
    let bin = ((density / DENSITY_BIN) * 1e9).round() / 1e9;
    (bin.max(0.0).floor() as usize).min(DENSITY_BINS - 1)
}

/// An article that could not be read or placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleError {
    /// The article: its path, or `PATH:LINE` in a JSON Lines file.
    pub source: String,
    /// The error, located at its file and line:column where there is one.
    pub message: String,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Rule file A's name.
    pub a: String,
    /// Rule file B's name.
    pub b: String,
    /// The devices compared.
    pub devices: Vec<String>,
    /// Totals over every device.
    pub totals: Totals,
    /// Totals per device, in `devices` order.
    pub by_device: Vec<DeviceTotals>,
    /// Ads and density distributions, every device together.
    pub distributions: Distributions,
    /// The most changed articles, most changed first (at most [`DiffOptions::top`]).
    pub most_changed: Vec<ArticleDiff>,
    /// Articles that could not be read or placed (counted in `errors`, the first
    /// [`DiffOptions::max_errors`] listed).
    pub error_list: Vec<ArticleError>,
    /// Articles that could not be read or placed.
    pub errors: u64,
}

impl Report {
    /// Whether B places anything differently from A on any article (errors aside).
    pub fn changed(&self) -> bool {
        self.totals.changed > 0
    }
}

/// Compares rule files `a` and `b` on every article of `corpus` (files, folders walked in name
/// order, JSON Lines files), on each device of `options.devices` (default: every device both
/// files have). `progress` is called after each chunk with the number of articles done.
/// Errors: an unknown device, or a thread pool that cannot start; an article that cannot be
/// read or placed is an entry of the report's `error_list`, not an error of the run.
///
/// ```
/// use adslot::diff::{diff, DiffOptions};
/// use adslot::Rules;
/// let dir = std::env::temp_dir().join(format!("adslot-diff-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let words = "The council voted on Monday to approve a budget. ".repeat(12);
/// std::fs::write(dir.join("a.txt"), format!("{words}\n\n{words}\n\n{words}\n")).unwrap();
/// let a = Rules::from_toml("a.toml", "[spacing]\nmin_words_before_first = 10\n").unwrap();
/// let b = Rules::from_toml("b.toml", "[spacing]\nmin_words_before_first = 1000\n").unwrap();
/// let report = diff(&[dir.clone()], &a, &b, &DiffOptions::default(), |_| {}).unwrap();
/// assert_eq!(report.totals.articles, 2); // one article, on mobile and desktop
/// assert!(report.changed());
/// assert_eq!(report.totals.lose_first_ad, 2);
/// assert_eq!(report.totals.ads_b, 0);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn diff(
    corpus: &[PathBuf],
    a: &Rules,
    b: &Rules,
    options: &DiffOptions,
    mut progress: impl FnMut(u64),
) -> Result<Report, Error> {
    let devices = devices(a, b, &options.devices)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = options.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(|e| Error::Io {
        origin: "<diff>".to_string(),
        source: std::io::Error::other(e),
    })?;
    let mut report = Report {
        a: a.name.clone(),
        b: b.name.clone(),
        devices: devices.clone(),
        totals: Totals::default(),
        by_device: devices
            .iter()
            .map(|d| DeviceTotals {
                device: d.clone(),
                totals: Totals::default(),
            })
            .collect(),
        distributions: Distributions::default(),
        most_changed: Vec::new(),
        error_list: Vec::new(),
        errors: 0,
    };
    let mut corpus = Corpus::new(corpus);
    let mut done = 0u64;
    loop {
        let chunk = corpus.chunk(options.chunk.max(1));
        if chunk.is_empty() {
            break;
        }
        let answers: Vec<Result<Vec<ArticleDiff>, ArticleError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|item| compare_item(item, a, b, &devices, &options.read))
                .collect()
        });
        for answer in answers {
            done += 1;
            match answer {
                Ok(diffs) => {
                    for d in diffs {
                        report.add(d, options.top);
                    }
                }
                Err(e) => {
                    report.errors += 1;
                    if report.error_list.len() < options.max_errors {
                        report.error_list.push(e);
                    }
                }
            }
        }
        progress(done);
    }
    report.most_changed.sort_by(compare::most_changed_first);
    report.most_changed.truncate(options.top);
    Ok(report)
}

impl Report {
    fn add(&mut self, d: ArticleDiff, top: usize) {
        self.totals.add(&d);
        if let Some(t) = self.by_device.iter_mut().find(|t| t.device == d.device) {
            t.totals.add(&d);
        }
        self.distributions.add(&d);
        if d.changed() && top > 0 {
            self.most_changed.push(d);
            // Keep at most twice `top` between sorts: bounded, and sorted rarely.
            if self.most_changed.len() >= 2 * top {
                self.most_changed.sort_by(compare::most_changed_first);
                self.most_changed.truncate(top);
            }
        }
    }
}

/// The devices to compare: those asked for (each must be in both files), else every device of
/// A that B has too.
fn devices(a: &Rules, b: &Rules, asked: &[String]) -> Result<Vec<String>, Error> {
    if asked.is_empty() {
        return Ok(a
            .device_names()
            .into_iter()
            .filter(|name| b.device(name).is_some())
            .map(str::to_string)
            .collect());
    }
    for name in asked {
        a.select_device(Some(name))?;
        b.select_device(Some(name))?;
    }
    Ok(asked.to_vec())
}

/// Reads one corpus item with A's and B's `[html]` settings (once when they are the same), or
/// says why it cannot be read, located in its file.
fn read_item(
    item: &Item,
    a: &Rules,
    b: &Rules,
    read: &ReadOptions,
) -> Result<(Arc<Article>, Arc<Article>), String> {
    let read_with = |rules: &Rules| -> Result<Article, String> {
        match item {
            Item::File(path) => Document::read_path(path, rules, read)
                .map(|doc| doc.article().clone())
                .map_err(|e| e.to_string()),
            Item::Line { origin, line, text } => crate::formats::json::read(origin, text)
                .map_err(|e| crate::batch::locate(e, origin, *line)),
            Item::Unreadable { message, .. } => Err(message.clone()),
        }
    };
    let first = Arc::new(read_with(a)?);
    let second = if a.html == b.html {
        Arc::clone(&first)
    } else {
        Arc::new(read_with(b)?)
    };
    Ok((first, second))
}

/// One item compared on every device, or why it could not be.
fn compare_item(
    item: &Item,
    a: &Rules,
    b: &Rules,
    devices: &[String],
    read: &ReadOptions,
) -> Result<Vec<ArticleDiff>, ArticleError> {
    let source = item.source();
    let fail = |message: String| ArticleError {
        source: source.clone(),
        message,
    };
    let (article_a, article_b) = read_item(item, a, b, read).map_err(fail)?;
    devices
        .iter()
        .map(|device| {
            let options = PlaceOptions {
                device: Some(device.clone()),
                ..PlaceOptions::default()
            };
            let plan_a = place(&article_a, a, &options).map_err(|e| fail(e.to_string()))?;
            let plan_b = place(&article_b, b, &options).map_err(|e| fail(e.to_string()))?;
            Ok(ArticleDiff::new(
                source.clone(),
                device.clone(),
                &plan_a,
                &plan_b,
                (Arc::clone(&article_a), Arc::clone(&article_b)),
            ))
        })
        .collect()
}
