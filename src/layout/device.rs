//! Device profiles (viewport, column width, fonts, margins) and ad sizes: the inputs of the geometry.

use serde::Serialize;

use super::typography::Typography;

/// One `[device.NAME]` key of a [`DeviceProfile`]: its name, meaning and how to read and set it.
#[derive(Clone, Copy)]
pub struct ProfileKey {
    /// The TOML key under `[device.NAME]`, the same as the field's name.
    pub key: &'static str,
    /// What it means (the field's doc comment).
    pub doc: &'static str,
    /// Whether it must be greater than 0 (otherwise at least 0).
    pub positive: bool,
    /// Reads the field.
    pub get: fn(&DeviceProfile) -> f64,
    /// Sets the field.
    pub set: fn(&mut DeviceProfile, f64),
}

impl std::fmt::Debug for ProfileKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileKey")
            .field("key", &self.key)
            .finish()
    }
}

/// The one table of profile fields: the struct, its TOML keys, their docs and whether each
/// must be positive all come from here.
macro_rules! profile {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident, $rule:ident;
    )+) => {
        /// How a device renders an article: the numbers the geometry estimate is made from.
        ///
        /// Every field has a TOML key of the same name under `[device.NAME]` ([`PROFILE_KEYS`]).
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct DeviceProfile {
            $( $(#[doc = $doc])+ pub $field: f64, )+
            /// The fonts text is set in: none (column mode, the default), or the `[device.NAME]`
            /// font keys ([`FONT_KEYS`](super::FONT_KEYS)) resolved (px mode).
            #[serde(skip_serializing_if = "Typography::is_columns")]
            pub typography: Typography,
            /// The block model (margins collapsed, per-kind boxes and text) when the rule file
            /// gives the device a stylesheet or style keys; `None`: blocks stacked with
            /// `block_gap_px`, headings at `heading_scale`.
            #[serde(skip)]
            pub blocks: Option<std::sync::Arc<super::BlockModel>>,
        }

        /// Every `[device.NAME]` profile key, in declaration order.
        pub static PROFILE_KEYS: &[ProfileKey] = &[
            $( ProfileKey {
                key: stringify!($field),
                doc: concat!($($doc, "\n"),+),
                positive: profile!(@positive $rule),
                get: |p| p.$field,
                set: |p, v| p.$field = v,
            }, )+
        ];
    };
    (@positive positive) => { true };
    (@positive non_negative) => { false };
}

profile! {
    /// Height of the viewport in CSS px.
    viewport_height_px, positive;
    /// Width of the article's text column in CSS px.
    content_width_px, positive;
    /// Body font size in CSS px.
    font_px, positive;
    /// Body line height in CSS px.
    line_height_px, positive;
    /// CSS `letter-spacing` of body text and headings in px mode, added after every character.
    letter_spacing_px, non_negative;
    /// CSS `word-spacing` of body text and headings in px mode, added to every space.
    word_spacing_px, non_negative;
    /// Column mode (no font named): average advance of the body font in em; columns =
    /// floor(content_width_px / (font_px x char_width_em)).
    char_width_em, positive;
    /// Vertical space between consecutive blocks in CSS px.
    block_gap_px, non_negative;
    /// Font and line-height scale of headlines and headings relative to the body.
    heading_scale, positive;
    /// Width/height of an image without its own `height_px` or `aspect`.
    image_aspect, positive;
    /// Height of an embed without its own `height_px`.
    embed_height_px, non_negative;
    /// Height of an ad already on the page (`ad` block) without its own `height_px`.
    existing_ad_height_px, non_negative;
    /// Height of the "Advertisement" label above each ad.
    ad_label_px, non_negative;
    /// Margin above and below each ad.
    ad_margin_px, non_negative;
}

impl DeviceProfile {
    /// The profile key `key`.
    ///
    /// ```
    /// use adslot::layout::DeviceProfile;
    /// let mut p = DeviceProfile::mobile();
    /// let key = DeviceProfile::key("font_px").unwrap();
    /// (key.set)(&mut p, 20.0);
    /// assert_eq!((key.get)(&p), 20.0);
    /// assert!(key.positive && DeviceProfile::key("font").is_none());
    /// ```
    pub fn key(key: &str) -> Option<&'static ProfileKey> {
        PROFILE_KEYS.iter().find(|k| k.key == key)
    }

    /// A phone: 375x812 CSS px screen (iPhone X-class, the most common mobile viewport width),
    /// 16 px side padding, 17 px body text on 27 px lines.
    pub fn mobile() -> DeviceProfile {
        DeviceProfile {
            viewport_height_px: 740.0,
            content_width_px: 343.0,
            font_px: 17.0,
            line_height_px: 27.0,
            letter_spacing_px: 0.0,
            word_spacing_px: 0.0,
            char_width_em: 0.5,
            block_gap_px: 16.0,
            heading_scale: 1.3,
            image_aspect: 1.5,
            embed_height_px: 400.0,
            existing_ad_height_px: 250.0,
            ad_label_px: 20.0,
            ad_margin_px: 16.0,
            typography: Typography::default(),
            blocks: None,
        }
    }

    /// A laptop: 900 px tall viewport, a 620 px text column, 18 px text on 29 px lines.
    pub fn desktop() -> DeviceProfile {
        DeviceProfile {
            viewport_height_px: 900.0,
            content_width_px: 620.0,
            font_px: 18.0,
            line_height_px: 29.0,
            letter_spacing_px: 0.0,
            word_spacing_px: 0.0,
            char_width_em: 0.5,
            block_gap_px: 20.0,
            heading_scale: 1.25,
            image_aspect: 1.5,
            embed_height_px: 450.0,
            existing_ad_height_px: 250.0,
            ad_label_px: 20.0,
            ad_margin_px: 24.0,
            typography: Typography::default(),
            blocks: None,
        }
    }

    /// The built-in profile of that name (`mobile`, `desktop`).
    pub fn builtin(name: &str) -> Option<DeviceProfile> {
        match name {
            "mobile" => Some(DeviceProfile::mobile()),
            "desktop" => Some(DeviceProfile::desktop()),
            _ => None,
        }
    }

    /// Text columns of body text: floor(content_width_px / (font_px * char_width_em)), at least 1.
    ///
    /// ```
    /// assert_eq!(adslot::layout::DeviceProfile::mobile().columns(), 40);
    /// ```
    pub fn columns(&self) -> usize {
        columns_for(self.content_width_px, self.font_px * self.char_width_em)
    }
}

