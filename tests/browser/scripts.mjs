#!/usr/bin/env node
// Issue 8's target for shaped and CJK scripts, for CI: Arabic, Hebrew, Devanagari and CJK
// paragraphs laid out by adslot in px mode with a face that covers them (examples/estimate.rs,
// `font = "FACE"` in the rule file) and set by headless Chromium with the same face and CSS;
// >= 98% of the paragraphs of each script must get the exact line count. Prints the table; exits
// 1 when a script misses the target or Chromium drew a paragraph in a face the job did not name.
//
//   node tests/browser/scripts.mjs [--estimate target/debug/examples/estimate] [--json out.json]
//
// The paragraphs: tests/fixtures/fonts/scripts.json (Arabic, Hebrew, Devanagari, in the Noto
// fixture faces beside it), tests/fixtures/fonts/cjk.json (Simplified Chinese and Japanese, in
// Debian's Noto Sans CJK, which setup.sh installs) and every block of the one real CJK fixture
// article, tests/fixtures/real/pixnet.json (Traditional Chinese), in the same CJK face. Both
// devices of the built-in profiles (mobile 343 px at 17/27 px, desktop 620 px at 18/29 px), with
// Liberation Serif and DejaVu Sans as fallback on both sides, as estimate.mjs has them.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Judge, JudgeError } from './judge.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fonts = join(repo, 'tests', 'fixtures', 'fonts');
const DEVICES = ['mobile', 'desktop'];
const TARGET = 0.98;

/** [{ script, font (absolute path), texts }] */
function samples() {
  const out = [];
  for (const [script, { font, texts }] of Object.entries(JSON.parse(readFileSync(join(fonts, 'scripts.json'), 'utf8')))) {
    out.push({ script, font: join(fonts, font), texts });
  }
  const cjk = JSON.parse(readFileSync(join(fonts, 'cjk.json'), 'utf8'));
  if (!existsSync(cjk.font)) throw new JudgeError(`${cjk.font} not found: run tests/browser/setup.sh (fonts-noto-cjk)`);
  out.push({ script: 'cjk (zh-Hans, ja)', font: cjk.font, texts: cjk.texts });
  const real = JSON.parse(readFileSync(join(repo, 'tests', 'fixtures', 'real', 'pixnet.json'), 'utf8'));
  const texts = real.blocks.map((b) => b.text).filter((t) => typeof t === 'string' && t.trim());
  out.push({ script: 'cjk (zh-Hant, pixnet)', font: cjk.font, texts });
  return out;
}

/** adslot's line starts (code points) for each text, and the device profile. */
function estimate(bin, dir, device, font, texts) {
  const rules = join(dir, 'rules.toml');
  writeFileSync(rules, `[device.${device}]\nfont = ${JSON.stringify(font)}\nfallback = ["times", "dejavu-sans"]\n`);
  const article = join(dir, 'article.json');
  writeFileSync(article, JSON.stringify({ id: 'scripts', blocks: texts.map((text) => ({ kind: 'paragraph', text })) }));
  const est = JSON.parse(execFileSync(bin, ['--rules', rules, '--device', device, article], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  return { profile: est.device.profile, starts: est.articles[0].line_starts[0] };
}

async function main(argv) {
  const o = { estimate: join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'examples', 'estimate'), json: null };
  for (let i = 0; i < argv.length; i++) {
    const key = { '--estimate': 'estimate', '--json': 'json' }[argv[i]];
    if (!key || i + 1 >= argv.length) throw new JudgeError(`bad argument ${argv[i]}; usage: node scripts.mjs [--estimate PATH] [--json OUT]`);
    o[key] = argv[++i];
  }
  if (!existsSync(o.estimate)) throw new JudgeError(`${o.estimate} not found: cargo build --example estimate, or pass --estimate PATH`);
  const builtin = JSON.parse(execFileSync(o.estimate, ['--builtin'], { encoding: 'utf8' }));
  const files = (key) => builtin.find((f) => f.key === key).files;
  const fallback = [
    { family: 'Fallback1', file: files('liberation-serif')[0], weight: '400' },
    { family: 'Fallback2', file: files('dejavu-sans')[0], weight: '400' },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'adslot-scripts-'));
  const judge = await Judge.launch();
  const rows = [];
  const failures = [];
  try {
    for (const { script, font, texts } of samples()) {
      for (const device of DEVICES) {
        const { profile, starts } = estimate(o.estimate, dir, device, font, texts);
        const css = `p{font-family:"Body","Fallback1","Fallback2";font-size:${profile.font_px}px;line-height:${profile.line_height_px}px;margin:0;white-space:normal;overflow-wrap:break-word}`;
        const r = await judge.paragraphs({ texts, css, width_px: profile.content_width_px, fonts: [{ family: 'Body', file: font, weight: '400' }, ...fallback] });
        let lines = 0; let breaks = 0; let chromiumLines = 0;
        const missed = [];
        r.paragraphs.forEach((p, i) => {
          const want = p.line_starts;
          const got = starts[i] ?? [];
          chromiumLines += want.length;
          lines += Number(got.length === want.length);
          breaks += Number(JSON.stringify(got) === JSON.stringify(want));
          if (got.length !== want.length) missed.push(`#${i}: ${got.length} lines, Chromium ${want.length}`);
        });
        const n = texts.length;
        const row = { script, device, paragraphs: n, lines: chromiumLines, exact_lines: lines / n, identical_breaks: breaks / n, fallback_fonts: r.fallback_fonts, missed };
        rows.push(row);
        if (row.exact_lines < TARGET) failures.push(`${script} ${device}: ${(100 * row.exact_lines).toFixed(1)}% exact line counts < ${100 * TARGET}% (${missed.slice(0, 3).join('; ')})`);
        if (r.fallback_fonts.length) failures.push(`${script} ${device}: Chromium drew some text in ${r.fallback_fonts.join(', ')}, a face the job did not name`);
        process.stderr.write(`scripts: ${script} ${device}: ${n} paragraphs\n`);
      }
    }
  } finally {
    await judge.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const out = [
    `adslot px mode against Chromium ${judge.version}, scripts set in a face that covers them (target >= ${100 * TARGET}% exact line counts):`,
    '',
    '| script | device | paragraphs | lines (Chromium) | exact line count | identical breaks |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.script} | ${r.device} | ${r.paragraphs} | ${r.lines} | ${pct(r.exact_lines)} | ${pct(r.identical_breaks)} |`),
  ];
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ chromium: judge.version, rows }, null, 1)}\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length) throw new JudgeError(`targets missed:\n  ${failures.join('\n  ')}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`error: ${e instanceof JudgeError ? e.message : e.stack}\n`);
  process.exitCode = 1;
});
