//! The loader's messages, one test per mistake a new user made (each failed before its fix).

use crate::rules::Rules;

/// Every error of loading `toml` as `r.toml`, as printed.
fn errors(toml: &str) -> Vec<String> {
    match Rules::from_toml("r.toml", toml) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics().iter().map(ToString::to_string).collect(),
    }
}

/// Every warning of loading `toml`, as printed; the file must load.
fn warnings(toml: &str) -> Vec<String> {
    let rules = Rules::from_toml("r.toml", toml).unwrap_or_else(|e| panic!("{e}"));
    rules.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn a_bad_value_names_its_key() {
    // Was: "r.toml:2:21: expected a non-negative integer, found -5".
    assert_eq!(
        errors("[spacing]\nmin_words_between = -5\n"),
        ["r.toml:2:21: `min_words_between`: expected a non-negative integer, found -5"]
    );
    assert_eq!(
        errors("[limits]\nmax_density = \"high\"\n"),
        ["r.toml:2:15: `max_density`: expected a number from 0 to 1, found a string"]
    );
    assert_eq!(
        errors("[clearance.image]\nabove_px = -1\n"),
        ["r.toml:2:12: `above_px`: expected a non-negative integer, found -1"]
    );
}

#[test]
fn a_key_in_the_wrong_section_says_where_it_belongs() {
    // Was: "unknown key `max_ads` in the rule file".
    assert_eq!(
        errors("max_ads = 3\n"),
        ["r.toml:1:1: unknown key `max_ads` at the top level (it belongs in [limits])"]
    );
    // Was: "unknown key `max_density` in [device.mobile]".
    assert_eq!(
        errors("[device.mobile]\nmax_density = 0.3\n"),
        ["r.toml:2:1: unknown key `max_density` in [device.mobile] (it belongs in [device.mobile.limits])"]
    );
    assert_eq!(
        errors("[device.tablet.spacing]\nnever_after = []\nfont_px = 3\n"),
        [
            "r.toml:2:1: unknown key `never_after` in [device.tablet.spacing] (it belongs in [device.tablet.placement])",
            "r.toml:3:1: unknown key `font_px` in [device.tablet.spacing] (it belongs in [device.tablet])",
        ]
    );
    assert_eq!(
        errors("[spacing]\nabove_px = 3\nheadlines_selector = \"x\"\n"),
        [
            "r.toml:2:1: unknown key `above_px` in [spacing] (it belongs in a [clearance.KIND] table)",
            "r.toml:3:1: unknown key `headlines_selector` in [spacing] (it belongs in [html])",
        ]
    );
    // A near miss of a key of this section still gets the nearest one.
    assert_eq!(
        errors("[limits]\nmax_add = 3\n"),
        ["r.toml:2:1: unknown key `max_add` in [limits] (did you mean `max_ads`?)"]
    );
}

#[test]
fn the_in_flow_slot_can_differ_per_device() {
    // Was: "unknown key `slot` in [placement]" (the wrong section, and a valid key).
    let rules = Rules::from_toml(
        "r.toml",
        "[placement]\nslot = \"inline\"\n[device.desktop.placement]\nslot = \"wide\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let slot = |device: &str| rules.policy(device).map(|p| p.slot.to_string());
    assert_eq!(slot("mobile").as_deref(), Some("inline"));
    assert_eq!(slot("desktop").as_deref(), Some("wide"));
}

#[test]
fn misspelt_kinds_get_a_suggestion() {
    // Was: no suggestion for either (a swap of two letters counted as two edits).
    assert_eq!(
        errors("[placement]\nnever_after = [\"imgae\"]\n[clearance.imgae]\nabove_px = 3\n"),
        [
            "r.toml:2:16: `never_after`: unknown block kind `imgae` (did you mean `image`?)",
            "r.toml:3:12: unknown block kind `imgae` in [clearance] (did you mean `image`?)",
        ]
    );
}

#[test]
fn a_key_without_its_unit_gets_the_key_with_it() {
    // Was: "unknown key `above` in [clearance.image]" without a suggestion.
    assert_eq!(
        errors("[clearance.image]\nabove = 100\n"),
        ["r.toml:2:1: unknown key `above` in [clearance.image] (did you mean `above_px`?)"]
    );
}

#[test]
fn single_brackets_hint_at_double_ones() {
    // Was: "expected an array, found a table".
    assert_eq!(
        errors("[anchor]\nbefore = \"headline\"\n"),
        ["r.toml:1:1: `anchor` is a single table, but it must be an array of tables (write [[anchor]], with double brackets, above each anchor)"]
    );
    assert_eq!(errors("[slot]\nname = \"x\"\nsizes = [\"1x1\"]\n").len(), 1);
}

#[test]
fn one_mistake_is_reported_once_not_once_per_device() {
    // Was: the same line twice, "on device `mobile`" and "on device `desktop`".
    assert_eq!(
        errors("[spacing]\nmin_words_between = 100\nafter_ads = [{ count = 3, min_words_between = 50 }]\n"),
        ["r.toml:3:13: the after_ads entry for count = 3 lowers `min_words_between` from 100 to 50; escalating spacing may only grow"]
    );
    assert_eq!(
        errors("[limits]\nmax_ads = 1\n[[anchor]]\nbefore = \"headline\"\n[[anchor]]\nbefore = \"headlines\"\n"),
        ["r.toml:3:3: 2 anchors but max_ads is 1"]
    );
    // A mistake only some devices make names them.
    assert_eq!(
        errors("[spacing]\nmin_words_between = 50\nafter_ads = [{ count = 3, min_words_between = 100 }]\n[device.mobile.spacing]\nmin_words_between = 200\n"),
        ["r.toml:3:13: the after_ads entry for count = 3 lowers `min_words_between` from 200 to 100; escalating spacing may only grow (on device `mobile`)"]
    );
}

#[test]
fn follow_on_errors_are_dropped() {
    // Was: also "a [[slot]] needs `name` and a non-empty `sizes` list".
    assert_eq!(
        errors("[[slot]]\nname = \"inline\"\nsizes = [\"300*250\"]\n"),
        ["r.toml:3:10: `sizes`: `300*250` is not a size like \"300x250\""]
    );
    // Was: also "an [[anchor]] needs `before = \"KIND\"`".
    assert_eq!(
        errors("[[anchor]]\nbefore = \"imgae\"\n"),
        ["r.toml:2:10: `before`: unknown block kind `imgae` (did you mean `image`?)"]
    );
    assert_eq!(
        errors("[spacing]\nafter_ads = [{ count = -3 }]\n"),
        ["r.toml:2:24: `count`: expected a non-negative integer, found -3"]
    );
    // What is missing is still said, once.
    assert_eq!(
        errors("[[slot]]\nname = \"inline\"\n"),
        ["r.toml:1:1: a [[slot]] needs `sizes`"]
    );
}

#[test]
fn a_size_of_zero_is_an_error() {
    assert_eq!(
        errors("[[slot]]\nname = \"inline\"\nsizes = [\"0x250\", \"300x0\"]\n"),
        [
            "r.toml:3:10: `sizes`: `0x250` has a zero side; a size is at least 1x1",
            "r.toml:3:19: `sizes`: `300x0` has a zero side; a size is at least 1x1",
        ]
    );
}

#[test]
fn a_slot_defined_twice_is_an_error() {
    assert_eq!(
        errors("[[slot]]\nname = \"a\"\nsizes = [\"1x1\"]\n[[slot]]\nname = \"a\"\nsizes = [\"2x2\"]\n"),
        ["r.toml:5:8: a second [[slot]] named `a`: define each slot once"]
    );
}

#[test]
fn only_spacing_rules_escalate() {
    let e = errors("[spacing]\nafter_ads = [{ count = 3, max_ads = 2 }]\n");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("r.toml:2:27: unknown key `max_ads` in an after_ads entry (only spacing rules escalate: min_words_between, "),
        "{e:?}"
    );
}

#[test]
fn json_is_recognised() {
    // Was: one TOML syntax error per line.
    assert_eq!(
        errors("\n  {\n  \"limits\": { \"max_ads\": 3 }\n}\n"),
        ["r.toml:2:3: this is JSON, but a rule file is TOML (write sections as `[limits]` and values as `max_ads = 8`, one per line)"]
    );
    // A TOML syntax error stays one.
    assert_eq!(
        errors("[limits\n"),
        ["r.toml:1:8: unclosed table, expected `]`"]
    );
}

#[test]
fn a_device_close_to_a_built_in_one_is_a_warning() {
    // Was: silently a new device, starting from the mobile profile.
    assert_eq!(
        warnings("[device.dekstop]\nfont_px = 20\n"),
        ["r.toml:1:9: device `dekstop` is not built in: it starts from the mobile profile (did you mean `desktop`?)"]
    );
    assert!(warnings("[device.tablet]\nfont_px = 20\n").is_empty());
}

#[test]
fn a_slot_name_without_its_slot_table_is_a_warning() {
    let file = "[placement]\nslot = \"inlne\"\n[[anchor]]\nbefore = \"headlines\"\n\
                [[slot]]\nname = \"inline\"\nsizes = [\"300x250\"]\n";
    assert_eq!(
        warnings(file),
        [
            "r.toml:2:8: no [[slot]] is named `inlne`, the in-flow slot: its ads take 300x250 (did you mean `inline`?)",
            "r.toml:3:1: no [[slot]] is named `before-headlines`, the slot of the anchor before `headlines`: it takes 300x250",
        ]
    );
    // Without any [[slot]], every slot takes the default size by design: nothing to warn.
    assert!(warnings("[placement]\nslot = \"inlne\"\n").is_empty());
}

#[test]
fn a_slot_no_column_can_hold_is_a_warning() {
    let file = "[[slot]]\nname = \"inline\"\nsizes = [\"728x90\", \"970x250\"]\n\
                [[slot]]\nname = \"top\"\nsizes = [\"400x100\", \"320x50\"]\n";
    assert_eq!(
        warnings(file),
        ["r.toml:1:1: no size of slot `inline` fits the text column on mobile (343 px) or desktop (620 px): it is reserved at 728x90, its narrowest size, which cannot serve there"]
    );
}
