#!/usr/bin/env node
// The HTML preview (issue 14) held to headless Chromium: every fixture's `adslot preview --html
// --device all` page opened offline; every slot box's top and height in the DOM within 2 px of
// the plan `adslot place --format json` gives, one marker per gap with the plan's verdict, the
// `--explain` reasons shown when a marker is opened with the keyboard or a click (and hidden
// before); and screenshots of a few pages compared with reviewed reference images.
//
//   node tests/browser/workbench.mjs --adslot target/debug/adslot          # check
//   node tests/browser/workbench.mjs --adslot target/debug/adslot --update # rewrite references
//
// Exits 1 with every failure listed. Pixel comparison runs in the page (two canvases), so
// nothing beyond playwright-core is needed.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from './lib/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const RULES = join(root, 'rules/default.toml');
const REFERENCES = join(here, 'reference/workbench');
/** The pages whose screenshots are compared (a short, a long and a CJK article). */
const SHOT_FIXTURES = ['aclu.json', 'upi-xi-global-internet.json', 'pixnet.json'];
const TOLERANCE_PX = 2;
/** A pixel differs when a channel differs by more than this; a page when more than SHOT_SHARE do. */
const CHANNEL = 48;
const SHOT_SHARE = 0.005;

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const adslot = resolve(flag('--adslot') ?? join(root, 'target/debug/adslot'));
const update = args.includes('--update');

const failures = [];
const fail = (message) => failures.push(message);

function run(argv) {
  return execFileSync(adslot, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

const fixtures = [
  ...readdirSync(join(root, 'tests/fixtures/real')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => join(root, 'tests/fixtures/real', f)),
  join(root, 'tests/fixtures/upi-xi-global-internet.json'),
];
const devices = ['mobile', 'desktop'];
const out = mkdtempSync(join(tmpdir(), 'adslot-workbench-'));
const started = performance.now();
run(['preview', ...fixtures, '--rules', RULES, '--device', 'all', '--html', out]);

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.ADSLOT_CHROMIUM ?? DEFAULT_CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
});
const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 1 });
let requests = 0;
// Self-contained: anything but the page itself is a failure (and is refused).
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith('file://') && url.endsWith('.html')) return route.continue();
  requests += 1;
  fail(`${url}: the preview asked for it (the page must be self-contained)`);
  return route.abort();
});
const page = await context.newPage();

