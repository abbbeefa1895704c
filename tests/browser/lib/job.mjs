// Reading and checking judge jobs: JSON with line:column errors, every key checked, fonts
// turned into @font-face rules that name their files.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A problem with the job or the set-up, with a message meant for the person running the judge. */
export class JudgeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'JudgeError';
  }
}

export const PAGE_KEYS = ['id', 'html', 'css', 'width_px', 'viewport_px', 'lang', 'fonts', 'images'];
export const PARAGRAPH_KEYS = ['texts', 'css', 'width_px', 'viewport_px', 'lang', 'fonts', 'chunk'];
const FONT_KEYS = ['family', 'file', 'local', 'weight', 'style', 'stretch', 'unicode_range'];
const DEFAULT_VIEWPORT_HEIGHT = 800;
const DEFAULT_CHUNK = 400;

/** Parses `text` as JSON; a syntax error names `name` and the line:column. */
export function parseJson(text, name) {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const what = at >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[at])}`;
    throw new JudgeError(`${name}:${line}:${column}: invalid JSON: ${what}`);
  }
}

// The offset of the first character that makes `text` invalid JSON (V8's messages do not always
// give one). Only called on text JSON.parse refused.
function jsonErrorOffset(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = () => {
    throw i;
  };
  const literal = (word) => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '"') return i++;
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m[0].length;
    return i;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    if (typeof at !== 'number') throw at;
    return Math.min(at, text.length);
  }
}

/** The pages of a job: `[page, ...]` or `{ "pages": [page, ...] }`, each checked and completed. */
export function readPagesJob(job, name = 'job') {
  const pages = Array.isArray(job) ? job : isObject(job) && Array.isArray(job.pages) ? job.pages : null;
  if (!pages) throw new JudgeError(`${name}: expected a list of pages, or an object with "pages": [...]`);
  if (isObject(job)) checkKeys(job, ['pages'], name);
  return pages.map((p, i) => readPage(p, `${name}: pages[${i}]`, i));
}

/** One page: `{ id, html, css, width_px, viewport_px, lang, fonts, images }`. */
export function readPage(page, where, index = 0) {
  if (!isObject(page)) throw new JudgeError(`${where}: expected an object`);
  const id = page.id ?? index;
  if (typeof id !== 'string' && typeof id !== 'number') throw new JudgeError(`${where}: id must be a string or a number`);
  where = page.id === undefined ? where : `${where} (id ${JSON.stringify(id)})`;
  checkKeys(page, PAGE_KEYS, where);
  if (typeof page.html !== 'string') throw new JudgeError(`${where}: html must be a string (the article body)`);
  return { id, html: page.html, images: readImages(page.images, where), ...readCommon(page, where) };
}

/** A paragraphs job: `{ texts: [...], css, width_px, viewport_px, lang, fonts, chunk }`. */
export function readParagraphsJob(job, name = 'job') {
  if (!isObject(job)) throw new JudgeError(`${name}: expected an object with "texts": [...]`);
  checkKeys(job, PARAGRAPH_KEYS, name);
  if (!Array.isArray(job.texts)) throw new JudgeError(`${name}: texts must be a list of strings`);
  job.texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new JudgeError(`${name}: texts[${i}] must be a string`);
  });
  const chunk = job.chunk ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) throw new JudgeError(`${name}: chunk must be a positive integer`);
  return { texts: job.texts, chunk, ...readCommon(job, name) };
}

function readCommon(o, where) {
  const width = o.width_px;
  if (typeof width !== 'number' || !Number.isFinite(width) || width <= 0) {
    throw new JudgeError(`${where}: width_px must be a positive number (the column width in CSS px)`);
  }
  const css = o.css ?? '';
  if (typeof css !== 'string') throw new JudgeError(`${where}: css must be a string`);
  const lang = o.lang ?? '';
  if (typeof lang !== 'string') throw new JudgeError(`${where}: lang must be a string`);
  const fonts = readFonts(o.fonts, where);
  return {
    width_px: width,
    viewport: readViewport(o.viewport_px, width, where),
    lang,
    fonts,
    // The named faces first, so the job's own rules can use their families.
    css: fonts.map((f) => f.rule).join('\n') + (fonts.length ? '\n' : '') + css,
  };
}

function readViewport(v, width, where) {
  const bad = () => new JudgeError(`${where}: viewport_px must be a width in px or { "width": .., "height": .. }`);
  if (v === undefined) return { width: Math.ceil(width), height: DEFAULT_VIEWPORT_HEIGHT };
  if (typeof v === 'number') {
    if (!(v > 0) || !Number.isFinite(v)) throw bad();
    return { width: Math.round(v), height: DEFAULT_VIEWPORT_HEIGHT };
  }
  if (!isObject(v)) throw bad();
  checkKeys(v, ['width', 'height'], `${where}: viewport_px`);
  const w = v.width;
  const h = v.height ?? DEFAULT_VIEWPORT_HEIGHT;
  if (!(w > 0 && h > 0 && Number.isFinite(w) && Number.isFinite(h))) throw bad();
  return { width: Math.round(w), height: Math.round(h) };
}

function readFonts(fonts, where) {
  if (fonts === undefined) return [];
  if (!Array.isArray(fonts)) throw new JudgeError(`${where}: fonts must be a list of { "family", "file" | "local", ... }`);
  return fonts.map((f, i) => {
    const at = `${where}: fonts[${i}]`;
    if (!isObject(f)) throw new JudgeError(`${at}: expected an object`);
    checkKeys(f, FONT_KEYS, at);
    if (typeof f.family !== 'string' || !f.family) throw new JudgeError(`${at}: family must be a non-empty string`);
    if ((f.file === undefined) === (f.local === undefined)) {
      throw new JudgeError(`${at}: give exactly one of file (a font file) or local (an installed face's full name)`);
    }
    let src;
    let file = null;
    if (f.file !== undefined) {
      if (typeof f.file !== 'string') throw new JudgeError(`${at}: file must be a path`);
      file = resolve(f.file);
      let st;
      try {
        st = statSync(file);
      } catch {
        throw new JudgeError(`${at}: font file not found: ${file}`);
      }
      if (!st.isFile()) throw new JudgeError(`${at}: not a file: ${file}`);
      src = `url(${cssString(pathToFileURL(file).href)})`;
    } else {
      if (typeof f.local !== 'string' || !f.local) throw new JudgeError(`${at}: local must be a face's full name`);
      src = `local(${cssString(f.local)})`;
    }
    const descriptors = [`font-family:${cssString(f.family)}`, `src:${src}`, 'font-display:block'];
    for (const [key, prop] of [['weight', 'font-weight'], ['style', 'font-style'], ['stretch', 'font-stretch'], ['unicode_range', 'unicode-range']]) {
      if (f[key] === undefined) continue;
      if (typeof f[key] !== 'string' && typeof f[key] !== 'number') throw new JudgeError(`${at}: ${key} must be a string or a number`);
      if (/[;{}]/.test(String(f[key]))) throw new JudgeError(`${at}: ${key} must not contain ; { or }`);
      descriptors.push(`${prop}:${f[key]}`);
    }
    return { family: f.family, file, local: f.local ?? null, rule: `@font-face{${descriptors.join(';')}}` };
  });
}

function readImages(images, where) {
  if (images === undefined) return new Map();
  if (!isObject(images)) throw new JudgeError(`${where}: images must map image URLs to [width, height]`);
  const out = new Map();
  for (const [url, size] of Object.entries(images)) {
    const [w, h] = Array.isArray(size) ? size : [];
    if (!(Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0) || size.length !== 2) {
      throw new JudgeError(`${where}: images[${JSON.stringify(url)}] must be [width, height] in whole px`);
    }
    out.set(url, { width: w, height: h });
  }
  return out;
}

function checkKeys(o, known, where) {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      const near = nearest(key, known);
      throw new JudgeError(`${where}: unknown key ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; known: ${known.join(', ')}`);
    }
  }
}

/** The known name `word` is a prefix of, else the nearest within a small edit distance, if any. */
export function nearest(word, known) {
  const prefixed = known.find((k) => word.length >= 3 && k.startsWith(word));
  if (prefixed) return prefixed;
  let best = null;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function cssString(s) {
  return `"${s.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\a ' : `\\${c}`))}"`;
}

function isObject(o) {
  return o !== null && typeof o === 'object' && !Array.isArray(o);
}
