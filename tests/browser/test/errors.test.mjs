// Bad jobs, a missing browser, fonts that do not load, time-outs, and the CLI's exit statuses.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Judge, JudgeError, judgePages } from '../judge.mjs';
import { parseJson, readPagesJob } from '../lib/job.mjs';
import { MONO, MONO_FONTS } from '../support/mono.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'judge.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'judge-test-'));
let judge;
before(async () => {
  judge = await Judge.launch();
});
after(async () => {
  await judge?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 60_000 });

test('a job with a misspelt or missing key is refused before Chromium starts, naming the page', () => {
  assert.throws(() => readPagesJob([{ id: 'a', html: '', width: 343 }], 'job.json'), {
    name: 'JudgeError',
    message: 'job.json: pages[0] (id "a"): unknown key "width" (did you mean "width_px"?); known: id, html, css, width_px, viewport_px, lang, fonts, images',
  });
  assert.throws(() => readPagesJob([{ html: '<p>x</p>' }], 'job.json'), /pages\[0\]: width_px must be a positive number/);
  assert.throws(() => readPagesJob({ pages: [{ html: 1, width_px: 3 }] }, 'job.json'), /html must be a string/);
  assert.throws(() => readPagesJob([{ html: '', width_px: 3, fonts: [{ family: 'X', file: '/no/such.ttf' }] }], 'j'), /fonts\[0\]: font file not found: \/no\/such.ttf/);
  assert.throws(() => readPagesJob([{ html: '', width_px: 3, images: { u: [1] } }], 'j'), /images\["u"\] must be \[width, height\]/);
});

test('invalid JSON is reported at its line and column', () => {
  assert.throws(() => parseJson('{\n  "texts": [\n    "a",\n  ]\n}', 'job.json'), /^JudgeError: job\.json:4:3: invalid JSON/);
  const r = run(['--paragraphs', '-'], '[1, 2,,]');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: <stdin>:1:7: invalid JSON/);
});

test('a missing Chromium says how to install it', async () => {
  await assert.rejects(Judge.launch({ chromium: join(tmp, 'no-chromium') }), (e) => e instanceof JudgeError && /Chromium not found at .*no-chromium: run tests\/browser\/setup\.sh/.test(e.message));
  const r = run(['--chromium', join(tmp, 'no-chromium'), '-'], '[]');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /run tests\/browser\/setup\.sh/);
});

test('a face that fails to load fails its page, not the others', async () => {
  const notAFont = join(tmp, 'broken.ttf');
  writeFileSync(notAFont, 'this is not a font');
  const [bad, good] = await judge.pages([
    { id: 'bad', html: '<p>x</p>', css: 'p{font-family:Broken}', width_px: 100, fonts: [{ family: 'Broken', file: notAFont }] },
    { id: 'good', html: '<p>x</p>', css: 'p{font-family:Mono}', width_px: 100, fonts: MONO_FONTS },
  ]);
  assert.equal(bad.id, 'bad');
  assert.match(bad.error, /font face failed to load .*: Broken/);
  assert.equal(good.error, undefined);
  // A stylesheet's own font URL that is not a local font file is blocked, and says so.
  const [blocked] = await judge.pages([{ html: '<p>x</p>', css: '@font-face{font-family:W;src:url(https://fonts.invalid/w.woff2)} p{font-family:W}', width_px: 100 }]);
  assert.match(blocked.error, /font face failed to load/);
});

test('a page over the time-out gets an error and the judge goes on with a new tab', async () => {
  const quick = await Judge.launch({ timeoutMs: 1 });
  try {
    const big = `<p>${'word '.repeat(20000)}</p>`;
    const [late] = await quick.pages([{ id: 'late', html: big, width_px: 300 }]);
    assert.equal(late.id, 'late');
    assert.match(late.error, /timed out after 1 ms/);
    quick.timeoutMs = 60_000;
    const [fine] = await quick.pages([{ html: '<p>x</p>', width_px: 300 }]);
    assert.equal(fine.error, undefined);
    assert.equal(fine.blocks[0].lines, 1);
  } finally {
    await quick.close();
  }
});

test('CLI: a page job from a file, a paragraphs job from standard input, usage errors', () => {
  const job = join(tmp, 'job.json');
  writeFileSync(job, JSON.stringify({ pages: [{ id: 'p1', html: '<p>aaa bbb</p>', css: 'p{font:20px/30px Mono}', width_px: 500, fonts: [{ family: 'Mono', file: MONO }] }] }));
  const pages = run([job]);
  assert.equal(pages.status, 0, pages.stderr);
  const out = JSON.parse(pages.stdout);
  assert.match(out.chromium, /^\d+\./);
  assert.deepEqual(out.pages.map((p) => [p.id, p.blocks[0].lines, p.blocks[0].text]), [['p1', 1, 'aaa bbb']]);
  assert.match(pages.stderr, /judge: 1 pages \(0 failed\)/);

  const paragraphs = run(['--paragraphs'], JSON.stringify({ texts: ['aaa bbb', ''], css: 'p{font:20px/30px Mono}', width_px: 50, fonts: MONO_FONTS }));
  assert.equal(paragraphs.status, 0, paragraphs.stderr);
  assert.deepEqual(JSON.parse(paragraphs.stdout).paragraphs.map((p) => p.line_starts), [[0, 4], []]);

  const failing = run(['-'], JSON.stringify([{ html: '<p>x</p>', css: 'p{font-family:B}', width_px: 9, fonts: [{ family: 'B', file: join(tmp, 'broken.ttf') }] }]));
  assert.equal(failing.status, 1);
  assert.match(failing.stderr, /error: page 0: font face failed to load/);

  for (const args of [['--bogus'], ['--concurrency', '0'], ['a.json', 'b.json']]) {
    const r = run(args, '');
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^error: .*\nusage: node judge\.mjs/);
  }
  assert.equal(run(['--help']).status, 0);
});

test('judgePages launches, measures and closes in one call', async () => {
  const r = await judgePages([{ html: '<div data-adslot="top" style="height:50px"></div>', width_px: 320 }]);
  assert.deepEqual(r.pages[0].slots.map((s) => [s.slot, s.top_px, s.height_px]), [['top', 0, 50]]);
  await assert.rejects(judgePages({ pages: 'no' }), /expected a list of pages/);
});
