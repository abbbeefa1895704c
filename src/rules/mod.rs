//! Rule files: the policy (registry rules), anchors, slot sizes, device profiles and
//! conditional rule sets, loaded from TOML.
//!
//! Lowest layer first: `read` (TOML with spans), `values` (the value types rules take),
//! `checks` (what a check sees and says, and the check functions), `registry` (the one table
//! of rules and the [`Policy`] it makes), `anchor` (required slots and their positions),
//! `when` (conditional rule sets), `keys` (the keys that are not rules), `load` (the loader and
//! the whole-file checks), `summary` (what a loaded file amounts to, as data).

pub(crate) mod anchor;
pub(crate) mod checks;
pub(crate) mod keys;
mod load;
pub(crate) mod read;
pub(crate) mod registry;
pub mod summary;
pub(crate) mod values;
pub(crate) mod when;

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

pub use anchor::{Anchor, AnchorAt, End};
pub use checks::{Bound, Unit};
pub use registry::{Escalation, Overrides, Policy, Rule, Shape, RULES};
pub use summary::Summary;
pub use values::{Clearance, Clearances, Prefer, Ratio, SlotName};
pub use when::When;

use crate::article::Article;
use crate::error::{Diagnostic, Error};
use crate::layout::{AdSize, DeviceProfile};

/// A named ad slot and the creative sizes it accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlotSizes {
    /// The slot name (`[placement] slot` or an anchor's `slot`).
    pub name: String,
    /// Accepted sizes.
    pub sizes: Vec<AdSize>,
}

/// One device: how it renders, and the rules in force on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Device {
    /// Its name (`mobile`, `desktop`, or any name the rule file gives).
    pub name: String,
    /// How it renders.
    pub profile: DeviceProfile,
    /// Whether lines are hyphenated (en-US patterns) when a word does not fit.
    pub hyphenate: bool,
    /// The rules in force on it.
    pub policy: Policy,
    /// Its block styles: the user-agent's, its profile's and its stylesheet's
    /// (`[device.NAME] stylesheet`, `[device.NAME.style.KIND]`).
    pub styles: crate::style::Styles,
}

/// A loaded rule file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rules {
    /// The rule file's name for itself.
    pub name: String,
    /// The device used when none is asked for.
    pub default_device: String,
    /// Required slots.
    pub anchors: Vec<Anchor>,
    /// Conditional rule sets, in file order.
    pub when: Vec<When>,
    /// Slot sizes; a slot not listed takes 300x250.
    pub slots: Vec<SlotSizes>,
    /// The devices, `mobile` and `desktop` always among them.
    pub devices: Vec<Device>,
    /// How HTML articles are read (`[html]`).
    pub html: crate::markup::HtmlOptions,
    /// The element inserted for each slot into HTML and Markdown (`[html] slot_template`).
    pub slot_template: String,
    /// How slots are written into WordPress post content (`[gutenberg]`).
    pub gutenberg: crate::markup::GutenbergOptions,
    /// What the file probably did not mean although it is valid (a slot name no `[[slot]]`
    /// defines, a device name close to a built-in one, ...), each located like an error.
    pub warnings: Vec<Diagnostic>,
}

impl Default for Rules {
    /// The built-in rules: every registry default, mobile and desktop devices, no anchors.
    fn default() -> Rules {
        let device = |name: &str, profile: DeviceProfile| Device {
            name: name.to_string(),
            styles: load::style::profile_styles(name, &profile),
            profile,
            hyphenate: false,
            policy: Policy::default(),
        };
        Rules {
            name: "default".to_string(),
            default_device: "mobile".to_string(),
            anchors: Vec::new(),
            when: Vec::new(),
            slots: Vec::new(),
            devices: vec![
                device("mobile", DeviceProfile::mobile()),
                device("desktop", DeviceProfile::desktop()),
            ],
            html: crate::markup::HtmlOptions::default(),
            slot_template: crate::markup::template::DEFAULT_SLOT_TEMPLATE.to_string(),
            gutenberg: crate::markup::GutenbergOptions::default(),
            warnings: Vec::new(),
        }
    }
}

/// The size every slot takes unless `[[slot]]` says otherwise: the IAB medium rectangle.
pub const DEFAULT_AD_SIZE: AdSize = AdSize {
    width: 300,
    height: 250,
};

impl Rules {
    /// Parses a rule file; `origin` names it in errors. All problems are reported at once, each
    /// with its line:column and a suggestion for misspelt keys; what is valid but probably not
    /// meant is in [`Rules::warnings`].
    ///
    /// ```
    /// let rules = adslot::Rules::from_toml("r.toml", "[spacing]\nmin_words_between = 200\n").unwrap();
    /// assert_eq!(rules.policy("mobile").unwrap().min_words_between, 200);
    ///
    /// let err = adslot::Rules::from_toml("r.toml", "[spacing]\nmin_word_between = 2\n").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "r.toml:2:1: unknown key `min_word_between` in [spacing] (did you mean `min_words_between`?)"
    /// );
    ///
    /// let rules = adslot::Rules::from_toml("r.toml", "[[slot]]\nname = \"inline-1\"\nsizes = [\"300x250\"]\n").unwrap();
    /// assert_eq!(
    ///     rules.warnings[0].to_string(),
    ///     "r.toml:1:1: no [[slot]] is named `inline`, the in-flow slot: its ads take 300x250 \
    ///      (did you mean `inline-1`?)"
    /// );
    /// ```
    pub fn from_toml(origin: &str, text: &str) -> Result<Rules, Error> {
        load::load(origin, text, &load::style::read_from_disk)
    }

