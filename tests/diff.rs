//! `adslot diff`: snapshots of the text and JSON reports on the fixture corpus, exit statuses,
//! and rule changes with a known effect checked against a count made by placing every article
//! directly (not by the diff code).

use std::path::{Path, PathBuf};
use std::process::Command;

use adslot::diff::{diff, DiffOptions};
use adslot::{place, Document, PlaceOptions, ReadOptions, Rules};
use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

use crate::common;

const DEFAULT: &str = "rules/default.toml";
const UPI: &str = "rules/upi.toml";
const REAL: &str = "tests/fixtures/real";

fn adslot(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("adslot"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

fn rules(path: &str) -> Rules {
    Rules::from_path(Path::new(env!("CARGO_MANIFEST_DIR")).join(path).as_path()).unwrap()
}

/// rules/default.toml with its first `replace` replaced by `with`.
fn default_with(name: &str, replace: &str, with: &str) -> Rules {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT);
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(replace), "rules/default.toml has `{replace}`");
    Rules::from_toml(name, &text.replacen(replace, with, 1)).unwrap()
}

#[test]
fn text_report_on_the_fixture_corpus() {
    assert_cmd_snapshot!(
        "diff_text",
        adslot(&["diff", DEFAULT, UPI, REAL, "--top", "8"])
    );
}

#[test]
fn json_report_on_the_fixture_corpus() {
    assert_cmd_snapshot!(
        "diff_json",
        adslot(&[
            "diff", DEFAULT, UPI, REAL, "--top", "3", "--format", "json", "--device", "mobile"
        ])
    );
}

#[test]
fn the_same_rules_change_nothing_and_exit_0() {
    let out = adslot(&["diff", DEFAULT, DEFAULT, REAL]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(": 156 articles compared, 0 changed"),
        "{text}"
    );
    // Piped: no progress bar on stderr.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn errors_exit_2_and_name_the_file() {
    let out = adslot(&["diff", DEFAULT, "rules/missing.toml", REAL])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rules/missing.toml"));
    let bad = "tests/fixtures/bad/malformed.json";
    let out = adslot(&["diff", DEFAULT, DEFAULT, bad]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.contains(&format!("error: {bad}:")), "{stderr}");
}

/// Every fixture article (as JSON) on every device, with the ads `rules` place: the count the
/// known effects are checked against.
fn ads_per_pair(rules: &Rules) -> Vec<usize> {
    let mut ads = Vec::new();
    for path in common::fixture_files("real", "json") {
        let doc = Document::read_path(&path, rules, &ReadOptions::default()).unwrap();
        let article = doc.article();
        for device in rules.device_names() {
            let mut options = PlaceOptions::new();
            options.device = Some(device.to_string());
            ads.push(place(article, rules, &options).unwrap().placements.len());
        }
    }
    ads
}

fn json_corpus() -> Vec<PathBuf> {
    common::fixture_files("real", "json")
}

#[test]
fn one_ad_at_most_keeps_every_first_ad_and_drops_the_rest() {
    let a = rules(DEFAULT);
    let b = default_with("one.toml", "max_ads = 8", "max_ads = 1");
    let counted = ads_per_pair(&a);
    let report = diff(&json_corpus(), &a, &b, &DiffOptions::default(), |_| {}).unwrap();
    let t = report.totals;
    assert_eq!(t.articles, counted.len() as u64);
    assert_eq!(t.ads_a, counted.iter().sum::<usize>() as u64);
    assert_eq!(t.ads_b, counted.iter().filter(|&&n| n >= 1).count() as u64);
    assert_eq!(
        t.changed,
        counted.iter().filter(|&&n| n >= 2).count() as u64
    );
    assert_eq!((t.lose_first_ad, t.gain_first_ad), (0, 0));
    assert_eq!(t.added, 0);
    assert!(
        t.changed > 10,
        "the corpus has articles with several ads: {t:?}"
    );
    assert_eq!(report.errors, 0);
}

#[test]
fn an_unreachable_first_ad_loses_every_in_flow_ad() {
    let a = rules(DEFAULT);
    let b = default_with(
        "late.toml",
        "min_words_before_first = 100",
        "min_words_before_first = 1000000",
    );
    let counted_a = ads_per_pair(&a);
    let counted_b = ads_per_pair(&b);
    let report = diff(&json_corpus(), &a, &b, &DiffOptions::default(), |_| {}).unwrap();
    let t = report.totals;
    let pairs = counted_a.iter().zip(&counted_b);
    assert_eq!(t.ads_a, counted_a.iter().sum::<usize>() as u64);
    assert_eq!(t.ads_b, counted_b.iter().sum::<usize>() as u64);
    assert_eq!(
        t.lose_first_ad,
        pairs.clone().filter(|(&a, &b)| a > 0 && b == 0).count() as u64
    );
    assert_eq!(
        t.changed,
        pairs.clone().filter(|(&a, &b)| a != b).count() as u64
    );
    // Only the anchor (pre-headlines, which keeps the spacing) could stay: at most one ad each.
    assert!(counted_b.iter().all(|&n| n <= 1), "{counted_b:?}");
    assert!(t.lose_first_ad > 10, "{t:?}");
    // Most changed first: every listed article loses at least as much as the next.
    let changes: Vec<usize> = report.most_changed.iter().map(|d| d.change()).collect();
    assert!(changes.windows(2).all(|w| w[0] >= w[1]), "{changes:?}");
}

#[test]
fn json_lines_and_files_give_the_same_totals() {
    let a = rules(DEFAULT);
    let b = rules(UPI);
    let files = json_corpus();
    let dir = std::env::temp_dir().join(format!("adslot-diff-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lines: Vec<String> = files
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v.to_string()
        })
        .collect();
    let jsonl = dir.join("corpus.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let options = DiffOptions {
        chunk: 7,
        threads: Some(2),
        ..DiffOptions::default()
    };
    let from_files = diff(&files, &a, &b, &DiffOptions::default(), |_| {}).unwrap();
    let from_lines = diff(&[jsonl], &a, &b, &options, |_| {}).unwrap();
    assert_eq!(from_files.totals, from_lines.totals);
    assert_eq!(from_files.distributions, from_lines.distributions);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_report_links_every_listed_article_to_its_preview() {
    let dir = std::env::temp_dir().join(format!("adslot-diff-html-{}", std::process::id()));
    let out = adslot(&[
        "diff",
        DEFAULT,
        UPI,
        REAL,
        "--top",
        "4",
        "--format",
        "html",
        "--out",
        dir.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", out);
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert_eq!(index.matches("<svg").count(), 2);
    for i in 1..=4 {
        assert!(index.contains(&format!("href=\"preview-{i}.html\"")));
        let preview = std::fs::read_to_string(dir.join(format!("preview-{i}.html"))).unwrap();
        assert_eq!(preview.matches("<section class=\"panel\"").count(), 2);
        assert!(preview.contains("upi") && preview.contains("default"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
