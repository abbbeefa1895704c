//! The candidates mode's guarantee, checked by a separately written checker: a plan made for
//! several typefaces keeps every pixel rule (spacing in px and viewports with escalation,
//! clearance, from top and bottom, density) in each of them, and in any page whose block
//! positions are a mix of theirs (a face "between" the candidates); and among the plans that
//! keep every rule in every typeface, it has the most ads.
//!
//! Block heights are drawn at random inside each block's interval over the typefaces (text
//! blocks differ per typeface, images and embeds do not), in LayoutUnits (1/64 px) as the px
//! mode lays out.

use adslot::engine::place_measured;
use adslot::layout::{BlockBox, FontLayout, Geometry, LAYOUT_UNITS};
use adslot::{Article, Block, BlockKind, PlaceOptions, Rules};
use proptest::prelude::*;

/// Everything a case draws.
#[derive(Clone, Debug)]
struct Case {
    kinds: Vec<BlockKind>,
    /// Per typeface, per block, its height in LayoutUnits.
    heights: Vec<Vec<u64>>,
    gap_lu: u64,
    rules: Px,
    /// Weights of a mix of the typefaces.
    mix: Vec<f64>,
}

/// The pixel rules of a case.
#[derive(Clone, Debug)]
struct Px {
    viewport: u64,
    min_px_between: u32,
    min_viewports_between: f64,
    /// From the 3rd ad on (escalation; never lower).
    third_viewports: f64,
    from_top: u32,
    from_bottom: u32,
    image: (u32, u32),
    embed: (u32, u32),
    max_density: f64,
    max_ads: u32,
}

impl Px {
    fn toml(&self) -> String {
        format!(
            "[limits]\nmax_ads = {}\nmax_density = {}\n\
             [spacing]\nmin_words_between = 0\nmin_words_before_first = 0\n\
             min_px_between = {}\nmin_viewports_between = {}\n\
             after_ads = [{{ count = 3, min_viewports_between = {} }}]\n\
             min_px_from_top = {}\nmin_px_from_bottom = {}\n\
             [placement]\nnever_after = []\nnever_before = []\n\
             [clearance.image]\nabove_px = {}\nbelow_px = {}\n\
             [clearance.embed]\nabove_px = {}\nbelow_px = {}\n\
             [device.mobile]\nviewport_height_px = {}\n",
            self.max_ads,
            self.max_density,
            self.min_px_between,
            self.min_viewports_between,
            self.third_viewports,
            self.from_top,
            self.from_bottom,
            self.image.0,
            self.image.1,
            self.embed.0,
            self.embed.1,
            self.viewport
        )
    }
}

/// The reserved height of an in-flow ad on the mobile profile (300x250 + label + margins).
const AD_PX: f64 = 302.0;

fn kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        6 => Just(BlockKind::Paragraph),
        1 => Just(BlockKind::Heading),
        1 => Just(BlockKind::Image),
        1 => Just(BlockKind::Embed),
    ]
}

fn px_rules() -> impl Strategy<Value = Px> {
    (
        (300u64..1200, 0u32..1200, 0.0f64..2.0, 0.0f64..1.5),
        (
            0u32..600,
            0u32..600,
            (0u32..250, 0u32..250),
            (0u32..250, 0u32..250),
        ),
        (0.05f64..1.0, 1u32..9),
    )
        .prop_map(
            |((viewport, between, v, extra), (top, bottom, image, embed), (density, ads))| Px {
                viewport,
                min_px_between: between,
                min_viewports_between: (v * 100.0).round() / 100.0,
                third_viewports: ((v + extra) * 100.0).round() / 100.0,
                from_top: top,
                from_bottom: bottom,
                image,
                embed,
                max_density: (density * 100.0).round() / 100.0,
                max_ads: ads,
            },
        )
}

