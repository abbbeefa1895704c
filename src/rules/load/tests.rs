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
        errors("[spacing]\nmin_paragraphs_between = 4\nmax_paragraphs_between = 2\n"),
        ["r.toml:3:26: `max_paragraphs_between = 2` (line 3) is below `min_paragraphs_between = 4` (line 2): no plan can keep both"]
    );
    assert_eq!(
        errors("[limits]\nmax_ads = 1\n[[anchor]]\nbefore = \"headline\"\n[[anchor]]\nbefore = \"headlines\"\n"),
        ["r.toml:3:3: 2 anchors but max_ads is 1"]
    );
    // A mistake only some devices make names them.
    assert_eq!(
        errors("[spacing]\nmin_words_between = 50\nmax_words_between = 100\n[device.mobile.spacing]\nmin_words_between = 200\n"),
        ["r.toml:5:21: `max_words_between = 100` (line 3) is below `min_words_between = 200` (line 5): no plan can keep both (on device `mobile`)"]
    );
}

#[test]
fn escalation_may_loosen() {
    // Was: "the after_ads entry for count = 3 lowers `min_words_between` from 100 to 50;
    // escalating spacing may only grow". The exact solver places such policies.
    let rules = Rules::from_toml(
        "r.toml",
        "[spacing]\nmin_words_between = 100\nafter_ads = [{ count = 3, min_words_between = 50 }]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rules.policy("mobile").map(|p| p.after_ads.len()), Some(1));
}

#[test]
fn impossible_combinations_name_both_keys_and_lines() {
    // A maximum before the first ad below its minimum.
    assert_eq!(
        errors("[spacing]\nmin_words_before_first = 100\nmax_words_before_first = 50\n"),
        ["r.toml:3:26: `max_words_before_first = 50` (line 3) is below `min_words_before_first = 100` (line 2): no plan can keep both"]
    );
    // The default is a minimum too.
    assert_eq!(
        errors("[spacing]\nmax_words_between = 100\n"),
        ["r.toml:2:21: `max_words_between = 100` (line 2) is below `min_words_between = 150` (its default): no plan can keep both"]
    );
    // px against viewports, on the device whose viewport makes it so (740 px on mobile).
    assert_eq!(
        errors("[spacing]\nmin_words_between = 0\nmin_px_between = 700\nmax_viewports_between = 0.9\n"),
        ["r.toml:4:25: `max_viewports_between = 0.9 (666 px)` (line 4) is below `min_px_between = 700` (line 3): no plan can keep both (on device `mobile`)"]
    );
    // From an escalation step on.
    assert_eq!(
        errors("[spacing]\nmin_words_between = 50\nmax_words_between = 200\nafter_ads = [{ count = 3, min_words_between = 300 }]\n"),
        ["r.toml:4:13: `max_words_between = 200` (line 3) is below `min_words_between = 300` (line 4) from the ad number 3 on (after_ads): no plan can keep both"]
    );
    // With a conditional set.
    assert_eq!(
        errors("[spacing]\nmin_paragraphs_between = 4\n[[when]]\nsection = \"news\"\n[when.spacing]\nmax_paragraphs_between = 3\n"),
        ["r.toml:6:26: `max_paragraphs_between = 3` (line 6) is below `min_paragraphs_between = 4` (line 2) with [[when]] `when #1`: no plan can keep both"]
    );
}

#[test]
fn slot_and_slots_in_one_table_is_an_error() {
    assert_eq!(
        errors("[placement]\nslot = \"inline\"\nslots = [\"inline-1\", \"inline\"]\n"),
        ["r.toml:3:1: `slots` and `slot` (line 2) in one table: `slots` names every in-flow ad's slot, so `slot` would never be used (keep `slots` and end it with the slot later ads take)"]
    );
    // In different tables, the later one wins: a device's `slot` replaces the sequence.
    let rules = Rules::from_toml(
        "r.toml",
        "[placement]\nslots = [\"a\", \"b\"]\n[device.desktop.placement]\nslot = \"wide\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let seq = |d: &str| rules.policy(d).map(|p| p.inflow_slots_sequence().join(","));
    assert_eq!(seq("mobile").as_deref(), Some("a,b"));
    assert_eq!(seq("desktop").as_deref(), Some("wide"));
}

#[test]
fn anchor_positions() {
    let rules = Rules::from_toml(
        "r.toml",
        "[[anchor]]\nbefore = \"heading\"\nnth = 2\n[[anchor]]\nbefore = \"heading\"\nnth = -1\n\
         [[anchor]]\nafter_paragraph = 3\n[[anchor]]\nat = \"end\"\nmin_words = 250\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let slots: Vec<&str> = rules.anchors.iter().map(|a| a.slot.as_str()).collect();
    assert_eq!(
        slots,
        [
            "before-heading-2",
            "before-heading-last",
            "after-paragraph-3",
            "end"
        ]
    );
    assert_eq!(rules.anchors[3].min_words, 250);
    assert_eq!(
        errors("[[anchor]]\nbefore = \"heading\"\nafter_paragraph = 2\n"),
        ["r.toml:1:1: an [[anchor]] has one position, but this one has `before` and `after_paragraph`"]
    );
    assert_eq!(
        errors("[[anchor]]\nslot = \"x\"\n"),
        ["r.toml:1:1: an [[anchor]] needs its position: `before = \"KIND\"`, `after_paragraph = N` or `at = \"end\"`"]
    );
    assert_eq!(
        errors("[[anchor]]\nafter_paragraph = 0\n"),
        ["r.toml:2:19: `after_paragraph` counts from 1 (or from -1, the last): 0 is no position"]
    );
    assert_eq!(
        errors("[[anchor]]\nat = \"start\"\n"),
        ["r.toml:2:6: `at`: expected \"end\", found \"start\""]
    );
    assert_eq!(
        errors("[[anchor]]\nafter_paragraph = 2\nnth = 2\n"),
        ["r.toml:3:7: `nth` counts blocks of the kind `before` names; this [[anchor]] has no `before`"]
    );
    assert_eq!(
        errors("[[anchor]]\nbefore = \"heading\"\n[[anchor]]\nbefore = \"heading\"\nnth = 1\n"),
        ["r.toml:4:10: a second anchor before the first `heading` block (slot `before-heading` is there already); give it another position"]
    );
}

#[test]
fn when_sets() {
    let file = "[[when]]\nname = \"short\"\nmax_words = 250\ntype = [\"news\", \"opinion\"]\n\
                [when.limits]\nmax_ads = 1\n[when.placement]\nprefer = \"even\"\n";
    let rules = Rules::from_toml("r.toml", file).unwrap_or_else(|e| panic!("{e}"));
    let w = &rules.when[0];
    assert_eq!(
        (w.name.as_str(), w.max_words, w.kind.len()),
        ("short", Some(250), 2)
    );
    assert_eq!(w.set.keys(), ["max_ads", "prefer"]);
    assert_eq!(w.describe(), "type news or opinion, at most 250 words");
    assert_eq!(
        errors("[[when]]\ndevice = \"moblie\"\n[when.limits]\nmax_ads = 1\n"),
        ["r.toml:2:10: unknown device `moblie` (did you mean `mobile`?)"]
    );
    assert_eq!(
        errors("[[when]]\ntags = [\"x\"]\n"),
        ["r.toml:2:1: unknown key `tags` in [[when]] (write `tags_any = [..]` or `tags_all = [..]`)"]
    );
    assert_eq!(
        errors("[[when]]\nsection = \"a\"\n[when.spacing]\nmax_ads = 2\n"),
        ["r.toml:4:1: unknown key `max_ads` in [when.spacing] (it belongs in [limits])"]
    );
    assert_eq!(
        errors("[[when]]\nmin_words = 300\nmax_words = 200\n[when.limits]\nmax_ads = 1\n"),
        ["r.toml:3:13: `max_words` (200) is below `min_words` (300): no article has both"]
    );
    assert_eq!(
        errors("[when]\nsection = \"a\"\n"),
        ["r.toml:1:1: `when` is a single table, but it must be an array of tables (write [[when]], with double brackets, above each set)"]
    );
    assert_eq!(
        warnings("[[when]]\n[when.limits]\nmax_ads = 2\n"),
        ["r.toml:1:1: [[when]] `when #1` has no condition: it applies to every article (put its rules in the sections above instead)"]
    );
    assert_eq!(
        errors("[placement]\nprefer = \"evenly\"\n"),
        ["r.toml:2:10: `prefer`: expected \"earliest\" or \"even\", found \"evenly\" (did you mean `even`?)"]
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
            "r.toml:3:1: no [[slot]] is named `before-headlines`, the slot of the anchor before the first `headlines` block: it takes 300x250",
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
