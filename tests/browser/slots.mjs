#!/usr/bin/env node
// Where adslot's slots land in Chromium: each fixture's HTML with the slots `adslot place --format
// html` inserts, rendered with the stylesheet the device profile describes (font, line height,
// block gaps, heading scale, image aspect, embed height), against the plan's `top_px` and
// `page_height_px`. The "before" figures for issues 8 and 9 (slot positions, page height).
//
//   node tests/browser/slots.mjs --adslot target/release/adslot [--rules rules/default.toml] [--json out.json]

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CJK, DEVICES, FACES, FALLBACK, quantile } from './baseline.mjs';
import { Judge, JudgeError } from './judge.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

/**
 * The stylesheet adslot's device profile describes: every block in the body face at the body
 * size and line height with `block_gap_px` below it, headings scaled by `heading_scale`, images
 * column wide at the aspect of their width/height attributes (else `image_aspect`) with the gap
 * below unless inside a figure or text, embeds `embed_height_px` tall, slots without margins
 * (their reserved height holds label and margins).
 */
export function deviceCss(device, families) {
  const blocks = ':is(p,h1,h2,h3,h4,h5,h6,blockquote,ul,ol,dl,figure,pre,table,hr,iframe,video)';
  const h = device.heading_scale;
  return [
    `.adslot-judge-root{font-family:${families};font-size:${device.font_px}px;line-height:${device.line_height_px}px}`,
    `.adslot-judge-root ${blocks}{margin:0 0 ${device.block_gap_px}px}`,
    `.adslot-judge-root :is(h1,h2,h3,h4,h5,h6){font-size:${device.font_px * h}px;line-height:${device.line_height_px * h}px;font-weight:normal}`,
    '.adslot-judge-root img{display:block;width:100%;height:auto}',
    `.adslot-judge-root img:not([width][height]){aspect-ratio:${device.image_aspect}}`,
    `.adslot-judge-root img:not(:is(figure,p,li,td,th,a,span,picture) img){margin:0 0 ${device.block_gap_px}px}`,
    `.adslot-judge-root :is(iframe,video,embed,object){display:block;width:100%;height:${device.embed_height_px}px;border:0}`,
    '.adslot-judge-root [data-adslot]{margin:0}',
  ].join('\n');
}

function place(adslot, file, rules, device, format) {
  return execFileSync(adslot, ['place', file, '--rules', rules, '--device', device.name, '--format', format], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

async function main(argv) {
  const o = { adslot: process.env.ADSLOT_BIN ?? join(repo, 'target', 'release', 'adslot'), rules: join(repo, 'rules', 'default.toml'), fixtures: join(repo, 'tests', 'fixtures', 'real'), json: null };
  for (let i = 0; i < argv.length; i++) {
    const key = { '--adslot': 'adslot', '--rules': 'rules', '--fixtures': 'fixtures', '--json': 'json' }[argv[i]];
    if (!key || i + 1 >= argv.length) throw new JudgeError(`bad argument ${argv[i]}; usage: node slots.mjs [--adslot PATH] [--rules FILE] [--fixtures DIR] [--json OUT]`);
    o[key] = argv[++i];
  }
  if (!existsSync(o.adslot)) throw new JudgeError(`adslot not found at ${o.adslot}: build it (cargo build --release) or pass --adslot PATH`);
  const files = readdirSync(o.fixtures).filter((f) => f.endsWith('.html')).sort().map((f) => join(o.fixtures, f));
  const cjk = existsSync(CJK.file);
  const families = `"Body","Fallback"${cjk ? ',"CJK"' : ''}`;
  const judge = await Judge.launch();
  const rows = [];
  try {
    for (const device of DEVICES) {
      const articles = files.map((file) => ({
        id: basename(file, '.html'),
        plan: JSON.parse(place(o.adslot, file, o.rules, device, 'json')),
        html: place(o.adslot, file, o.rules, device, 'html'),
      }));
      for (const face of FACES.filter((f) => existsSync(f.file))) {
        const fonts = [{ family: 'Body', file: face.file }, FALLBACK, ...(cjk ? [{ family: CJK.family, local: CJK.local }] : [])];
        const css = deviceCss(device, families);
        const started = performance.now();
        const pages = await judge.pages(articles.map((a) => ({ id: a.id, html: a.html, css, width_px: device.width_px, viewport_px: device.viewport_px, fonts })));
        const ms = performance.now() - started;
        const slotErrors = [];
        const heightErrors = [];
        pages.forEach((p, k) => {
          if (p.error) throw new JudgeError(`${p.id}: ${p.error}`);
          const plan = articles[k].plan;
          const byOrdinal = new Map(p.slots.map((s) => [s.ordinal, s]));
          for (const placed of plan.placements) {
            const got = byOrdinal.get(placed.ordinal);
            if (!got) throw new JudgeError(`${p.id}: slot ${placed.ordinal} of the plan is not in the page`);
            slotErrors.push(got.top_px - placed.top_px);
          }
          const bottom = Math.max(0, ...p.blocks.map((b) => b.top_px + b.height_px));
          if (plan.page_height_px > 0) heightErrors.push((plan.page_height_px - bottom) / bottom);
        });
        const abs = slotErrors.map(Math.abs);
        rows.push({
          face: face.name, device: device.name, pages: pages.length, slots: slotErrors.length,
          slot_error_median_px: quantile(abs, 0.5), slot_error_p90_px: quantile(abs, 0.9),
          slot_shift_median_px: quantile(slotErrors, 0.5),
          page_height_error_median: quantile(heightErrors, 0.5), page_height_error_p90_abs: quantile(heightErrors.map(Math.abs), 0.9),
          chromium_ms: Math.round(ms),
        });
        process.stderr.write(`slots: ${device.name} ${face.name}: ${pages.length} pages in ${(ms / 1000).toFixed(2)} s\n`);
      }
    }
  } finally {
    await judge.close();
  }
  const px = (x) => `${Math.round(x)} px`;
  const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  const out = [
    `adslot's slots (${basename(o.rules)}) in Chromium ${judge.version}, ${files.length} fixture pages, styled as the device profile says.`,
    '',
    '| face | device | slots | slot top error, median | p90 | median shift (Chromium - plan) | page height error, median | p90 of \\|error\\| |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.face} | ${r.device} | ${r.slots} | ${px(r.slot_error_median_px)} | ${px(r.slot_error_p90_px)} | ${px(r.slot_shift_median_px)} | ${pct(r.page_height_error_median)} | ${pct(r.page_height_error_p90_abs).replace('+', '')} |`),
    '',
    'Page height error: (plan - Chromium) / Chromium, Chromium\'s height the bottom of the last block.',
  ];
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ chromium: judge.version, rows }, null, 1)}\n`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (out) => process.stdout.write(`${out}\n`),
    (e) => {
      process.stderr.write(`error: ${e instanceof JudgeError ? e.message : e.stack}\n`);
      process.exitCode = 1;
    },
  );
}
