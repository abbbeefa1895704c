//! The solver against the brute-force oracle (`tests/common/oracle.rs`) on random articles
//! and random rule files.
//!
//! Rules are generated as parameters, written out twice: as TOML text loaded with
//! `Rules::from_toml` (so the loader is on the path) for the engine, and as rule values for
//! the oracle directly (so a loader mistake shows as a disagreement, and
//! `the_loader_reads_what_was_written` names it).

use adslot::layout::{layout, DeviceProfile, Geometry, Hyphenation};
use adslot::{place, Article, Block, BlockKind, PlaceOptions, Plan, Rules};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

use crate::common::oracle::{self, Oracle, Screen, Setup};

// ---------------------------------------------------------------------------------------------
// Rule parameters, written out as TOML.

/// Ad sizes offered to slots (all fit the 343 px mobile column), with the height each
/// reserves on mobile (size + 20 label + 2x16 margin).
const SIZES: [(&str, (u32, u32), u64); 4] = [
    ("320x50", (320, 50), 102),
    ("300x250", (300, 250), 302),
    ("336x280", (336, 280), 332),
    ("300x600", (300, 600), 652),
];

#[derive(Clone, Debug, PartialEq)]
struct Esc {
    count: u32,
    words: Option<u32>,
    paragraphs: Option<u32>,
    px: Option<u32>,
    /// Quarters of a viewport.
    viewports_q: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Anchor {
    before: BlockKind,
    spacing: bool,
    size: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct Params {
    max_ads: u32,
    /// Hundredths.
    max_density_pct: u32,
    words_between: u32,
    paragraphs_between: u32,
    px_between: u32,
    viewports_q: u32,
    escalation: Vec<Esc>,
    words_before_first: u32,
    paragraphs_before_first: u32,
    words_after_last: u32,
    paragraphs_after_last: u32,
    px_from_top: u32,
    px_from_bottom: u32,
    never_after: Vec<BlockKind>,
    never_before: Vec<BlockKind>,
    /// (kind, above_px, below_px)
    clearance: Vec<(BlockKind, u32, u32)>,
    anchors: Vec<Anchor>,
    inline_size: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Spacing {
    words: u32,
    paragraphs: u32,
    px: u32,
    viewports_q: u32,
}

impl Params {
    fn max_density(&self) -> f64 {
        f64::from(self.max_density_pct) / 100.0
    }

    fn toml(&self) -> String {
        let kinds = |ks: &[BlockKind]| {
            let names: Vec<String> = ks.iter().map(|k| format!("\"{}\"", k.name())).collect();
            format!("[{}]", names.join(", "))
        };
        let esc: Vec<String> = self
            .escalation
            .iter()
            .map(|e| {
                let mut parts = vec![format!("count = {}", e.count)];
                if let Some(v) = e.words {
                    parts.push(format!("min_words_between = {v}"));
                }
                if let Some(v) = e.paragraphs {
                    parts.push(format!("min_paragraphs_between = {v}"));
                }
                if let Some(v) = e.px {
                    parts.push(format!("min_px_between = {v}"));
                }
                if let Some(v) = e.viewports_q {
                    parts.push(format!("min_viewports_between = {}", f64::from(v) / 4.0));
                }
                format!("{{ {} }}", parts.join(", "))
            })
            .collect();
        let mut t = format!(
            "name = \"generated\"\n\
             [limits]\nmax_ads = {}\nmax_density = {}\n\
             [spacing]\nmin_words_between = {}\nmin_paragraphs_between = {}\nmin_px_between = {}\n\
             min_viewports_between = {}\nafter_ads = [{}]\nmin_words_before_first = {}\n\
             min_paragraphs_before_first = {}\nmin_words_after_last = {}\n\
             min_paragraphs_after_last = {}\nmin_px_from_top = {}\n\
             min_px_from_bottom = {}\n\
             [placement]\nslot = \"inline\"\nnever_after = {}\nnever_before = {}\n",
            self.max_ads,
            self.max_density(),
            self.words_between,
            self.paragraphs_between,
            self.px_between,
            f64::from(self.viewports_q) / 4.0,
            esc.join(", "),
            self.words_before_first,
            self.paragraphs_before_first,
            self.words_after_last,
            self.paragraphs_after_last,
            self.px_from_top,
            self.px_from_bottom,
            kinds(&self.never_after),
            kinds(&self.never_before),
        );
        for (k, above, below) in &self.clearance {
            t += &format!(
                "[clearance.{}]\nabove_px = {above}\nbelow_px = {below}\n",
                k.name()
            );
        }
        for (i, a) in self.anchors.iter().enumerate() {
            t += &format!(
                "[[anchor]]\nbefore = \"{}\"\nslot = \"a{i}\"\nspacing = {}\n",
                a.before.name(),
                a.spacing
            );
            t += &format!(
                "[[slot]]\nname = \"a{i}\"\nsizes = [\"{}\"]\n",
                SIZES[a.size].0
            );
        }
        t += &format!(
            "[[slot]]\nname = \"inline\"\nsizes = [\"{}\"]\n",
            SIZES[self.inline_size].0
        );
        t
    }

    fn rules(&self) -> Rules {
        let toml = self.toml();
        Rules::from_toml("generated.toml", &toml)
            .unwrap_or_else(|e| panic!("generated rules do not load: {e}\n{toml}"))
    }

    /// The rule values as the oracle reads them, keyed by rule key.
    fn values(&self) -> Value {
        let names = |ks: &[BlockKind]| ks.iter().map(|k| k.name()).collect::<Vec<_>>();
        let steps: Vec<Value> = self
            .escalation
            .iter()
            .map(|e| {
                let mut step = json!({ "count": e.count });
                if let Some(v) = e.words {
                    step["min_words_between"] = v.into();
                }
                if let Some(v) = e.paragraphs {
                    step["min_paragraphs_between"] = v.into();
                }
                if let Some(v) = e.px {
                    step["min_px_between"] = v.into();
                }
                if let Some(v) = e.viewports_q {
                    step["min_viewports_between"] = (f64::from(v) / 4.0).into();
                }
                step
            })
            .collect();
        let clearance: serde_json::Map<String, Value> = self
            .clearance
            .iter()
            .map(|(k, above, below)| {
                (
                    k.name().to_string(),
                    json!({ "above_px": above, "below_px": below }),
                )
            })
            .collect();
        json!({
            "max_ads": self.max_ads,
            "max_density": self.max_density(),
            "min_words_between": self.words_between,
            "min_paragraphs_between": self.paragraphs_between,
            "min_px_between": self.px_between,
            "min_viewports_between": f64::from(self.viewports_q) / 4.0,
            "after_ads": steps,
            "min_words_before_first": self.words_before_first,
            "min_paragraphs_before_first": self.paragraphs_before_first,
            "min_words_after_last": self.words_after_last,
            "min_paragraphs_after_last": self.paragraphs_after_last,
            "min_px_from_top": self.px_from_top,
            "min_px_from_bottom": self.px_from_bottom,
            "never_after": names(&self.never_after),
            "never_before": names(&self.never_before),
            "slot": "inline",
            "clearance": clearance,
        })
    }

    /// What the oracle judges by: these values on the mobile screen.
    fn setup(&self) -> Setup {
        let mut sizes = vec![("inline".to_string(), vec![SIZES[self.inline_size].1])];
        let mut anchors = Vec::new();
        for (i, a) in self.anchors.iter().enumerate() {
            sizes.push((format!("a{i}"), vec![SIZES[a.size].1]));
            anchors.push(oracle::Anchor {
                before: a.before,
                slot: format!("a{i}"),
                spacing: a.spacing,
            });
        }
        let mobile = DeviceProfile::mobile();
        Setup {
            values: oracle::Values::from_json(&self.values()),
            anchors,
            sizes,
            screen: Screen {
                content_width_px: mobile.content_width_px,
                ad_label_px: mobile.ad_label_px,
                ad_margin_px: mobile.ad_margin_px,
                viewport_px: mobile.viewport_height_px.round() as u64,
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies.

const ARTICLE_KINDS: [BlockKind; 11] = [
    BlockKind::Headline,
    BlockKind::Lede,
    BlockKind::Paragraph,
    BlockKind::Heading,
    BlockKind::Image,
    BlockKind::Caption,
    BlockKind::Quote,
    BlockKind::List,
    BlockKind::Embed,
    BlockKind::Headlines,
    BlockKind::Ad,
];

const TOKENS: [&str; 14] = [
    "word",
    "China",
    "U.S.-led",
    "--",
    "2020",
    "中国",
    "한국어",
    "ひらがな、",
    "é",
    "x,",
    "\"q\"",
    "—",
    "internet",
    "a",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        6 => prop::collection::vec(prop::sample::select(&TOKENS[..]), 0..=80)
            .prop_map(|ws| ws.join(" ")),
    ]
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        10 => Just(BlockKind::Paragraph),
        6 => prop::sample::select(&ARTICLE_KINDS[..]),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    (kind(), text(), prop::option::weighted(0.3, 0.0f64..500.0)).prop_map(|(kind, text, h)| {
        let mut b = Block::new(
            kind,
            if kind.has_text_layout() {
                text
            } else {
                String::new()
            },
        );
        if !kind.has_text_layout() {
            b.height_px = h.map(f64::round);
        }
        b
    })
}

fn article(max_blocks: usize) -> impl Strategy<Value = Article> {
    prop::collection::vec(block(), 0..=max_blocks).prop_map(Article::new)
}

/// Mostly small values, sometimes zero.
fn small(max: u32) -> impl Strategy<Value = u32> {
    prop_oneof![2 => Just(0u32), 3 => 0..=max]
}

fn kind_subset() -> impl Strategy<Value = Vec<BlockKind>> {
    prop::sample::subsequence(
        vec![
            BlockKind::Headline,
            BlockKind::Lede,
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Image,
            BlockKind::Caption,
            BlockKind::Quote,
            BlockKind::Embed,
            BlockKind::Headlines,
            BlockKind::Ad,
        ],
        0..=3,
    )
}

fn escalation(base: Spacing) -> impl Strategy<Value = Vec<Esc>> {
    prop::collection::vec(
        (
            1u32..=2,
            prop::option::of(0u32..60),
            prop::option::of(0u32..=2),
            prop::option::of(0u32..300),
            prop::option::of(0u32..=2),
        ),
        0..=3,
    )
    .prop_map(move |steps| {
        // Counts increase, and each value only grows from the one in force before it.
        let mut count = 1;
        let mut cur = base;
        steps
            .into_iter()
            .map(|(dc, w, p, px, v)| {
                count += dc;
                let e = Esc {
                    count,
                    words: w.map(|d| cur.words + d),
                    paragraphs: p.map(|d| cur.paragraphs + d),
                    px: px.map(|d| cur.px + d),
                    viewports_q: v.map(|d| cur.viewports_q + d),
                };
                cur.words = e.words.unwrap_or(cur.words);
                cur.paragraphs = e.paragraphs.unwrap_or(cur.paragraphs);
                cur.px = e.px.unwrap_or(cur.px);
                cur.viewports_q = e.viewports_q.unwrap_or(cur.viewports_q);
                e
            })
            .collect()
    })
}

fn anchors() -> impl Strategy<Value = Vec<Anchor>> {
    let kinds = vec![
        BlockKind::Headline,
        BlockKind::Lede,
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Image,
        BlockKind::Quote,
        BlockKind::Headlines,
        BlockKind::Ad,
    ];
    (
        prop::sample::subsequence(kinds, 0..=2).prop_shuffle(),
        prop::collection::vec((any::<bool>(), 0..SIZES.len()), 2),
    )
        .prop_map(|(ks, extra)| {
            ks.into_iter()
                .zip(extra)
                .map(|(before, (spacing, size))| Anchor {
                    before,
                    spacing,
                    size,
                })
                .collect()
        })
}

fn params() -> impl Strategy<Value = Params> {
    let spacing = (small(80), small(2), small(400), small(3));
    let gap = (
        small(60),
        small(2),
        small(40),
        small(2),
        small(300),
        small(300),
    );
    let placement = (
        kind_subset(),
        kind_subset(),
        prop::sample::subsequence(vec![BlockKind::Image, BlockKind::Embed], 0..=2),
        prop::collection::vec((small(300), small(300)), 2),
    );
    let limits = (1u32..=8, prop_oneof![2 => Just(100u32), 1 => 10u32..=100]);
    (limits, spacing, gap, placement, anchors(), 0..SIZES.len()).prop_flat_map(
        |((max_ads, dens), (w, p, px, v), gap, placement, anchors, inline)| {
            let base = Spacing {
                words: w,
                paragraphs: p,
                px,
                viewports_q: v,
            };
            escalation(base).prop_map(move |escalation| {
                let (wbf, pbf, wal, pal, top, bottom) = gap;
                let (never_after, never_before, clear_kinds, clear_px) = placement.clone();
                let mut anchors = anchors.clone();
                anchors.truncate(max_ads as usize);
                Params {
                    max_ads,
                    max_density_pct: dens,
                    words_between: w,
                    paragraphs_between: p,
                    px_between: px,
                    viewports_q: v,
                    escalation,
                    words_before_first: wbf,
                    paragraphs_before_first: pbf,
                    words_after_last: wal,
                    paragraphs_after_last: pal,
                    px_from_top: top,
                    px_from_bottom: bottom,
                    never_after,
                    never_before,
                    clearance: clear_kinds
                        .into_iter()
                        .zip(clear_px)
                        .map(|(k, (a, b))| (k, a, b))
                        .collect(),
                    anchors,
                    inline_size: inline,
                }
            })
        },
    )
}

fn geometry(article: &Article) -> Geometry {
    layout(article, &DeviceProfile::mobile(), Hyphenation::None)
}

fn run(article: &Article, rules: &Rules, explain: bool) -> Plan {
    place(article, rules, &PlaceOptions::new().explain(explain)).expect("the mobile device exists")
}

fn inflow(plan: &Plan) -> Vec<usize> {
    plan.placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect()
}

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(cases(1500))]

    /// (a) the engine's in-flow placements pass the checker; (b) their count is the brute-force
    /// maximum; (c) they are the lexicographically earliest maximal set.
    #[test]
    fn engine_is_valid_maximal_and_earliest(article in article(13), p in params()) {
        let rules = p.rules();
        let plan = run(&article, &rules, false);
        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        let got = inflow(&plan);
        let verdict = oracle.valid(&got);
        prop_assert!(verdict.is_ok(), "(a) engine plan {:?} breaks a rule: {:?}\n{}", got, verdict, p.toml());
        let (most, earliest) = oracle.best();
        prop_assert_eq!(got.len(), most, "(b) count; oracle {:?}\n{}", earliest, p.toml());
        prop_assert_eq!(&got, &earliest, "(c) earliest set\n{}", p.toml());
    }

    /// (d) determinism; (f) anchors are there whenever their block is; (g) --explain gives every
    /// unplaced gap a reason and every placed gap none.
    #[test]
    fn deterministic_anchored_and_explained(article in article(14), p in params()) {
        let rules = p.rules();
        let first = run(&article, &rules, false);
        let again = run(&article, &Rules::from_toml("generated.toml", &p.toml()).unwrap(), false);
        prop_assert_eq!(&first, &again, "(d) same input, different plan");
        let explained = run(&article, &rules, true);
        prop_assert_eq!(&explained, &run(&article, &rules, true), "(d) explained plan differs");
        prop_assert_eq!(&explained.placements, &first.placements, "explaining changed the plan");

        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        for (i, a) in p.anchors.iter().enumerate() {
            let at = oracle.kinds.iter().position(|&k| k == a.before);
            let found: Vec<_> = first.placements.iter().filter(|x| x.slot == format!("a{i}")).collect();
            match at {
                Some(at) => {
                    prop_assert_eq!(found.len(), 1, "(f) anchor {:?} missing", a);
                    prop_assert!(found[0].anchor && found[0].before_block == at, "(f) anchor {:?} at {:?}", a, found[0]);
                }
                None => {
                    prop_assert!(found.is_empty(), "(f) anchor without its block placed");
                    let unplaced = first.unplaced_anchors.iter().any(|u| u.slot == format!("a{i}") && u.before == a.before);
                    prop_assert!(unplaced, "(f) anchor {:?} neither placed nor reported", a);
                }
            }
        }

        let gaps = explained.gaps.as_ref().expect("explain gives verdicts");
        prop_assert_eq!(gaps.len(), article.blocks.len() + 1);
        for (g, v) in gaps.iter().enumerate() {
            prop_assert_eq!(v.before_block, g);
            let placed = first.placements.iter().any(|x| x.before_block == g);
            prop_assert_eq!(v.placed, placed, "(g) gap {} placed flag", g);
            if v.placed {
                prop_assert!(v.reasons.is_empty(), "(g) placed gap {} has reasons {:?}", g, v.reasons);
            } else {
                prop_assert!(!v.reasons.is_empty(), "(g) unplaced gap {} has no reason\n{}", g, p.toml());
                for r in &v.reasons {
                    prop_assert!(!r.rule.is_empty() && !r.text.is_empty());
                }
            }
        }
    }

    /// The loader reads every value as the TOML wrote it: the engine's policy and the oracle's
    /// values are the same rules.
    #[test]
    fn the_loader_reads_what_was_written(p in params()) {
        let rules = p.rules();
        for device in &rules.devices {
            let loaded = serde_json::to_value(&device.policy).expect("json");
            prop_assert_eq!(&loaded, &p.values(), "on {}\n{}", device.name, p.toml());
        }
    }

    /// (e) loosening any single rule never lowers the number of in-flow ads.
    #[test]
    fn loosening_a_rule_never_lowers_the_count(
        article in article(14),
        p in params(),
        which in 0usize..17,
        pick in any::<Index>(),
    ) {
        let before = inflow(&run(&article, &p.rules(), false)).len();
        let mut q = p.clone();
        let half = |v: &mut u32| *v /= 2;
        match which {
            0 => q.max_ads += 1 + pick.index(4) as u32,
            1 => q.max_density_pct = (q.max_density_pct + 1 + pick.index(30) as u32).min(100),
            2 => half(&mut q.words_between),
            3 => q.paragraphs_between = q.paragraphs_between.saturating_sub(1),
            4 => half(&mut q.px_between),
            5 => q.viewports_q = q.viewports_q.saturating_sub(1),
            6 => half(&mut q.words_before_first),
            7 => q.paragraphs_before_first = q.paragraphs_before_first.saturating_sub(1),
            8 => half(&mut q.words_after_last),
            16 => q.paragraphs_after_last = q.paragraphs_after_last.saturating_sub(1),
            9 => half(&mut q.px_from_top),
            10 => half(&mut q.px_from_bottom),
            11 if !q.never_after.is_empty() => { let i = pick.index(q.never_after.len()); q.never_after.remove(i); }
            12 if !q.never_before.is_empty() => { let i = pick.index(q.never_before.len()); q.never_before.remove(i); }
            13 if !q.clearance.is_empty() => { let i = pick.index(q.clearance.len()); half(&mut q.clearance[i].1); }
            14 if !q.clearance.is_empty() => { let i = pick.index(q.clearance.len()); half(&mut q.clearance[i].2); }
            15 if !q.escalation.is_empty() => { let i = pick.index(q.escalation.len()); q.escalation[i].count += 1;
                // Keep counts increasing: push later entries along.
                for j in i + 1..q.escalation.len() {
                    let prev = q.escalation[j - 1].count;
                    if q.escalation[j].count <= prev { q.escalation[j].count = prev + 1; }
                }
            }
            _ => {}
        }
        let after = inflow(&run(&article, &q.rules(), false)).len();
        prop_assert!(after >= before, "loosening ({}) lowered the count {} -> {}\nbefore:\n{}\nafter:\n{}", which, before, after, p.toml(), q.toml());
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-made cases the properties rely on.

/// Rules with only `min_words_between` set: every other rule off.
fn hand_made(words_between: u32) -> Params {
    Params {
        max_ads: 8,
        max_density_pct: 100,
        words_between,
        paragraphs_between: 0,
        px_between: 0,
        viewports_q: 0,
        escalation: vec![],
        words_before_first: 0,
        paragraphs_before_first: 0,
        words_after_last: 0,
        paragraphs_after_last: 0,
        px_from_top: 0,
        px_from_bottom: 0,
        never_after: vec![],
        never_before: vec![],
        clearance: vec![],
        anchors: vec![],
        inline_size: 1,
    }
}

#[test]
fn the_oracle_rejects_what_it_should() {
    // Three 10-word paragraphs; 15 words between ads; nothing else in the way.
    let p = hand_made(15);
    let ten = "w ".repeat(10);
    let article = Article::new(vec![
        Block::new(BlockKind::Paragraph, ten.clone()),
        Block::new(BlockKind::Paragraph, ten.clone()),
        Block::new(BlockKind::Paragraph, ten),
    ]);
    let geo = geometry(&article);
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geo, &setup);
    assert!(oracle.valid(&[]).is_ok());
    assert!(oracle.valid(&[0, 2]).is_ok());
    assert_eq!(
        oracle.valid(&[0, 1]),
        Err("ads at gaps 0 and 1: min_words_between".to_string())
    );
    assert!(oracle.valid(&[1, 0]).is_err());
    assert_eq!(oracle.best(), (2, vec![0, 2]));
    let plan = run(&article, &p.rules(), false);
    assert_eq!(inflow(&plan), [0, 2]);
}

/// `min_paragraphs_after_last` (the worked example of adding a rule): no in-flow ad with fewer
/// paragraphs below it, explained with the numbers.
#[test]
fn min_paragraphs_after_last_keeps_paragraphs_below_the_last_ad() {
    let p = Params {
        paragraphs_after_last: 2,
        ..hand_made(15)
    };
    let ten = "w ".repeat(10);
    let article = Article::new(
        (0..4)
            .map(|_| Block::new(BlockKind::Paragraph, ten.clone()))
            .collect(),
    );
    let plan = run(&article, &p.rules(), true);
    assert_eq!(inflow(&plan), [0, 2]);
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(oracle.best(), (2, vec![0, 2]));
    assert_eq!(
        oracle.valid(&[0, 3]),
        Err("gap 3: min_paragraphs_after_last".to_string())
    );
    let gaps = plan.gaps.expect("explained");
    assert!(gaps[3]
        .reasons
        .iter()
        .any(|r| r.rule == "min_paragraphs_after_last"
            && r.text == "1 paragraph below this gap; min_paragraphs_after_last is 2"));
}

/// The heights the oracle computes are the ones the sizes table says (a check of the oracle).
#[test]
fn the_oracle_reserves_what_the_sizes_table_says() {
    for (i, (name, _, height)) in SIZES.iter().enumerate() {
        let p = Params {
            inline_size: i,
            ..hand_made(15)
        };
        assert_eq!(p.setup().reserved("inline"), *height, "{name}");
    }
}

/// The generators must produce interesting cases, or the properties above prove little.
#[test]
fn generated_cases_are_not_trivial() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (article(13), params());
    let (mut two_or_more, mut with_fixed, mut fixed_and_inflow, mut oracle_beats_empty) =
        (0, 0, 0, 0);
    let total = 600;
    for _ in 0..total {
        let (article, p) = strategy.new_tree(&mut runner).unwrap().current();
        let plan = run(&article, &p.rules(), false);
        let got = inflow(&plan).len();
        let fixed = plan.placements.len() - got
            + article
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Ad)
                .count();
        two_or_more += usize::from(got >= 2);
        with_fixed += usize::from(fixed > 0);
        fixed_and_inflow += usize::from(fixed > 0 && got > 0);
        oracle_beats_empty += usize::from(got > 0);
    }
    eprintln!("of {total}: >=2 in-flow {two_or_more}, with fixed ads {with_fixed}, fixed and in-flow {fixed_and_inflow}, >=1 in-flow {oracle_beats_empty}");
    assert!(
        two_or_more * 5 >= total,
        "too few cases with two in-flow ads"
    );
    assert!(
        fixed_and_inflow * 10 >= total,
        "too few cases mixing fixed and in-flow ads"
    );
}
