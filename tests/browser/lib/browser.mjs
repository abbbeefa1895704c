// One headless Chromium per Judge: launching it, a few reusable tabs, the offline request
// filter, time-outs, and the fonts Chromium actually drew with (DevTools protocol).

import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { inPage } from './inpage.js';
import { JudgeError, readPage, readParagraphsJob } from './job.mjs';

/** The flags the judge gives Chromium (Playwright adds its own automation defaults). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const FONT_FILE = /\.(ttf|otf|ttc|otc|woff2?)$/i;
const SETUP = 'run tests/browser/setup.sh';

/** A running headless Chromium that renders pages and paragraphs and measures them. */
export class Judge {
  /**
   * Starts Chromium with a new profile directory.
   * @param {object} [o]
   * @param {string} [o.chromium]    the browser (default $ADSLOT_CHROMIUM, else /usr/bin/chromium)
   * @param {number} [o.timeoutMs]   per page or per batch of paragraphs (default 60 s)
   * @param {number} [o.launchTimeoutMs] to start Chromium, and to open a tab (default 30 s)
   * @param {number} [o.concurrency] tabs measuring at once (default 1)
   * @param {boolean} [o.exhaustive] probe every character, not every word (slow; for tests)
   */
  static async launch(o = {}) {
    const chromium = o.chromium ?? process.env.ADSLOT_CHROMIUM ?? DEFAULT_CHROMIUM;
    try {
      accessSync(chromium, constants.X_OK);
    } catch {
      throw new JudgeError(`Chromium not found at ${chromium}: ${SETUP} (it installs Debian's chromium), or set ADSLOT_CHROMIUM`);
    }
    let playwright;
    try {
      playwright = await import('playwright-core');
    } catch (e) {
      throw new JudgeError(`playwright-core is not installed (${e.code ?? e.message}): ${SETUP}`);
    }
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'adslot-judge-'));
    const blank = join(dir, 'blank.html');
    // Relative URLs in an article resolve to a host that does not exist, never to local files.
    writeFileSync(blank, '<!doctype html><html><head><meta charset="utf-8"><base href="https://article.invalid/"></head><body></body></html>');
    let context;
    try {
      context = await playwright.chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: chromium,
        headless: true,
        args: CHROMIUM_ARGS,
        javaScriptEnabled: false,
        serviceWorkers: 'block',
        viewport: { width: 800, height: 800 },
        deviceScaleFactor: 1,
        timeout: o.launchTimeoutMs ?? 30_000, // to start Chromium, and to open each tab
      });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw new JudgeError(`Chromium (${chromium}) did not start: ${firstLine(e.message)}; ${SETUP}`);
    }
    const judge = new Judge(context, dir, pathToFileURL(blank).href, o);
    judge.launchMs = performance.now() - started;
    return judge;
  }

  constructor(context, dir, blankUrl, o) {
    this.context = context;
    this.dir = dir;
    this.blankUrl = blankUrl;
    this.timeoutMs = o.timeoutMs ?? 60_000;
    this.launchTimeoutMs = o.launchTimeoutMs ?? 30_000;
    this.concurrency = Math.max(1, Math.floor(o.concurrency ?? 1));
    this.exhaustive = Boolean(o.exhaustive);
    this.version = context.browser()?.version() ?? null;
    this.tabs = [];
    this.closed = false;
    this.disconnected = false;
    context.on('close', () => {
      this.disconnected = true;
    });
    this.cleanup = () => rmSync(dir, { recursive: true, force: true });
    process.once('exit', this.cleanup);
  }

  /**
   * Renders each page and measures it. Pages are `{ id, html, css, width_px, viewport_px, lang,
   * fonts, images }` (see README.md); results come back in the same order, one per page, either
   * the measurements or `{ id, error }` (a font that failed to load, a time-out, a crash).
   */
  async pages(pages) {
    const read = pages.map((p, i) => readPage(p, `pages[${i}]`, i));
    return this.#spread(read, (tab, page) => this.#measurePage(tab, page));
  }

  /**
   * Lays out every text as its own `<p>` in one column and returns, per text, its line count,
   * the code-point offsets where its lines start, the lines' widths and the paragraph's height.
   * Throws a JudgeError if any batch fails.
   */
  async paragraphs(job) {
    const j = readParagraphsJob(job, 'paragraphs job');
    const named = namedFaces(j.css);
    const batches = [];
    for (let i = 0; i < j.texts.length; i += j.chunk) batches.push(j.texts.slice(i, i + j.chunk));
    const started = performance.now();
    const results = await this.#spread(batches, async (tab, texts) => {
      const r = await tab.run({ mode: 'paragraphs', css: j.css, width_px: j.width_px, lang: j.lang, texts, exhaustive: this.exhaustive }, j.viewport, new Map());
      if (r.error) return r;
      const fonts = await tab.contextFonts(named);
      if (fonts.length !== r.contexts.length) throw broken('the page changed while its fonts were read');
      r.contexts.forEach((p, k) => {
        if (p >= 0) addFonts(r.paragraphs[p], fonts[k]);
      });
      return { ...r, fonts_used: mergeFonts(fonts) };
    });
    const failed = results.find((r) => r.error);
    if (failed) throw new JudgeError(`paragraphs job: ${failed.error}`);
    const fontsUsed = mergeFonts(results.map((r) => r.fonts_used));
    return {
      chromium: this.version,
      paragraphs: results.flatMap((r) => r.paragraphs),
      fonts_used: fontsUsed,
      fallback_fonts: fontsUsed.filter((f) => !f.named).map((f) => f.family),
      ms: Math.round(performance.now() - started),
      // In the page: setting the batches in (to fonts and images loaded), and reading them back.
      settle_ms: Math.round(results.reduce((a, r) => a + r.settle_ms, 0)),
      measure_ms: Math.round(results.reduce((a, r) => a + r.measure_ms, 0)),
    };
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.context.close().catch(() => null);
    this.cleanup();
    process.removeListener('exit', this.cleanup);
  }

  async #measurePage(tab, page) {
    const started = performance.now();
    const r = await tab.run({ mode: 'page', css: page.css, width_px: page.width_px, lang: page.lang, html: page.html, exhaustive: this.exhaustive }, page.viewport, page.images);
    if (r.error) return { id: page.id, error: r.error };
    const fonts = await tab.contextFonts(namedFaces(page.css));
    if (fonts.length !== r.contexts.length) throw broken('the page changed while its fonts were read');
    // A block's fonts are those of the inline contexts inside it, nested blocks included.
    r.contexts.forEach((b, k) => {
      for (let i = b; i >= 0; i = r.blocks[i].parent) addFonts(r.blocks[i], fonts[k]);
    });
    const used = mergeFonts(fonts);
    return {
      id: page.id,
      height_px: r.height_px,
      width_px: r.width_px,
      viewport_px: page.viewport,
      blocks: r.blocks,
      slots: r.slots,
      marks: r.marks,
      fonts_used: used,
      fallback_fonts: used.filter((f) => !f.named).map((f) => f.family),
      blocked_requests: r.blocked,
      ms: Math.round(performance.now() - started),
    };
  }

  // Runs `work` over `items` on up to `concurrency` tabs; results in the items' order. A tab that
  // timed out or crashed gives that item an error and is replaced by a new one.
  async #spread(items, work) {
    if (this.closed) throw new JudgeError('the judge is closed');
    const results = new Array(items.length);
    let next = 0;
    const worker = async (slot) => {
      while (next < items.length) {
        const i = next++;
        const id = items[i]?.id;
        try {
          if (!this.tabs[slot]) this.tabs[slot] = await Tab.open(this);
          results[i] = await work(this.tabs[slot], items[i]);
        } catch (e) {
          if (this.disconnected) throw new JudgeError(`Chromium exited unexpectedly: ${firstLine(e.message)}`);
          if (e instanceof JudgeError && !e.tabBroken) throw e;
          results[i] = { ...(id === undefined ? {} : { id }), error: firstLine(e.message) };
          const broken = this.tabs[slot];
          this.tabs[slot] = null;
          await broken?.close();
        }
      }
    };
    const n = Math.min(this.concurrency, Math.max(1, items.length));
    await Promise.all(Array.from({ length: n }, (_, s) => worker(s)));
    return results;
  }
}

