//! Embeds' shapes that the markup implies without sizing them: video players by provider, and
//! the responsive wrappers sites put them in.

use super::media::{declarations, Size};
use super::tokenizer::Attr;
use crate::formats::ASPECT_RANGE;

/// Hosts whose embedded players are responsive 16:9 video (YouTube, Vimeo, Dailymotion, JW
/// Player, Brightcove, Facebook and Twitch videos), as their embed codes and the CMS plugins
/// that wrap them show them: at the column's width.
const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "player.vimeo.com",
    "dailymotion.com",
    "jwplayer.com",
    "jwplatform.com",
    "players.brightcove.net",
    "facebook.com/plugins/video",
    "player.twitch.tv",
];

/// The shape of a video player: 16:9.
const VIDEO_ASPECT: f64 = 16.0 / 9.0;

/// The shape an embed's start tag implies when its markup sizes it not at all: a known
/// video provider's player (its `src` or lazy `data-src`) is 16:9 at the column's width.
pub(super) fn provider_size(attrs: &[Attr<'_>]) -> Option<Size> {
    let src = attrs
        .iter()
        .find(|a| a.name == "src" || a.name == "data-src")
        .map(|a| a.value.to_ascii_lowercase())?;
    let host = src
        .split_once("//")
        .map_or(src.as_str(), |(_, rest)| rest)
        .trim_start_matches("www.");
    VIDEO_HOSTS
        .iter()
        .any(|h| host.starts_with(h) || host.contains(&format!(".{h}")))
        .then_some(Size {
            aspect: Some(VIDEO_ASPECT),
            ..Size::default()
        })
}

/// The shape a responsive wrapper gives what it holds: an element whose inline style sets
/// `padding-bottom` (or `padding-top`) to a percentage of its width and no `height` is a box
/// of that shape (`padding-bottom: 56.25%` is 16:9), in which the embed is laid out at 100%.
pub(super) fn wrapper_aspect(attrs: &[Attr<'_>]) -> Option<f64> {
    let style = attrs.iter().find(|a| a.name == "style")?;
    let mut share = None;
    for (prop, value) in declarations(&style.value) {
        match prop.as_str() {
            "padding-bottom" | "padding-top" => {
                let pct = value.trim().strip_suffix('%')?.trim().parse::<f64>().ok()?;
                share = Some(pct);
            }
            "height" if value.trim() != "0" && value.trim() != "0px" => return None,
            _ => {}
        }
    }
    let aspect = 100.0 / share.filter(|p| *p > 0.0)?;
    ASPECT_RANGE.contains(&aspect).then_some(aspect)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> Vec<Attr<'a>> {
        pairs
            .iter()
            .map(|(n, v)| Attr {
                name: (*n).into(),
                value: (*v).into(),
            })
            .collect()
    }

    #[test]
    fn video_providers_are_16_by_9() {
        let of = |src: &str| provider_size(&attrs(&[("src", src)])).and_then(|s| s.aspect);
        assert_eq!(of("https://www.youtube.com/embed/abc"), Some(16.0 / 9.0));
        assert_eq!(of("//player.vimeo.com/video/1"), Some(16.0 / 9.0));
        assert_eq!(
            of("https://geo.dailymotion.com/player.html"),
            Some(16.0 / 9.0)
        );
        assert_eq!(
            of("https://www.facebook.com/plugins/video.php?href=x"),
            Some(16.0 / 9.0)
        );
        assert_eq!(of("https://example.com/youtube.com/embed"), None);
        assert_eq!(of("https://datawrapper.dwcdn.net/abc/"), None);
        assert_eq!(provider_size(&attrs(&[("title", "x")])), None);
    }

    #[test]
    fn padding_wrappers_give_their_shape() {
        let of = |style: &str| wrapper_aspect(&attrs(&[("style", style)]));
        assert_eq!(
            of("position:relative; padding-bottom: 56.25%"),
            Some(100.0 / 56.25)
        );
        assert_eq!(of("padding-top:75%;overflow:hidden"), Some(100.0 / 75.0));
        assert_eq!(of("padding-bottom: 56.25%; height: 0"), Some(100.0 / 56.25));
        assert_eq!(of("padding-bottom: 20px"), None);
        assert_eq!(of("padding-bottom: 50%; height: 300px"), None);
        assert_eq!(of("padding-bottom: 0%"), None);
        assert_eq!(wrapper_aspect(&attrs(&[("class", "video")])), None);
    }
}
