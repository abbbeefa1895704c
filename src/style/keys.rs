//! The rule file's style keys, in one table: `[device.NAME]`'s `stylesheet`,
//! `viewport_width_px` and `content_root`, and the keys of `[device.NAME.style.KIND]`, each
//! with its doc and the CSS declaration it stands for.

use super::sheet::{Decl, Stylesheet};

/// A value as the rule file gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyValue {
    /// A number (TOML integer or float).
    Number(f64),
    /// A string.
    Text(String),
}

/// What a key takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A length in px; `non_negative` refuses negative ones.
    Px {
        /// Whether negative values are refused.
        non_negative: bool,
    },
    /// A number or one of the keywords (`font_weight`, `line_height`).
    NumberOr(&'static [&'static str]),
    /// One of the keywords.
    Keyword(&'static [&'static str]),
    /// A CSS value, checked by parsing it as the property (`font_family`, `list_style_type`).
    Css,
    /// An element chain (`selector`).
    Selector,
}

/// One key of `[device.NAME.style.KIND]`.
#[derive(Clone, Copy, Debug)]
pub struct StyleKey {
    /// The TOML key.
    pub key: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// The CSS property it sets (`{}` in it is replaced by the value).
    pub css: &'static str,
    /// What it takes.
    pub form: Form,
}

const PX: Form = Form::Px {
    non_negative: false,
};
const PX_POSITIVE: Form = Form::Px { non_negative: true };

/// The keys of `[device.NAME]` that set up its styles: (key, default, doc).
pub static DEVICE_STYLE_KEYS: &[(&str, &str, &str)] = &[
    (
        "stylesheet",
        "(none)",
        "The publisher's CSS (a path relative to the rule file): the styles of the blocks are \
         computed from it as Chromium would, at `viewport_width_px`, for the elements inside \
         `content_root`.",
    ),
    (
        "viewport_width_px",
        "`375` / `1280`",
        "Width of the viewport in CSS px: what `@media` width queries, `vw` units and the \
         content root's `max-width` and padding are resolved against.",
    ),
    (
        "content_root",
        "`\"article\"`",
        "The element chain the article body sits in on the publisher's page (`main \
         article.story > div.body`: tags, classes, ids), below `html` and `body`: the \
         stylesheet's rules for those elements apply, and its content width is the column.",
    ),
];

/// Every `[device.NAME.style.KIND]` key.
pub static STYLE_KEYS: &[StyleKey] = &[
    StyleKey {
        key: "selector",
        doc: "The element chain inside the content root that stands for this kind (default: \
              `p` for body, lede, standfirst and byline, `h2` for h2, `figure > figcaption`, \
              `blockquote`, `ul`, `ul > li`, `table > tbody > tr > td`, `pre`...).",
        css: "",
        form: Form::Selector,
    },
    StyleKey {
        key: "margin_top_px",
        doc: "Top margin.",
        css: "margin-top: {}px",
        form: PX,
    },
    StyleKey {
        key: "margin_right_px",
        doc: "Right margin.",
        css: "margin-right: {}px",
        form: PX,
    },
    StyleKey {
        key: "margin_bottom_px",
        doc: "Bottom margin.",
        css: "margin-bottom: {}px",
        form: PX,
    },
    StyleKey {
        key: "margin_left_px",
        doc: "Left margin.",
        css: "margin-left: {}px",
        form: PX,
    },
    StyleKey {
        key: "padding_top_px",
        doc: "Top padding.",
        css: "padding-top: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "padding_right_px",
        doc: "Right padding.",
        css: "padding-right: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "padding_bottom_px",
        doc: "Bottom padding.",
        css: "padding-bottom: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "padding_left_px",
        doc: "Left padding (a list's indentation).",
        css: "padding-left: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "border_top_px",
        doc: "A solid top border of this width.",
        css: "border-top: {}px solid",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "border_right_px",
        doc: "A solid right border of this width.",
        css: "border-right: {}px solid",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "border_bottom_px",
        doc: "A solid bottom border of this width.",
        css: "border-bottom: {}px solid",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "border_left_px",
        doc: "A solid left border of this width.",
        css: "border-left: {}px solid",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "text_indent_px",
        doc: "Indent of the first line.",
        css: "text-indent: {}px",
        form: PX,
    },
    StyleKey {
        key: "font_family",
        doc: "CSS font family list (`Georgia, serif`).",
        css: "font-family: {}",
        form: Form::Css,
    },
    StyleKey {
        key: "font_px",
        doc: "Font size.",
        css: "font-size: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "font_weight",
        doc: "Font weight: 1 to 1000, `normal` or `bold`.",
        css: "font-weight: {}",
        form: Form::NumberOr(&["normal", "bold"]),
    },
    StyleKey {
        key: "font_style",
        doc: "`normal`, `italic` or `oblique`.",
        css: "font-style: {}",
        form: Form::Keyword(&["normal", "italic", "oblique"]),
    },
    StyleKey {
        key: "line_height_px",
        doc: "Line height in px.",
        css: "line-height: {}px",
        form: PX_POSITIVE,
    },
    StyleKey {
        key: "line_height",
        doc: "Line height as a multiple of the font size (`1.5`), or `normal` (from the font).",
        css: "line-height: {}",
        form: Form::NumberOr(&["normal"]),
    },
    StyleKey {
        key: "letter_spacing_px",
        doc: "Extra space after each character.",
        css: "letter-spacing: {}px",
        form: PX,
    },
    StyleKey {
        key: "word_spacing_px",
        doc: "Extra space at each space.",
        css: "word-spacing: {}px",
        form: PX,
    },
    StyleKey {
        key: "white_space",
        doc: "`normal`, `pre`, `pre-wrap`, `pre-line`, `nowrap` or `break-spaces`.",
        css: "white-space: {}",
        form: Form::Keyword(&[
            "normal",
            "pre",
            "pre-wrap",
            "pre-line",
            "nowrap",
            "break-spaces",
        ]),
    },
    StyleKey {
        key: "list_style_type",
        doc: "List marker (`disc`, `decimal`, `none`, ...).",
        css: "list-style-type: {}",
        form: Form::Css,
    },
    StyleKey {
        key: "list_style_position",
        doc: "`outside` (the marker hangs in the indentation) or `inside` (it takes line space).",
        css: "list-style-position: {}",
        form: Form::Keyword(&["outside", "inside"]),
    },
];

