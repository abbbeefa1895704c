// Line counts and line starts against answers known in advance: a monospace face whose advance is
// read from the font file, at widths that fit a known number of characters.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Judge } from '../judge.mjs';
import { MONO_EM, MONO_FONTS, firstFit, random, widthFor, words } from '../support/mono.mjs';

let judge;
before(async () => {
  judge = await Judge.launch();
});
after(() => judge?.close());

const css = (px, lh) => `p{font-family:Mono;font-size:${px}px;line-height:${lh}px}`;

test('a paragraph of words in a monospace face breaks where first fit over characters does', async () => {
  const rand = random(8);
  const cases = [];
  for (const [columns, px] of [[10, 20], [23, 13], [40, 17], [61, 11]]) {
    for (let k = 0; k < 5; k++) cases.push({ columns, px, text: words(rand, 20 + Math.floor(rand() * 60), Math.min(9, columns)) });
  }
  const pages = cases.map((c, i) => ({
    id: i, html: `<p>${c.text}</p>`, css: `p{margin:0} ${css(c.px, 2 * c.px)}`, width_px: widthFor(c.columns, c.px), fonts: MONO_FONTS,
  }));
  const results = await judge.pages(pages);
  results.forEach((r, i) => {
    const c = cases[i];
    const want = firstFit(c.text, c.columns);
    assert.equal(r.error, undefined);
    const [p] = r.blocks;
    assert.equal(p.tag, 'p');
    assert.equal(p.text, c.text);
    assert.deepEqual(p.line_starts, want.starts, `case ${i} (${c.columns} columns at ${c.px}px)`);
    assert.equal(p.lines, want.starts.length);
    assert.equal(p.height_px, p.lines * 2 * c.px);
    assert.equal(r.height_px, p.height_px);
    p.line_widths_px.forEach((w, k) => assert.ok(Math.abs(w - want.lengths[k] * MONO_EM * c.px) < 0.05, `line ${k}: ${w} px`));
    assert.deepEqual(r.fallback_fonts, []);
    assert.equal(r.fonts_used[0].family, 'Liberation Mono');
  });
});

test('paragraphs mode: 2,000 paragraphs in batches, every one as first fit says, hundreds per second', async () => {
  const rand = random(2024);
  const texts = Array.from({ length: 2000 }, () => words(rand, 5 + Math.floor(rand() * 90), 12));
  const started = performance.now();
  const r = await judge.paragraphs({ texts, css: css(16, 24), width_px: widthFor(31, 16), fonts: MONO_FONTS, chunk: 300 });
  const seconds = (performance.now() - started) / 1000;
  assert.equal(r.paragraphs.length, texts.length);
  r.paragraphs.forEach((p, i) => {
    const want = firstFit(texts[i], 31);
    assert.deepEqual(p.line_starts, want.starts, `paragraph ${i}`);
    assert.equal(p.height_px, 24 * want.starts.length);
    assert.equal(p.fallback_fonts, undefined);
  });
  assert.deepEqual(r.fallback_fonts, []);
  assert.ok(texts.length / seconds > 100, `${(texts.length / seconds).toFixed(0)} paragraphs/s`);
});

test('forced breaks, words wider than the line, and code-point offsets', async () => {
  const px = 20;
  const html = [
    // <br> forces a line; offsets count code points (each U+1D400 is two UTF-16 units).
    '<p>\u{1D400}\u{1D400}<br>ccc dd</p>',
    // A word longer than the line overflows it and stays whole (overflow-wrap: normal)...
    `<p>aa ${'b'.repeat(25)} cc</p>`,
    // ...and is cut every 10 characters with overflow-wrap: anywhere.
    `<p style="overflow-wrap:anywhere">${'b'.repeat(25)}</p>`,
    // Collapsed runs of spaces and leading white space do not move the offsets' meaning.
    '<p>   aaaa    bbbb  cccc dddd</p>',
  ].join('');
  const [r] = await judge.pages([{ html, css: `p{margin:0} ${css(px, 30)}`, width_px: widthFor(10, px), fonts: MONO_FONTS }]);
  const [astral, long, anywhere, spaces] = r.blocks;
  assert.deepEqual(astral.line_starts, [0, 2]);
  assert.deepEqual(long.line_starts, [0, 3, 29]);
  assert.ok(long.line_widths_px[1] > 24 * MONO_EM * px, 'the long word overflows its line');
  assert.deepEqual(anywhere.line_starts, [0, 10, 20]);
  assert.deepEqual(spaces.line_starts, [3, 17]); // shown as "aaaa bbbb" / "cccc dddd"
});

