//! Slots on whole publisher pages: are they in the story? The 39 saved pages of
//! `tests/fixtures/pages/`, judged by the independent checker (`common::story`) against the story
//! bodies extracted from the same pages (`tests/fixtures/real/`), on both devices of
//! `rules/default.toml`.
//!
//! `cargo test whole_pages -- --nocapture` prints the report (per set, per category, and page by
//! page for the tuning set; `ADSLOT_PAGES_DETAILS=all` for every page).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use adslot::{formats, place, Document, PlaceOptions, ReadOptions, Rules};

use crate::common::story::{self, Category, Story};
use crate::common::{fixture_files, fixtures_dir};

/// The two sets the pages are split into once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Set {
    /// The reader may be tuned on these pages (their failures are printed page by page).
    Tuning,
    /// Never looked at page by page while tuning: the figure that counts.
    HeldOut,
}

/// The split, fixed here: pages are grouped by site (the file name up to its first `-`, so the
/// three `lazy-image`, two `lifehacker`, two `medium` and two `nytimes` pages stay together and
/// a site's twin never grades the tuning of its sibling), sites are sorted by name, and odd
/// positions (1st, 3rd, ...) tune while even ones are held out. The 39 pages are 34 sites:
/// 19 tuning pages and 20 held-out ones.
fn split(names: &[String]) -> Vec<(String, Set)> {
    let site = |n: &str| n.split('-').next().unwrap_or(n).to_string();
    let mut sites: Vec<String> = names.iter().map(|n| site(n)).collect();
    sites.sort();
    sites.dedup();
    let mut out: Vec<(String, Set)> = names
        .iter()
        .map(|n| {
            let i = sites.binary_search(&site(n)).expect("site listed");
            let set = if i % 2 == 0 {
                Set::Tuning
            } else {
                Set::HeldOut
            };
            (n.clone(), set)
        })
        .collect();
    out.sort();
    out
}

/// What the reader and the engine did on one page on one device.
struct PageRun {
    name: String,
    set: Set,
    device: String,
    /// Ads the extracted body alone gets: what the story can carry.
    body_ads: usize,
    /// Slot verdicts on the whole page (`None`: the reader refused the page, with why).
    checks: Result<Vec<story::SlotCheck>, String>,
    /// Share of the story's text in the reader's blocks ([`story_found`]).
    found: f64,
}

impl PageRun {
    fn in_story(&self) -> usize {
        self.checks
            .as_ref()
            .map_or(0, |c| c.iter().filter(|s| s.failure.is_none()).count())
    }

    fn slots(&self) -> usize {
        self.checks.as_ref().map_or(0, Vec::len)
    }

    /// The story could carry an ad but got none on the whole page (ads already on the page
    /// may have taken the room: a figure to read with [`PageRun::story_lost`]).
    fn story_missed(&self) -> bool {
        self.body_ads > 0 && self.in_story() == 0
    }

    /// The reader did not find the story: its blocks hold less than half of the story's text.
    fn story_lost(&self) -> bool {
        self.found < 0.5
    }
}

