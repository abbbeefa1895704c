#!/usr/bin/env node
// The live rule playground (issue 14) in headless Chromium, from file:// and from a static HTTP
// server on 127.0.0.1: a spacing change typed into the editor moves the slots to where
// `adslot place` puts them with the edited rule file; an error typed is marked at the line and
// column `adslot check` names, with its message and help; undone, the preview is back; an HTML
// article pasted gets the slots `adslot place` gives it, and a JSON article that does not read
// is listed at `adslot place`'s line and column. Nothing may be fetched but the page.
//
//   examples/playground/build.sh && node tests/browser/playground.mjs --adslot target/debug/adslot
//
// Exits 1 with every failure listed.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from './lib/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const DIST = join(root, 'examples/playground/dist');
const SEED = 'tests/fixtures/upi-xi-global-internet.json';
const PASTED = 'tests/fixtures/real/guardian-1.html';
const TOLERANCE_PX = 2;
/** The editor's debounce: no redraw may come sooner after the last keystroke. */
const DEBOUNCE_MS = 250;

const args = process.argv.slice(2);
const at = args.indexOf('--adslot');
const adslot = resolve(at >= 0 ? args[at + 1] : join(root, 'target/debug/adslot'));

const failures = [];
const fail = (message) => failures.push(message);
const work = mkdtempSync(join(tmpdir(), 'adslot-playground-'));

for (const f of ['index.html', 'playground.js']) {
  if (!existsSync(join(DIST, f))) {
    console.error(`playground: ${join(DIST, f)} is missing: run examples/playground/build.sh`);
    process.exit(1);
  }
}

/** `adslot place` on `article` with the rule file `text`: its placements. */
function cliPlan(article, text, device) {
  const rules = join(work, 'rules.toml');
  writeFileSync(rules, text);
  const out = execFileSync(adslot, ['place', article, '--rules', rules, '--device', device, '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out).placements;
}

/** `adslot check` on the rule file `text`: [line, column, message] of its first `severity`. */
function cliCheck(text, severity) {
  const rules = join(work, 'rules.toml');
  writeFileSync(rules, text);
  const r = spawnSync(adslot, ['check', rules], { encoding: 'utf8' });
  const m = new RegExp(`^${severity}: .*?:(\\d+):(\\d+): (.*)$`, 'm').exec(r.stdout + r.stderr);
  if (r.status !== (severity === 'error' ? 1 : 0) || !m) throw new Error(`adslot check did not give a ${severity}: ${r.status} ${r.stdout}${r.stderr}`);
  return [Number(m[1]), Number(m[2]), m[3]];
}

/** `adslot place --input-format json` on the article `text`: [line, column, message] of its error. */
function cliPlaceError(text) {
  const article = join(work, 'article.json');
  writeFileSync(article, text);
  const r = spawnSync(adslot, ['place', article, '--rules', join(root, 'rules/upi.toml'), '--input-format', 'json'], { encoding: 'utf8' });
  const m = /^error: .*?:(\d+):(\d+): (.*)$/m.exec(r.stderr);
  if (r.status !== 1 || !m) throw new Error(`adslot place did not fail as expected: ${r.status} ${r.stderr}`);
  return [Number(m[1]), Number(m[2]), m[3]];
}

/** A static server of dist/ on 127.0.0.1 (any free port). */
async function serve() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.ADSLOT_CHROMIUM ?? DEFAULT_CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
});
const server = await serve();
const origins = {
  'file://': pathToFileURL(join(DIST, 'index.html')).href,
  http: `http://127.0.0.1:${server.address().port}/`,
};
const served = new Set([origins['file://'], pathToFileURL(join(DIST, 'playground.js')).href, origins.http, `${origins.http}playground.js`]);