pub(super) fn columns_for(width: f64, advance: f64) -> usize {
    let columns = (width / advance).floor();
    if columns.is_finite() && columns >= 1.0 {
        columns as usize
    } else {
        1
    }
}

/// One creative size an ad slot accepts, `WIDTHxHEIGHT` in CSS px.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AdSize {
    /// Width in px.
    pub width: u32,
    /// Height in px.
    pub height: u32,
}

impl AdSize {
    /// Parses `300x250`.
    ///
    /// ```
    /// let s = adslot::layout::AdSize::parse("320x100").unwrap();
    /// assert_eq!((s.width, s.height), (320, 100));
    /// assert!(adslot::layout::AdSize::parse("320 by 100").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<AdSize> {
        let (w, h) = s.split_once(['x', 'X'])?;
        Some(AdSize {
            width: w.trim().parse().ok()?,
            height: h.trim().parse().ok()?,
        })
    }
}

impl std::fmt::Display for AdSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// The size an ad of these sizes is reserved at on this device: its tallest size that fits
/// the column, or, if none fits, its narrowest.
///
/// ```
/// use adslot::layout::{reserved_size, AdSize, DeviceProfile};
/// let sizes = [AdSize::parse("300x250").unwrap(), AdSize::parse("728x90").unwrap()];
/// assert_eq!(reserved_size(&sizes, &DeviceProfile::mobile()), Some(sizes[0]));
/// assert_eq!(reserved_size(&sizes[1..], &DeviceProfile::mobile()), Some(sizes[1]));
/// ```
pub fn reserved_size(sizes: &[AdSize], device: &DeviceProfile) -> Option<AdSize> {
    let fits = sizes
        .iter()
        .filter(|s| f64::from(s.width) <= device.content_width_px)
        .max_by_key(|s| s.height);
    fits.or_else(|| sizes.iter().min_by_key(|s| s.width))
        .copied()
}

/// The height an ad of these sizes reserves on this device: the height of its
/// [`reserved_size`], plus the label and the margins above and below, so the page does not
/// shift when the creative arrives.
///
/// ```
/// use adslot::layout::{reserved_height, AdSize, DeviceProfile};
/// let sizes = [AdSize::parse("300x250").unwrap(), AdSize::parse("300x600").unwrap()];
/// // 600 tall fits the 343 px column: 600 + 20 label + 2 * 16 margin.
/// assert_eq!(reserved_height(&sizes, &DeviceProfile::mobile()), 652);
/// ```
pub fn reserved_height(sizes: &[AdSize], device: &DeviceProfile) -> u64 {
    let chosen = reserved_size(sizes, device).map_or(0, |s| s.height);
    let extra = device.ad_label_px + 2.0 * device.ad_margin_px;
    px(f64::from(chosen) + extra)
}

/// The tallest a single block or ad may be, in px (about 4.3 million screens): absurd input
/// heights are capped here so that sums over millions of blocks can never overflow.
pub const MAX_BLOCK_PX: u64 = 1 << 32;

/// Rounds a CSS px length to a whole, non-negative number of px, at most [`MAX_BLOCK_PX`].
///
/// ```
/// use adslot::layout::{px, MAX_BLOCK_PX};
/// assert_eq!(px(12.6), 13);
/// assert_eq!(px(-3.0), 0);
/// assert_eq!(px(1e300), MAX_BLOCK_PX);
/// ```
pub fn px(value: f64) -> u64 {
    if value.is_nan() || value <= 0.0 {
        0
    } else {
        (value.round() as u64).min(MAX_BLOCK_PX)
    }
}
