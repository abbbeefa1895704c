// Test support: the advance width of a character read straight from a TrueType/OpenType file
// (cmap format 4 and hmtx), so the tests' expected line breaks come from the font, not from the
// browser being tested.

import { readFileSync } from 'node:fs';

/** Advance of `ch` (a BMP character) in em, from the font file at `path`. */
export function advanceEm(path, ch) {
  const buf = readFileSync(path);
  const tables = new Map();
  const count = buf.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`${path}: no ${tag} table`);
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
  const glyph = glyphId(buf, table('cmap'), ch.charCodeAt(0), path);
  const metric = Math.min(glyph, numberOfHMetrics - 1);
  return buf.readUInt16BE(table('hmtx') + 4 * metric) / unitsPerEm;
}

function glyphId(buf, cmap, code, path) {
  const n = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = buf.readUInt16BE(cmap + 6 + 8 * i);
    const sub = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    if (platform !== 3 || encoding !== 1 || buf.readUInt16BE(sub) !== 4) continue;
    const segX2 = buf.readUInt16BE(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      if (code > buf.readUInt16BE(ends + 2 * s)) continue;
      const start = buf.readUInt16BE(starts + 2 * s);
      if (code < start) return 0;
      const delta = buf.readInt16BE(deltas + 2 * s);
      const ro = buf.readUInt16BE(offsets + 2 * s);
      if (ro === 0) return (code + delta) & 0xffff;
      const g = buf.readUInt16BE(offsets + 2 * s + ro + 2 * (code - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  }
  throw new Error(`${path}: no Unicode BMP cmap (3,1,format 4)`);
}
