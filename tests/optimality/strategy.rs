//! The strategies of the optimality properties: random articles (with metadata) and random
//! rule parameters drawing on every key.
//!
//! Minimums and maximums of one distance are drawn from ranges that do not overlap (every
//! `min_*` range ends where its `max_*` range starts, across px and viewports on both
//! devices too), so no draw is a combination the loader refuses, while escalation steps and
//! `[[when]]` sets may still loosen or tighten either.

use adslot::{Article, Block, BlockKind};
use proptest::prelude::*;

use super::generate::{Anchor, At, Esc, Params, Sp, When, SIZES};

pub const ARTICLE_KINDS: [BlockKind; 11] = [
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

pub const TOKENS: [&str; 14] = [
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

/// The metadata values articles and sets draw from (case differs on purpose).
pub const SECTIONS: [&str; 3] = ["news", "Sport", "business"];
pub const TAGS: [&str; 3] = ["markets", "Premium", "tech"];
pub const TYPES: [&str; 2] = ["liveblog", "news"];

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        6 => prop::collection::vec(prop::sample::select(&TOKENS[..]), 0..=80)
            .prop_map(|ws| ws.join(" ")),
    ]
}

pub fn kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        10 => Just(BlockKind::Paragraph),
        6 => prop::sample::select(&ARTICLE_KINDS[..]),
    ]
}

/// The region names blocks of page furniture carry (the article's JSON `region`).
pub const REGIONS: [&str; 9] = [
    "chrome",
    "share",
    "newsletter",
    "related",
    "comments",
    "sidebar",
    "widget",
    "links",
    "selector",
];

/// A block of any article kind, or (sometimes) an opaque `other` block of a region.
pub fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        12 => article_block(),
        1 => (prop::sample::select(&REGIONS[..]), text()).prop_map(|(region, text)| {
            let json = serde_json::json!({ "kind": "other", "text": text, "region": region });
            serde_json::from_value(json).expect("a region block")
        }),
    ]
}

fn article_block() -> impl Strategy<Value = Block> {
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

pub fn article(max_blocks: usize) -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(block(), 0..=max_blocks),
        prop::option::of(prop::sample::select(&SECTIONS[..])),
        prop::sample::subsequence(&TAGS[..], 0..=2),
        prop::option::of(prop::sample::select(&TYPES[..])),
    )
        .prop_map(|(blocks, section, tags, kind)| {
            let mut a = Article::new(blocks);
            a.section = section.map(|s| s.to_uppercase());
            a.tags = tags.into_iter().map(str::to_string).collect();
            a.kind = kind.map(str::to_string);
            a
        })
}

/// Mostly small values, sometimes zero.
pub fn small(max: u32) -> impl Strategy<Value = u32> {
    prop_oneof![2 => Just(0u32), 3 => 0..=max]
}

/// Sometimes a value of the range.
fn maybe(range: std::ops::RangeInclusive<u32>) -> impl Strategy<Value = Option<u32>> {
    prop::option::weighted(0.3, range)
}

/// Minimums (`min`) and maximums of the four spacing distances, from ranges that cannot
/// meet: words `0..=80` / `80..=400`, paragraphs `0..=2` / `2..=6`, px `0..=400` / `450..=3000`,
/// viewports `0..=0.5` / `0.75..=3` (0.5 viewports is 450 px on desktop; 0.75 is 555 on mobile).
fn spacing(min: bool) -> impl Strategy<Value = Sp> {
    let mins = if min {
        (
            small(80).prop_map(Some).boxed(),
            small(2).prop_map(Some).boxed(),
            small(400).prop_map(Some).boxed(),
            small(2).prop_map(Some).boxed(),
        )
    } else {
        (
            maybe(0..=80).boxed(),
            maybe(0..=2).boxed(),
            maybe(0..=400).boxed(),
            maybe(0..=2).boxed(),
        )
    };
    let maxes = (
        maybe(80..=400),
        maybe(2..=6),
        maybe(450..=3000),
        maybe(3..=12),
    );
    (mins, maxes).prop_map(|((w, p, px, v), (mw, mp, mpx, mv))| Sp {
        words: w,
        paragraphs: p,
        px,
        viewports_q: v,
        max_words: mw,
        max_paragraphs: mp,
        max_px: mpx,
        max_viewports_q: mv,
    })
}