/// `blocks` blocks, `faces` typefaces; `whole`: heights in whole px.
fn case(blocks: std::ops::Range<usize>, whole: bool) -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(kind(), blocks),
        2usize..5,
        px_rules(),
        prop::collection::vec(0.0f64..1.0, 4),
    )
        .prop_flat_map(move |(kinds, faces, rules, mix)| {
            let n = kinds.len();
            // Per block: a base and, per typeface, an extra height (0 for images and embeds).
            let base = prop::collection::vec(1u64..400 * 64, n);
            let extra = prop::collection::vec(prop::collection::vec(0u64..200 * 64, n), faces);
            (
                Just(kinds),
                base,
                extra,
                Just(rules),
                Just(mix[..faces].to_vec()),
            )
        })
        .prop_map(move |(kinds, base, extra, rules, mix)| {
            let unit = |lu: u64| if whole { lu / 64 * 64 } else { lu };
            let heights = extra
                .iter()
                .map(|e| {
                    kinds
                        .iter()
                        .enumerate()
                        .map(|(i, k)| match k {
                            BlockKind::Image | BlockKind::Embed => unit(base[i]),
                            _ => unit(base[i] + e[i]),
                        })
                        .collect()
                })
                .collect();
            Case {
                kinds,
                heights,
                gap_lu: 16 * 64,
                rules,
                mix,
            }
        })
}

/// Gap positions in LayoutUnits for one typeface's block heights.
fn gaps(heights: &[u64], gap: u64) -> Vec<u64> {
    let mut y = 0;
    let mut out = Vec::with_capacity(heights.len() + 1);
    for (i, h) in heights.iter().enumerate() {
        if i > 0 {
            y += gap;
        }
        out.push(y);
        y += h;
    }
    out.push(y);
    out
}

fn geometry(case: &Case) -> Geometry {
    let whole = |lu: u64| (lu + LAYOUT_UNITS / 2) / LAYOUT_UNITS;
    let fonts: Vec<FontLayout> = case
        .heights
        .iter()
        .enumerate()
        .map(|(f, h)| {
            let g = gaps(h, case.gap_lu);
            let blocks = (0..h.len())
                .map(|i| BlockBox {
                    index: i,
                    lines: 1,
                    top_px: whole(g[i]),
                    height_px: whole(g[i] + h[i]) - whole(g[i]),
                })
                .collect();
            FontLayout {
                font: format!("face{f}"),
                blocks,
                height_px: whole(g[h.len()]),
                gaps_lu: g,
                slots: Vec::new(),
            }
        })
        .collect();
    Geometry {
        columns: 40,
        heading_columns: 30,
        blocks: fonts[0].blocks.clone(),
        height_px: fonts[0].height_px,
        fonts,
        slots: Vec::new(),
    }
}

fn article(case: &Case) -> Article {
    Article::new(
        case.kinds
            .iter()
            .map(|&k| match k {
                BlockKind::Image | BlockKind::Embed => Block::new(k, ""),
                _ => Block::new(k, "some words of text"),
            })
            .collect(),
    )
}

/// The rules a page keeps with ads at `ads` (sorted gaps), its gaps at `y` (px, any reals):
/// every violation, described. Written from the rules' meaning, not from the engine.
fn violations(case: &Case, y: &[f64], ads: &[usize]) -> Vec<String> {
    let r = &case.rules;
    let n = case.kinds.len();
    let mut out = Vec::new();
    let vh = r.viewport as f64;
    if ads.len() > r.max_ads as usize {
        out.push(format!("{} ads, max_ads {}", ads.len(), r.max_ads));
    }
    let added = ads.len() as f64 * AD_PX;
    let density = added / (y[n] + added);
    if !ads.is_empty() && density > r.max_density + 1e-12 {
        out.push(format!("density {density:.4} > {}", r.max_density));
    }
    for (k, &g) in ads.iter().enumerate() {
        if y[g] < f64::from(r.from_top) {
            out.push(format!("gap {g}: {} px from the top", y[g]));
        }
        if y[n] - y[g] < f64::from(r.from_bottom) {
            out.push(format!("gap {g}: {} px from the bottom", y[n] - y[g]));
        }
        for (j, kind) in case.kinds.iter().enumerate() {
            let (above, below) = match kind {
                BlockKind::Image => r.image,
                BlockKind::Embed => r.embed,
                _ => continue,
            };
            if j >= g && y[j] - y[g] < f64::from(above) {
                out.push(format!(
                    "gap {g}: {} px above the {kind} at {j}",
                    y[j] - y[g]
                ));
            }
            if j < g && y[g] - y[j + 1] < f64::from(below) {
                out.push(format!(
                    "gap {g}: {} px below the {kind} at {j}",
                    y[g] - y[j + 1]
                ));
            }
        }
        if k > 0 {
            let (upper, ordinal) = (ads[k - 1], k + 1);
            let v = if ordinal >= 3 {
                r.third_viewports
            } else {
                r.min_viewports_between
            };
            // Viewports are kept in whole px rounded up.
            let need = f64::from(r.min_px_between).max((v * vh).ceil());
            if y[g] - y[upper] < need {
                out.push(format!(
                    "ads at {upper} and {g}: {} px apart, {need} needed",
                    y[g] - y[upper]
                ));
            }
        }
    }
    out
}

