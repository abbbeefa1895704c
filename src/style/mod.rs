//! The block model: a computed style per kind of block (body, headings by level, lede, captions,
//! quotes, lists, tables, `pre`...), from the browsers' user-agent stylesheet, the device
//! profile and the publisher's CSS, with CSS margin collapsing for the layout to call.
//!
//! Lowest layer first: `length` (units and math functions), `sheet` (the CSS parser's output:
//! rules, selectors, declared values, media queries), `ua` (the user-agent stylesheet),
//! `computed` (computed values), `cascade` (rules in force on a viewport, and the [`Styler`]
//! that computes each element of a walk), `collapse` (margin collapsing), `kinds` (what
//! element each kind of block is), `keys` (the rule file's style keys). It imports only the
//! low layers (`error`, `suggest`).
//!
//! ```
//! use adslot::style::{Styles, StyleKind, StyleSettings};
//! use adslot::style::sheet::Stylesheet;
//! use std::sync::Arc;
//!
//! let css = "body { font: 18px/1.5 Georgia, serif } .story p { margin: 0 0 20px }
//!            .story h2 { font-size: 1.375rem; margin: 32px 0 8px }
//!            .story { max-width: 600px; margin: 0 auto; padding: 0 16px }
//!            @media (min-width: 1024px) { body { font-size: 20px } }";
//! let sheet = Arc::new(Stylesheet::parse("site.css", css));
//! let settings = StyleSettings::new(375.0, 740.0).with_content_root("article.story");
//! let styles = Styles::new(settings, Some(sheet), Vec::new()).unwrap();
//! assert_eq!(styles.column_width_px(), 375.0 - 16.0 - 32.0); // body margin 8 px each side
//! let body = styles.kind(StyleKind::Body);
//! assert_eq!((body.font_px, body.line_height_px(), body.margin.bottom), (18.0, Some(27.0), 20.0));
//! assert_eq!(styles.kind(StyleKind::H2).font_px, 22.0);
//! ```

mod boxes;
mod cascade;
mod collapse;
mod computed;
mod error;
mod keys;
mod kinds;
mod length;
pub mod sheet;
mod ua;

use std::sync::Arc;

use serde::Serialize;

pub use cascade::{Cascade, Following, Styler};
pub use collapse::{BoxId, Finished, Flow, GapPlace, Margins, Placed, VerticalBox};
pub use computed::{ComputedStyle, Display, Edges, LineHeight};
pub use error::StyleError;
pub use keys::{Form, KeyValue, StyleKey, DEVICE_STYLE_KEYS, STYLE_KEYS};
pub use kinds::{parse_chain, ChainElement, StyleKind};
pub use length::{Context, Expr};
pub use ua::UA_CSS;

use sheet::{Decl, MediaEnv, SheetReport, Stylesheet};

/// The default `content_root`.
pub const DEFAULT_CONTENT_ROOT: &str = "article";

/// How one device's styles are set up: the rule file's keys and the device profile's body text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StyleSettings {
    /// The stylesheet's name as the rule file gives it.
    pub stylesheet: Option<String>,
    /// The viewport's width in CSS px.
    pub viewport_width_px: f64,
    /// The viewport's height in CSS px.
    pub viewport_height_px: f64,
    /// The element chain the article body sits in.
    pub content_root: String,
    /// Without a stylesheet: the body font size the content root gets (the profile's).
    pub body_font_px: f64,
    /// Without a stylesheet: the body line height (the profile's), as a multiple of the size.
    pub body_line_height_px: f64,
    /// Without a stylesheet: the column width (the profile's `content_width_px`).
    pub content_width_px: f64,
}

impl StyleSettings {
    /// Settings for a viewport, with the user-agent's 16 px text and the viewport's width as
    /// the column until said otherwise.
    pub fn new(viewport_width_px: f64, viewport_height_px: f64) -> StyleSettings {
        StyleSettings {
            stylesheet: None,
            viewport_width_px,
            viewport_height_px,
            content_root: DEFAULT_CONTENT_ROOT.to_string(),
            body_font_px: 16.0,
            body_line_height_px: 0.0,
            content_width_px: viewport_width_px,
        }
    }

    /// The same settings with the article body inside `chain`.
    pub fn with_content_root(mut self, chain: &str) -> StyleSettings {
        self.content_root = chain.to_string();
        self
    }

    /// The same settings with the device profile's body text and column, which apply when
    /// there is no stylesheet.
    pub fn with_profile(
        mut self,
        font_px: f64,
        line_height_px: f64,
        content_width_px: f64,
    ) -> StyleSettings {
        self.body_font_px = font_px;
        self.body_line_height_px = line_height_px;
        self.content_width_px = content_width_px;
        self
    }
}

