//! Byte scanners for plain ASCII text: runs of letters and digits (eight bytes at a time, SWAR), and stretches of plain words between spaces (SSE2 sixteen at a time, SWAR elsewhere).

/// Punctuation that `plain_stretch` may accept between a word's letters
/// and its space (classes IS and EX in ICU4X's data; checked by
/// `uax14::Rules::load`, which sets `plain_punct`).
pub(crate) const PUNCT: [u8; 6] = [b',', b'.', b';', b':', b'!', b'?'];

/// Bit 7 of each byte of the result is set iff that byte of `x` (little
/// endian) is not an ASCII letter, except that bytes after the first
/// non-letter may be wrong (carries): only the lowest set bit is meaningful.
#[inline(always)]
fn non_letter_mask(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let l = x | 0x2020_2020_2020_2020; // fold case
    let ge_a = l.wrapping_add(0x1f1f_1f1f_1f1f_1f1f); // byte >= 0x61
    let gt_z = l.wrapping_add(0x0505_0505_0505_0505); // byte >= 0x7b
    (!ge_a | gt_z | x) & HI
}

/// Like `non_letter_mask`, for bytes that are neither ASCII letters nor
/// ASCII digits. Carries only leave flagged bytes (>= 0x8a), so the lowest
/// set bit is exact here too.
#[inline(always)]
fn non_alnum_mask(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let d = x ^ 0x3030_3030_3030_3030; // digits become 0..=9
    let not_digit = d.wrapping_add(0x7676_7676_7676_7676) | d; // d >= 10 or high bit
    non_letter_mask(x) & not_digit & HI
}

