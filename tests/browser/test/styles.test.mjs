// The publisher's-CSS recording (tests/fixtures/css/chromium-styles.json, which
// tests/style_chromium.rs holds adslot's cascade to) is what Chromium computes today: every
// case re-measured and compared whole, so a stale or hand-edited recording fails here.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { Judge } from '../judge.mjs';
import { PROPERTIES, RECORDING, measureCases, pageHtml, parseChain } from '../styles.mjs';

let judge;
before(async () => {
  judge = await Judge.launch();
});
after(() => judge?.close());

test('a content-root chain becomes elements with their ids, classes and attributes', () => {
  assert.deepEqual(parseChain('main#a > article.b.c section[name=x]'), [
    { tag: 'main', attrs: [['id', 'a']] },
    { tag: 'article', attrs: [['class', 'b c']] },
    { tag: 'section', attrs: [['name', 'x']] },
  ]);
  const html = pageHtml('p{}', '<p>x</p>', parseChain('div.a'));
  assert.match(html, /<style>p\{\}<\/style><\/head><body><div class="a"><div id="adslot-style-root" hidden><\/div><p>x<\/p><\/div>/);
});

test('the recorded computed styles are what Chromium computes now', async () => {
  const recorded = JSON.parse(readFileSync(RECORDING, 'utf8'));
  const now = await measureCases(judge);
  assert.deepEqual(now.properties, PROPERTIES);
  assert.deepEqual(recorded.properties, PROPERTIES);
  assert.equal(now.cases.length, recorded.cases.length);
  for (const [i, c] of now.cases.entries()) {
    const r = recorded.cases[i];
    assert.equal(`${c.id} ${c.device}`, `${r.id} ${r.device}`);
    assert.deepEqual(c, r, `${c.id} ${c.device}: re-record with node tests/browser/styles.mjs --record`);
  }
});
