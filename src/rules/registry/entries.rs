//! The one table of rules: each entry is a rule's field, default, section, explanation, shape
//! and check (see the module doc of `registry`).

use serde::Serialize;

use super::{Bound, Check, Escalation, Rule, Unit};
use crate::article::{BlockKind, Region};
use crate::measure::Measure;
use crate::rules::checks::{self, Pair, Refusal, Totals};
use crate::rules::read::{At, Problem, TomlValue};
use crate::rules::values::{Clearances, Prefer, Ratio, RuleValue, SlotName};

registry! {
    /// All ads in the article, anchored ones and ads already on the page included.
    max_ads: u32 = 8,
        section "limits",
        explain "the plan already has {actual:ad}; {key} is {limit}",
        limit(|&max, _, t| checks::max_ads(max, t));

    /// Largest share of the page height (with ads) that ads may take; 1 means no cap.
    max_density: Ratio = Ratio(1.0),
        section "limits",
        explain "one more ad would make the ad density {actual}; {key} is {limit}",
        limit(|&max, m, t| checks::max_density(max, m, t));

    /// No in-flow ads in an article of fewer words (anchors are still placed, unless an
    /// anchor sets its own `min_words`).
    min_words_for_ads: u32 = 0,
        section "limits",
        explain "the article has {actual:word}; {key} is {limit}",
        gap(|&need, m, _| checks::at_least(m.words_between(0, m.last_gap()), need));

    /// Words between any two consecutive ads that count for spacing.
    min_words_between: u32 = 150,
        section "spacing",
        explain "{actual:word} between {pair}; {key} is {limit}",
        spacing Min Words (|&need, m, pair| {
            checks::at_least(m.words_between(pair.upper, pair.lower), need)
        });

    /// At most this many words without an ad between the first and the last in-flow ad: no
    /// two consecutive ads that count for spacing in that stretch further apart.
    max_words_between: Option<u32> = None,
        section "spacing",
        explain "{actual:word} without an ad between {pair}; {key} is {limit}",
        spacing Max Words (|&max, m, pair| {
            checks::at_most(m.words_between(pair.upper, pair.lower), max)
        });

    /// Paragraphs (kind `paragraph` or the lede) between consecutive ads.
    min_paragraphs_between: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} between {pair}; {key} is {limit}",
        spacing Min Paragraphs (|&need, m, pair| {
            checks::at_least(m.paragraphs_between(pair.upper, pair.lower), need)
        });

    /// At most this many paragraphs without an ad between the first and the last in-flow ad.
    max_paragraphs_between: Option<u32> = None,
        section "spacing",
        explain "{actual:paragraph} without an ad between {pair}; {key} is {limit}",
        spacing Max Paragraphs (|&max, m, pair| {
            checks::at_most(m.paragraphs_between(pair.upper, pair.lower), max)
        });

    /// Pixels of article from the bottom of one ad to the top of the next.
    min_px_between: u32 = 0,
        section "spacing",
        explain "{actual} px between {pair}; {key} is {limit}",
        spacing Min Px (|&need, m, pair| {
            checks::px_at_least(m, pair.upper, pair.lower, need)
        });

    /// At most this many pixels of article without an ad between the first and the last
    /// in-flow ad.
    max_px_between: Option<u32> = None,
        section "spacing",
        explain "{actual} px without an ad between {pair}; {key} is {limit}",
        spacing Max Px (|&max, m, pair| {
            checks::px_at_most(m, pair.upper, pair.lower, max)
        });

    /// Viewport heights of article between consecutive ads (fractions allowed).
    min_viewports_between: f64 = 0.0,
        section "spacing",
        explain "{actual} between {pair}; {key} is {limit}",
        spacing Min Px (|&need, m, pair| checks::viewports_between(need, m, pair));

    /// At most this many viewport heights of article without an ad between the first and the
    /// last in-flow ad (fractions allowed).
    max_viewports_between: Option<f64> = None,
        section "spacing",
        explain "{actual} without an ad between {pair}; {key} is {limit}",
        spacing Max Px (|&max, m, pair| checks::viewports_at_most(max, m, pair));

    /// Escalating spacing: from the `count`-th ad of the article on, the spacing values given in
    /// the entry replace the ones above, e.g. `[{ count = 3, min_viewports_between = 2 }]`.
    /// Values may grow (AMP-style) or loosen from entry to entry, minimums and maximums alike.
    after_ads: Vec<Escalation> = Vec::new(),
        section "spacing",
        explain "an ad here would make the ad at gap {other} the ad number {actual}, and escalating spacing would then refuse it: {because}",
        escalation;

    /// Words above the first in-flow ad.
    min_words_before_first: u32 = 50,
        section "spacing",
        explain "{actual:word} above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.words_between(0, g), need));

    /// The first in-flow ad comes with at most this many words above it (if no plan keeps
    /// every rule with it there, the plan has no in-flow ad and says why).
    max_words_before_first: Option<u32> = None,
        section "spacing",
        explain "{actual:word} above this gap, which would hold the first in-flow ad; {key} is {limit}",
        first(|&max, m, g| checks::at_most(m.words_between(0, g), max));

    /// Paragraphs above the first in-flow ad.
    min_paragraphs_before_first: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.paragraphs_between(0, g), need));

    /// The first in-flow ad comes with at most this many paragraphs above it, e.g. 3 for "no
    /// later than after the 3rd paragraph".
    max_paragraphs_before_first: Option<u32> = None,
        section "spacing",
        explain "{actual:paragraph} above this gap, which would hold the first in-flow ad; {key} is {limit}",
        first(|&max, m, g| checks::at_most(m.paragraphs_between(0, g), max));

    /// Words below the last in-flow ad.
    min_words_after_last: u32 = 0,
        section "spacing",
        explain "{actual:word} below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.words_between(g, m.last_gap()), need));

    /// Paragraphs (kind `paragraph` or the lede) below the last in-flow ad.
    min_paragraphs_after_last: u32 = 0,
        section "spacing",
        explain "{actual:paragraph} below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::at_least(m.paragraphs_between(g, m.last_gap()), need));

    /// Pixels of article above any in-flow ad (measured without ads).
    min_px_from_top: u32 = 0,
        section "spacing",
        explain "{actual} px above this gap; {key} is {limit}",
        gap(|&need, m, g| checks::px_at_least(m, 0, g, need));

    /// The first in-flow ad starts at most this many pixels of article from the top
    /// (measured without ads), e.g. the viewport height for "within the first screen".
    max_px_before_first: Option<u32> = None,
        section "spacing",
        explain "{actual} px above this gap, which would hold the first in-flow ad; {key} is {limit}",
        first(|&max, m, g| checks::px_at_most(m, 0, g, max));

    /// Pixels of article below any in-flow ad (measured without ads).
    min_px_from_bottom: u32 = 0,
        section "spacing",
        explain "{actual} px below this gap; {key} is {limit}",
        gap(|&need, m, g| checks::px_at_least(m, g, m.last_gap(), need));

    /// No in-flow ad directly after a block of these kinds (`lede` means the lede).
    never_after: Vec<BlockKind> = vec![
        BlockKind::Headline, BlockKind::Lede, BlockKind::Heading, BlockKind::Image,
    ],
        section "placement",
        explain "directly after the {kind} at block {actual}; {key} lists {kind}",
        gap(|kinds, m, g| checks::never_after(kinds, m, g));

    /// No in-flow ad directly before a block of these kinds.
    never_before: Vec<BlockKind> = vec![BlockKind::Caption],
        section "placement",
        explain "directly before the {kind} at block {actual}; {key} lists {kind}",
        gap(|kinds, m, g| checks::never_before(kinds, m, g));

    /// No in-flow ad directly above or below an opaque block of these regions: page furniture
    /// the HTML reader found inside the story's flow (`chrome`, `share`, `newsletter`,
    /// `related`, `comments`, `sidebar`, `widget`, a box of mostly `links`, or what `[html]
    /// exclude_selector` matched as `selector`). An ad there reads as part of the box.
    never_beside_regions: Vec<Region> = Region::ALL.to_vec(),
        section "placement",
        explain "directly beside the {region} region at block {actual}; {key} lists {region}",
        gap(|regions, m, g| checks::never_beside_regions(regions, m, g));

    /// Slot name of in-flow ads: the `[[slot]]` of this name gives their sizes and reserved
    /// height.
    slot: SlotName = SlotName("inline".to_string()),
        section "placement",
        explain "",
        setting;

    /// Slot names of the in-flow ads in order, instead of one `slot`: the k-th in-flow ad
    /// takes the k-th name, the last one repeating, e.g. `["inline-1", "inline"]`. Each ad
    /// reserves its own slot's height. A table that sets `slot` alone goes back to one slot.
    slots: Vec<SlotName> = Vec::new(),
        section "placement",
        explain "",
        setting;

    /// Which of the plans with the most ads to take: `"earliest"`, every ad as high up as the
    /// rules allow; or `"even"`, the plan whose smallest spacing between consecutive ads (the
    /// pairs spacing rules judge) is largest, ties broken earliest. Spacing is measured in px
    /// when a px or viewport spacing rule is set, else in words.
    prefer: Prefer = Prefer::Earliest,
        section "placement",
        explain "",
        setting;

    /// Clearance around blocks of a kind, `[clearance.KIND] above_px = .., below_px = ..`: no
    /// in-flow ad within `above_px` above such a block or within `below_px` below it.
    clearance: Clearances = Clearances::default(),
        section "clearance",
        explain "{actual} px from the {kind} at block {other}; {key} is {limit}",
        gap(|c, m, g| checks::clearance(c, m, g));
}
