//! The fonts a device's font keys resolve to: each candidate typeface's font chains, the
//! device's typesetting, and its typography (column or px mode).

use std::sync::Arc;

use serde::Serialize;

use super::FontSettings;
use crate::font::Font;

/// One candidate typeface: its name as the rule file gives it, and the fallback chains of body
/// text and of headings.
#[derive(Clone, Debug)]
pub struct Typeface {
    /// As written: `times`, `fonts/Body.woff2`.
    pub name: String,
    /// Body text: the body face, then the fallback fonts.
    pub body: Vec<Font>,
    /// Headlines and headings: the heading face, then the fallback fonts in its style.
    pub heading: Vec<Font>,
    /// Bold, italic and bold italic runs of body text ([`crate::article::Run`]): the family's
    /// face in that style (`font_bold`... for a file; the body face when there is none), then
    /// the fallback fonts in it.
    pub styled: [Vec<Font>; 3],
}

/// The fonts a device sets text in, resolved from its [`FontSettings`].
#[derive(Debug)]
pub struct Typesetting {
    /// The settings as written.
    pub settings: FontSettings,
    /// The candidates, first the one placements report positions for.
    pub faces: Vec<Typeface>,
}

/// How a device sets text: by columns (no font named; the default) or in px with its
/// [`Typesetting`], shared cheaply between clones of the rules.
#[derive(Clone, Debug, Default)]
pub struct Typography {
    set: Option<Arc<Typesetting>>,
}

impl Typography {
    /// px mode with `set`.
    pub(super) fn px(set: Typesetting) -> Typography {
        Typography {
            set: Some(Arc::new(set)),
        }
    }

    /// Whether text is counted by columns (no font named).
    pub fn is_columns(&self) -> bool {
        self.set.is_none()
    }

    /// The fonts of px mode, `None` in column mode.
    pub fn typesetting(&self) -> Option<&Arc<Typesetting>> {
        self.set.as_ref()
    }

    /// The candidate typefaces (empty in column mode).
    pub fn faces(&self) -> &[Typeface] {
        self.set.as_deref().map_or(&[], |s| &s.faces)
    }

    /// The settings as written (empty in column mode).
    pub fn settings(&self) -> Option<&FontSettings> {
        self.set.as_deref().map(|s| &s.settings)
    }

    /// How text is set, for people: `None` in column mode, else the mode and, per typeface,
    /// the faces body text and headings are set in (what `adslot check` prints).
    ///
    /// ```
    /// let rules = adslot::Rules::from_toml("r.toml", "[device.mobile]\nfont_family = \"times\"\n").unwrap();
    /// let t = &rules.device("mobile").unwrap().profile.typography;
    /// assert_eq!(
    ///     t.describe().unwrap(),
    ///     ["px in times", "times: Liberation Serif Regular, headings Liberation Serif Bold"]
    /// );
    /// ```
    pub fn describe(&self) -> Option<Vec<String>> {
        let set = self.set.as_deref()?;
        let mode = match set.faces.as_slice() {
            [one] => format!("px in {}", one.name),
            faces => format!(
                "px in {} candidate typefaces (rules hold in each)",
                faces.len()
            ),
        };
        let mut out = vec![mode];
        for f in &set.faces {
            let (body, heading) = (&f.body[0], &f.heading[0]);
            out.push(format!(
                "{}: {}, headings {}",
                f.name,
                body.name(),
                heading.name()
            ));
        }
        if let Some(first) = set.faces.first() {
            if first.body.len() > 1 {
                let names: Vec<String> = first.body[1..].iter().map(Font::name).collect();
                out.push(format!("fallback: {}", names.join(", ")));
            }
        }
        Some(out)
    }
}

// The faces are immutable once read; their only interior mutability is harfrust's lazily built
// tables (`OnceLock`), which a panic leaves either built or not, never half-built. So rules that
// name fonts stay unwind-safe, as rules without them are.
impl std::panic::UnwindSafe for Typography {}
impl std::panic::RefUnwindSafe for Typography {}

impl PartialEq for Typography {
    fn eq(&self, other: &Typography) -> bool {
        self.settings() == other.settings()
    }
}

impl Serialize for Typography {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.settings().serialize(s)
    }
}