/** One browser tab holding the judge's document, reused from page to page. */
class Tab {
  static async open(judge) {
    const page = await judge.context.newPage();
    const tab = new Tab(judge, page);
    page.on('crash', () => {
      tab.crashed = true;
      tab.onCrash?.();
    });
    try {
      await page.route('**/*', (route) => tab.#filter(route));
      await page.goto(judge.blankUrl, { timeout: judge.launchTimeoutMs });
      tab.cdp = await judge.context.newCDPSession(page);
      await tab.cdp.send('DOM.enable');
      await tab.cdp.send('CSS.enable');
    } catch (e) {
      await tab.close();
      throw e;
    }
    return tab;
  }

  constructor(judge, page) {
    this.judge = judge;
    this.page = page;
    this.viewport = null;
    this.images = new Map();
    this.blocked = 0;
  }

  // Offline: the judge's document and font files are read, images listed in the page's `images`
  // get a blank SVG of that size, everything else fails at once.
  #filter(route) {
    const url = route.request().url();
    if (url === this.judge.blankUrl || (url.startsWith('file:') && FONT_FILE.test(new URL(url).pathname))) {
      return route.continue().catch(() => null);
    }
    const size = this.images.get(url);
    if (size) {
      const body = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"/>`;
      return route.fulfill({ status: 200, contentType: 'image/svg+xml', body }).catch(() => null);
    }
    this.blocked++;
    return route.abort('blockedbyclient').catch(() => null);
  }

