// Types of the adslot package (core.js; index.js re-exports them with the module loaded).
// Data keeps the keys of the adslot command's JSON.

/** The formats a document can be read as. */
export type Format = "ans" | "json" | "text" | "gutenberg" | "html" | "markdown";

export type BlockKind =
  | "headline" | "standfirst" | "byline" | "lede" | "paragraph" | "heading" | "image"
  | "caption" | "quote" | "list" | "table" | "embed" | "headlines" | "ad" | "other";

export interface Block {
  kind: BlockKind;
  text?: string;
  id?: string | null;
  /** 0 to 100000. */
  height_px?: number | null;
  /** 0 to 100000. */
  width_px?: number | null;
  /** width/height, 0.01 to 100. */
  aspect?: number | null;
  /** Stretches of `text` set bold, italic, as code or smaller: byte offsets into its UTF-8, in order, not overlapping. */
  runs?: Run[];
  /** A heading's level, 1 to 6. */
  level?: number | null;
  /** A list's items. */
  items?: string[];
  /** Each item's depth when a list nests lists (0: the list's own items); absent: all 0. */
  item_depths?: number[];
  /** A table's rows, each a list of its cells: a cell's text, or the blocks it holds (paragraphs, lists, a table). */
  rows?: (string | Block[])[][];
  /** A quote's content when it holds more than paragraphs (a table): laid out in its box in place of its items. */
  blocks?: Block[];
  /** Text set as written (`pre`): its line breaks kept. */
  preformatted?: boolean;
  /** The element an image block's pictures sit in: a `<figure>` (the figure's box, with or without a caption), a paragraph (`<p><img></p>`: the paragraph's margins) or a list of pictures alone (a gallery: the list's margins and indentation). */
  container?: "figure" | "paragraph" | "list";
  /** The pictures the block shows, each as its markup sizes it. */
  pictures?: Picture[];
  /** Which page region an opaque non-story block is (never beside an in-flow ad by default). */
  region?: Region;
}

/** One picture as its markup sizes it (each field in the ranges of a block's). */
/** A stretch of a block's text in a style of its own (`<b>`, `<em>`, `<code>`, `<small>`). */
export interface Run {
  /** Where it starts in the text, in bytes of its UTF-8. */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
  bold?: boolean;
  italic?: boolean;
  /** Monospaced, 0.6 em a character. */
  code?: boolean;
  /** `font-size: smaller`: the size over 1.2. */
  small?: boolean;
}

export interface Picture {
  width_px?: number | null;
  height_px?: number | null;
  aspect?: number | null;
}

export type Region =
  | "chrome" | "share" | "newsletter" | "related" | "comments" | "sidebar" | "widget"
  | "links" | "selector";

/** An article in the JSON article shape (a plain object; `Article` is one read by the module). */
export interface ArticleObject {
  id?: string | null;
  lang?: string | null;
  section?: string | null;
  tags?: string[];
  type?: string | null;
  blocks: Block[];
}

/** One problem of an input, where it is (`line`, `column`: 1-based, null without a place). */
export interface Problem {
  readonly path: string;
  readonly line: number | null;
  /** Counted in characters (code points), as the adslot command counts. */
  readonly column: number | null;
  readonly message: string;
  readonly help: string | null;
}

/** What an error is about: a rule file, an article or document, or the call's arguments. */
export type ErrorKind = "rules" | "article" | "call";

/** Bad input, never a bug: `message` is what the adslot command prints. */
export class AdslotError extends Error {
  constructor(message: string, init?: { kind?: ErrorKind; problems?: Problem[] });
  readonly name: "AdslotError";
  readonly kind: ErrorKind;
  readonly problems: readonly Problem[];
  /** The first problem's input, or null. */
  readonly path: string | null;
  /** The first problem's line, or null. */
  readonly line: number | null;
  /** The first problem's column, or null. */
  readonly column: number | null;
}

export interface Placement {
  before_block: number;
  slot: string;
  ordinal: number;
  anchor: boolean;
  words_above: number;
  top_px: number;
  height_px: number;
  sizes: string[];
}

export interface Reason {
  rule: string;
  text: string;
}

export interface UnplacedAnchor {
  slot: string;
  before?: string;
  nth?: number;
  after_paragraph?: number;
  at?: string;
  reason: string;
}

export interface GapVerdict {
  before_block: number;
  placed: boolean;
  reasons: Reason[];
}

