//! The rule-file reference in Markdown, generated from the registry and the tables of the
//! other keys (anchors, slots, device profile, `[html]`).

use std::fmt::Write as _;

use crate::layout::{DeviceProfile, FONT_KEYS, PROFILE_KEYS};
use crate::rules::keys::{Key, ANCHOR, DEVICE, HTML, SLOT, TOP_LEVEL, WHEN};
use crate::rules::registry::RULES;
use crate::rules::Rules;

/// The rule-file reference in Markdown: every rule (from the registry), then every other key.
///
/// ```
/// let r = adslot::render::reference();
/// assert!(r.contains("| `[spacing] min_words_between` | `150` |"));
/// assert!(r.contains("| `[device.NAME] viewport_height_px` | `740` / `900` |"));
/// assert!(r.contains("| `[html] max_depth` | `256` |"));
/// ```
pub fn reference() -> String {
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for r in RULES {
        let doc = one_line(r.doc);
        let default = r
            .default_toml()
            .map_or("(none)".to_string(), |d| format!("`{d}`"));
        let _ = writeln!(
            out,
            "| `{}` | {default} | {doc} ({}; {}) |",
            r.toml_key(),
            r.shape().describe(),
            r.value_type
        );
    }
    out.push_str(
        "\nThe other keys (device defaults are mobile / desktop; a device of the file's own \
         starts from the mobile profile):\n\n| key | default | meaning |\n|---|---|---|\n",
    );
    let rows = |out: &mut String, prefix: &str, keys: &[Key]| {
        for k in keys {
            let default = k.default.map_or("(none)".to_string(), |d| format!("`{d}`"));
            let _ = writeln!(
                out,
                "| `{prefix}{}` | {default} | {} |",
                k.key,
                one_line(k.doc)
            );
        }
    };
    rows(&mut out, "", TOP_LEVEL);
    rows(&mut out, "[[anchor]] ", ANCHOR);
    rows(&mut out, "[[when]] ", WHEN);
    rows(&mut out, "[[slot]] ", SLOT);
    rows(&mut out, "[device.NAME] ", DEVICE);
    let (mobile, desktop) = (DeviceProfile::mobile(), DeviceProfile::desktop());
    for k in PROFILE_KEYS {
        let _ = writeln!(
            out,
            "| `[device.NAME] {}` | `{}` / `{}` | {} |",
            k.key,
            (k.get)(&mobile),
            (k.get)(&desktop),
            one_line(k.doc)
        );
    }
    for k in FONT_KEYS {
        let default = k.default.map_or("(none)".to_string(), |d| format!("`{d}`"));
        let _ = writeln!(
            out,
            "| `[device.NAME] {}` | {default} | {} |",
            k.key,
            one_line(k.doc)
        );
    }
    let defaults = Rules::default();
    for k in HTML {
        let default = (k.value)(&defaults).map_or("(none)".to_string(), |v| format!("`{v}`"));
        let _ = writeln!(
            out,
            "| `[html] {}` | {default} | {} |",
            k.key,
            one_line(k.doc)
        );
    }
    out
}

/// A doc comment on one line.
fn one_line(doc: &str) -> String {
    doc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the loader accepts is in the reference.
    #[test]
    fn every_key_is_documented() {
        let r = reference();
        for rule in RULES {
            assert!(
                r.contains(&format!("`{}`", rule.toml_key())),
                "{}",
                rule.key
            );
        }
        let tables: [(&str, &[Key]); 5] = [
            ("", TOP_LEVEL),
            ("[[anchor]] ", ANCHOR),
            ("[[when]] ", WHEN),
            ("[[slot]] ", SLOT),
            ("[device.NAME] ", DEVICE),
        ];
        for (prefix, keys) in tables {
            for k in keys {
                assert!(r.contains(&format!("`{prefix}{}`", k.key)), "{}", k.key);
            }
        }
        for k in PROFILE_KEYS {
            assert!(
                r.contains(&format!("`[device.NAME] {}`", k.key)),
                "{}",
                k.key
            );
        }
        for k in FONT_KEYS {
            assert!(
                r.contains(&format!("`[device.NAME] {}`", k.key)),
                "{}",
                k.key
            );
        }
        for k in HTML {
            assert!(r.contains(&format!("`[html] {}`", k.key)), "{}", k.key);
        }
    }
}