  /** Puts `arg` into the document and measures it, within the judge's time-out. */
  async run(arg, viewport, images) {
    if (this.crashed) throw broken('the tab crashed');
    if (!this.viewport || this.viewport.width !== viewport.width || this.viewport.height !== viewport.height) {
      await this.page.setViewportSize(viewport);
      this.viewport = viewport;
    }
    this.images = images;
    this.blocked = 0;
    const ms = this.judge.timeoutMs;
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(broken(`timed out after ${ms} ms (raise timeoutMs / --timeout-ms)`)), ms);
      this.onCrash = () => reject(broken('Chromium\'s renderer crashed on this page'));
    });
    try {
      const r = await Promise.race([this.page.evaluate(inPage, arg), limit]);
      return { ...r, blocked: this.blocked };
    } finally {
      clearTimeout(timer);
      this.onCrash = null;
    }
  }

  /** The platform fonts Chromium drew each marked inline formatting context with, in order. */
  async contextFonts(named) {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await this.cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-adslot-judge-ifc]' });
    return Promise.all(nodeIds.map(async (nodeId) => platformFonts(await this.cdp.send('CSS.getPlatformFontsForNode', { nodeId }), named)));
  }

  async close() {
    await this.page.close().catch(() => null);
  }
}

// `named`: whether the job asked for this face: a web font (Chromium's "custom" fonts: the job's
// @font-face files) or an installed face a local() source names. Anything else is a fallback.
function platformFonts(r, named) {
  return r.fonts.map((f) => {
    const font = { family: f.familyName, postscript: f.postScriptName, custom: f.isCustomFont, glyphs: f.glyphCount };
    return { ...font, named: named(font) };
  });
}

// The installed faces the job's local() sources name (by full or PostScript name).
function namedFaces(css) {
  const names = [];
  for (const m of css.matchAll(/local\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/g)) names.push((m[1] ?? m[2] ?? m[3]).trim());
  return (f) => f.custom || names.some((n) => n === f.postscript || n === f.family || n.startsWith(`${f.family} `));
}

// Adds an inline context's fonts to a block or paragraph: `fonts` all of them, `fallback_fonts`
// those the job did not name (absent when there are none).
function addFonts(target, fonts) {
  const add = (key, list) => {
    if (list.length) target[key] = [...new Set([...(target[key] ?? []), ...list])];
  };
  add('fonts', fonts.map((f) => f.family));
  add('fallback_fonts', fonts.filter((f) => !f.named).map((f) => f.family));
}

function mergeFonts(lists) {
  const byName = new Map();
  for (const f of lists.flat()) {
    const key = `${f.postscript}\u0000${f.custom}`;
    const seen = byName.get(key);
    if (seen) seen.glyphs += f.glyphs;
    else byName.set(key, { ...f });
  }
  return [...byName.values()].sort((a, b) => b.glyphs - a.glyphs);
}

function broken(message) {
  const e = new JudgeError(message);
  e.tabBroken = true;
  return e;
}

function firstLine(s) {
  return String(s).split('\n')[0];
}