export interface Plan {
  id: string | null;
  device: string;
  placements: Placement[];
  page_height_px: number;
  density: number;
  solver: string;
  rule_sets?: string[];
  even?: { unit: string; smallest: number | null };
  unplaced_anchors?: UnplacedAnchor[];
  warnings?: Reason[];
  /** With `explain: true`: every gap's verdict. */
  gaps?: GapVerdict[];
}

export interface BlockBox {
  index: number;
  lines: number;
  top_px: number;
  height_px: number;
}

export interface Geometry {
  columns: number;
  blocks: BlockBox[];
  height_px: number;
}

/** The summary `adslot check` prints, as data. */
export interface Summary {
  name: string;
  warnings: Problem[];
  anchors: unknown[];
  slots: unknown[];
  html: Record<string, string | number | null>;
  devices: unknown[];
  [key: string]: unknown;
}

/** A loaded rule file. */
export class Rules {
  /** The built-in rules without `toml`; else the rule file's text, every problem thrown at once. */
  constructor(toml?: string | null, options?: { name?: string });
  readonly name: string;
  readonly defaultDevice: string;
  readonly devices: string[];
  readonly warnings: Problem[];
  check(): Summary;
  /** Frees the WebAssembly memory now rather than when the object is collected. */
  free(): void;
}

/**
 * An article read once, to place under many rule files or devices without reading it again.
 * Made by `Article.from`; `place` accepts it.
 */
export class Article {
  private constructor();
  /**
   * Reads `article` as `place` would (a document with the `[html]` settings of `options.rules`,
   * default the built-in rules); throws an `AdslotError` for bad input.
   */
  static from(article: ArticleObject | string, options?: ArticleOptions): Article;
  /** The number of blocks. */
  readonly blocks: number;
  /** The article's `id`, or null. */
  readonly id: string | null;
  /** Frees the WebAssembly memory now rather than when the object is collected. */
  free(): void;
}

export interface ArticleOptions {
  /** How to read a document string; else from `name`'s extension, else from the content. */
  format?: Format;
  /** The input's name in errors (default "<article>"); its extension can give the format. */
  name?: string;
  /** The rules whose `[html]` settings read a document (default: the built-in rules). */
  rules?: Rules | null;
}

export interface ReadOptions {
  /** How to read a document string; else from `name`'s extension, else from the content. */
  format?: Format;
  /** The input's name in errors (default "<article>"); its extension can give the format. */
  name?: string;
  /** A device the rules define; default: the rules' default device. */
  device?: string;
}

export interface PlaceOptions extends ReadOptions {
  /** Every gap's verdict in `gaps`. */
  explain?: boolean;
}

export interface LayoutOptions extends ReadOptions {
  /** Break body text at this many columns instead of the device's fonts and columns. */
  columns?: number;
  /** Hyphenate words that do not fit (en-US). */
  hyphenate?: boolean;
}

/**
 * The plan for `article` (an `Article`, an object, or a document string) by `rules`; an
 * `Article` takes `device` and `explain` only (it is read already).
 */
export function place(article: Article | ArticleObject | string, rules: Rules, options?: PlaceOptions): Plan;

/** The document `source` with a slot element at each placement, nothing else changed. */
export function insert(source: string, rules: Rules, options?: ReadOptions): string;

/** The estimated geometry without ads; `rules` default to the built-in rules. */
export function layout(article: ArticleObject | string, rules?: Rules | null, options?: LayoutOptions): Geometry;

export interface PreviewOptions extends Omit<ReadOptions, "device"> {
  /** A device the rules define, or "all" for every device side by side; default: the rules' default device. */
  device?: string;
  /** Draw the lines at this many columns instead of the device's (the plan stays the device's). */
  width?: number;
}

/** The HTML page `adslot preview --html` writes for `article`, byte for byte. */
export function preview(article: ArticleObject | string, rules: Rules, options?: PreviewOptions): string;

/** The formats' names. */
export function formats(): Format[];

/** The version of the adslot library inside. */
export function version(): string;

/** Loads the module from compiled bytes or a WebAssembly.Module (edge runtimes). */
export function initSync(init: { module: BufferSource | WebAssembly.Module }): unknown;

/** Loads the module from a URL, a Response, bytes or a WebAssembly.Module. */
export function init(init?: {
  module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
}): Promise<unknown>;
