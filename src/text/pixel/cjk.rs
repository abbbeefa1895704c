//! Fullwidth CJK punctuation classes for `text-spacing-trim` (CSS Text 4), as Chromium trims
//! them with a CJK font that has the OpenType `halt` feature: half an em off an opening mark at
//! the start of a line (not the first) and between two adjacent marks.

/// How a fullwidth punctuation mark sits in its em box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CjkPunct {
    /// Opening brackets and quotes: ink on the right half (`（`, `「`, `【`...).
    Open,
    /// Closing brackets and quotes, ideographic comma and full stop: ink on the left half.
    Close,
}

/// The class of a fullwidth punctuation mark, if `c` is one.
pub fn cjk_punct(c: char) -> Option<CjkPunct> {
    match c {
        '（' | '［' | '｛' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〖' | '〘' | '〚'
        | '｟' | '｢' => Some(CjkPunct::Open),
        '）' | '］' | '｝' | '」' | '』' | '】' | '〕' | '〉' | '》' | '〗' | '〙' | '〛'
        | '｠' | '｣' | '、' | '。' | '，' | '．' => Some(CjkPunct::Close),
        _ => None,
    }
}

/// Whether a pair of adjacent marks is set with half an em less (`trim-adjacent`): a closing
/// mark before another mark, or an opening mark after an opening one.
pub fn cjk_adjacent_trim(left: char, right: char) -> bool {
    matches!(
        (cjk_punct(left), cjk_punct(right)),
        (Some(CjkPunct::Close), Some(_)) | (Some(CjkPunct::Open), Some(CjkPunct::Open))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_that_trim() {
        assert!(cjk_adjacent_trim('）', '。'));
        assert!(cjk_adjacent_trim('。', '「'));
        assert!(cjk_adjacent_trim('（', '「'));
        assert!(!cjk_adjacent_trim('「', '中'));
        assert!(!cjk_adjacent_trim('中', '。'));
    }
}
