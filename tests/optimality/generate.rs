//! The generators of the optimality properties: random articles, and random rule parameters
//! written out both as TOML (for the engine, through the loader) and as rule values (for the
//! oracle).

use adslot::layout::DeviceProfile;
use adslot::{Article, Block, BlockKind, Rules};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common::oracle::{self, Screen, Setup};

// ---------------------------------------------------------------------------------------------
// Rule parameters, written out as TOML.

/// Ad sizes offered to slots (all fit the 343 px mobile column), with the height each
/// reserves on mobile (size + 20 label + 2x16 margin).
pub const SIZES: [(&str, (u32, u32), u64); 4] = [
    ("320x50", (320, 50), 102),
    ("300x250", (300, 250), 302),
    ("336x280", (336, 280), 332),
    ("300x600", (300, 600), 652),
];

/// One `after_ads` step.
#[derive(Clone, Debug, PartialEq)]
pub struct Esc {
    pub count: u32,
    pub words: Option<u32>,
    pub paragraphs: Option<u32>,
    pub px: Option<u32>,
    /// Quarters of a viewport.
    pub viewports_q: Option<u32>,
}

/// One `[[anchor]]`, with its slot's size (an index into [`SIZES`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub before: BlockKind,
    pub spacing: bool,
    pub size: usize,
}

/// A random rule file: a value for every rule (0 or empty is "off").
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub max_ads: u32,
    /// Hundredths.
    pub max_density_pct: u32,
    pub words_between: u32,
    pub paragraphs_between: u32,
    pub px_between: u32,
    pub viewports_q: u32,
    pub escalation: Vec<Esc>,
    pub words_before_first: u32,
    pub paragraphs_before_first: u32,
    pub words_after_last: u32,
    pub paragraphs_after_last: u32,
    pub px_from_top: u32,
    pub px_from_bottom: u32,
    pub never_after: Vec<BlockKind>,
    pub never_before: Vec<BlockKind>,
    /// (kind, above_px, below_px)
    pub clearance: Vec<(BlockKind, u32, u32)>,
    pub anchors: Vec<Anchor>,
    pub inline_size: usize,
}

/// The spacing values, as the escalation generator grows them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    pub words: u32,
    pub paragraphs: u32,
    pub px: u32,
    pub viewports_q: u32,
}

impl Params {
    pub fn max_density(&self) -> f64 {
        f64::from(self.max_density_pct) / 100.0
    }

    pub fn toml(&self) -> String {
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

    pub fn rules(&self) -> Rules {
        let toml = self.toml();
        Rules::from_toml("generated.toml", &toml)
            .unwrap_or_else(|e| panic!("generated rules do not load: {e}\n{toml}"))
    }

    /// The rule values as the oracle reads them, keyed by rule key.
    pub fn values(&self) -> Value {
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
    pub fn setup(&self) -> Setup {
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

pub fn block() -> impl Strategy<Value = Block> {
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
    prop::collection::vec(block(), 0..=max_blocks).prop_map(Article::new)
}

/// Mostly small values, sometimes zero.
pub fn small(max: u32) -> impl Strategy<Value = u32> {
    prop_oneof![2 => Just(0u32), 3 => 0..=max]
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

pub fn escalation(base: Spacing) -> impl Strategy<Value = Vec<Esc>> {
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

pub fn anchors() -> impl Strategy<Value = Vec<Anchor>> {
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

pub fn params() -> impl Strategy<Value = Params> {
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