/// `rules/default.toml`, or the rule file `ADSLOT_PAGES_RULES` names (to measure the pages
/// under other rules, e.g. a copy in font-candidates mode).
fn rules() -> Rules {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/default.toml");
    let path = std::env::var("ADSLOT_PAGES_RULES").unwrap_or_else(|_| default.to_string());
    Rules::from_path(path.as_ref()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The page as `adslot place --format html --device DEVICE` prints it, and how many slots.
fn place_html(
    name: &str,
    html: &str,
    rules: &Rules,
    device: &str,
) -> Result<(String, usize, Vec<String>), String> {
    let opts = ReadOptions::default().with_format(&formats::html::FORMAT);
    let doc = Document::read_bytes(name, html.as_bytes().to_vec(), rules, &opts)
        .map_err(|e| e.to_string())?;
    let options = PlaceOptions::new().device(device);
    let plan = place(doc.article(), rules, &options).map_err(|e| e.to_string())?;
    let out = doc.write_slots(&plan, rules).map_err(|e| e.to_string())?;
    let texts = doc
        .article()
        .blocks
        .iter()
        .map(|b| b.text.clone())
        .collect();
    Ok((out, plan.placements.len(), texts))
}

/// Share of the story's text the reader's blocks hold: each block whose text (normalised, 12
/// characters or more) occurs in the story counts with its length.
fn story_found(texts: &[String], story: &Story) -> f64 {
    let found: usize = texts
        .iter()
        .map(|t| story::normalise(t))
        .filter(|t| t.chars().count() >= 12 && story.contains(t))
        .map(|t| t.chars().count())
        .sum();
    found as f64 / story.len().max(1) as f64
}

fn read_fixture(sub: &str, name: &str) -> String {
    let path = fixtures_dir().join(sub).join(format!("{name}.html"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn page_names() -> Vec<String> {
    fixture_files("pages", "html")
        .iter()
        .map(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_string()
        })
        .collect()
}

fn run_all() -> Vec<PageRun> {
    let rules = rules();
    let mut runs = Vec::new();
    for (name, set) in split(&page_names()) {
        let page = read_fixture("pages", &name);
        let body = read_fixture("real", &name);
        let story = Story::from_body(&body);
        for device in ["mobile", "desktop"] {
            let body_ads = place_html(&name, &body, &rules, device).map_or(0, |(_, n, _)| n);
            let mut found = 0.0;
            let checks = place_html(&name, &page, &rules, device).map(|(out, placed, texts)| {
                found = story_found(&texts, &story);
                let checks = story::check_page(&out, &story);
                assert_eq!(
                    checks.len(),
                    placed,
                    "{name} ({device}): every placement is one slot"
                );
                checks
            });
            runs.push(PageRun {
                name: name.clone(),
                set,
                device: device.to_string(),
                body_ads,
                checks,
                found,
            });
        }
    }
    runs
}

/// Figures for one set of runs.
#[derive(Default)]
struct Tally {
    slots: usize,
    in_story: usize,
    per_category: BTreeMap<Category, usize>,
    missed: Vec<String>,
    lost: Vec<String>,
    refused: Vec<String>,
}

impl Tally {
    fn of<'a>(runs: impl Iterator<Item = &'a PageRun>) -> Tally {
        let mut t = Tally::default();
        for r in runs {
            t.slots += r.slots();
            t.in_story += r.in_story();
            match &r.checks {
                Ok(checks) => {
                    for f in checks.iter().filter_map(|c| c.failure.as_ref()) {
                        *t.per_category.entry(f.category).or_default() += 1;
                    }
                }
                Err(e) => t.refused.push(format!("{} ({}): {e}", r.name, r.device)),
            }
            if r.story_missed() {
                t.missed.push(format!("{} ({})", r.name, r.device));
            }
            if r.story_lost() {
                t.lost.push(format!("{} ({})", r.name, r.device));
            }
        }
        t
    }

    fn share(&self) -> f64 {
        if self.slots == 0 {
            1.0
        } else {
            self.in_story as f64 / self.slots as f64
        }
    }
}

fn report(runs: &[PageRun]) -> String {
    let mut out = String::new();
    let sets = [
        ("tuning", Some(Set::Tuning)),
        ("held-out", Some(Set::HeldOut)),
        ("all", None),
    ];
    let _ = writeln!(
        out,
        "| set | device | slots | in story | share | story not found | story got no ad | refused |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for (label, set) in sets {
        for device in ["mobile", "desktop", "both"] {
            let t = Tally::of(runs.iter().filter(|r| {
                set.is_none_or(|s| r.set == s) && (device == "both" || r.device == device)
            }));
            let _ = writeln!(
                out,
                "| {label} | {device} | {} | {} | {:.1}% | {} | {} | {} |",
                t.slots,
                t.in_story,
                100.0 * t.share(),
                t.lost.len(),
                t.missed.len(),
                t.refused.len()
            );
        }
    }
    let _ = writeln!(out, "\n| failure category | tuning | held-out |");
    let _ = writeln!(out, "|---|---|---|");
    let tuning = Tally::of(runs.iter().filter(|r| r.set == Set::Tuning));
    let held = Tally::of(runs.iter().filter(|r| r.set == Set::HeldOut));
    for c in Category::ALL {
        let (a, b) = (
            tuning.per_category.get(&c).copied().unwrap_or(0),
            held.per_category.get(&c).copied().unwrap_or(0),
        );
        let _ = writeln!(out, "| {} | {a} | {b} |", c.name());
    }
    let _ = writeln!(
        out,
        "| story not found (pages x devices) | {} | {} |",
        tuning.lost.len(),
        held.lost.len()
    );
    let _ = writeln!(
        out,
        "| story got no ad (pages x devices) | {} | {} |",
        tuning.missed.len(),
        held.missed.len()
    );
    let _ = writeln!(out, "\nstory not found (tuning): {:?}", tuning.lost);
    let _ = writeln!(out, "story got no ad (tuning): {:?}", tuning.missed);
    let _ = writeln!(out, "refused (tuning): {:?}", tuning.refused);
    for set in [Set::Tuning, Set::HeldOut] {
        let names: Vec<&str> = runs
            .iter()
            .filter(|r| r.set == set && r.device == "mobile")
            .map(|r| r.name.as_str())
            .collect();
        let _ = writeln!(out, "{set:?} pages ({}): {}", names.len(), names.join(", "));
    }
    // Held-out pages are reported page by page only on request: tuning never looks at them.
    let all = std::env::var("ADSLOT_PAGES_DETAILS").is_ok_and(|v| v == "all");
    let _ = writeln!(
        out,
        "\nper page{} (device: in story/slots, body alone; failures):",
        if all {
            ""
        } else {
            ", tuning set (ADSLOT_PAGES_DETAILS=all for all)"
        }
    );
    for r in runs.iter().filter(|r| all || r.set == Set::Tuning) {
        let _ = write!(
            out,
            "- {} [{:?}] {}: {}/{} (body {}, story found {:.0}%)",
            r.name,
            r.set,
            r.device,
            r.in_story(),
            r.slots(),
            r.body_ads,
            100.0 * r.found
        );
        if let Ok(checks) = &r.checks {
            for f in checks.iter().filter_map(|c| c.failure.as_ref()) {
                let _ = write!(out, "; {}: {}", f.category.name(), f.detail);
            }
        }
        let _ = writeln!(out);
    }
    out
}

/// The whole-page figure on both sets and both devices, with the report printed.
#[test]
fn slots_on_whole_pages_land_in_the_story() {
    let runs = run_all();
    println!("{}", report(&runs));
    for (set, floor) in [
        (Set::Tuning, BASELINE_TUNING),
        (Set::HeldOut, BASELINE_HELD_OUT),
    ] {
        let t = Tally::of(runs.iter().filter(|r| r.set == set));
        assert!(
            t.share() >= floor,
            "{set:?}: {:.1}% of {} slots in the story, below {:.1}%",
            100.0 * t.share(),
            t.slots,
            100.0 * floor
        );
    }
}

/// The floors: the reader with regions, ads, the content score, the pictures' own sizes, link
/// boxes, graphics as embeds, controls as no text, and no in-flow ad beside a region
/// (`never_beside_regions`): 127/129 and 59/60 slots, 98.4% and 98.3% (before that rule
/// 130/132 and 58/60, 98.5% and 96.7%; baseline of issue 10: 95.7% and 58.4%). The held-out
/// pages have been looked at page by page since round 3: that figure is no longer blind.
const BASELINE_TUNING: f64 = 0.98;
const BASELINE_HELD_OUT: f64 = 0.98;

/// The checker itself: story text on the pages is almost never inside what it calls an
/// excluded region (else it would fail slots that are in the story).
#[test]
fn the_checker_does_not_exclude_the_story() {
    let mut lines = Vec::new();
    let (mut all, mut all_excluded) = (0, 0);
    for name in page_names() {
        let story = Story::from_body(&read_fixture("real", &name));
        let (total, excluded, why) =
            story::story_text_excluded(&read_fixture("pages", &name), &story);
        all += total;
        all_excluded += excluded;
        if excluded > 0 {
            lines.push(format!("{name}: {excluded}/{total} {why:?}"));
        }
    }
    println!("{}", lines.join("\n"));
    assert!(all > 0);
    assert!(
        all_excluded * 100 <= all,
        "{all_excluded} of {all} story characters excluded:\n{}",
        lines.join("\n")
    );
}

/// Whole-page placement time (read the page, place on mobile, insert the slots): the median of
/// 15 runs per page, then the median and the largest over the pages. A measurement, not a
/// check: `cargo test --release --test main -- --ignored whole_pages::placement_time --nocapture`.
#[test]
#[ignore = "a measurement: run it in a release build"]
fn placement_time_on_whole_pages() {
    let rules = rules();
    let mut medians = Vec::new();
    for name in page_names() {
        let page = read_fixture("pages", &name);
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let start = std::time::Instant::now();
                let out = place_html(&name, &page, &rules, "mobile").map(|(out, _, _)| out);
                let ms = start.elapsed().as_secs_f64() * 1e3;
                assert!(out.is_ok(), "{name}: {out:?}");
                ms
            })
            .collect();
        times.sort_by(f64::total_cmp);
        medians.push((times[times.len() / 2], name, page.len()));
    }
    medians.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (median, largest) = (&medians[medians.len() / 2], &medians[medians.len() - 1]);
    println!(
        "whole-page placement over {} pages: median {:.2} ms ({}, {} bytes), largest {:.2} ms ({}, {} bytes)",
        medians.len(),
        median.0,
        median.1,
        median.2,
        largest.0,
        largest.1,
        largest.2
    );
}

/// The rule file's `[html] content_selector` and `exclude_selector` on a real page: the first
/// overrides the story the reader finds, the second adds regions; bad selectors are located.
#[test]
fn rule_file_selectors_override_the_reader_on_a_page() {
    let page = read_fixture("pages", "guardian-1");
    let read = |toml: &str| {
        let rules = Rules::from_toml("r.toml", toml).expect("rules");
        let opts = ReadOptions::default().with_format(&formats::html::FORMAT);
        let doc = Document::read_bytes("guardian-1.html", page.as_bytes().to_vec(), &rules, &opts)
            .expect("page reads");
        doc.article().blocks.clone()
    };
    let found = read("");
    // The story found by default is the marked article body; naming it gives the same blocks.
    assert_eq!(
        read("[html]\ncontent_selector = \"article [itemprop=articleBody]\"\n"),
        found
    );
    // A wider container takes in the headline and standfirst the body does not hold.
    let wider = read("[html]\ncontent_selector = \"body > article\"\n");
    assert!(
        wider.len() > found.len(),
        "{} vs {}",
        wider.len(),
        found.len()
    );
    // Excluding the body's paragraphs leaves one opaque block in the place of each.
    let excluded = read("[html]\nexclude_selector = \"[itemprop=articleBody] > p\"\n");
    assert_eq!(excluded.len(), found.len());
    assert!(excluded
        .iter()
        .all(|b| b.kind != adslot::BlockKind::Paragraph));
    let e = Rules::from_toml("r.toml", "[html]\nexclude_selector = \"div + p\"\n").unwrap_err();
    assert!(e.to_string().contains("r.toml:2:20"), "{e}");
    assert!(e.to_string().contains("sibling combinators"), "{e}");
}

/// The metadata pages declare reaches the article (`[[when]]` rule sets match it): Open Graph
/// `article:section`/`article:tag` meta, one list or one meta per tag, and JSON-LD.
#[test]
fn page_metadata_becomes_the_articles_section_and_tags() {
    let rules = rules();
    let read = |name: &str| {
        let page = read_fixture("pages", name);
        let opts = ReadOptions::default().with_format(&formats::html::FORMAT);
        let doc = Document::read_bytes(name, page.into_bytes(), &rules, &opts).expect("reads");
        (doc.article().section.clone(), doc.article().tags.clone())
    };
    let (section, tags) = read("guardian-1");
    assert_eq!(section.as_deref(), Some("Environment"));
    assert_eq!(tags[..3], ["Oceans", "New Zealand", "Environment"]);
    assert_eq!(tags.len(), 9, "{tags:?}");
    let (section, tags) = read("nytimes-4");
    assert_eq!(section.as_deref(), Some("Business"));
    assert!(tags.iter().any(|t| t == "Trump, Donald J"), "{tags:?}");
    // The Telegraph declares no meta: its JSON-LD NewsArticle gives both.
    let (section, tags) = read("telegraph");
    assert_eq!(section.as_deref(), Some("News"));
    assert!(tags.iter().any(|t| t == "Robert Mugabe"), "{tags:?}");
    assert_eq!(tags.iter().filter(|t| *t == "News").count(), 1, "{tags:?}");
    // A page without any: nothing invented.
    assert_eq!(read("lwn-1"), (None, Vec::new()));
}
