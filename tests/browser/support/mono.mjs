// Test support: paragraphs of words in a monospace face, with the line breaks a first-fit
// over character counts gives (every character is one advance wide, so the answer is known).

import { advanceEm } from './font-metrics.mjs';

export const MONO = '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf';
export const MONO_EM = advanceEm(MONO, 'a');
export const MONO_FONTS = [{ family: 'Mono', file: MONO }];

/** A seeded generator of floats in [0, 1) (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` words of 1 to `longest` letters, joined by single spaces. */
export function words(rand, n, longest) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(rand() * longest);
    out.push(String.fromCharCode(97 + (i % 26)).repeat(len));
  }
  return out.join(' ');
}

/**
 * First fit at `columns` characters per line: where each line starts, and how many characters
 * it shows (its trailing space hangs and is not counted). Words never exceed `columns` here.
 */
export function firstFit(text, columns) {
  const starts = [];
  const lengths = [];
  let offset = 0;
  for (const w of text.split(' ')) {
    const len = lengths.length ? lengths[lengths.length - 1] : 0;
    if (lengths.length && len + 1 + w.length <= columns) {
      lengths[lengths.length - 1] = len + 1 + w.length;
    } else {
      starts.push(offset);
      lengths.push(w.length);
    }
    offset += w.length + 1;
  }
  return { starts, lengths };
}

/** A column width that fits exactly `columns` characters of the mono face at `fontPx`. */
export function widthFor(columns, fontPx) {
  return (columns + 0.5) * MONO_EM * fontPx;
}