let slots = 0;
let gaps = 0;
let opened = 0;
let shots = 0;
for (const fixture of fixtures) {
  const name = basename(fixture);
  await page.goto(pathToFileURL(join(out, `${name}.html`)).href);
  for (const device of devices) {
    const plan = JSON.parse(run(['place', fixture, '--rules', RULES, '--device', device, '--format', 'json', '--explain']));
    const where = `${name} ${device}`;
    const panel = page.locator(`section.panel[data-device="${device}"]`);
    if ((await panel.count()) !== 1) {
      fail(`${where}: no panel`);
      continue;
    }
    // Boxes as Chromium laid them out, relative to the page column.
    const dom = await panel.evaluate((section) => {
      const column = section.querySelector('.page').getBoundingClientRect();
      const box = (e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top - column.top, height: r.height };
      };
      return {
        slots: [...section.querySelectorAll('.slot')].map((e) => ({ ...box(e), slot: e.dataset.slot, ordinal: Number(e.dataset.ordinal), gap: Number(e.dataset.gap) })),
        gaps: [...section.querySelectorAll('details.gap')].map((e) => ({ gap: Number(e.dataset.gap), placed: e.dataset.placed === 'true' })),
        height: column.height,
      };
    });
    if (dom.slots.length !== plan.placements.length) {
      fail(`${where}: ${dom.slots.length} slot boxes, the plan has ${plan.placements.length}`);
    }
    plan.placements.forEach((p, i) => {
      const s = dom.slots[i];
      if (!s) return;
      slots += 1;
      if (s.slot !== p.slot || s.ordinal !== p.ordinal || s.gap !== p.before_block) {
        fail(`${where}: slot box ${i + 1} is ${s.slot} #${s.ordinal} at gap ${s.gap}, the plan's ${p.slot} #${p.ordinal} at gap ${p.before_block}`);
      }
      if (Math.abs(s.top - p.top_px) > TOLERANCE_PX || Math.abs(s.height - p.height_px) > TOLERANCE_PX) {
        fail(`${where}: slot ${p.ordinal} at ${s.top.toFixed(1)} px, ${s.height.toFixed(1)} px high; the plan: ${p.top_px}, ${p.height_px}`);
      }
    });
    if (Math.abs(dom.height - plan.page_height_px) > TOLERANCE_PX) {
      fail(`${where}: the page column is ${dom.height} px high, the plan's page ${plan.page_height_px} px`);
    }
    const verdicts = plan.gaps;
    if (dom.gaps.length !== verdicts.length) fail(`${where}: ${dom.gaps.length} gap markers for ${verdicts.length} gaps`);
    verdicts.forEach((v, i) => {
      const g = dom.gaps[i];
      gaps += 1;
      if (!g || g.gap !== v.before_block || g.placed !== v.placed) {
        fail(`${where}: gap marker ${i} is ${JSON.stringify(g)}, the plan's gap ${v.before_block} ${v.placed ? 'placed' : 'refused'}`);
      }
    });
    // The reasons: hidden until the marker is opened; then every sentence of the plan shows.
    // The first refused gaps open with the keyboard (Tab focus, Enter), a placed one by a click.
    const refused = verdicts.filter((v) => !v.placed && v.reasons.length > 0).slice(0, 3);
    const placed = verdicts.filter((v) => v.placed).slice(0, 1);
    for (const v of [...refused, ...placed]) {
      const marker = panel.locator(`details.gap[data-gap="${v.before_block}"]`);
      const why = marker.locator('.why');
      if (await why.isVisible()) fail(`${where}: gap ${v.before_block}'s reasons show before it is opened`);
      const summary = marker.locator('summary');
      if (v.placed) {
        await summary.click();
      } else {
        await summary.focus();
        await page.keyboard.press('Enter');
      }
      if (!(await why.isVisible())) {
        fail(`${where}: gap ${v.before_block}'s reasons do not show when opened`);
      } else {
        const text = await why.innerText();
        for (const r of v.reasons) {
          if (!text.includes(r.text)) fail(`${where}: gap ${v.before_block} opened does not say "${r.text}"`);
        }
        if (v.placed && !text.includes('placed')) fail(`${where}: placed gap ${v.before_block} does not say it is placed`);
        opened += 1;
      }
      await summary.click(); // closed again, so screenshots show the page as loaded
      if (await why.isVisible()) fail(`${where}: gap ${v.before_block}'s reasons stay after closing`);
    }
  }
  if (SHOT_FIXTURES.includes(name)) {
    await page.goto(pathToFileURL(join(out, `${name}.html`)).href); // fresh: every marker closed
    const shot = await page.screenshot(); // the first 900 px: header, top slots, markers
    const reference = join(REFERENCES, `${name.replace(/\.json$/, '')}.png`);
    if (update || !existsSync(reference)) {
      if (!update) fail(`${reference}: no reference image (run with --update, then review it)`);
      mkdirSync(REFERENCES, { recursive: true });
      writeFileSync(reference, shot);
    } else {
      const d = await compare(page, readFileSync(reference), shot);
      shots += 1;
      if (d.size) {
        fail(`${name}: screenshot is ${d.width}x${d.height}, the reference ${d.refWidth}x${d.refHeight}`);
      } else if (d.share > SHOT_SHARE) {
        fail(`${name}: ${(d.share * 100).toFixed(2)}% of pixels differ from the reference (tolerance ${SHOT_SHARE * 100}%)`);
      }
    }
  }
}
await browser.close();
rmSync(out, { recursive: true, force: true });

/** Decodes both PNGs in a blank page and counts differing pixels there. */
async function compare(page, reference, shot) {
  await page.goto('about:blank');
  return page.evaluate(async ({ a, b, channel }) => {
    const load = async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return { w: c.width, h: c.height, data: g.getImageData(0, 0, c.width, c.height).data };
    };
    const [r, s] = [await load(a), await load(b)];
    if (r.w !== s.w || Math.abs(r.h - s.h) > 2) return { size: true, width: s.w, height: s.h, refWidth: r.w, refHeight: r.h };
    const h = Math.min(r.h, s.h);
    let differ = 0;
    for (let i = 0; i < r.w * h * 4; i += 4) {
      if (Math.abs(r.data[i] - s.data[i]) > channel || Math.abs(r.data[i + 1] - s.data[i + 1]) > channel
        || Math.abs(r.data[i + 2] - s.data[i + 2]) > channel) differ += 1;
    }
    return { size: false, share: differ / (r.w * h) };
  }, { a: reference.toString('base64'), b: shot.toString('base64'), channel: CHANNEL });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`workbench: ${fixtures.length} previews x ${devices.length} devices: ${slots} slot boxes within ${TOLERANCE_PX} px, ${gaps} gap markers, ${opened} opened with their reasons, ${shots} screenshots against references, ${requests} outside requests; ${seconds} s`);
if (failures.length) {
  console.error(`${failures.length} failures:\n${failures.slice(0, 60).join('\n')}`);
  process.exit(1);
}
