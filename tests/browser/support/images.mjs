// Pictures for the offline judge: every <img> of a page gets a file of the size its markup gives,
// so that Chromium lays each picture out as the real page would once its file has loaded (the
// judge is offline: without this every picture is broken and renders as a small icon box).
//
// The size of an image's file, from its markup, as a page's own picture would be:
// - inline style `width`/`height` in px, else the `width`/`height` attributes (HTML's dimension
//   rules: `410`, `410px`; a percentage says nothing about the file), else a lazy loader's
//   `data-width`/`data-height` (and their `orig`/`original` variants, which the loader copies
//   into place);
// - else, for a `srcset` of `w` descriptors, the `sizes` entry without a media condition when it
//   is a px length (the file the browser picks is shown at that width);
// - a width without a height (or `height=0`, a CDN's "fit-in/570x0") takes the 3:2 shape of a
//   news photo; nothing known: a 1200x800 photo, wider than any column.
// The page's `src`, `srcset` and `<source>` elements are replaced by one URL per image.

const DEFAULT = [1200, 800];
const SHAPE = 1.5;

/** HTML's rules for parsing dimension values: leading digits, a fraction; a percentage none. */
export function dimension(value) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)/.exec(value ?? '');
  return m && !m[2] ? Number(m[1]) : null;
}

function cssPx(style, prop) {
  const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*(\\d+(?:\\.\\d+)?)px`, 'i').exec(style ?? '');
  return m ? Number(m[1]) : null;
}

/** The attributes of a start tag, names lowercased. */
export function attributes(tag) {
  const out = {};
  const body = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!(name in out)) out[name] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

function srcsetWidth(a) {
  const set = a.srcset ?? a['data-srcset'];
  if (!set || !/\d+w\b/.test(set) || !a.sizes) return null;
  const entries = a.sizes.split(/,(?![^(]*\))/).map((e) => e.trim());
  const plain = entries.find((e) => !e.startsWith('(') && !e.endsWith(')'));
  const m = plain && /^(\d+(?:\.\d+)?)px$/i.exec(plain);
  return m ? Number(m[1]) : null;
}

/** The [width, height] of an <img>'s file, in whole px (at least 1), from its attributes. */
export function fileSize(a) {
  const first = (names) => names.map((n) => dimension(a[n])).find((v) => v !== null && v !== undefined) ?? null;
  const w = cssPx(a.style, 'width') ?? first(['width', 'data-width', 'data-orig-width', 'data-original-width']) ?? srcsetWidth(a);
  const h = cssPx(a.style, 'height') ?? first(['height', 'data-height', 'data-orig-height', 'data-original-height']);
  const whole = (v) => Math.max(1, Math.round(v));
  if (w !== null && h !== null && w > 0 && h > 0) return [whole(w), whole(h)];
  if (w !== null && w > 0) return [whole(w), whole(w / SHAPE)];
  if (w === 0 || h === 0) return [1, 1];
  if (h !== null) return [whole(h * SHAPE), whole(h)];
  return DEFAULT;
}

let calls = 0;

/** `html` with every <img> given a file of its markup's size: the new HTML and the judge's
 * `images` map (URL -> [width, height]). The URLs are new on every call: a judge's tab keeps one
 * document from page to page, and a document keeps the images it has loaded by URL, so a page
 * reusing another page's URL would be shown that page's picture (its size). */
export function withImages(html, prefix = `https://images.adslot.test/${calls++}/`) {
  const images = {};
  let n = 0;
  const out = html
    .replace(/<source\b[^>]*>/gi, '')
    .replace(/<img\b(?:"[^"]*"|'[^']*'|[^'">])*>/gi, (tag) => {
      const url = `${prefix}${n++}.svg`;
      images[url] = fileSize(attributes(tag));
      const rest = tag.replace(/^<img/i, '').replace(/\s(?:src|srcset)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
      return `<img src="${url}"${rest}`;
    });
  return { html: out, images };
}