/// Length of the leading run of ASCII letters and digits.
#[inline(always)]
pub(crate) fn alnum_len(bytes: &[u8]) -> usize {
    let mut pos = 0;
    // Eight bytes at a time: the first non-alnum is the lowest flagged byte.
    while let Some(chunk) = bytes.get(pos..).and_then(|s| s.first_chunk::<8>()) {
        let m = non_alnum_mask(u64::from_le_bytes(*chunk));
        if m != 0 {
            return pos + (m.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    let rest = bytes.get(pos..).unwrap_or_default();
    pos + rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// Exact per-byte masks (bit 7 of each byte) of a little-endian chunk:
/// `(space, letter_or_digit, one of PUNCT)`. No carry crosses a byte.
#[inline(always)]
fn space_alnum_masks(x: u64) -> (u64, u64, u64) {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn ones(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let ascii = !x & HI;
    let b = x & LO7;
    // Bit 7 set iff the 7-bit byte is >= k (b + 0x80 - k <= 0xfe).
    let ge = |v: u64, k: u8| v.wrapping_add(ones(0x80 - k)) & HI;
    // Bit 7 set iff the 7-bit byte of `v` is `c`.
    let eq = |v: u64, c: u8| {
        let y = v ^ ones(c);
        !(y.wrapping_add(LO7) | y) & HI
    };
    let space = ascii & eq(b, b' ');
    // PUNCT: ',' or '.' (0x2c | 2 = 0x2e), ':' or ';' (0x3a | 1 = 0x3b), '!', '?'.
    let punct = ascii & (eq(b | ones(2), b'.') | eq(b | ones(1), b';') | eq(b, b'!') | eq(b, b'?'));
    let digit = ge(b, b'0') & !ge(b, b'9' + 1);
    let l = b | ones(0x20);
    let letter = ge(l, b'a') & !ge(l, b'z' + 1);
    (space, ascii & (digit | letter), punct)
}

/// For a plain-word stretch starting at the space `bytes[pos]` (after ASCII
/// letters/digits): the largest `s` in `pos..=lim` such that `bytes[s]` is a
/// space and `bytes[pos..=s + 1]` is letters/digits and single spaces, each
/// followed by a letter or digit, and (if `punct`) chars of `PUNCT` each
/// between a letter/digit and a space (None if there is none); and whether
/// all of `bytes[pos..=lim + 1]` is such a stretch (then the word after the
/// space found, if any, ends after `lim`).
///
/// With `uax14::Rules::plain` (and `plain_punct` for `punct`), the segmenter's
/// opportunities in there are exactly those after each space (every pair
/// of classes there is Keep but SP before AL/NU, Break), every char is one
/// column, and each word's whitespace is its one space.
///
/// SSE2 compares, 16 bytes a step, on x86-64 (which always has SSE2): the
/// line breaker's inner loop, a quarter of `batch`'s time in column mode with
/// the SWAR of `plain_stretch_swar`; criterion `layout`
/// `first_fit/news/linebreak/nohyph/w40` went 567 -> 391 us with it.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
pub(crate) fn plain_stretch(
    bytes: &[u8],
    pos: usize,
    lim: usize,
    punct: bool,
) -> (Option<usize>, bool) {
    use safe_arch::{
        bitand_m128i as and, bitor_m128i as or, cmp_eq_mask_i8_m128i as eq,
        cmp_gt_mask_i8_m128i as gt, cmp_lt_mask_i8_m128i as lt, load_unaligned_m128i,
        move_mask_i8_m128i as bits, set_splat_i8_m128i as splat,
    };
    // `s + 1 <= lim + 1 <= len`.
    let lim = lim.min(bytes.len());
    let mut i = pos;
    // Bit 15 of the previous step's masks (bit k: byte i + k).
    let (mut prev_space, mut prev_alnum, mut prev_punct) = (0u32, 0u32, 0u32);
    let mut found = None;
    while i <= lim + 1 {
        let chunk = match bytes.get(i..).and_then(|r| r.first_chunk::<16>()) {
            Some(c) => *c,
            None => {
                // Zero padding: NUL is not plain, so the stretch ends there.
                let mut c = [0u8; 16];
                let rest = bytes.get(i..).unwrap_or_default();
                c.iter_mut().zip(rest).for_each(|(d, s)| *d = *s);
                c
            }
        };
        // Signed bytes: non-ASCII ones are negative, outside every range here.
        let v = load_unaligned_m128i(&chunk);
        let lower = or(v, splat(0x20));
        let letter = and(
            gt(lower, splat(b'a' as i8 - 1)),
            lt(lower, splat(b'z' as i8 + 1)),
        );
        let digit = and(gt(v, splat(b'0' as i8 - 1)), lt(v, splat(b'9' as i8 + 1)));
        let space = bits(eq(v, splat(b' ' as i8))) as u32;
        let alnum = bits(or(letter, digit)) as u32;
        let p = if punct {
            // ',' or '.' (0x2c | 2 = 0x2e), ':' or ';' (0x3a | 1 = 0x3b), '!', '?'.
            let m = or(
                or(
                    eq(or(v, splat(2)), splat(b'.' as i8)),
                    eq(or(v, splat(1)), splat(b';' as i8)),
                ),
                or(eq(v, splat(b'!' as i8)), eq(v, splat(b'?' as i8))),
            );
            bits(m) as u32
        } else {
            0
        };
        const ALL: u32 = 0xffff;
        let after = (space << 1) | prev_space;
        let after_alnum = (alnum << 1) | prev_alnum;
        let after_punct = ((p << 1) | prev_punct) & ALL;
        // As in `plain_stretch_swar`, with one bit a byte.
        let bad = (!(space | alnum | p) & ALL)
            | (space & after)
            | (p & !after_alnum)
            | (after_punct & !space);
        let mut n = lim + 2 - i;
        if bad != 0 {
            n = n.min(bad.trailing_zeros() as usize);
        }
        let keep = if n >= 16 { ALL } else { (1u32 << n) - 1 };
        let cand = alnum & after & keep;
        if cand != 0 {
            found = Some(i + (31 - cand.leading_zeros() as usize) - 1);
        }
        if bad != 0 {
            let first_bad = i + bad.trailing_zeros() as usize;
            return (found, first_bad > lim + 1);
        }
        prev_space = space >> 15;
        prev_alnum = alnum >> 15;
        prev_punct = p >> 15;
        i += 16;
    }
    (found, true)
}

/// `plain_stretch` by SWAR on eight bytes at a time: the portable path (and
/// the SSE2 one's check).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
pub(crate) fn plain_stretch(
    bytes: &[u8],
    pos: usize,
    lim: usize,
    punct: bool,
) -> (Option<usize>, bool) {
    plain_stretch_swar(bytes, pos, lim, punct)
}

/// `plain_stretch` eight bytes at a time, in a `u64` (SWAR).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
pub(crate) fn plain_stretch_swar(
    bytes: &[u8],
    pos: usize,
    lim: usize,
    punct: bool,
) -> (Option<usize>, bool) {
    // `s + 1 <= lim + 1 <= len`.
    let lim = lim.min(bytes.len());
    let mut i = pos;
    let mut prev_space = 0u64;
    let mut prev_alnum = 0u64;
    let mut prev_punct = 0u64;
    let mut found = None;
    while i <= lim + 1 {
        let chunk = match bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            Some(c) => *c,
            None => {
                // Zero padding: NUL is not plain, so the stretch ends there.
                let mut c = [0u8; 8];
                let rest = bytes.get(i..).unwrap_or_default();
                c.iter_mut().zip(rest).for_each(|(d, s)| *d = *s);
                c
            }
        };
        const HI: u64 = 0x8080_8080_8080_8080;
        let (space, alnum, p) = space_alnum_masks(u64::from_le_bytes(chunk));
        let p = if punct { p } else { 0 };
        let after = (space << 8) | (prev_space >> 56);
        let after_alnum = (alnum << 8) | (prev_alnum >> 56);
        let after_punct = (p << 8) | (prev_punct >> 56);
        // A punctuation char not after a letter/digit is bad, and so is
        // whatever follows one if it is not a space.
        let bad = (!(space | alnum | p) & HI)
            | (space & after)
            | (p & !after_alnum)
            | (after_punct & !space & HI);
        // Letters/digits right after a space (at byte k: s = i + k - 1),
        // with s <= lim and nothing bad up to them.
        let mut n = lim + 2 - i;
        if bad != 0 {
            n = n.min((bad.trailing_zeros() / 8) as usize);
        }
        let keep = if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        let cand = alnum & after & keep;
        if cand != 0 {
            found = Some(i + (63 - cand.leading_zeros() as usize) / 8 - 1);
        }
        if bad != 0 {
            let first_bad = i + (bad.trailing_zeros() / 8) as usize;
            return (found, first_bad > lim + 1);
        }
        prev_space = space;
        prev_alnum = alnum;
        prev_punct = p;
        i += 8;
    }
    (found, true)
}

#[cfg(test)]
mod tests {
    use super::{alnum_len, non_alnum_mask, non_letter_mask, space_alnum_masks, PUNCT};

    #[test]
    fn space_alnum_masks_are_exact() {
        for b in 0u8..=255 {
            for at in 0..8 {
                for fill in [*b"a b0Z 9z", *b"  \x00\xff@[`{", *b"/:AZaz09", *b",.;:!?-+"] {
                    let mut bytes = fill;
                    bytes[at] = b;
                    let (sp, an, pu) = space_alnum_masks(u64::from_le_bytes(bytes));
                    for (k, &c) in bytes.iter().enumerate() {
                        assert_eq!(sp >> (8 * k + 7) & 1 == 1, c == b' ', "{bytes:?} {k}");
                        assert_eq!(an >> (8 * k + 7) & 1 == 1, c.is_ascii_alphanumeric());
                        assert_eq!(pu >> (8 * k + 7) & 1 == 1, PUNCT.contains(&c));
                    }
                }
            }
        }
    }

    /// Naive `plain_stretch(..).0`.
    fn reference(bytes: &[u8], pos: usize, lim: usize, punct: bool) -> Option<usize> {
        let mut found = None;
        let mut i = pos;
        while i <= lim && i + 1 < bytes.len() {
            let (b, c, d) = (bytes[i - 1], bytes[i], bytes[i + 1]);
            let ok = c.is_ascii_alphanumeric()
                || (c == b' ' && d.is_ascii_alphanumeric())
                || (punct && PUNCT.contains(&c) && b.is_ascii_alphanumeric() && d == b' ');
            if !ok {
                break;
            }
            if c == b' ' {
                found = Some(i);
            }
            i += 1;
        }
        found
    }

    #[test]
    fn plain_stretch_matches_naive() {
        // Every string over {a, ' ', ',', '-'} of length up to 10 after "x ".
        let alphabet = [b'a', b' ', b',', b'-'];
        for len in 0..=10u32 {
            for code in 0..4usize.pow(len) {
                let mut bytes = b"x ".to_vec();
                let mut c = code;
                for _ in 0..len {
                    bytes.push(alphabet[c % 4]);
                    c /= 4;
                }
                if bytes.get(2).is_some_and(u8::is_ascii_alphanumeric) {
                    for (lim, punct) in (1..bytes.len() + 3).flat_map(|l| [(l, false), (l, true)]) {
                        // No flagged byte in 1..=lim + 1 (0 past the end).
                        let at = |k: usize| bytes.get(k).copied().unwrap_or(0);
                        let is_p = |c: u8| punct && PUNCT.contains(&c);
                        let flagged = |k: usize| {
                            let (c, p) = (at(k), if k > 1 { at(k - 1) } else { b'x' });
                            !(c.is_ascii_alphanumeric() || c == b' ' || is_p(c))
                                || (c == b' ' && p == b' ' && k > 1)
                                || (is_p(c) && !(p.is_ascii_alphanumeric() && k > 1))
                                || (is_p(p) && k > 1 && c != b' ')
                        };
                        let whole = !(1..=lim.min(bytes.len()) + 1).any(flagged);
                        let want = (reference(&bytes, 1, lim, punct), whole);
                        let text = String::from_utf8_lossy(&bytes);
                        assert_eq!(
                            super::plain_stretch(&bytes, 1, lim, punct),
                            want,
                            "{text:?} lim {lim} punct {punct}",
                        );
                        assert_eq!(super::plain_stretch_swar(&bytes, 1, lim, punct), want);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The compiled `plain_stretch` (SSE2 on x86-64) and the portable SWAR agree on
        /// text long enough for many steps, with bad bytes, punctuation and double spaces at
        /// any offset, from any start and up to any limit.
        #[test]
        fn plain_stretch_matches_the_portable_path(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    // Mostly plain words, so that stretches run over several steps.
                    8 => "[a-zA-Z0-9]{1,9}",
                    8 => proptest::strategy::Just(" ".to_string()),
                    2 => "[,.;:!?]",
                    1 => "[-'\"\x00\x7f]|é|  ",
                ],
                1..80,
            ),
            start in 0usize..200,
            room in 0usize..200,
            punct in proptest::bool::ANY,
        ) {
            let text = words.concat();
            let bytes = text.as_bytes();
            // `pos` is a space after a letter or digit, as the breaker calls it.
            let spaces: Vec<usize> = (1..bytes.len())
                .filter(|&k| bytes[k] == b' ' && bytes[k - 1].is_ascii_alphanumeric())
                .collect();
            if let Some(&pos) = spaces.get(start % spaces.len().max(1)) {
                let lim = pos + room;
                proptest::prop_assert_eq!(
                    super::plain_stretch(bytes, pos, lim, punct),
                    super::plain_stretch_swar(bytes, pos, lim, punct)
                );
            }
        }
    }

    #[test]
    fn alnum_mask_finds_first_non_alnum() {
        for b in 0u8..=255 {
            for at in 0..8 {
                for fill in [*b"abcdWXYZ", *b"01234789", *b"a0Z9z1A8"] {
                    let mut bytes = fill;
                    bytes[at] = b;
                    let m = non_alnum_mask(u64::from_le_bytes(bytes));
                    let want = if b.is_ascii_alphanumeric() { 8 } else { at };
                    let got = if m == 0 {
                        8
                    } else {
                        (m.trailing_zeros() / 8) as usize
                    };
                    assert_eq!(got, want, "byte {b:#x} at {at} in {fill:?}");
                }
            }
        }
    }

    #[test]
    fn alnum_len_finds_first_other_byte() {
        for b in 0u8..=255 {
            for at in 0..12 {
                for fill in [*b"abcdWXYZ0189", *b"012345678901", *b"a0Z9z1A8b2Y3"] {
                    let mut bytes = fill;
                    bytes[at] = b;
                    let want = if b.is_ascii_alphanumeric() { 12 } else { at };
                    assert_eq!(alnum_len(&bytes), want, "byte {b:#x} at {at} in {fill:?}");
                    // Every start, so that the tail loop is covered too.
                    for start in 0..=at {
                        assert_eq!(alnum_len(&bytes[start..]), want - start);
                    }
                }
            }
        }
    }

    #[test]
    fn letter_mask_finds_first_non_letter() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = *b"abcdWXYZ";
                bytes[at] = b;
                let m = non_letter_mask(u64::from_le_bytes(bytes));
                let want = if b.is_ascii_alphabetic() { 8 } else { at };
                let got = if m == 0 {
                    8
                } else {
                    (m.trailing_zeros() / 8) as usize
                };
                assert_eq!(got, want, "byte {b:#x} at {at}");
            }
        }
    }
}