let checks = 0;
for (const [how, url] of Object.entries(origins)) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, deviceScaleFactor: 1 });
  // Self-contained: the page and its script, nothing else (refused and counted a failure).
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (served.has(u)) return route.continue();
    fail(`${how}: the playground asked for ${u}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`${how}: page error: ${e.message}`));
  try {
    await scenario(how, page, url);
  } catch (e) {
    fail(`${how}: ${e.stack ?? e}`);
  }
  await context.close();
}
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });

if (failures.length) {
  console.error(`playground: ${failures.length} failure(s)`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`playground: ${checks} checks passed, from file:// and http`);

/** Waits for the next drawing after `renders` and returns its outcome. */
async function drawn(page, renders) {
  await page.waitForFunction((n) => Number(document.documentElement.dataset.renders ?? 0) > n, renders, { timeout: 15000 });
  return page.evaluate(() => document.documentElement.dataset.outcome);
}

function renders(page) {
  return page.evaluate(() => Number(document.documentElement.dataset.renders ?? 0));
}

/** The slot boxes of the preview's panel for `device`, as Chromium laid them out. */
async function slots(page, device) {
  const frame = page.frameLocator('#preview');
  const panel = frame.locator(`section.panel[data-device="${device}"]`);
  await panel.waitFor();
  return panel.evaluate((section) => {
    const column = section.querySelector('.page').getBoundingClientRect();
    return [...section.querySelectorAll('.slot')].map((e) => ({
      gap: Number(e.dataset.gap),
      slot: e.dataset.slot,
      ordinal: Number(e.dataset.ordinal),
      top: e.getBoundingClientRect().top - column.top,
      height: e.getBoundingClientRect().height,
    }));
  });
}

/** The preview's slots held to `adslot place`'s placements. */
function same(how, what, got, placements) {
  checks += 1;
  const gaps = (xs) => xs.map((x) => x.gap ?? x.before_block).join(',');
  if (got.length !== placements.length || gaps(got) !== gaps(placements)) {
    fail(`${how}: ${what}: slots at gaps [${gaps(got)}], adslot place puts them at [${gaps(placements)}]`);
    return;
  }
  placements.forEach((p, i) => {
    const s = got[i];
    if (s.slot !== p.slot || s.ordinal !== p.ordinal) fail(`${how}: ${what}: slot ${i + 1} is ${s.slot} #${s.ordinal}, adslot place's ${p.slot} #${p.ordinal}`);
    if (Math.abs(s.top - p.top_px) > TOLERANCE_PX || Math.abs(s.height - p.height_px) > TOLERANCE_PX) {
      fail(`${how}: ${what}: slot ${p.ordinal} at ${s.top.toFixed(1)} px, ${s.height.toFixed(1)} px high; adslot place: ${p.top_px}, ${p.height_px}`);
    }
  });
}

/** Selects `find` in the editor (the first match) so typing replaces it. */
async function select(page, find) {
  const found = await page.evaluate((text) => {
    const area = document.querySelector('#editor textarea');
    const i = area.value.indexOf(text);
    if (i < 0) return false;
    area.focus();
    area.setSelectionRange(i, i + text.length);
    return true;
  }, find);
  if (!found) throw new Error(`the editor has no "${find}"`);
}

function editorText(page) {
  return page.locator('#editor textarea').inputValue();
}

/**
 * The editor marks one `severity` problem, at `adslot check`'s line and column (mark, gutter),
 * lists it with its message (and help matching `help`), and clicking it puts the caret there.
 */
async function marked(how, page, severity, [line, column, message], help) {
  checks += 1;
  const mark = page.locator(`#editor .marks mark.${severity}`);
  if ((await mark.count()) !== 1) {
    fail(`${how}: ${await mark.count()} ${severity} marks in the editor, expected one (${line}:${column}: ${message})`);
    return;
  }
  const got = await mark.evaluate((m) => [Number(m.dataset.line), Number(m.dataset.column), m.title]);
  if (got[0] !== line || got[1] !== column) fail(`${how}: the ${severity} is marked at ${got[0]}:${got[1]}, adslot check says ${line}:${column}`);
  // Drawn over that character of the text: the same character, as far from the line's start as
  // the text before it is wide in the editor's font, on that line.
  const drawnAt = await mark.evaluate((m, [l, c]) => {
    const area = document.querySelector('#editor textarea');
    const style = getComputedStyle(area);
    const chars = Array.from(area.value.split('\n')[l - 1] ?? '');
    const g = document.createElement('canvas').getContext('2d');
    g.font = style.font;
    const box = m.getBoundingClientRect();
    const origin = area.getBoundingClientRect();
    return {
      char: m.textContent,
      expected: chars[c - 1] ?? ' ',
      x: box.left - origin.left - parseFloat(style.paddingLeft) + area.scrollLeft,
      expectedX: g.measureText(chars.slice(0, c - 1).join('')).width,
      y: box.top - origin.top - parseFloat(style.paddingTop) + area.scrollTop,
      expectedY: (l - 1) * parseFloat(style.lineHeight),
    };
  }, [line, column]);
  if (drawnAt.char !== drawnAt.expected || Math.abs(drawnAt.x - drawnAt.expectedX) > 1 || Math.abs(drawnAt.y - drawnAt.expectedY) > 2) {
    fail(`${how}: the ${severity} mark is drawn over "${drawnAt.char}" at x ${drawnAt.x.toFixed(1)}, y ${drawnAt.y.toFixed(1)}; ${line}:${column} is "${drawnAt.expected}" at x ${drawnAt.expectedX.toFixed(1)}, y ${drawnAt.expectedY.toFixed(1)}`);
  }
  if (!message.startsWith(got[2].split(' (help: ')[0])) fail(`${how}: the mark says "${got[2]}", adslot check "${message}"`);
  const gutter = await page.locator(`#editor .gutter .n.${severity}`).allInnerTexts();
  if (gutter.length !== 1 || gutter[0].replace(/\D/g, '') !== String(line)) fail(`${how}: the gutter marks lines [${gutter}], not line ${line}`);
  const item = page.locator(`#problems .problem.${severity}`);
  const listed = (await item.count()) === 1 ? await item.innerText() : '';
  if (!listed.includes(`:${line}:${column}`) || !listed.includes(message.split(' (')[0])) {
    fail(`${how}: the problem list says "${listed}", adslot check "${line}:${column}: ${message}"`);
  }
  if (help && !help.test(listed)) fail(`${how}: the problem list gives no help matching ${help}: "${listed}"`);
  if (!listed) return;
  await item.click();
  const caret = await page.evaluate(() => {
    const a = document.querySelector('#editor textarea');
    const upTo = a.value.slice(0, a.selectionStart).split('\n');
    return [upTo.length, Array.from(upTo[upTo.length - 1]).length + 1];
  });
  if (caret[0] !== line || caret[1] !== column) fail(`${how}: clicking the problem puts the caret at ${caret}, not ${line}:${column}`);
}

async function scenario(how, page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.outcome !== undefined, null, { timeout: 30000 });
  const outcome = await page.evaluate(() => document.documentElement.dataset.outcome);
  if (outcome !== 'ok') throw new Error(`the first drawing is "${outcome}": ${await page.locator('#status').innerText()}`);
  const upi = readFileSync(join(root, 'rules/upi.toml'), 'utf8');
  checks += 1;
  if ((await editorText(page)) !== upi) fail(`${how}: the editor does not start on rules/upi.toml`);
  const before = await slots(page, 'mobile');
  same(how, 'rules/upi.toml on the seed', before, cliPlan(SEED, upi, 'mobile'));

  // A spacing change: four paragraphs before the first ad instead of two.
  await select(page, 'min_paragraphs_before_first = 2');
  let n = await renders(page);
  await page.keyboard.type('min_paragraphs_before_first = 4');
  const typed = performance.now();
  checks += 1;
  if ((await renders(page)) !== n) fail(`${how}: the preview was redrawn before typing stopped`);
  if ((await drawn(page, n)) !== 'ok') fail(`${how}: the spacing change did not draw`);
  if (performance.now() - typed < DEBOUNCE_MS - 20) fail(`${how}: redrawn ${(performance.now() - typed).toFixed(0)} ms after typing stopped`);
  const spaced = await editorText(page);
  const after = await slots(page, 'mobile');
  checks += 1;
  if (after.map((s) => s.gap).join() === before.map((s) => s.gap).join()) fail(`${how}: the spacing change moved no slot`);
  same(how, 'min_paragraphs_before_first = 4', after, cliPlan(SEED, spaced, 'mobile'));

  // A warning (an in-flow slot no [[slot]] names): marked where adslot check says, the preview
  // drawn all the same.
  await select(page, 'slot = "inline"\n');
  n = await renders(page);
  await page.keyboard.type('slot = "inlne"\n');
  if ((await drawn(page, n)) !== 'ok') fail(`${how}: a rule file with a warning does not draw`);
  await marked(how, page, 'warning', cliCheck(await editorText(page), 'warning'), /help: .*`inline`/);

  // Errors, each marked where adslot check says: a misspelt key (with help), a bad value.
  for (const [find, typed, help] of [
    ['min_words_between = 100', 'min_word_between = 100', /help: .*min_words_between/],
    ['min_word_between = 100', 'min_words_between = -100', null],
  ]) {
    await select(page, find);
    n = await renders(page);
    await page.keyboard.type(typed);
    if ((await drawn(page, n)) !== 'rules-error') fail(`${how}: "${typed}" is not an error in the page`);
    await marked(how, page, 'error', cliCheck(await editorText(page), 'error'), help);
    if (!(await page.locator('#preview-pane').evaluate((e) => e.classList.contains('stale')))) fail(`${how}: the old preview is not shown as stale`);
  }

  // Undone with the keyboard: the spacing change's rules again, no error, the same slots.
  await page.locator('#editor textarea').focus();
  n = await renders(page);
  for (let i = 0; i < 200 && (await editorText(page)) !== spaced; i += 1) await page.keyboard.press('Control+z');
  checks += 1;
  if ((await editorText(page)) !== spaced) fail(`${how}: undo does not bring the spacing change's text back`);
  if ((await drawn(page, n)) !== 'ok') fail(`${how}: the undone rule file does not draw`);
  if ((await page.locator('#editor .marks mark').count()) !== 0) fail(`${how}: a mark stays after undo`);
  same(how, 'after undo', await slots(page, 'mobile'), cliPlan(SEED, spaced, 'mobile'));

  // An HTML article pasted, on desktop.
  await page.locator('#article').selectOption('paste');
  await page.locator('#device').selectOption('desktop');
  n = await renders(page);
  await page.locator('#paste-text').fill(readFileSync(join(root, PASTED), 'utf8'));
  if ((await drawn(page, n)) !== 'ok') fail(`${how}: the pasted HTML does not draw: ${await page.locator('#status').innerText()}`);
  const pasted = await slots(page, 'desktop');
  const plan = cliPlan(PASTED, spaced, 'desktop');
  checks += 1;
  if (plan.length === 0) fail(`${how}: ${PASTED} gets no slot: pick an article that does`);
  same(how, `${PASTED} pasted`, pasted, plan);

  // A JSON article that does not read: its problem listed at adslot place's line and column.
  const bad = '{"blocks": [\n  {"kind": "paragrap"}]}';
  await page.locator('#format').selectOption('json');
  n = await renders(page);
  await page.locator('#paste-text').fill(bad);
  checks += 1;
  if ((await drawn(page, n)) !== 'article-error') fail(`${how}: a misspelt block kind is no article error in the page`);
  const [line, column, message] = cliPlaceError(bad);
  const listed = await page.locator('#article-problems').innerText();
  if (!listed.includes(`:${line}:${column}`) || !listed.includes(message.split(' (')[0])) {
    fail(`${how}: the article problem says "${listed}", adslot place "${line}:${column}: ${message}"`);
  }
}
