//! What a loaded rule file amounts to, as data: the summary `adslot check` prints and bindings return.
//!
//! Values are kept as the TOML text the summary prints ([`TomlText`]); serialized, each is
//! the value itself (a number, a string, an array), so JSON and Python see data, not text.

use serde::{Serialize, Serializer};

use super::keys::HTML;
use super::registry::{Policy, Shape, RULES};
use super::{Anchor, Rules};
use crate::error::Diagnostic;
use crate::layout::{reserved_height, reserved_size, AdSize};

/// A rule file's summary: its warnings, anchors, slots, `[html]` settings, devices and
/// `[[when]]` sets.
///
/// ```
/// let rules = adslot::Rules::from_toml("r.toml", "[limits]\nmax_ads = 1\n[[slot]]\nname = \"inline\"\nsizes = [\"300x250\", \"728x90\"]\n")?;
/// let s = adslot::rules::Summary::of(&rules);
/// assert_eq!(s.slots[0].reserves[0].height_px, 302); // mobile: 250 + 20 label + 2 x 16 margin
/// let mobile = &s.devices[0];
/// assert_eq!((mobile.name.as_str(), mobile.default, mobile.columns), ("mobile", true, 40));
/// assert_eq!(mobile.changed[0].key, "max_ads");
/// assert_eq!(mobile.changed[0].value.to_string(), "1");
/// let json = serde_json::to_value(&s).unwrap();
/// assert_eq!(json["devices"][0]["changed"], serde_json::json!({"max_ads": 1}));
/// assert_eq!(json["html"]["max_depth"], 256);
/// # Ok::<(), adslot::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The rule file's name for itself.
    pub name: String,
    /// What the file probably did not mean although it is valid, each located.
    pub warnings: Vec<Diagnostic>,
    /// The required slots.
    pub anchors: Vec<Anchor>,
    /// Every slot the file names (defined, in-flow or anchored), in that order.
    pub slots: Vec<SlotSummary>,
    /// Every `[html]` key, set or not (serialized as a map from key to value).
    #[serde(serialize_with = "html_map")]
    pub html: Vec<HtmlSetting>,
    /// Every `[gutenberg]` key, set or not (serialized as a map from key to value).
    #[serde(serialize_with = "html_map")]
    pub gutenberg: Vec<HtmlSetting>,
    /// Every device, with what it changes from the defaults.
    pub devices: Vec<DeviceSummary>,
    /// The `[[when]]` sets, in file order.
    pub when: Vec<WhenSummary>,
}

/// One `[[when]]` set: its name, its conditions in words, and the values it sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhenSummary {
    /// The set's name (`name = ..`, else `when #N`).
    pub name: String,
    /// Its conditions, e.g. `section business or money, on mobile` (`always` without any).
    pub conditions: String,
    /// The values it sets (serialized as a map from key to value).
    #[serde(serialize_with = "changed_map")]
    pub set: Vec<Setting>,
}

/// One slot: its sizes and what it reserves on each device.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlotSummary {
    /// The slot's name.
    pub name: String,
    /// Its creative sizes.
    pub sizes: Vec<AdSize>,
    /// Whether a `[[slot]]` defines it (otherwise it takes the default size).
    pub defined: bool,
    /// The height it reserves on each device, in the order of the devices.
    pub reserves: Vec<Reserve>,
}

/// The height a slot reserves on one device, and the size that height is for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reserve {
    /// The device.
    pub device: String,
    /// Reserved height with label and margins, in px.
    pub height_px: u64,
    /// The size reserved for (`None` for a slot without sizes).
    pub size: Option<AdSize>,
}

/// One device: its columns, viewport, in-flow slot, and the rules it changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeviceSummary {
    /// The device's name.
    pub name: String,
    /// Whether it is the rule file's default device.
    pub default: bool,
    /// Body text columns.
    pub columns: usize,
    /// Viewport height in CSS px.
    pub viewport_height_px: f64,
    /// The in-flow slot (the first of `slots`).
    pub slot: String,
    /// The in-flow slots in order, the last one repeating (`[placement] slots`, or `slot`).
    pub slots: Vec<String>,
    /// Whether lines are hyphenated.
    pub hyphenate: bool,
    /// px mode: how text is set, as `adslot check` prints it (the mode, then one line per
    /// typeface with its body and heading faces); absent in column mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typesetting: Option<Vec<String>>,
    /// The rules whose value differs from the default, in registry order (serialized as a
    /// map from key to value).
    #[serde(serialize_with = "changed_map")]
    pub changed: Vec<Setting>,
}

