#!/usr/bin/env node
// Issue 8's acceptance test, for CI: adslot's px-mode estimate (examples/estimate.rs) held to
// headless Chromium on the fixture articles (tests/fixtures/real/*.json), per bundled face, mobile
// and desktop, and the candidates mode's promise in the real render. Prints the tables; exits 1
// when a target is missed.
//
//   node tests/browser/estimate.mjs [--estimate target/debug/examples/estimate] [--json out.json]
//
// Per face and device: a rule file naming the face (`font_family`, with Liberation Serif and
// DejaVu Sans as fallback, as the page's CSS has them), every article rendered as adslot sees it
// (text blocks as <p>, headlines and headings as bold <h2> at `heading_scale`, other blocks as
// boxes of the estimated height, `block_gap_px` below each), and compared block by block: line
// counts, line starts, block tops. Targets: >= 99% exact line counts, >= 96% identical breaks,
// article text height error p90 < 0.5%.
//
// Candidates: a plan with `fonts = [CANDIDATES]`, its slots inserted, rendered in each candidate
// face; every pixel rule of the rule file (spacing: min_viewports_between x viewport; from top;
// from bottom) is measured on Chromium's positions: zero violations; and the plan has at most 10%
// fewer ads than the plan made with the one right font.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { quantile } from './baseline.mjs';
import { Judge, JudgeError } from './judge.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
/** The faces adslot bundles metrics for, by rule-file name. */
const FACES = ['times', 'arial', 'dejavu-sans', 'noto-serif', 'roboto', 'open-sans', 'inter'];
/** The candidates the candidates-mode check lists (rules/default.toml's news faces). */
const CANDIDATES = ['times', 'arial', 'roboto', 'noto-serif'];
const DEVICES = ['mobile', 'desktop'];
const VIEWPORT_WIDTH = { mobile: 375, desktop: 1280 };
/** The pixel rules every estimate run uses (the candidates check measures them in Chromium). */
const SPACING = { min_viewports_between: 1.0, min_px_from_top: 300, min_px_from_bottom: 300 };

function rulesFor(device, fontKey) {
  return [
    `[device.${device}]`,
    fontKey,
    'fallback = ["times", "dejavu-sans"]',
    `[device.${device}.spacing]`,
    ...Object.entries(SPACING).map(([k, v]) => `${k} = ${Number.isInteger(v) ? v : v.toFixed(1)}`),
    '',
  ].join('\n');
}

