//! What Chromium's font sanitiser (OTS) does to a web font before shaping it, where that changes
//! widths: a legacy `kern` table it cannot accept is dropped, so the face sets unkerned.
//
// OTS refuses a format 0 `kern` subtable with more than (65536 - 6) / 6 = 10921 pairs (the
// subtable's 16-bit length cannot hold them; fonts such as the 2011 Open Sans overflow it) or
// whose length is shorter than its pairs, and then drops the whole table. HarfBuzz uses `kern`
// only when GPOS has no kerning, and such faces often have none in GPOS: in Chromium they set
// without any kerning (measured: "AVAV" in Debian's OpenSans-Regular.ttf is 41.766 px at 17 px,
// its unkerned width). Emptying the table here (its subtable count set to 0) makes harfrust and
// the metrics generator see what the browser sees.

const MAX_FORMAT0_PAIRS: u32 = (65536 - 6) / 6;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// The offset of the `kern` table in a single-face sfnt, if it has one.
fn kern_offset(sfnt: &[u8]) -> Option<usize> {
    let n = usize::from(u16_at(sfnt, 4)?);
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        (sfnt.get(rec..rec + 4)? == b"kern").then(|| u32_at(sfnt, rec + 8).map(|o| o as usize))?
    })
}

/// Whether OTS would refuse the (Microsoft, version 0) `kern` table at `off`.
fn kern_rejected(sfnt: &[u8], off: usize) -> bool {
    let (Some(version), Some(count)) = (u16_at(sfnt, off), u16_at(sfnt, off + 2)) else {
        return false;
    };
    if version != 0 {
        return false;
    }
    let mut at = off + 4;
    for _ in 0..count {
        let (Some(length), Some(coverage)) = (u16_at(sfnt, at + 2), u16_at(sfnt, at + 4)) else {
            return false;
        };
        if coverage >> 8 == 0 {
            let Some(pairs) = u16_at(sfnt, at + 6) else {
                return false;
            };
            let pairs = u32::from(pairs);
            if pairs > MAX_FORMAT0_PAIRS || u32::from(length) < 14 + 6 * pairs {
                return true;
            }
        }
        if length == 0 {
            return false;
        }
        at += usize::from(length);
    }
    false
}

/// Empties a `kern` table that Chromium would drop; returns whether it did.
pub(crate) fn drop_rejected_kern(sfnt: &mut [u8]) -> bool {
    if sfnt.get(..4) == Some(b"ttcf") {
        return false;
    }
    match kern_offset(sfnt) {
        Some(off) if kern_rejected(sfnt, off) => {
            sfnt[off + 2] = 0;
            sfnt[off + 3] = 0;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::drop_rejected_kern;

    /// A minimal sfnt holding only a `kern` table with one format 0 subtable.
    fn sfnt_with_kern(pairs: u16, length: u16) -> Vec<u8> {
        let mut b = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        b.extend_from_slice(b"kern");
        b.extend_from_slice(&[0; 4]);
        b.extend_from_slice(&28u32.to_be_bytes());
        b.extend_from_slice(&18u32.to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, 1]); // version 0, one subtable
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&length.to_be_bytes());
        b.extend_from_slice(&[0, 1]); // format 0, horizontal
        b.extend_from_slice(&pairs.to_be_bytes());
        b
    }

    #[test]
    fn overflowing_kern_tables_are_emptied() {
        let mut ok = sfnt_with_kern(2, 26);
        assert!(!drop_rejected_kern(&mut ok));
        let mut many = sfnt_with_kern(18694, 46642); // Open Sans 2011: length wrapped at 65536
        assert!(drop_rejected_kern(&mut many));
        assert_eq!(&many[30..32], &[0, 0]);
        let mut short = sfnt_with_kern(5, 20);
        assert!(drop_rejected_kern(&mut short));
    }
}
