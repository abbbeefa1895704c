//! Slot templates: the one element inserted per ad slot, with its values escaped where they land.

use super::VOID_ELEMENTS as VOID;

/// The slot markup used when the configuration names none.
pub const DEFAULT_SLOT_TEMPLATE: &str = "<div class=\"adslot\" data-adslot=\"{slot}\" data-ordinal=\"{ordinal}\" style=\"min-height:{height}px\"></div>";

/// The values a slot template is filled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotVars<'a> {
    /// The slot's name (from the rules); may contain anything, and is escaped.
    pub slot: &'a str,
    /// 1-based position of the slot among the article's slots.
    pub ordinal: usize,
    /// Reserved height; `{height}` renders as `0` when unknown (`min-height:0px` reserves
    /// nothing, and stays a valid number for scripts reading it).
    pub height_px: Option<u32>,
    /// The gap index the slot is inserted at.
    pub gap: usize,
    /// The device profile the placement was computed for.
    pub device: &'a str,
}

/// A slot template that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid slot template: {0}")]
pub struct TemplateError(pub String);

/// Checks a slot template: exactly one top-level element carrying `data-adslot`, balanced tags,
/// and only the placeholders `{slot}`, `{ordinal}`, `{height}`, `{gap}`, `{device}`, each in text
/// or inside a quoted attribute value.
///
/// ```
/// use adslot::markup::{validate_template, DEFAULT_SLOT_TEMPLATE};
/// assert!(validate_template(DEFAULT_SLOT_TEMPLATE).is_ok());
/// assert!(validate_template("<div class=\"ad\"></div>").unwrap_err().contains("data-adslot"));
/// assert!(validate_template("<div data-adslot=\"{name}\"></div>").unwrap_err().contains("{name}"));
/// ```
pub fn validate_template(template: &str) -> Result<(), String> {
    fill(template, None).map(|_| ())
}

/// Renders a slot template, each value escaped for where it lands (attribute values: `& < > " '`;
/// text: `& < >`).
///
/// ```
/// use adslot::markup::{render_slot, SlotVars, DEFAULT_SLOT_TEMPLATE};
/// let vars = SlotVars { slot: "mid\"1", ordinal: 2, height_px: Some(250), gap: 4, device: "mobile" };
/// assert_eq!(
///     render_slot(DEFAULT_SLOT_TEMPLATE, &vars).unwrap(),
///     "<div class=\"adslot\" data-adslot=\"mid&quot;1\" data-ordinal=\"2\" style=\"min-height:250px\"></div>"
/// );
/// ```
pub fn render_slot(template: &str, vars: &SlotVars<'_>) -> Result<String, TemplateError> {
    fill(template, Some(vars)).map_err(TemplateError)
}

const PLACEHOLDERS: &[&str] = &["slot", "ordinal", "height", "gap", "device"];

fn placeholder_value(name: &str, vars: &SlotVars<'_>) -> String {
    match name {
        "slot" => vars.slot.to_string(),
        "ordinal" => vars.ordinal.to_string(),
        "height" => vars.height_px.unwrap_or(0).to_string(),
        "gap" => vars.gap.to_string(),
        _ => vars.device.to_string(),
    }
}