pub fn kind_subset() -> impl Strategy<Value = Vec<BlockKind>> {
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

/// Escalation steps at increasing counts, each raising or lowering what it names.
pub fn escalation() -> impl Strategy<Value = Vec<Esc>> {
    prop::collection::vec((1u32..=2, spacing(false)), 0..=3).prop_map(|steps| {
        let mut count = 1;
        steps
            .into_iter()
            .map(|(dc, set)| {
                count += dc;
                Esc { count, set }
            })
            .collect()
    })
}

pub fn anchors() -> impl Strategy<Value = Vec<Anchor>> {
    let kinds = prop::sample::select(vec![
        BlockKind::Headline,
        BlockKind::Lede,
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Image,
        BlockKind::Quote,
        BlockKind::Headlines,
        BlockKind::Ad,
    ]);
    let nth = prop_oneof![3 => Just(1), 1 => Just(2), 1 => Just(-1), 1 => Just(-2)];
    let at = prop_oneof![
        4 => (kinds, nth).prop_map(|(k, n)| At::Before(k, n)),
        2 => prop_oneof![1..=4i32, -2..=-1i32].prop_map(At::AfterParagraph),
        1 => Just(At::End),
    ];
    let anchor = (
        at,
        any::<bool>(),
        0..SIZES.len(),
        prop_oneof![4 => Just(0u32), 1 => 0..=300u32],
    )
        .prop_map(|(at, spacing, size, min_words)| Anchor {
            at,
            spacing,
            size,
            min_words,
        });
    prop::collection::vec(anchor, 0..=3).prop_map(|mut list| {
        // Two anchors at one position are an error of the file.
        let mut seen = Vec::new();
        list.retain(|a| {
            let fresh = !seen.contains(&a.at);
            seen.push(a.at);
            fresh
        });
        list
    })
}

fn names(from: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![2 => Just(Vec::new()), 1 => prop::sample::subsequence(from, 1..=2)]
}

pub fn when() -> impl Strategy<Value = When> {
    let conditions = (
        names(&SECTIONS),
        names(&TAGS),
        names(&TAGS),
        names(&TYPES),
        maybe(0..=400),
        maybe(100..=1500),
        names(&["mobile", "desktop"]),
    );
    let sets = (
        spacing(false),
        maybe(1..=8),
        maybe(0..=300),
        prop::option::weighted(0.3, any::<bool>()),
        prop::option::weighted(0.3, prop::collection::vec(0..SIZES.len(), 1..=3)),
    );
    (conditions, sets).prop_map(
        |((section, tags_any, tags_all, kind, min_words, max_words, device), sets)| {
            let (spacing, max_ads, min_words_for_ads, even, slots) = sets;
            When {
                section,
                tags_any,
                tags_all,
                kind,
                min_words,
                // At least `min_words`, which the loader requires.
                max_words: max_words.map(|m| m.max(min_words.unwrap_or(0))),
                device,
                spacing,
                max_ads,
                min_words_for_ads,
                even,
                slots,
            }
        },
    )
}

pub fn params() -> impl Strategy<Value = Params> {
    let gap = (
        small(60),
        small(2),
        small(40),
        small(2),
        small(300),
        small(300),
    );
    let first = (maybe(60..=500), maybe(2..=8), maybe(300..=3000));
    let placement = (
        kind_subset(),
        kind_subset(),
        prop_oneof![
            1 => Just(REGIONS.to_vec()),
            3 => prop::sample::subsequence(&REGIONS[..], 0..=2),
        ],
        prop::sample::subsequence(vec![BlockKind::Image, BlockKind::Embed], 0..=2),
        prop::collection::vec((small(300), small(300)), 2),
    );
    let limits = (
        1u32..=8,
        prop_oneof![2 => Just(100u32), 1 => 10u32..=100],
        prop_oneof![4 => Just(0u32), 1 => 0..=400u32],
    );
    let slots = (
        0..SIZES.len(),
        prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(0..SIZES.len(), 1..=3)],
        prop::bool::weighted(0.3),
    );
    (
        (limits, spacing(true), escalation(), gap, first),
        (placement, anchors(), slots),
        prop::collection::vec(when(), 0..=2),
        any::<bool>(),
    )
        .prop_map(
            |(
                ((max_ads, dens, min_words_for_ads), mut spacing, mut escalation, gap, mut first),
                (placement, mut anchors, (inline_size, slots, even)),
                mut when,
                monotone,
            )| {
                let (wbf, pbf, wal, pal, top, bottom) = gap;
                let (never_after, never_before, never_beside_regions, clear_kinds, clear_px) =
                    placement;
                anchors.truncate(max_ads as usize);
                if monotone {
                    // Half the cases keep to what the sweep places: no maximum, and
                    // escalation that only grows.
                    first = (None, None, None);
                    spacing = Sp {
                        max_words: None,
                        max_paragraphs: None,
                        max_px: None,
                        max_viewports_q: None,
                        ..spacing
                    };
                    let mut cur = spacing;
                    for e in &mut escalation {
                        let grow = |new: Option<u32>, old: Option<u32>| {
                            new.map(|n| n.max(old.unwrap_or(0)))
                        };
                        e.set = Sp {
                            words: grow(e.set.words, cur.words),
                            paragraphs: grow(e.set.paragraphs, cur.paragraphs),
                            px: grow(e.set.px, cur.px),
                            viewports_q: grow(e.set.viewports_q, cur.viewports_q),
                            ..Sp::default()
                        };
                        cur.words = e.set.words.or(cur.words);
                        cur.paragraphs = e.set.paragraphs.or(cur.paragraphs);
                        cur.px = e.set.px.or(cur.px);
                        cur.viewports_q = e.set.viewports_q.or(cur.viewports_q);
                    }
                    for w in &mut when {
                        w.spacing = Sp::default();
                    }
                }
                Params {
                    max_ads,
                    max_density_pct: dens,
                    min_words_for_ads,
                    spacing,
                    escalation,
                    words_before_first: wbf,
                    paragraphs_before_first: pbf,
                    words_after_last: wal,
                    paragraphs_after_last: pal,
                    px_from_top: top,
                    px_from_bottom: bottom,
                    max_words_before_first: first.0,
                    max_paragraphs_before_first: first.1,
                    max_px_before_first: first.2,
                    never_after,
                    never_before,
                    never_beside_regions,
                    clearance: clear_kinds
                        .into_iter()
                        .zip(clear_px)
                        .map(|(k, (a, b))| (k, a, b))
                        .collect(),
                    anchors,
                    inline_size,
                    slots,
                    even,
                    when,
                }
            },
        )
}

/// Rules where spacing decides: the generated rules with every gap rule, the first-ad rules,
/// the density cap and the sets off, and the anchors exempt from `min_words`.
pub fn spacing_only() -> impl Strategy<Value = Params> {
    params().prop_map(|mut p| {
        p.max_ads = 8;
        p.max_density_pct = 100;
        p.min_words_for_ads = 0;
        p.words_before_first = 0;
        p.paragraphs_before_first = 0;
        p.words_after_last = 0;
        p.paragraphs_after_last = 0;
        p.px_from_top = 0;
        p.px_from_bottom = 0;
        p.max_words_before_first = None;
        p.max_paragraphs_before_first = None;
        p.max_px_before_first = None;
        p.clearance.clear();
        p.when.clear();
        for a in &mut p.anchors {
            a.min_words = 0;
        }
        p
    })
}
