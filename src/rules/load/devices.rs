//! `[device.NAME]` tables: the profile keys, `hyphenate`, and the device's own rule sections.

use toml::de::DeValue;

use super::fonts::DeviceFonts;
use super::style::{self, Sheets};
use super::{policy_section, unknown_key, Within, POLICY_SECTIONS};
use crate::font::FontCache;
use crate::layout::{DeviceProfile, FONT_KEYS, PROFILE_KEYS};
use crate::rules::keys::{self, DEVICE};
use crate::rules::read::{self, At, Problem, TomlValue};
use crate::rules::registry::{Overrides, Policy};
use crate::rules::values::RuleValue;
use crate::rules::{Device, Rules};

/// The devices every rule file has.
const BUILT_IN: [&str; 2] = ["mobile", "desktop"];

pub(super) fn read(
    rules: &mut Rules,
    base: &Policy,
    fonts_from: &std::path::Path,
    value: &TomlValue<'_>,
    sheets: &mut Sheets<'_>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let DeValue::Table(devices) = value.get_ref() else {
        problems.push(read::wrong_type(value, "device", "[device.NAME] tables"));
        return;
    };
    let mut known = keys::names(DEVICE);
    known.extend(PROFILE_KEYS.iter().map(|k| k.key));
    known.extend(FONT_KEYS.iter().map(|k| k.key));
    known.extend(POLICY_SECTIONS);
    known.extend(style::KEYS);
    // Each font file is read once, however many devices name it.
    let mut font_files = FontCache::new();
    for (name, table) in devices {
        let (name, name_span) = (name.get_ref().to_string(), name.span());
        let index = match rules.devices.iter().position(|d| d.name == name) {
            Some(i) => i,
            None => {
                if let Some(near) = crate::suggest::nearest(&name, BUILT_IN) {
                    warnings.push(
                        Problem::new(
                            name_span,
                            format!(
                                "device `{name}` is not built in: it starts from the mobile profile"
                            ),
                        )
                        .help(crate::suggest::did_you_mean(Some(near))),
                    );
                }
                rules.devices.push(Device {
                    name: name.clone(),
                    styles: style::profile_styles(&name, &DeviceProfile::mobile()),
                    profile: DeviceProfile::mobile(),
                    hyphenate: false,
                    policy: base.clone(),
                });
                rules.devices.len() - 1
            }
        };
        let device = &mut rules.devices[index];
        let section = format!("device.{name}");
        let mut fonts = DeviceFonts::default();
        let mut own = Overrides::default();
        let mut styles = style::DeviceStyle::default();
        let unknown = read::walk(table, &name, problems, |key, v, p| {
            let at = At {
                section: &section,
                key,
            };
            if let Some(k) = DeviceProfile::key(key) {
                if let Some(x) = f64::from_toml(v, at, p) {
                    if k.positive && x == 0.0 {
                        p.push(Problem::new(
                            v.span(),
                            format!("`{key}` must be greater than 0"),
                        ));
                    } else {
                        (k.set)(&mut device.profile, x);
                    }
                }
            } else if key == "hyphenate" {
                device.hyphenate = read::boolean(v, key, p).unwrap_or(false);
            } else if POLICY_SECTIONS.contains(&key) {
                policy_section(&mut own, key, v, Within::Device(&name), p);
            } else if style::KEYS.contains(&key) {
                style::field(&mut styles, &name, key, v, p);
            } else {
                return fonts.read(key, v, p);
            }
            true
        });
        fonts.finish(
            &mut device.profile,
            fonts_from,
            &mut font_files,
            table.span(),
            problems,
        );
        device.policy.apply(&own);
        for u in unknown.unwrap_or_default() {
            problems.push(unknown_key(&u, &section, &known, Some(&name)));
        }
        // After the walk: the styles depend on the device's final profile.
        style::finish(sheets, device, styles, problems);
    }
}