/// A rule's key and the value a device gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// The rule's key.
    pub key: &'static str,
    /// Its value.
    pub value: TomlText,
}

/// An `[html]` key and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct HtmlSetting {
    /// The key.
    pub key: &'static str,
    /// Its value (`None`: not set).
    pub value: Option<TomlText>,
}

/// A value written as TOML (`1`, `".latest"`, `["headline", "lede"]`): displayed as that text,
/// serialized as the value it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TomlText(pub String);

impl std::fmt::Display for TomlText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for TomlText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The text is written by the rules' own TOML writer; should it ever not read back,
        // the text itself is the value.
        match toml::from_str::<toml::Table>(&format!("v = {}", self.0)) {
            Ok(mut t) => match t.remove("v") {
                Some(v) => v.serialize(s),
                None => s.serialize_str(&self.0),
            },
            Err(_) => s.serialize_str(&self.0),
        }
    }
}

fn changed_map<S: Serializer>(settings: &[Setting], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(settings.iter().map(|x| (x.key, &x.value)))
}

fn html_map<S: Serializer>(settings: &[HtmlSetting], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(settings.iter().map(|x| (x.key, &x.value)))
}

impl Summary {
    /// The summary of `rules`.
    pub fn of(rules: &Rules) -> Summary {
        let base = Policy::default();
        let devices = rules
            .devices
            .iter()
            .map(|d| DeviceSummary {
                name: d.name.clone(),
                default: d.name == rules.default_device,
                columns: d.profile.columns(),
                viewport_height_px: d.profile.viewport_height_px,
                slot: d.policy.inflow_slot(1).to_string(),
                slots: d
                    .policy
                    .inflow_slots_sequence()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                hyphenate: d.hyphenate,
                typesetting: d.profile.typography.describe(),
                // The settings (the in-flow slot) are the device's `slot`.
                changed: RULES
                    .iter()
                    .filter(|r| r.shape() != Shape::Setting)
                    .filter_map(|r| {
                        let value = d.policy.value_toml(r.key).unwrap_or_default();
                        (Some(&value) != base.value_toml(r.key).as_ref()).then_some(Setting {
                            key: r.key,
                            value: TomlText(value),
                        })
                    })
                    .collect(),
            })
            .collect();
        Summary {
            name: rules.name.clone(),
            warnings: rules.warnings.clone(),
            anchors: rules.anchors.clone(),
            slots: slots(rules),
            html: HTML
                .iter()
                .map(|k| HtmlSetting {
                    key: k.key,
                    value: (k.value)(rules).map(TomlText),
                })
                .collect(),
            gutenberg: super::keys::GUTENBERG
                .iter()
                .map(|k| HtmlSetting {
                    key: k.key,
                    value: (k.value)(rules).map(TomlText),
                })
                .collect(),
            devices,
            when: rules
                .when
                .iter()
                .map(|w| WhenSummary {
                    name: w.name.clone(),
                    conditions: w.describe(),
                    set: w
                        .set
                        .to_toml_pairs()
                        .into_iter()
                        .filter_map(|pair| {
                            let (key, value) = pair.split_once(" = ")?;
                            let key = RULES.iter().find(|r| r.key == key)?.key;
                            Some(Setting {
                                key,
                                value: TomlText(value.to_string()),
                            })
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Every slot the file names (defined, in-flow or anchored), its sizes, and on each device the
/// height it reserves and the size that height is for.
fn slots(rules: &Rules) -> Vec<SlotSummary> {
    let mut names: Vec<&str> = rules.slots.iter().map(|s| s.name.as_str()).collect();
    let used = rules
        .devices
        .iter()
        .flat_map(|d| d.policy.inflow_slots())
        .chain(rules.when.iter().flat_map(|w| {
            let slot = w.set.slot.iter().map(|s| s.as_str());
            slot.chain(w.set.slots.iter().flatten().map(|s| s.as_str()))
        }))
        .chain(rules.anchors.iter().map(|a| a.slot.as_str()));
    for name in used {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let sizes = rules.sizes(name);
            SlotSummary {
                name: name.to_string(),
                sizes: sizes.to_vec(),
                defined: rules.slots.iter().any(|s| s.name == name),
                reserves: rules
                    .devices
                    .iter()
                    .map(|d| Reserve {
                        device: d.name.clone(),
                        height_px: reserved_height(sizes, &d.profile),
                        size: reserved_size(sizes, &d.profile),
                    })
                    .collect(),
            }
        })
        .collect()
}