/// The rule file's values for one kind: its chain and the declarations its keys make.
#[derive(Clone, Debug, PartialEq)]
pub struct KindOverride {
    /// The kind.
    pub kind: StyleKind,
    /// Its element chain, if the rule file gives one.
    pub selector: Option<String>,
    /// The declarations, above everything the stylesheets say.
    pub declarations: Vec<Decl>,
    /// The keys as written (`font_px = 22`), for reports.
    pub written: Vec<String>,
}

/// The styles of one device: the content root, each kind's computed style, and the cascade
/// (for styling any element inside the content root).
#[derive(Clone, Debug)]
pub struct Styles {
    settings: StyleSettings,
    cascade: Arc<Cascade>,
    root_chain: Vec<ChainElement>,
    root_overrides: Vec<Decl>,
    overrides: Vec<KindOverride>,
    root: ComputedStyle,
    kinds: Vec<ComputedStyle>,
}

impl PartialEq for Styles {
    fn eq(&self, other: &Styles) -> bool {
        self.settings == other.settings
            && self.overrides == other.overrides
            && self.root == other.root
            && self.kinds == other.kinds
    }
}

impl Serialize for Styles {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Styles", 5)?;
        st.serialize_field("stylesheet", &self.settings.stylesheet)?;
        st.serialize_field("viewport_width_px", &self.settings.viewport_width_px)?;
        st.serialize_field("content_root", &self.settings.content_root)?;
        st.serialize_field("column_width_px", &self.column_width_px())?;
        let kinds: std::collections::BTreeMap<&str, &ComputedStyle> = StyleKind::ALL
            .iter()
            .map(|k| (k.name(), &self.kinds[*k as usize]))
            .collect();
        st.serialize_field("kinds", &kinds)?;
        st.end()
    }
}