/// The pages to hold the plan to: each typeface, and the mix of them the case draws.
fn pages(case: &Case) -> Vec<(String, Vec<f64>)> {
    let per_face: Vec<Vec<f64>> = case
        .heights
        .iter()
        .map(|h| {
            gaps(h, case.gap_lu)
                .iter()
                .map(|&lu| lu as f64 / 64.0)
                .collect()
        })
        .collect();
    let total: f64 = case.mix.iter().sum::<f64>().max(1e-9);
    let mix: Vec<f64> = (0..per_face[0].len())
        .map(|g| {
            per_face
                .iter()
                .zip(&case.mix)
                .map(|(y, w)| y[g] * w / total)
                .sum()
        })
        .collect();
    let mut out: Vec<(String, Vec<f64>)> = per_face
        .into_iter()
        .enumerate()
        .map(|(f, y)| (format!("face{f}"), y))
        .collect();
    if case.mix.iter().sum::<f64>() > 1e-9 {
        out.push(("a mix".to_string(), mix));
    }
    out
}

fn in_flow(case: &Case) -> (Vec<usize>, adslot::Plan) {
    let rules = Rules::from_toml("candidates.toml", &case.rules.toml())
        .unwrap_or_else(|e| panic!("{e}\n{}", case.rules.toml()));
    let device = rules.device("mobile").expect("mobile");
    let plan = place_measured(
        &article(case),
        &rules,
        device,
        &geometry(case),
        &PlaceOptions::new().explain(true),
    );
    (
        plan.placements.iter().map(|p| p.before_block).collect(),
        plan,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn candidate_plans_keep_every_pixel_rule_in_every_typeface(case in case(1..40, false)) {
        let (ads, plan) = in_flow(&case);
        for (name, y) in pages(&case) {
            let v = violations(&case, &y, &ads);
            prop_assert!(v.is_empty(), "in {name}: {v:?}\nads {ads:?}\n{case:?}");
        }
        // Each placement's range spans its position in every typeface.
        for p in &plan.placements {
            let [lo, hi] = p.top_px_range.expect("several typefaces");
            prop_assert!(lo <= p.top_px && p.top_px <= hi, "{p:?}");
        }
        // A refused pixel rule names the typeface it binds in.
        for gap in plan.gaps.iter().flatten() {
            for r in &gap.reasons {
                let px_rule = r.rule.starts_with("min_px") || r.rule.starts_with("min_viewports")
                    || r.rule.starts_with("clearance") || r.rule == "max_density";
                prop_assert_eq!(px_rule, r.font.is_some(), "{:?}", r);
                if let Some(f) = &r.font {
                    prop_assert!(r.text.ends_with(&format!("(binding font: {f})")), "{:?}", r);
                }
            }
        }
    }

    #[test]
    fn candidate_plans_have_the_most_ads_of_any_plan_that_holds_in_every_typeface(
        case in case(1..10, true)
    ) {
        let (ads, _) = in_flow(&case);
        let faces = pages(&case);
        let holds = |plan: &[usize]| {
            faces.iter().take(case.heights.len()).all(|(_, y)| violations(&case, y, plan).is_empty())
        };
        prop_assert!(holds(&ads));
        let gaps = case.kinds.len() + 1;
        let best = (0u32..1 << gaps)
            .filter(|m| m.count_ones() as usize > ads.len())
            .map(|m| (0..gaps).filter(|g| m >> g & 1 == 1).collect::<Vec<_>>())
            .find(|plan| holds(plan));
        prop_assert!(best.is_none(), "{best:?} holds everywhere and has more ads than {ads:?}\n{case:?}");
    }
}
