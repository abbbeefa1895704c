#!/usr/bin/env node
// The "before" figures for issue 8: how well adslot's column estimate (`adslot layout --format
// json`) predicts the line counts and text heights Chromium gives the fixture articles, per font
// and device. Every text block of every fixture is laid out as a body paragraph on both sides.
//
//   node tests/browser/baseline.mjs --adslot target/release/adslot [--json out.json]
//
// Prints a Markdown table; --json also writes every figure, per article and per paragraph.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Judge, JudgeError } from './judge.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

/** The faces measured: metric-compatible stand-ins for the fonts news sites use. */
export const FACES = [
  { name: 'Liberation Serif', file: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf', like: 'Times New Roman' },
  { name: 'Liberation Sans', file: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', like: 'Arial, Helvetica' },
  { name: 'DejaVu Sans', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', like: 'Verdana-like' },
  { name: 'Noto Serif', file: '/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf', like: 'Georgia-like' },
  { name: 'Roboto', file: '/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf', like: 'Android UI' },
  { name: 'Open Sans', file: '/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf', like: 'web sans' },
  { name: 'Inter', file: '/usr/share/fonts/opentype/inter/Inter-Regular.otf', like: 'web sans' },
];
// Characters the face lacks (box drawing, CJK) fall back to faces named here too, never to
// fontconfig's choice: DejaVu Sans for symbols, Noto Sans CJK (when installed) for CJK.
export const FALLBACK = { family: 'Fallback', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' };
export const CJK = { family: 'CJK', local: 'Noto Sans CJK TC', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' };

/** adslot's built-in device profiles (`adslot rules`); line heights checked against its output. */
export const DEVICES = [
  { name: 'mobile', width_px: 343, font_px: 17, line_height_px: 27, viewport_px: { width: 375, height: 740 }, block_gap_px: 16, heading_scale: 1.3, image_aspect: 1.5, embed_height_px: 400 },
  { name: 'desktop', width_px: 620, font_px: 18, line_height_px: 29, viewport_px: { width: 1280, height: 900 }, block_gap_px: 20, heading_scale: 1.25, image_aspect: 1.5, embed_height_px: 450 },
];
// Block kinds laid out as text by adslot (images, embeds and ads take a box, not lines).
const BOXED = new Set(['image', 'embed', 'ad']);

/** The text blocks of the fixture articles in `dir`: [{ id, texts: [...] }], sorted by file name. */
export function readFixtures(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const article = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const texts = article.blocks.filter((b) => !BOXED.has(b.kind) && typeof b.text === 'string' && b.text.trim()).map((b) => b.text);
    return { id: basename(f, '.json'), texts };
  });
}

/** Writes one article holding every text as a paragraph (line counts do not depend on neighbours). */
export function writeArticle(texts, dir) {
  const file = join(dir, 'article.json');
  writeFileSync(file, JSON.stringify({ id: 'baseline', blocks: texts.map((text) => ({ kind: 'paragraph', text })) }));
  return { file, texts };
}

/**
 * adslot's line count for each text of `article` on `device`, or at `columns` if given (the CLI
 * takes one or the other; a paragraph's line count at given columns does not depend on the device).
 */
export function estimateLines(adslot, article, device, columns) {
  const { file, texts } = article;
  const args = ['layout', file, '--format', 'json', ...(columns ? ['--columns', String(columns)] : ['--device', device.name])];
  const out = JSON.parse(execFileSync(adslot, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
  if (out.blocks.length !== texts.length) throw new JudgeError(`adslot layout gave ${out.blocks.length} blocks for ${texts.length} texts`);
  for (const b of columns ? [] : out.blocks) {
    if (b.height_px !== b.lines * device.line_height_px) {
      throw new JudgeError(`adslot's ${device.name} profile is not ${device.line_height_px} px lines any more (block ${b.index}: ${b.lines} lines, ${b.height_px} px): update DEVICES`);
    }
  }
  return { columns: out.columns, lines: out.blocks.map((b) => b.lines) };
}

/** The q-quantile of `xs` (linear between closest ranks). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

/**
 * Compares estimated with real line counts: the share exactly right and within one line, and
 * per article the text height error (estimate - real) / real, its median and p90 of |error|.
 */
export function compare(articles, estimated, real, lineHeight) {
  let k = 0;
  let exact = 0;
  let within1 = 0;
  const perArticle = [];
  for (const a of articles) {
    let est = 0;
    let got = 0;
    for (let i = 0; i < a.texts.length; i++, k++) {
      if (estimated[k] === real[k].lines) exact++;
      if (Math.abs(estimated[k] - real[k].lines) <= 1) within1++;
      est += estimated[k] * lineHeight;
      got += real[k].height_px;
    }
    if (got > 0) perArticle.push({ id: a.id, estimate_px: est, chromium_px: got, error: (est - got) / got });
  }
  const errors = perArticle.map((a) => a.error);
  return {
    paragraphs: k,
    exact: exact / k,
    within_one_line: within1 / k,
    height_error_median: quantile(errors, 0.5),
    height_error_p90_abs: quantile(errors.map(Math.abs), 0.9),
    articles: perArticle,
  };
}

const pct = (x, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const signed = (x) => `${x >= 0 ? '+' : ''}${pct(x)}`;

async function main(argv) {
  const o = { adslot: process.env.ADSLOT_BIN ?? join(repo, 'target', 'release', 'adslot'), fixtures: join(repo, 'tests', 'fixtures', 'real'), json: null, sweep: true, faces: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--adslot') o.adslot = argv[++i];
    else if (a === '--fixtures') o.fixtures = argv[++i];
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--no-sweep') o.sweep = false;
    else if (a === '--faces') o.faces = argv[++i].split(',');
    else throw new JudgeError(`unknown argument ${a}; usage: node baseline.mjs [--adslot PATH] [--fixtures DIR] [--faces A,B] [--no-sweep] [--json OUT]`);
  }
  if (!existsSync(o.adslot)) throw new JudgeError(`adslot not found at ${o.adslot}: build it (cargo build --release) or pass --adslot PATH`);
  const faces = FACES.filter((f) => (o.faces ? o.faces.includes(f.name) : true)).filter((f) => {
    if (existsSync(f.file)) return true;
    process.stderr.write(`baseline: skipping ${f.name}: ${f.file} is not installed\n`);
    return false;
  });
  const articles = readFixtures(o.fixtures);
  const texts = articles.flatMap((a) => a.texts);
  const cjk = existsSync(CJK.file);
  const tmp = mkdtempSync(join(tmpdir(), 'adslot-baseline-'));
  const article = writeArticle(texts, tmp);
  const judge = await Judge.launch();
  const rows = [];
  try {
    for (const device of DEVICES) {
      let t = performance.now();
      const estimate = estimateLines(o.adslot, article, device, null);
      const adslotMs = performance.now() - t;
      // The columns that an average character width could give, to find the best single one.
      const sweep = [];
      if (o.sweep) {
        for (let c = Math.floor(estimate.columns * 0.6); c <= Math.ceil(estimate.columns * 1.6); c++) {
          sweep.push({ columns: c, lines: estimateLines(o.adslot, article, device, c).lines });
        }
      }
      for (const face of faces) {
        const fonts = [{ family: 'Body', file: face.file }, FALLBACK, ...(cjk ? [{ family: CJK.family, local: CJK.local }] : [])];
        const css = `p{font-family:"Body","Fallback"${cjk ? ',"CJK"' : ''};font-size:${device.font_px}px;line-height:${device.line_height_px}px}`;
        t = performance.now();
        const real = await judge.paragraphs({ texts, css, width_px: device.width_px, viewport_px: device.viewport_px, fonts });
        const chromiumMs = performance.now() - t;
        const stats = compare(articles, estimate.lines, real.paragraphs, device.line_height_px);
        let best = null;
        for (const s of sweep) {
          const exact = s.lines.filter((n, i) => n === real.paragraphs[i].lines).length / texts.length;
          if (!best || exact > best.exact) best = { columns: s.columns, exact, char_width_em: device.width_px / (device.font_px * s.columns) };
        }
        const withFallback = real.paragraphs.filter((p) => p.fonts && (p.fonts.length > 1 || p.fonts[0] !== primaryFamily(real))).length;
        rows.push({
          face: face.name, device: device.name, columns: estimate.columns, ...stats, best_columns: best,
          paragraphs_with_fallback_faces: withFallback, unnamed_fallback_fonts: real.fallback_fonts,
          adslot_ms: Math.round(adslotMs), chromium_ms: Math.round(chromiumMs),
        });
        process.stderr.write(`baseline: ${device.name} ${face.name}: ${texts.length} paragraphs in ${(chromiumMs / 1000).toFixed(2)} s\n`);
      }
    }
  } finally {
    await judge.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const lines = [
    `adslot's column estimate (char_width_em 0.5) against Chromium ${judge.version}: ${texts.length} text blocks of ${articles.length} fixture articles, each as a body paragraph.`,
    '',
    '| face | device | columns | exact lines | within 1 line | text height error, median | p90 of \\|error\\| | best single columns: exact | ¶ with fallback |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.face} | ${r.device} | ${r.columns} | ${pct(r.exact)} | ${pct(r.within_one_line)} | ${signed(r.height_error_median)} | ${pct(r.height_error_p90_abs)} | ${r.best_columns ? `${r.best_columns.columns} (${r.best_columns.char_width_em.toFixed(3)} em): ${pct(r.best_columns.exact)}` : '-'} | ${r.paragraphs_with_fallback_faces} |`),
    '',
    `Text height error: (estimate - Chromium) / Chromium per article, over the ${articles.length} articles. "¶ with fallback": paragraphs partly drawn in the named fallback faces`,
    `(DejaVu Sans${cjk ? ', Noto Sans CJK TC' : ''}); drawn in a face nobody named: ${rows.some((r) => r.unnamed_fallback_fonts.length) ? [...new Set(rows.flatMap((r) => r.unnamed_fallback_fonts))].join(', ') : 'none'}.`,
  ];
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ chromium: judge.version, rows }, null, 1)}\n`);
  return lines.join('\n');
}

// The body face: the one that drew the most glyphs.
function primaryFamily(result) {
  return result.fonts_used[0]?.family;
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