fn escape_into(out: &mut String, value: &str, attribute: bool) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Walks a template, checking it and (with `vars`) filling it.
fn fill(t: &str, vars: Option<&SlotVars<'_>>) -> Result<String, String> {
    #[derive(PartialEq)]
    enum At {
        Text,
        Tag,
        Value(u8),
    }
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len() + 32);
    let mut stack: Vec<&str> = Vec::new();
    let mut elements = 0;
    let mut at = At::Text;
    let mut tag_name = "";
    let mut tag_is_end = false;
    let mut tag_attrs: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match (&at, c) {
            (_, b'{') => {
                let close = t[i..].find('}').map(|j| i + j).ok_or("unclosed `{`")?;
                let name = &t[i + 1..close];
                if !PLACEHOLDERS.contains(&name) {
                    return Err(format!(
                        "unknown placeholder {{{name}}}; known are {{slot}}, {{ordinal}}, \
                         {{height}}, {{gap}}, {{device}}"
                    ));
                }
                match at {
                    At::Tag => {
                        return Err(format!(
                            "placeholder {{{name}}} must be inside a quoted attribute value or text"
                        ))
                    }
                    At::Text if stack.is_empty() => {
                        return Err(format!("placeholder {{{name}}} is outside the element"))
                    }
                    _ => {}
                }
                if let Some(v) = vars {
                    escape_into(&mut out, &placeholder_value(name, v), at != At::Text);
                }
                i = close + 1;
                continue;
            }
            (_, b'}') => return Err("unmatched `}`".to_string()),
            (At::Text, b'<') => {
                if t[i..].starts_with("<!--") {
                    let close = t[i..].find("-->").ok_or("unclosed comment")?;
                    out.push_str(&t[i..i + close + 3]);
                    i += close + 3;
                    continue;
                }
                tag_is_end = b.get(i + 1) == Some(&b'/');
                let name_start = i + 1 + usize::from(tag_is_end);
                let name_end = t[name_start..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                    .map_or(t.len(), |j| name_start + j);
                tag_name = &t[name_start..name_end];
                if tag_name.is_empty() {
                    return Err("`<` that does not start a tag; write &lt;".to_string());
                }
                tag_attrs.clear();
                out.push_str(&t[i..name_end]);
                i = name_end;
                at = At::Tag;
                continue;
            }
            (At::Text, _) if stack.is_empty() && !c.is_ascii_whitespace() => {
                return Err("text outside the element".to_string());
            }
            (At::Tag, b'>') => {
                at = At::Text;
                let lower_name = tag_name.to_ascii_lowercase();
                let self_closing = out.ends_with('/');
                if tag_is_end {
                    match stack.pop() {
                        Some(open) if open.eq_ignore_ascii_case(tag_name) => {}
                        Some(open) => return Err(format!("</{tag_name}> closes <{open}>")),
                        None => return Err(format!("</{tag_name}> without a start tag")),
                    }
                    if stack.is_empty() {
                        elements += 1;
                    }
                } else {
                    if stack.is_empty() {
                        if elements > 0 {
                            return Err("more than one top-level element".to_string());
                        }
                        if !tag_attrs
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case("data-adslot"))
                        {
                            return Err(format!(
                                "the <{tag_name}> element has no data-adslot attribute"
                            ));
                        }
                    }
                    if VOID.contains(&lower_name.as_str()) || self_closing {
                        if stack.is_empty() {
                            elements += 1;
                        }
                    } else {
                        stack.push(tag_name);
                    }
                }
            }
            (At::Tag, b'"') | (At::Tag, b'\'') => at = At::Value(c),
            (At::Tag, _) if c.is_ascii_alphabetic() => {
                let end = t[i..]
                    .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                    .map_or(t.len(), |j| i + j);
                tag_attrs.push(&t[i..end]);
                out.push_str(&t[i..end]);
                i = end;
                continue;
            }
            (At::Value(q), _) if c == *q => at = At::Tag,
            _ => {}
        }
        // Copy one character verbatim.
        let len = t[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&t[i..i + len]);
        i += len;
    }
    if at != At::Text {
        return Err("unclosed tag".to_string());
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{open}> is not closed"));
    }
    if elements != 1 {
        return Err("the template must be exactly one element".to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_errors() {
        for (t, want) in [
            (
                "<div data-adslot></div><div data-adslot></div>",
                "more than one",
            ),
            ("<div data-adslot><span></div>", "closes"),
            ("<div data-adslot>", "not closed"),
            ("<div data-adslot {slot}></div>", "quoted"),
            ("x<div data-adslot></div>", "outside"),
            ("<div data-adslot=x></div>{slot}", "outside"),
        ] {
            let e = validate_template(t).unwrap_err();
            assert!(e.contains(want), "{t}: {e}");
        }
        assert!(validate_template("<img data-adslot=\"{slot}\">").is_ok());
        assert!(validate_template("<div data-adslot><p>Ad {device}</p></div>").is_ok());
    }
}
