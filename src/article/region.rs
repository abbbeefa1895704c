//! Why a block is opaque page furniture and not story: the region a reader found it in.

use serde::{Deserialize, Serialize};

/// The kind of region an opaque block is (the HTML reader's excluded regions): rules name
/// these (`[placement] never_beside_regions`), and `adslot layout` prints them beside the
/// block's kind, e.g. `other (links)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Site chrome: navigation, mastheads, footers, menus, forms, dialogs, cookie banners.
    Chrome,
    /// Share and social bars.
    Share,
    /// Newsletter, subscribe, sign-up and promotion boxes.
    Newsletter,
    /// "Related", "Recommended", "Most popular" boxes.
    Related,
    /// Comment sections.
    Comments,
    /// Sidebars and rails.
    Sidebar,
    /// Widgets and players: video control bars, polls, quizzes, score cards, charts.
    Widget,
    /// A box whose text is mostly links (an unmarked "more on this" list).
    Links,
    /// What the rule file's `[html] exclude_selector` matched.
    Selector,
}

impl Region {
    /// Every region, in declaration order.
    pub const ALL: [Region; 9] = [
        Region::Chrome,
        Region::Share,
        Region::Newsletter,
        Region::Related,
        Region::Comments,
        Region::Sidebar,
        Region::Widget,
        Region::Links,
        Region::Selector,
    ];

    /// The region's name as written in JSON and rule files.
    ///
    /// ```
    /// assert_eq!(adslot::article::Region::Links.name(), "links");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Region::Chrome => "chrome",
            Region::Share => "share",
            Region::Newsletter => "newsletter",
            Region::Related => "related",
            Region::Comments => "comments",
            Region::Sidebar => "sidebar",
            Region::Widget => "widget",
            Region::Links => "links",
            Region::Selector => "selector",
        }
    }

    /// Parses a region name; the error carries the nearest valid name, if any is close.
    ///
    /// ```
    /// use adslot::article::Region;
    /// assert_eq!(Region::parse("share"), Ok(Region::Share));
    /// assert_eq!(Region::parse("sidebr"), Err(Some("sidebar")));
    /// ```
    pub fn parse(name: &str) -> Result<Region, Option<&'static str>> {
        Region::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .ok_or_else(|| crate::suggest::nearest(name, Region::ALL.map(Region::name)))
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Region::parse(&name).map_err(|near| {
            let mut msg = format!("unknown region `{name}`");
            if let Some(help) = crate::suggest::did_you_mean(near) {
                msg.push_str(&format!(" ({help})"));
            }
            serde::de::Error::custom(msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_json_refuses_unknown_ones() {
        for r in Region::ALL {
            assert_eq!(Region::parse(r.name()), Ok(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{r}\""));
            assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), r);
        }
        let e = serde_json::from_str::<Region>("\"relatd\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown region `relatd` (did you mean `related`?)"),
            "{e}"
        );
    }
}
