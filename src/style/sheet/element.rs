//! An element as selectors see it: tag, id, classes, attributes and its place among its siblings.

/// An element as selectors see it, with what the walk knows of its place among its siblings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElementData {
    /// The tag name, lowercase.
    pub tag: String,
    /// The `id` attribute.
    pub id: Option<String>,
    /// The classes of the `class` attribute.
    pub classes: Vec<String>,
    /// Every attribute, names lowercase, in document order.
    pub attrs: Vec<(String, String)>,
    /// 1-based position among its parent's element children.
    pub index: u32,
    /// 1-based position among its parent's element children of the same tag.
    pub type_index: u32,
    /// 1-based position from the end among its parent's element children (`None`: the walk does
    /// not know what follows).
    pub index_from_end: Option<u32>,
    /// 1-based position from the end among its parent's element children of the same tag.
    pub type_index_from_end: Option<u32>,
}

impl ElementData {
    /// An element from its tag name and attributes (position 1 among its siblings).
    ///
    /// ```
    /// use adslot::style::sheet::ElementData;
    /// let e = ElementData::new("DIV", &[("class", "a  b"), ("ID", "x")]);
    /// assert_eq!((e.tag.as_str(), e.id.as_deref(), e.classes.len()), ("div", Some("x"), 2));
    /// ```
    pub fn new(tag: &str, attrs: &[(&str, &str)]) -> ElementData {
        let attrs: Vec<(String, String)> = attrs
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_string()))
            .collect();
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        ElementData {
            tag: tag.to_ascii_lowercase(),
            id: get("id").filter(|v| !v.is_empty()),
            classes: get("class")
                .map(|c| c.split_ascii_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            attrs,
            index: 1,
            type_index: 1,
            index_from_end: None,
            type_index_from_end: None,
        }
    }

    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