test('the word-by-word probe agrees with probing every character', async () => {
  const page = {
    html: [
      '<h2>A state-of-the-art headline&mdash;with dashes -- and more</h2>',
      '<p>Hyphen-ated com\u00ADpound words, extra\u00ADordinarily long soft\u00ADhyphen\u00ADated ones, ',
      'https://example.com/a/very/long/path/that/does/not/fit/anywhere/at/all?query=string&amp;more ',
      'and <b>bold</b>, <i>italic</i>, <a href="#x">a link</a>, <code>code()</code>, x<sup>2</sup>, ',
      'H<sub>2</sub>O, 10\u00A0000\u00A0km and "quoted {braces}" (parens) [brackets].</p>',
      '<p lang="zh">中文段落，包括标点符号。“引号”和（括号）以及English混排的句子，看看浏览器怎样断行。</p>',
      '<p dir="rtl" lang="he">פסקה בעברית עם מילים רבות כדי שתשתרע על כמה שורות ברוחב הזה, ועוד קצת.</p>',
      '<p dir="rtl" lang="ar">فقرة باللغة العربية تحتوي على كلمات كثيرة حتى تمتد على عدة أسطر في هذا العرض.</p>',
      '<pre>  indented code\n    more indented\n\nafter a blank line</pre>',
      '<ul><li>first item with enough words to wrap</li><li>second <ul><li>nested item</li></ul></li></ul>',
      '<blockquote><p>A quoted paragraph.</p><p>And another one that wraps a bit.</p></blockquote>',
      '<table><tr><td>cell one has words</td><td>cell two</td></tr><tr><td colspan="2">wide cell</td></tr></table>',
    ].join('\n'),
    css: 'body{font:17px/27px Serif}',
    fonts: [{ family: 'Serif', file: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf' }],
  };
  const exhaustive = await Judge.launch({ exhaustive: true });
  try {
    for (const width_px of [343, 197, 620]) {
      const [fast] = await judge.pages([{ ...page, width_px }]);
      const [slow] = await exhaustive.pages([{ ...page, width_px }]);
      assert.equal(fast.error, undefined);
      assert.equal(fast.blocks.length, slow.blocks.length);
      fast.blocks.forEach((b, i) => {
        const s = slow.blocks[i];
        assert.deepEqual([b.path, b.lines, b.line_starts, b.line_widths_px], [s.path, s.lines, s.line_starts, s.line_widths_px], `${b.path} at ${width_px} px`);
      });
      assert.ok(fast.blocks.some((b) => b.tag === 'p' && b.lines > 3));
    }
  } finally {
    await exhaustive.close();
  }
});

test('a line broken at a soft hyphen: the next line starts right after the hyphen', async () => {
  // 10 columns: "aaaa bbbb-" fills the first line (the soft hyphen is drawn), "cccc dd" is next.
  // Chromium reports the drawn hyphen as a rect of the character after it too; that character
  // still starts the second line (the judge once said one code point later).
  const px = 20;
  const html = ['<p>aaaa bbbb\u00ADcccc dd</p>', '<p>aaa bbbbb\u00ADcc\u00ADddddddd\u00ADee</p>'].join('');
  for (const exhaustive of [false, true]) {
    const j = exhaustive ? await Judge.launch({ exhaustive: true }) : judge;
    try {
      const [r] = await j.pages([{ html, css: `p{margin:0} ${css(px, 30)}`, width_px: widthFor(10, px), fonts: MONO_FONTS }]);
      const [plain, twice] = r.blocks;
      assert.deepEqual(plain.line_starts, [0, 10], `exhaustive: ${exhaustive}`);
      assert.ok(Math.abs(plain.line_widths_px[1] - 7 * MONO_EM * px) < 0.05, `${plain.line_widths_px[1]} px`);
      // Two soft-hyphen breaks in one word: "aaa bbbbb-", "ccddddddd-" (not at the shy after cc), "ee".
      assert.deepEqual(twice.line_starts, [0, 10, 21], `exhaustive: ${exhaustive}`);
    } finally {
      if (exhaustive) await j.close();
    }
  }
});
