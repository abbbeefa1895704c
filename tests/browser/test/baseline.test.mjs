// The baseline's arithmetic on hand-made numbers, and its reading of the fixture articles.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { compare, quantile, readFixtures } from '../baseline.mjs';

test('quantiles interpolate between the closest ranks', () => {
  assert.equal(quantile([3, 1, 2], 0.5), 2);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([0, 10], 0.9), 9);
  assert.equal(quantile([7], 0.9), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('exact share, within one line, and per-article text height error', () => {
  const articles = [{ id: 'a', texts: ['x', 'y'] }, { id: 'b', texts: ['z'] }, { id: 'c', texts: ['w'] }];
  const estimated = [3, 5, 2, 4];
  const real = [{ lines: 3, height_px: 30 }, { lines: 4, height_px: 40 }, { lines: 4, height_px: 40 }, { lines: 4, height_px: 40 }];
  const r = compare(articles, estimated, real, 10);
  assert.equal(r.paragraphs, 4);
  assert.equal(r.exact, 2 / 4);
  assert.equal(r.within_one_line, 3 / 4);
  assert.deepEqual(r.articles.map((a) => [a.id, a.estimate_px, a.chromium_px, a.error]), [
    ['a', 80, 70, 10 / 70],
    ['b', 20, 40, -0.5],
    ['c', 40, 40, 0],
  ]);
  assert.equal(r.height_error_median, 0);
  assert.equal(r.height_error_p90_abs, quantile([10 / 70, 0.5, 0], 0.9));
});

test('fixtures: every block with text except images, embeds and ads, in file order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-test-'));
  try {
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ blocks: [{ kind: 'heading', text: 'H' }, { kind: 'image', text: 'alt' }, { kind: 'paragraph', text: '  ' }, { kind: 'list', text: 'one two' }] }));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ blocks: [{ kind: 'embed' }, { kind: 'quote', text: 'Q' }, { kind: 'ad', text: 'Advertisement' }] }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    assert.deepEqual(readFixtures(dir), [{ id: 'a', texts: ['Q'] }, { id: 'b', texts: ['H', 'one two'] }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