    /// [`Rules::from_toml`], with the files it names (`[device.NAME] stylesheet`, relative to
    /// the directory of `origin`) read by `read` instead of from disk (e.g. where there is no
    /// file system, or from memory).
    ///
    /// ```
    /// use adslot::style::StyleKind;
    /// let toml = "[device.mobile]\nstylesheet = \"site.css\"\ncontent_root = \".story\"\n";
    /// let css = "body { margin: 0 } .story { padding: 0 16px } .story p { margin: 0 0 20px }";
    /// let rules = adslot::Rules::from_toml_with("rules/site.toml", toml, &|path| {
    ///     assert_eq!(path, std::path::Path::new("rules/site.css"));
    ///     Ok(css.to_string())
    /// })?;
    /// let styles = &rules.device("mobile").unwrap().styles;
    /// assert_eq!(styles.column_width_px(), 343.0);
    /// assert_eq!(styles.kind(StyleKind::Body).margin.bottom, 20.0);
    /// # Ok::<(), adslot::Error>(())
    /// ```
    pub fn from_toml_with(
        origin: &str,
        text: &str,
        read: &dyn Fn(&Path) -> Result<String, Error>,
    ) -> Result<Rules, Error> {
        load::load(origin, text, read)
    }

    /// Reads and parses a rule file.
    pub fn from_path(path: &Path) -> Result<Rules, Error> {
        let bytes = crate::source::read_input(path, crate::source::DEFAULT_MAX_INPUT_BYTES)?;
        let origin = crate::source::display_name(path);
        let text = crate::source::decode(&origin, &bytes)?;
        Rules::from_toml(&origin, text)
    }

    /// The device called `name`.
    pub fn device(&self, name: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.name == name)
    }

    /// The device called `name`, or the default device for `None`; an unknown name is an error
    /// that lists the devices there are.
    ///
    /// ```
    /// let rules = adslot::Rules::default();
    /// assert_eq!(rules.select_device(None).unwrap().name, "mobile");
    /// assert!(rules.select_device(Some("watch")).is_err());
    /// ```
    pub fn select_device(&self, name: Option<&str>) -> Result<&Device, Error> {
        let name = name.unwrap_or(&self.default_device);
        self.device(name).ok_or_else(|| Error::UnknownDevice {
            name: name.to_string(),
            known: self.device_names().join(", "),
        })
    }

    /// The policy in force on device `name`.
    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.device(name).map(|d| &d.policy)
    }

    /// The sizes of slot `name`.
    pub fn sizes(&self, name: &str) -> &[AdSize] {
        self.slots
            .iter()
            .find(|s| s.name == name)
            .map_or(std::slice::from_ref(&DEFAULT_AD_SIZE), |s| &s.sizes)
    }

    /// The policy in force for `article` on `device`: the device's own, overridden in file
    /// order by every `[[when]]` set whose conditions hold; and the names of those sets.
    ///
    /// ```
    /// let file = "[spacing]\nmin_px_between = 750\n\
    ///             [[when]]\nname = \"high-value\"\nsection = \"business\"\n\
    ///             [when.spacing]\nmin_px_between = 500\n";
    /// let rules = adslot::Rules::from_toml("r.toml", file).unwrap();
    /// let mobile = rules.device("mobile").unwrap();
    /// let mut article = adslot::Article::default();
    /// assert_eq!(rules.resolve(mobile, &article).policy.min_px_between, 750);
    /// article.section = Some("Business".into());
    /// let resolved = rules.resolve(mobile, &article);
    /// assert_eq!((resolved.policy.min_px_between, resolved.applied), (500, vec!["high-value"]));
    /// ```
    pub fn resolve<'a>(&'a self, device: &'a Device, article: &Article) -> Resolved<'a> {
        let mut policy = Cow::Borrowed(&device.policy);
        let mut applied = Vec::new();
        if !self.when.is_empty() {
            let facts = when::Facts::new(article, &device.name);
            for w in self.when.iter().filter(|w| w.matches(&facts)) {
                policy.to_mut().apply(&w.set);
                applied.push(w.name.as_str());
            }
        }
        Resolved { policy, applied }
    }

    /// Names of the devices.
    pub fn device_names(&self) -> Vec<&str> {
        self.devices.iter().map(|d| d.name.as_str()).collect()
    }
}

/// The policy in force for one article on one device.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved<'a> {
    /// The values in force.
    pub policy: Cow<'a, Policy>,
    /// The `[[when]]` sets applied, in file order.
    pub applied: Vec<&'a str>,
}