impl StyleKey {
    /// The key called `key`.
    ///
    /// ```
    /// let k = adslot::style::StyleKey::get("font_px").unwrap();
    /// assert_eq!(k.css, "font-size: {}px");
    /// ```
    pub fn get(key: &str) -> Option<&'static StyleKey> {
        STYLE_KEYS.iter().find(|k| k.key == key)
    }

    /// The declarations a value of this key makes, or what is wrong with the value.
    ///
    /// ```
    /// use adslot::style::{KeyValue, StyleKey};
    /// let k = StyleKey::get("white_space").unwrap();
    /// assert!(k.declarations(&KeyValue::Text("pre-wrap".into())).is_ok());
    /// let e = k.declarations(&KeyValue::Text("prewrap".into())).unwrap_err();
    /// assert_eq!(e, "`white_space`: expected one of `normal`, `pre`, `pre-wrap`, `pre-line`, `nowrap`, `break-spaces`");
    /// ```
    pub fn declarations(&self, value: &KeyValue) -> Result<Vec<Decl>, String> {
        let expected = |what: String| format!("`{}`: expected {what}", self.key);
        let text = match (self.form, value) {
            (Form::Px { non_negative }, KeyValue::Number(n)) => {
                if non_negative && *n < 0.0 {
                    return Err(format!("`{}` must not be negative", self.key));
                }
                format!("{n}")
            }
            (Form::Px { .. }, _) => return Err(expected("a number of px".to_string())),
            (Form::NumberOr(_), KeyValue::Number(n)) => {
                if *n < 0.0 {
                    return Err(format!("`{}` must not be negative", self.key));
                }
                format!("{n}")
            }
            (Form::NumberOr(words) | Form::Keyword(words), KeyValue::Text(t)) => {
                if !words.contains(&t.as_str()) {
                    let list: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                    let or_number = matches!(self.form, Form::NumberOr(_));
                    return Err(expected(format!(
                        "{}one of {}",
                        if or_number { "a number or " } else { "" },
                        list.join(", ")
                    )));
                }
                t.clone()
            }
            (Form::Keyword(_), KeyValue::Number(_)) => {
                return Err(expected("a string".to_string()))
            }
            (Form::Css | Form::Selector, KeyValue::Text(t)) => t.clone(),
            (Form::Css | Form::Selector, KeyValue::Number(_)) => {
                return Err(expected("a string".to_string()))
            }
        };
        if self.form == Form::Selector {
            return super::kinds::parse_chain(&text)
                .map(|_| Vec::new())
                .map_err(|e| format!("`selector`: {e}"));
        }
        let css = self.css.replace("{}", &text);
        let decls = Stylesheet::parse_inline(&css);
        if decls.is_empty() || text.contains(';') || text.contains('}') {
            return Err(format!("`{}`: `{text}` is not a valid value", self.key));
        }
        Ok(decls
            .into_iter()
            .map(|d| match d {
                Decl::Longhand {
                    property, value, ..
                } => Decl::Longhand {
                    property,
                    value,
                    important: true,
                },
                other => other,
            })
            .collect())
    }
}