function estimate(bin, dir, device, fontKey, files) {
  const rules = join(dir, `${device}.toml`);
  writeFileSync(rules, rulesFor(device, fontKey));
  return JSON.parse(execFileSync(bin, ['--rules', rules, '--device', device, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const HEADINGS = new Set(['headline', 'heading']);

/** An article as adslot lays it out, with `slots` ({before_block, height_px, ordinal}) inserted. */
function html(blocks, geometry, slots = []) {
  const before = new Map(slots.map((s) => [s.before_block, s]));
  const out = [];
  blocks.forEach((b, i) => {
    const s = before.get(i);
    if (s) out.push(`<div data-adslot="inline" data-ordinal="${s.ordinal}" style="height:${s.height_px}px"></div>`);
    const g = geometry.blocks[i];
    if (g.lines === 0) out.push(`<figure style="height:${g.height_px}px"></figure>`);
    else out.push(HEADINGS.has(b.kind) ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`);
  });
  const last = before.get(blocks.length);
  if (last) out.push(`<div data-adslot="inline" data-ordinal="${last.ordinal}" style="height:${last.height_px}px"></div>`);
  return out.join('\n');
}

function css(profile) {
  const h = profile.heading_scale;
  return [
    `.adslot-judge-root{font-family:"Body","Fallback1","Fallback2";font-size:${profile.font_px}px;line-height:${profile.line_height_px}px;white-space:normal;overflow-wrap:break-word}`,
    `.adslot-judge-root>:is(p,h2,figure){margin:0 0 ${profile.block_gap_px}px;padding:0}`,
    `.adslot-judge-root>h2{font-size:${profile.font_px * h}px;line-height:${profile.line_height_px * h}px;font-weight:bold}`,
    '.adslot-judge-root>[data-adslot]{margin:0}',
  ].join('\n');
}

function fontsFor(builtin, key) {
  const fam = builtin.find((f) => f.key === key || f.aliases.includes(key));
  if (!fam) throw new JudgeError(`no built-in family ${key}`);
  const serif = builtin.find((f) => f.key === 'liberation-serif');
  const dejavu = builtin.find((f) => f.key === 'dejavu-sans');
  const face = (family, files) => [
    { family, file: files[0], weight: '400' },
    { family, file: files[1], weight: '700' },
  ];
  return [...face('Body', fam.files), ...face('Fallback1', serif.files), ...face('Fallback2', dejavu.files)];
}

/** Chromium's top-level blocks of a page, slots apart; checked against the article's count. */
function split(page, n) {
  if (page.error) throw new JudgeError(`${page.id}: ${page.error}`);
  const top = page.blocks.filter((b) => b.depth === 0);
  const blocks = top.filter((b) => !b.slot);
  if (blocks.length !== n) throw new JudgeError(`${page.id}: Chromium shows ${blocks.length} blocks, the article has ${n}`);
  return { blocks, slots: top.filter((b) => b.slot) };
}

async function main(argv) {
  const o = { estimate: join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'examples', 'estimate'), json: null };
  for (let i = 0; i < argv.length; i++) {
    const key = { '--estimate': 'estimate', '--json': 'json' }[argv[i]];
    if (!key || i + 1 >= argv.length) throw new JudgeError(`bad argument ${argv[i]}; usage: node estimate.mjs [--estimate PATH] [--json OUT]`);
    o[key] = argv[++i];
  }
  if (!existsSync(o.estimate)) throw new JudgeError(`${o.estimate} not found: cargo build --example estimate, or pass --estimate PATH`);
  const fixtures = join(repo, 'tests', 'fixtures', 'real');
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort().map((f) => join(fixtures, f));
  const articles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const builtin = JSON.parse(execFileSync(o.estimate, ['--builtin'], { encoding: 'utf8' }));
  const dir = mkdtempSync(join(tmpdir(), 'adslot-estimate-'));
  const judge = await Judge.launch();
  const rows = [];
  const cand = [];
  const failures = [];
  const single = {};
  try {
    for (const device of DEVICES) {
      for (const face of FACES) {
        const est = estimate(o.estimate, dir, device, `font_family = "${face}"`, files);
        single[`${device}/${face}`] = est;
        const profile = est.device.profile;
        const pages = await judge.pages(est.articles.map((a, k) => ({
          id: `${face}-${device}-${k}`, html: html(articles[k].blocks, a.geometry), css: css(profile),
          width_px: profile.content_width_px, viewport_px: { width: VIEWPORT_WIDTH[device], height: profile.viewport_height_px },
          fonts: fontsFor(builtin, face),
        })));
        let n = 0; let lines = 0; let breaks = 0; let tops = 0; let blocksN = 0;
        const heightErr = [];
        pages.forEach((p, k) => {
          const { blocks } = split(p, articles[k].blocks.length);
          const a = est.articles[k];
          let want = 0; let got = 0;
          blocks.forEach((b, i) => {
            const g = a.geometry.blocks[i];
            blocksN++;
            tops += Number(Math.abs(b.top_px - g.top_px) < 1);
            const starts = a.line_starts[0][i];
            if (!starts) return;
            n++;
            lines += Number(b.lines === starts.length);
            breaks += Number(JSON.stringify(b.line_starts) === JSON.stringify(starts));
            want += b.height_px;
            got += g.height_px;
          });
          if (want > 0) heightErr.push(Math.abs(got - want) / want);
        });
        const row = { face, device, paragraphs: n, exact_lines: lines / n, identical_breaks: breaks / n, height_error_p90: quantile(heightErr, 0.9), block_tops: tops / blocksN };
        rows.push(row);
        if (row.exact_lines < 0.99) failures.push(`${face} ${device}: ${(100 * row.exact_lines).toFixed(2)}% exact line counts < 99%`);
        if (row.identical_breaks < 0.96) failures.push(`${face} ${device}: ${(100 * row.identical_breaks).toFixed(2)}% identical breaks < 96%`);
        if (!(row.height_error_p90 < 0.005)) failures.push(`${face} ${device}: text height error p90 ${(100 * row.height_error_p90).toFixed(3)}% >= 0.5%`);
        process.stderr.write(`estimate: ${face} ${device}: ${pages.length} pages\n`);
      }
      const plans = estimate(o.estimate, dir, device, `fonts = [${CANDIDATES.map((c) => `"${c}"`).join(', ')}]`, files);
      const profile = plans.device.profile;
      const spacing = SPACING.min_viewports_between * profile.viewport_height_px;
      for (const face of CANDIDATES) {
        const one = single[`${device}/${face}`];
        const pages = await judge.pages(plans.articles.map((a, k) => ({
          id: `cand-${face}-${device}-${k}`, html: html(articles[k].blocks, a.geometry, a.plan.placements.filter((s) => !s.anchor)), css: css(profile),
          width_px: profile.content_width_px, viewport_px: { width: VIEWPORT_WIDTH[device], height: profile.viewport_height_px },
          fonts: fontsFor(builtin, face),
        })));
        let violations = 0; let pairs = 0;
        const detail = [];
        pages.forEach((p, k) => {
          const { blocks, slots } = split(p, articles[k].blocks.length);
          const adPx = slots.reduce((s, x) => s + x.height_px, 0);
          const bottom = Math.max(0, ...blocks.map((b) => b.top_px + b.height_px)) - adPx;
          let above = 0;
          slots.forEach((s, i) => {
            const y = s.top_px - above;
            if (y < SPACING.min_px_from_top) { violations++; detail.push(`${p.id} slot ${i + 1}: ${y} px from top`); }
            if (bottom - y < SPACING.min_px_from_bottom) { violations++; detail.push(`${p.id} slot ${i + 1}: ${bottom - y} px from bottom`); }
            if (i > 0) {
              pairs++;
              const prev = slots[i - 1];
              const between = s.top_px - (prev.top_px + prev.height_px);
              if (between < spacing) { violations++; detail.push(`${p.id} slots ${i}-${i + 1}: ${between} px apart < ${spacing}`); }
            }
            above += s.height_px;
          });
        });
        const ads = plans.articles.reduce((s, a) => s + a.plan.placements.length, 0);
        const oneAds = one.articles.reduce((s, a) => s + a.plan.placements.length, 0);
        const row = { face, device, pages: pages.length, ads, pairs, violations, one_font_ads: oneAds, fewer: 1 - ads / oneAds };
        cand.push(row);
        if (violations > 0) failures.push(`candidates ${face} ${device}: ${violations} pixel-rule violations (${detail.slice(0, 3).join('; ')})`);
        if (row.fewer > 0.1) failures.push(`candidates ${face} ${device}: ${ads} ads vs ${oneAds} with the one right font (${(100 * row.fewer).toFixed(1)}% fewer > 10%)`);
      }
    }
  } finally {
    await judge.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const pct = (x, d = 2) => `${(100 * x).toFixed(d)}%`;
  const out = [
    `adslot px mode against Chromium ${judge.version}: ${files.length} fixture articles (tests/fixtures/real), every text block.`,
    '',
    '| face | device | paragraphs | exact line count | identical breaks | text height error p90 | block tops within 1 px |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.face} | ${r.device} | ${r.paragraphs} | ${pct(r.exact_lines)} | ${pct(r.identical_breaks)} | ${pct(r.height_error_p90, 3)} | ${pct(r.block_tops)} |`),
    '',
    `Candidates mode, fonts = [${CANDIDATES.join(', ')}], rules ${JSON.stringify(SPACING)}, slots inserted, rendered in each face:`,
    '',
    '| rendered in | device | ads (candidates) | ad pairs | pixel-rule violations | ads with the one right font | fewer ads |',
    '|---|---|---|---|---|---|---|',
    ...cand.map((r) => `| ${r.face} | ${r.device} | ${r.ads} | ${r.pairs} | ${r.violations} | ${r.one_font_ads} | ${pct(r.fewer, 1)} |`),
  ];
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ chromium: judge.version, rows, candidates: cand }, null, 1)}\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length) throw new JudgeError(`targets missed:\n  ${failures.join('\n  ')}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`error: ${e instanceof JudgeError ? e.message : e.stack}\n`);
  process.exitCode = 1;
});
