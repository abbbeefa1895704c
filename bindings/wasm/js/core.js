// adslot for JavaScript: the package's API over the WebAssembly module, without loading it.
// `index.js` loads it (Node, browsers); on the edge, call `initSync({ module })` with the
// runtime's compiled module first. Data keeps the CLI's JSON keys (snake_case).

import * as raw from "./adslot_wasm.js";

export { initSync, default as init } from "./adslot_wasm.js";

/**
 * An error of bad input: a rule file (`kind` "rules"), an article or document ("article"), or
 * the call's own arguments such as an unknown device or format ("call"). `message` is what the
 * `adslot` command prints (one line per problem); `problems` lists them; `path`, `line` and
 * `column` are the first one's (null for an error without a place). Lines and columns are
 * 1-based, the column counted in characters as the CLI counts it.
 */
export class AdslotError extends Error {
  constructor(message, { kind = "call", problems = [] } = {}) {
    super(message);
    this.name = "AdslotError";
    this.kind = kind;
    this.problems = problems.map((p) => Object.freeze({ ...p }));
  }

  get path() {
    return this.problems.length ? this.problems[0].path : null;
  }

  get line() {
    return this.problems.length ? this.problems[0].line : null;
  }

  get column() {
    return this.problems.length ? this.problems[0].column : null;
  }
}

// The module's errors arrive as JSON text; anything else (a JavaScript TypeError from the
// glue, a WebAssembly trap) is not the caller's input and passes through as it is.
function call(f) {
  try {
    return f();
  } catch (e) {
    if (typeof e !== "string") throw e;
    const { kind, message, problems } = JSON.parse(e);
    throw new AdslotError(message, { kind, problems });
  }
}

const DEFAULT_NAME = "<article>";
// Each Rules' module object, out of reach of callers.
const RAW = new WeakMap();
let builtin = null;

function rawRules(rules) {
  if (rules === undefined || rules === null) {
    builtin ??= new Rules();
    return RAW.get(builtin);
  }
  const r = RAW.get(rules);
  if (r === undefined) throw new TypeError("rules is a Rules object (new Rules(tomlText)), not freed");
  return r;
}

/**
 * A loaded rule file: the policy, anchors, slot sizes and devices. `new Rules()` is the
 * built-in rules; `new Rules(tomlText, { name })` parses a rule file (`name`, default
 * "rules.toml", names it in errors), throwing an `AdslotError` with every problem of the file.
 */
export class Rules {
  constructor(toml, { name = "rules.toml" } = {}) {
    if (toml === undefined || toml === null) {
      RAW.set(this, raw.RawRules.builtin());
    } else if (typeof toml !== "string") {
      throw new TypeError(`new Rules(toml): toml is a string (a rule file's text); got ${typeof toml}`);
    } else {
      RAW.set(this, call(() => new raw.RawRules(toml, String(name))));
    }
  }

  /** The rule file's name for itself (its top-level `name`). */
  get name() {
    return rawRules(this).name;
  }

  /** The device used when none is asked for. */
  get defaultDevice() {
    return rawRules(this).defaultDevice;
  }

  /** The names of the devices, `mobile` and `desktop` always among them. */
  get devices() {
    return rawRules(this).devices;
  }

  /** What the file probably did not mean although it is valid, as problems. */
  get warnings() {
    return this.check().warnings;
  }

  /**
   * The summary `adslot check` prints, as data: `name`, `warnings` (problems), `anchors`,
   * `slots`, `html` and `devices`.
   */
  check() {
    return JSON.parse(call(() => rawRules(this).summary()));
  }

  /** Frees the WebAssembly memory now rather than when the object is collected. */
  free() {
    RAW.get(this)?.free();
    RAW.delete(this);
  }
}

function options(opts, fn) {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== "object") throw new TypeError(`${fn}(): options is an object`);
  return opts;
}

// Articles and documents cross into the module as UTF-8 bytes: TextEncoder is native code, where
// wasm-bindgen's string copy loops over the UTF-16 code units in JavaScript.
const UTF8 = new TextEncoder();

// An article as the module takes it: [UTF-8 bytes, isObject, format, name].
function article(a, format, name, fn) {
  name = name === undefined ? DEFAULT_NAME : String(name);
  if (typeof a === "string") {
    return [UTF8.encode(a), false, format === undefined || format === null ? undefined : String(format), name];
  }
  if (a instanceof Article) {
    throw new TypeError(`${fn}(): an Article (read by Article.from) is taken by place(); give ${fn}() the object or string itself`);
  }
  if (a !== null && typeof a === "object" && !Array.isArray(a)) {
    if (format !== undefined && format !== null) {
      throw new AdslotError(
        `format "${format}" is for documents (strings); an object is an article already`,
      );
    }
    return [UTF8.encode(JSON.stringify(a)), true, undefined, name];
  }
  throw new TypeError(
    `${fn}(): an article is an object (the JSON article shape) or a document string; got ${
      a === null ? "null" : Array.isArray(a) ? "an array" : typeof a
    }`,
  );
}

// Each Article's module object, out of reach of callers; FROM lets only Article.from construct.
const RAW_ARTICLE = new WeakMap();
const FROM = Symbol("Article.from");