impl Styles {
    /// The styles for these settings, the publisher's stylesheet (if any) and the rule file's
    /// per-kind values; an invalid chain (`content_root`, a kind's `selector`) is an error.
    ///
    /// ```
    /// use adslot::style::{StyleError, StyleSettings, Styles};
    /// let bad = StyleSettings::new(375.0, 740.0).with_content_root("main > p:hover");
    /// let e = Styles::new(bad, None, Vec::new()).unwrap_err();
    /// assert!(matches!(&e, StyleError::ContentRoot { chain, .. } if chain == "main > p:hover"));
    /// assert!(e.to_string().starts_with("`content_root`: `p:hover` is not an element"));
    /// ```
    pub fn new(
        settings: StyleSettings,
        sheet: Option<Arc<Stylesheet>>,
        overrides: Vec<KindOverride>,
    ) -> Result<Styles, StyleError> {
        let env = MediaEnv {
            width: settings.viewport_width_px,
            height: settings.viewport_height_px,
        };
        let mut root_chain = vec![chain_element("html"), chain_element("body")];
        let given =
            parse_chain(&settings.content_root).map_err(|message| StyleError::ContentRoot {
                chain: settings.content_root.clone(),
                message,
            })?;
        let skip = given
            .iter()
            .take_while(|e| e.tag == "html" || e.tag == "body")
            .count();
        root_chain.extend(given.into_iter().skip(skip));
        let root_overrides = if sheet.is_none() {
            profile_root(&settings)
        } else {
            Vec::new()
        };
        let cascade = Arc::new(Cascade::new(sheet, env));
        let mut styles = Styles {
            settings,
            cascade,
            root_chain,
            root_overrides,
            overrides,
            root: ComputedStyle::initial(env.width),
            kinds: Vec::new(),
        };
        let root = styles.styler().current().clone();
        styles.root = root;
        let mut kinds = Vec::with_capacity(StyleKind::ALL.len());
        for kind in StyleKind::ALL {
            let o = styles.overrides.iter().find(|o| o.kind == kind);
            let chain_text = o
                .and_then(|o| o.selector.as_deref())
                .unwrap_or(kind.default_selector());
            let chain = parse_chain(chain_text).map_err(|message| StyleError::Selector {
                kind: kind.name(),
                chain: chain_text.to_string(),
                message,
            })?;
            let mut s = styles.styler();
            let last = chain.len() - 1;
            for (i, el) in chain.iter().enumerate() {
                let attrs: Vec<(&str, &str)> = el
                    .attrs
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str()))
                    .collect();
                let extra: &[Decl] = match o {
                    Some(o) if i == last => &o.declarations,
                    _ => &[],
                };
                s.push_with(&el.tag, &attrs, extra);
            }
            kinds.push(s.current().clone());
        }
        styles.kinds = kinds;
        Ok(styles)
    }

    /// The styles of a device without a stylesheet: the user-agent's, with the profile's body
    /// font size, line height and column on the content root.
    ///
    /// ```
    /// use adslot::style::{Styles, StyleKind};
    /// let s = Styles::for_profile(17.0, 27.0, 343.0, 375.0, 740.0);
    /// assert_eq!(s.column_width_px(), 343.0);
    /// let body = s.kind(StyleKind::Body);
    /// assert_eq!((body.font_px, body.margin.top), (17.0, 17.0)); // p { margin: 1em 0 }
    /// assert!((body.line_height_px().unwrap() - 27.0).abs() < 1e-9);
    /// assert_eq!(s.kind(StyleKind::H1).font_px, 34.0); // h1 { font-size: 2em }
    /// assert_eq!(s.kind(StyleKind::List).padding.left, 40.0);
    /// ```
    pub fn for_profile(
        font_px: f64,
        line_height_px: f64,
        content_width_px: f64,
        viewport_width_px: f64,
        viewport_height_px: f64,
    ) -> Styles {
        let settings = StyleSettings::new(viewport_width_px, viewport_height_px).with_profile(
            font_px,
            line_height_px,
            content_width_px,
        );
        match Styles::new(settings, None, Vec::new()) {
            Ok(s) => s,
            // The default chains are valid; this cannot happen.
            Err(e) => unreachable!("default styles: {e}"),
        }
    }

    /// The settings these styles were made from.
    pub fn settings(&self) -> &StyleSettings {
        &self.settings
    }

    /// The rule file's per-kind values.
    pub fn overrides(&self) -> &[KindOverride] {
        &self.overrides
    }

    /// The computed style of a kind's element.
    pub fn kind(&self, kind: StyleKind) -> &ComputedStyle {
        &self.kinds[kind as usize]
    }

    /// The content root's computed style.
    pub fn root(&self) -> &ComputedStyle {
        &self.root
    }

    /// The width the article's blocks are laid out in: the content root's content width.
    pub fn column_width_px(&self) -> f64 {
        self.root.content_width_px
    }

    /// The cascade (user-agent and publisher's rules in force on this device's viewport).
    pub fn cascade(&self) -> &Cascade {
        &self.cascade
    }

    /// The publisher's stylesheet's report, if there is a stylesheet.
    pub fn sheet_report(&self) -> Option<&SheetReport> {
        self.cascade.author().map(|s| &s.report)
    }

    /// A styler with `html`, `body` and the content root's chain open: push the article's
    /// elements into it to get their computed styles.
    ///
    /// ```
    /// use adslot::style::Styles;
    /// let styles = Styles::for_profile(17.0, 27.0, 343.0, 375.0, 740.0);
    /// let mut s = styles.styler();
    /// s.push("blockquote", &[("class", "pull")]);
    /// let p = s.push("p", &[("style", "margin-bottom: 0")]);
    /// assert_eq!((p.margin.top, p.margin.bottom, p.content_width_px), (17.0, 0.0, 343.0 - 80.0));
    /// ```
    pub fn styler(&self) -> Styler<'_> {
        let mut s = self.cascade.styler();
        let last = self.root_chain.len() - 1;
        for (i, el) in self.root_chain.iter().enumerate() {
            let attrs: Vec<(&str, &str)> = el
                .attrs
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let extra: &[Decl] = if i == last { &self.root_overrides } else { &[] };
            s.push_with(&el.tag, &attrs, extra);
        }
        s
    }
}

/// Without a stylesheet, the content root takes the profile's body text and column.
fn profile_root(settings: &StyleSettings) -> Vec<Decl> {
    use sheet::{Longhand, Value};
    let set = |property, value| Decl::Longhand {
        property,
        value,
        important: true,
    };
    let px = |v: f64| Value::Length(Expr::Px(v));
    let mut out = vec![
        set(Longhand::FontSize, px(settings.body_font_px)),
        set(Longhand::Width, px(settings.content_width_px)),
    ];
    if settings.body_line_height_px > 0.0 && settings.body_font_px > 0.0 {
        // A number, so that headings' lines scale with their size as the profile's do.
        let ratio = settings.body_line_height_px / settings.body_font_px;
        out.push(set(
            Longhand::LineHeight,
            Value::Length(Expr::Number(ratio)),
        ));
    }
    for l in sheet::MARGINS
        .iter()
        .chain(&sheet::PADDINGS)
        .chain(&sheet::BORDER_WIDTHS)
    {
        out.push(set(*l, px(0.0)));
    }
    out
}

fn chain_element(tag: &str) -> ChainElement {
    ChainElement {
        tag: tag.to_string(),
        attrs: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
