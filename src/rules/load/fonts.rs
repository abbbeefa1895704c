//! The font keys of a `[device.NAME]` table: read as written, then resolved (fonts read from
//! files relative to the rule file, each once), every problem located at its key or item.

use std::ops::Range;
use std::path::Path;

use toml::de::DeValue;

use crate::font::FontCache;
use crate::layout::{font_key, DeviceProfile, FontSettings, FontValue};
use crate::rules::read::{self, Problem, TomlValue};

/// Where a font key's value was written: the key, the value's span, and each array item's.
type Written = (&'static str, Range<usize>, Vec<Range<usize>>);

/// The font keys one device table sets, with where each value was written.
#[derive(Default)]
pub(super) struct DeviceFonts {
    settings: FontSettings,
    spans: Vec<Written>,
}

impl DeviceFonts {
    /// Reads `key` if it is a font key (`false` otherwise).
    pub(super) fn read(
        &mut self,
        key: &str,
        value: &TomlValue<'_>,
        problems: &mut Vec<Problem>,
    ) -> bool {
        let Some(k) = font_key(key) else {
            return false;
        };
        let mut items = Vec::new();
        let parsed = if k.list {
            read::items(value, key, problems).and_then(|list| {
                let mut out = Vec::with_capacity(list.len());
                for item in list {
                    items.push(item.span());
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        _ => {
                            problems.push(read::wrong_type(item, key, "a string"));
                            return None;
                        }
                    }
                }
                Some(FontValue::List(out))
            })
        } else {
            read::string(value, key, problems).map(FontValue::One)
        };
        self.spans.push((k.key, value.span(), items));
        if let Some(v) = parsed {
            if let Err(p) = self.settings.set(key, v) {
                problems.push(Problem::new(value.span(), p.message).help(p.help));
            }
        }
        true
    }

    /// Resolves the settings into `profile.typography`; a problem is placed at its key's value
    /// (or array item), else at `table` (the device's table).
    pub(super) fn finish(
        self,
        profile: &mut DeviceProfile,
        base: &Path,
        cache: &mut FontCache,
        table: Range<usize>,
        problems: &mut Vec<Problem>,
    ) {
        match self.settings.resolve(base, cache) {
            Ok(t) => profile.typography = t,
            Err(found) => {
                for p in found {
                    let span = self
                        .spans
                        .iter()
                        .find(|(k, _, _)| *k == p.key)
                        .map(|(_, span, items)| {
                            p.item
                                .and_then(|i| items.get(i).cloned())
                                .unwrap_or_else(|| span.clone())
                        })
                        .unwrap_or_else(|| table.clone());
                    problems.push(Problem::new(span, p.message).help(p.help));
                }
            }
        }
    }
}

/// The directory a rule file's relative font paths start from: the rule file's own (the current
/// directory for `r.toml` or `<stdin>`).
pub(super) fn base_dir(origin: &str) -> &Path {
    Path::new(origin).parent().unwrap_or(Path::new(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_found_beside_the_rule_file() {
        assert_eq!(base_dir("rules/site.toml"), Path::new("rules"));
        assert_eq!(base_dir("/etc/adslot/r.toml"), Path::new("/etc/adslot"));
        assert_eq!(base_dir("r.toml"), Path::new(""));
        assert_eq!(base_dir("<stdin>"), Path::new(""));
    }
}