/**
 * An article read once, to place under many rule files (or devices) without reading it again:
 * `Article.from(article, { format, name, rules })` takes what `place` takes, an object in the
 * JSON article shape or a document string read as `format` (else by `name`'s extension, else
 * by its content); a document is read with the `[html]` settings of `rules` (default: the
 * built-in rules). `place(article, rules, opts)` accepts it.
 */
export class Article {
  constructor(token, r) {
    if (token !== FROM) throw new TypeError("an Article is made by Article.from(article, options)");
    RAW_ARTICLE.set(this, r);
  }

  /** Reads `article` once; throws an `AdslotError` as `place` would. */
  static from(a, opts) {
    const { format, name, rules } = options(opts, "Article.from");
    const [bytes, object, f, n] = article(a, format, name, "Article.from");
    const r = rawRules(rules);
    return new Article(FROM, call(() => new raw.RawArticle(bytes, object, f, n, r)));
  }

  /** The number of blocks. */
  get blocks() {
    return rawArticle(this).blocks;
  }

  /** The article's `id`, or null. */
  get id() {
    return rawArticle(this).id ?? null;
  }

  /** Frees the WebAssembly memory now rather than when the object is collected. */
  free() {
    RAW_ARTICLE.get(this)?.free();
    RAW_ARTICLE.delete(this);
  }
}

function rawArticle(a) {
  const r = RAW_ARTICLE.get(a);
  if (r === undefined) throw new TypeError("the Article was freed");
  return r;
}

function device(d) {
  return d === undefined || d === null ? undefined : String(d);
}

/**
 * Places ads in `article` by `rules` and returns the plan, with the keys of `adslot place`'s
 * JSON. `article` is an `Article` (read once by `Article.from`), an object in the JSON
 * article shape, or a document string read as `format` ("json", "text", "html", "markdown",
 * "gutenberg", "ans"; else from `name`'s extension; else from the content). `device` defaults
 * to the rules' default device; `explain: true` adds every gap's verdict (`gaps`).
 */
export function place(a, rules, opts) {
  const { device: d, explain = false, format, name } = options(opts, "place");
  if (a instanceof Article) {
    if ((format !== undefined && format !== null) || name !== undefined) {
      throw new TypeError("place(): format and name are Article.from's options; an Article is read already");
    }
    const ra = rawArticle(a);
    const r = rawRules(rules);
    return JSON.parse(call(() => raw.placeArticle(ra, r, device(d), Boolean(explain))));
  }
  const [bytes, object, f, n] = article(a, format, name, "place");
  const r = rawRules(rules);
  return JSON.parse(call(() => raw.place(bytes, object, f, n, r, device(d), Boolean(explain))));
}

/**
 * Returns the document `source` (HTML, Markdown, Gutenberg or ANS, read as `format`, else from
 * `name`'s extension, else from the content) with a slot element written at each placement,
 * and not one other character changed.
 */
export function insert(source, rules, opts) {
  const { device: d, format, name } = options(opts, "insert");
  if (typeof source !== "string") {
    throw new TypeError(
      "insert() writes slots into a document string; an object has no document to write into: use place() for its plan",
    );
  }
  const [bytes, object, f, n] = article(source, format, name, "insert");
  const r = rawRules(rules);
  return call(() => raw.insert(bytes, object, f, n, r, device(d)));
}

/**
 * The estimated geometry of `article` (taken as by `place`) without ads, as `adslot layout`
 * prints it: `{columns, blocks: [{index, lines, top_px, height_px}], height_px}`. `rules`
 * (default: the built-in rules) gives the device; `columns` breaks body text at that many
 * columns instead of the device's fonts and columns; `hyphenate: true` hyphenates (en-US).
 */
export function layout(a, rules, opts) {
  const { device: d, columns, hyphenate = false, format, name } = options(opts, "layout");
  const [bytes, object, f, n] = article(a, format, name, "layout");
  let c;
  if (columns !== undefined && columns !== null) {
    if (!Number.isInteger(columns) || columns < 0 || columns > 0xffffffff) {
      throw new TypeError(`layout(): columns is a whole number; got ${columns}`);
    }
    c = columns;
  }
  const r = rawRules(rules);
  return JSON.parse(
    call(() => raw.layout(bytes, object, f, n, r, device(d), c, Boolean(hyphenate))),
  );
}

/**
 * The self-contained HTML page `adslot preview --html` writes for `article` (taken as by
 * `place`), byte for byte: the device's column with every block, slot box, viewport boundary
 * and gap marker (with its reasons) at its px position. `device: "all"` puts every device of
 * the rules side by side; `width` draws the lines at that many columns (the plan stays the
 * device's). Titled by the article's id, else by `name`'s file name.
 */
export function preview(a, rules, opts) {
  const { device: d, width, format, name } = options(opts, "preview");
  const [bytes, object, f, n] = article(a, format, name, "preview");
  let w;
  if (width !== undefined && width !== null) {
    if (!Number.isInteger(width) || width < 0 || width > 0xffffffff) {
      throw new TypeError(`preview(): width is a whole number; got ${width}`);
    }
    w = width;
  }
  const r = rawRules(rules);
  return call(() => raw.preview(bytes, object, f, n, r, device(d), w));
}

/** The formats' names: "ans", "json", "text", "gutenberg", "html", "markdown" (in the library's order). */
export function formats() {
  return raw.formats();
}

/** The version of the adslot library inside. */
export function version() {
  return raw.version();
}
