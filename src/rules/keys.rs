//! The rule file's keys that are not rules (the top level, `[[anchor]]`, `[[when]]`,
//! `[[slot]]`, `[device.NAME]` and `[html]`), with their defaults and docs: the loader accepts exactly
//! these, and the reference is written from them.

use super::Rules;

/// One key that is not a rule.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The TOML key.
    pub key: &'static str,
    /// Its default as TOML; `None` when it has none (its doc says when it is required).
    pub default: Option<&'static str>,
    /// What it means.
    pub doc: &'static str,
}

/// Top-level keys other than sections.
pub static TOP_LEVEL: &[Key] = &[
    Key {
        key: "name",
        default: Some("\"default\""),
        doc: "The rule file's name for itself.",
    },
    Key {
        key: "default_device",
        default: Some("\"mobile\""),
        doc: "Device used when none is asked for (`--device`).",
    },
];

/// Keys of an `[[anchor]]` table.
pub static ANCHOR: &[Key] = &[
    Key {
        key: "before",
        default: None,
        doc: "A required slot before the `nth` block of this kind (`lede` means the lede); \
              placed whatever the placement rules say. One of `before`, `after_paragraph` and \
              `at` gives the anchor's position. Two anchors at one position, or more anchors \
              than `max_ads`, is an error; an anchor whose position is not in the article (or \
              is taken by an earlier anchor) is reported in the plan with the reason.",
    },
    Key {
        key: "nth",
        default: Some("1"),
        doc: "With `before`: which block of the kind, from 1; negative counts from the end \
              (`-1` is the last).",
    },
    Key {
        key: "after_paragraph",
        default: None,
        doc: "A required slot after the N-th paragraph (kind `paragraph` or the lede), from 1; \
              negative counts from the end.",
    },
    Key {
        key: "at",
        default: None,
        doc: "`\"end\"`: a required slot after the last block.",
    },
    Key {
        key: "slot",
        default: Some("\"before-KIND\""),
        doc: "The anchor's slot name (default from its position: `before-KIND`, \
              `before-KIND-2`, `after-paragraph-3`, `end`).",
    },
    Key {
        key: "spacing",
        default: Some("true"),
        doc: "Whether in-flow ads keep spacing rules towards it (`false`: exempt, e.g. a top \
              banner). Anchors are never checked against each other.",
    },
    Key {
        key: "min_words",
        default: Some("0"),
        doc: "Place the anchor only in articles of at least this many words (`[limits] \
              min_words_for_ads` leaves anchors alone).",
    },
];

/// Keys of a `[[when]]` table other than its rule sections (`[when.limits]`,
/// `[when.spacing]`, `[when.placement]`, `[when.clearance.KIND]`), which override the rules
/// of every article the conditions match.
pub static WHEN: &[Key] = &[
    Key {
        key: "name",
        default: Some("\"when #N\""),
        doc: "The set's name in `check`, `--explain` and the plan's `rule_sets`.",
    },
    Key {
        key: "section",
        default: None,
        doc: "A conditional rule set, applied after the device's rules (sets in file order) \
              when every condition it gives holds. `section`: the article's section is this \
              one or one of this array (compared without case).",
    },
    Key {
        key: "tags_any",
        default: None,
        doc: "The article has at least one of these tags.",
    },
    Key {
        key: "tags_all",
        default: None,
        doc: "The article has all of these tags.",
    },
    Key {
        key: "type",
        default: None,
        doc: "The article's type (JSON `type`, e.g. `\"liveblog\"`) is this one or one of \
              this array.",
    },
    Key {
        key: "min_words",
        default: None,
        doc: "The article has at least this many words.",
    },
    Key {
        key: "max_words",
        default: None,
        doc: "The article has at most this many words.",
    },
    Key {
        key: "device",
        default: None,
        doc: "The device is this one or one of this array.",
    },
];

/// Keys of a `[[slot]]` table.
pub static SLOT: &[Key] = &[
    Key {
        key: "name",
        default: None,
        doc: "The slot's name, as `[placement] slot` and `[[anchor]] slot` give it (required).",
    },
    Key {
        key: "sizes",
        default: Some("[\"300x250\"]"),
        doc: "Creative sizes (`\"WxH\"`, at least 1x1) of the slot; a slot without a \
              `[[slot]]` takes 300x250. An ad reserves its tallest size that fits the column \
              (if none fits, its narrowest), plus label and margins.",
    },
];

/// Keys of a `[device.NAME]` table other than the profile and the rule sections.
pub static DEVICE: &[Key] = &[Key {
    key: "hyphenate",
    default: Some("false"),
    doc: "Hyphenate (en-US) a word that does not fit the line.",
}];

/// One `[html]` key: its doc, and its value in loaded rules written as TOML.
#[derive(Clone, Copy)]
pub struct HtmlKey {
    /// The TOML key.
    pub key: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// Its value in `rules`, as TOML; `None` when unset.
    pub value: fn(&Rules) -> Option<String>,
}

impl std::fmt::Debug for HtmlKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlKey").field("key", &self.key).finish()
    }
}

/// A string as TOML: a literal string (`'...'`) when it holds double quotes it can carry
/// unescaped, else a basic string.
fn quoted(s: &str) -> String {
    if s.contains('"') && !s.contains('\'') && !s.chars().any(char::is_control) {
        format!("'{s}'")
    } else {
        super::values::toml_string(s)
    }
}

/// The keys of `[html]`: how HTML (and the HTML inside Markdown) is read and slots written.
pub static HTML: &[HtmlKey] = &[
    HtmlKey {
        key: "headlines_selector",
        doc: "CSS selector (subset) of the \"latest headlines\" block: such an element is one \
              `headlines` block.",
        value: |r| {
            r.html
                .headlines_selector
                .as_ref()
                .map(|s| quoted(s.as_str()))
        },
    },
    HtmlKey {
        key: "existing_ad_selector",
        doc: "CSS selector (subset) of ads already on the page: each is an `ad` block, which \
              spacing counts.",
        value: |r| {
            r.html
                .existing_ad_selector
                .as_ref()
                .map(|s| quoted(s.as_str()))
        },
    },
    HtmlKey {
        key: "content_selector",
        doc: "CSS selector (subset, with descendant and child combinators) of the story on a \
              whole page: the first match is read, instead of the container the reader finds.",
        value: |r| r.html.content_selector.as_ref().map(|s| quoted(s.as_str())),
    },
    HtmlKey {
        key: "exclude_selector",
        doc: "CSS selector (subset, with combinators) of regions no slot enters, besides the \
              built-in ones (navigation, share bars, related boxes...): each is one opaque \
              `other` block.",
        value: |r| r.html.exclude_selector.as_ref().map(|s| quoted(s.as_str())),
    },
    HtmlKey {
        key: "max_depth",
        doc: "Deepest element nesting read; deeper input is an error.",
        value: |r| Some(r.html.max_depth.to_string()),
    },
    HtmlKey {
        key: "slot_template",
        doc: "The element inserted for each slot; placeholders `{slot}`, `{ordinal}`, \
              `{height}`, `{gap}`, `{device}`, escaped for where they land.",
        value: |r| Some(quoted(&r.slot_template)),
    },
];

/// The names of a table of keys.
pub fn names(keys: &[Key]) -> Vec<&'static str> {
    keys.iter().map(|k| k.key).collect()
}
