// Block and slot boxes on pages whose geometry is known: fixed heights, monospace lines, margins
// that collapse, hidden elements, images of a given size, and fonts outside the job's own.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { Judge } from '../judge.mjs';
import { MONO_FONTS, firstFit, widthFor } from '../support/mono.mjs';
import { violations } from '../support/pixel-rules.mjs';

let judge;
before(async () => {
  judge = await Judge.launch();
});
after(() => judge?.close());

const slot = (n, h) => `<div class="adslot" data-adslot="inline" data-ordinal="${n}" style="min-height:${h}px"></div>`;

test('a slot after a known height sits at that top, with its reserved height', async () => {
  const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii'; // 9 words: 5 lines at 10 columns
  const lines = firstFit(text, 10).starts.length;
  const html = `<p style="height:100px">x</p>${slot(1, 250)}<p>${text}</p>${slot(2, 90)}<h2>End</h2>`;
  // 20 px below each paragraph; the slots have no margins, the h2 16 px above.
  const css = 'p{margin:0 0 20px;font:20px/30px Mono} h2{margin:16px 0 0;font:20px/30px Mono}';
  const [r] = await judge.pages([{ id: 'slots', html, css, width_px: widthFor(10, 20), viewport_px: { width: 375, height: 740 }, fonts: MONO_FONTS }]);
  assert.equal(r.id, 'slots');
  assert.deepEqual(r.viewport_px, { width: 375, height: 740 });
  assert.deepEqual(r.slots.map((s) => [s.slot, s.ordinal, s.top_px, s.height_px]), [
    ['inline', 1, 120, 250],
    ['inline', 2, 120 + 250 + lines * 30 + 20, 90],
  ]);
  assert.deepEqual(r.blocks.map((b) => b.tag), ['p', 'div', 'p', 'div', 'h2']);
  assert.equal(r.blocks[r.slots[1].block].slot, 'inline');
  assert.equal(r.blocks[2].lines, lines);
  assert.equal(r.height_px, 120 + 250 + lines * 30 + 20 + 90 + 16 + 30);
});

test('which elements are reported, their paths and parents', async () => {
  const html = `
    <div class="wrapper"><section>
      <p>one</p>
      <p style="display:none">hidden, and not reported</p>
      <div>a div holding text is a block</div>
      <div style="display:contents"><p>inside display: contents</p></div>
      <ul><li>item <b>bold</b></li><li>item two</li></ul>
      <figure><img src="https://img.invalid/photo.jpg" alt=""><figcaption>Caption</figcaption></figure>
      <p>text <span>in a span</span> <img src="https://img.invalid/inline.png" style="width:10px;height:10px"></p>
    </section></div>`;
  const [r] = await judge.pages([{ html, css: 'body{font:16px/24px Mono}', width_px: 300, fonts: MONO_FONTS }]);
  const rows = r.blocks.map((b) => [b.path, b.tag, b.parent, b.depth]);
  assert.deepEqual(rows, [
    ['/div[1]/section[1]/p[1]', 'p', -1, 0],
    ['/div[1]/section[1]/div[1]', 'div', -1, 0],
    ['/div[1]/section[1]/div[2]/p[1]', 'p', -1, 0],
    ['/div[1]/section[1]/ul[1]', 'ul', -1, 0],
    ['/div[1]/section[1]/ul[1]/li[1]', 'li', 3, 1],
    ['/div[1]/section[1]/ul[1]/li[2]', 'li', 3, 1],
    ['/div[1]/section[1]/figure[1]', 'figure', -1, 0],
    ['/div[1]/section[1]/figure[1]/img[1]', 'img', 6, 1],
    ['/div[1]/section[1]/figure[1]/figcaption[1]', 'figcaption', 6, 1],
    ['/div[1]/section[1]/p[3]', 'p', -1, 0],
    ['/div[1]/section[1]/p[3]/img[1]', 'img', 9, 1],
  ]);
  const ul = r.blocks[3];
  assert.equal(ul.text, 'item bolditem two');
  assert.deepEqual(ul.line_starts, [0, 9]);
  assert.equal(r.blocks[10].width_px, 10);
  assert.equal(r.blocks[10].text, undefined);
  assert.equal(r.blocked_requests, 2); // both images failed at once, offline
  // Blocks are stacked in document order, each top at or below the previous one's.
  const tops = r.blocks.filter((b) => b.parent === -1).map((b) => b.top_px);
  assert.deepEqual(tops, [...tops].sort((a, b) => a - b));
});

test('images listed in the job get that intrinsic size; others are broken', async () => {
  const html = '<img src="https://img.invalid/a.jpg"><img src="https://img.invalid/b.jpg" style="width:100%"><img src="/relative.jpg" alt="">';
  const images = { 'https://img.invalid/a.jpg': [300, 150], 'https://img.invalid/b.jpg': [800, 450] };
  const css = 'img{display:block}';
  const [r] = await judge.pages([{ html, css, width_px: 343, images }]);
  assert.deepEqual(r.blocks.map((b) => [b.width_px, b.height_px]), [[300, 150], [343, 192.938], [343, 0]]); // a broken block image: column wide, no height
  assert.equal(r.blocked_requests, 1); // the relative URL resolved off-line, not to a local file
});

test('text in a face the job did not name is reported as a fallback, per block and per paragraph', async () => {
  const html = '<p>plain</p><p>braille \u2801\u2803\u2809</p>';
  const [r] = await judge.pages([{ html, css: 'p{font:16px/24px Mono}', width_px: 300, fonts: MONO_FONTS }]);
  assert.equal(r.blocks[0].fallback_fonts, undefined);
  assert.ok(r.blocks[1].fallback_fonts?.length, 'the braille paragraph needed another face');
  assert.ok(!r.blocks[1].fallback_fonts.includes('Liberation Mono'));
  assert.deepEqual(r.fallback_fonts, r.blocks[1].fallback_fonts);

  const p = await judge.paragraphs({ texts: ['plain', 'braille \u2801', 'plain again'], css: 'p{font:16px/24px Mono}', width_px: 300, fonts: MONO_FONTS });
  assert.deepEqual(p.paragraphs.map((x) => Boolean(x.fallback_fonts)), [false, true, false]);
  assert.deepEqual(p.paragraphs[0].fonts, ['Liberation Mono']);
  assert.equal(p.paragraphs[1].fonts.length, 2);
  assert.equal(p.fonts_used.find((f) => f.custom).family, 'Liberation Mono');

  // An installed face named by local() is the job's own too, not a fallback.
  const local = await judge.paragraphs({ texts: ['plain'], css: 'p{font:16px/24px L}', width_px: 300, fonts: [{ family: 'L', local: 'Liberation Mono' }] });
  assert.deepEqual(local.paragraphs[0].fonts, ['Liberation Mono']);
  assert.equal(local.paragraphs[0].fallback_fonts, undefined);
  assert.deepEqual(local.fallback_fonts, []);
});

test('two tabs at once give the same answers, in the order of the pages', async () => {
  const pages = Array.from({ length: 7 }, (_, i) => ({
    id: `p${i}`,
    html: `<p>${'word '.repeat(5 + 9 * i)}</p><img src="https://img.invalid/${i}.jpg">`,
    css: 'p{margin:0;font:16px/20px Mono} img{display:block}',
    width_px: 150 + 10 * i,
    fonts: MONO_FONTS,
    images: { [`https://img.invalid/${i}.jpg`]: [10 + i, 20] },
  }));
  const two = await Judge.launch({ concurrency: 2 });
  try {
    const [a, b] = [await judge.pages(pages), await two.pages(pages)];
    const strip = (r) => r.map(({ ms, ...rest }) => rest);
    assert.deepEqual(strip(b), strip(a));
    assert.deepEqual(b.map((r) => [r.id, r.blocks[1].height_px]), pages.map((p) => [p.id, 20]));
  } finally {
    await two.close();
  }
});

test('the same tab serves pages of different widths, viewports and fonts without leaking', async () => {
  const page = (width, vw) => ({
    html: '<p>aaaa bbbb cccc dddd</p><div data-adslot="x" style="height:10vh"></div>',
    css: 'p{margin:0;font:20px/30px Mono} @media (min-width: 500px) { p{font-size:10px} }',
    width_px: widthFor(width, 20),
    viewport_px: { width: vw, height: 1000 },
    fonts: MONO_FONTS,
  });
  const [narrow, wide, narrowAgain, plain] = await judge.pages([page(10, 375), page(10, 600), page(10, 375), { html: '<p>x</p>', width_px: 100 }]);
  assert.equal(narrow.blocks[0].lines, 2);
  assert.equal(wide.blocks[0].lines, 1); // the media query made the text half as wide
  assert.deepEqual(narrowAgain.blocks, narrow.blocks);
  assert.equal(narrow.slots[0].height_px, 100); // 10vh of a 1000 px viewport
  assert.ok(plain.fonts_used.every((f) => f.family !== 'Liberation Mono'), 'the previous page\'s CSS is gone');
});

test('marks name the top-level block they are in, or the next one, and change no box', async () => {
  const mark = (name) => `<template data-adslot-mark="${name}"></template>`;
  const body = (m) => `
    <div class="wrapper">${m('a')}<p>one ${m('b')}<img src="https://img.invalid/x.png" style="width:10px;height:10px"></p></div>
    <div>${m('c')}</div>
    ${m('d')}<ul><li>item</li>${m('e')}<li>two</li></ul>
    <table>${m('f')}<tr><td>${m('g')}cell</td></tr></table>
    <p>last</p>${m('h')}`;
  const page = (html) => ({ html, css: 'body{font:16px/24px Mono} p{margin:0 0 10px}', width_px: 300, fonts: MONO_FONTS });
  const [marked, plain] = await judge.pages([page(body(mark)), page(body(() => ''))]);
  const top = marked.blocks.filter((b) => b.parent === -1).map((b) => [b.index, b.tag]);
  assert.deepEqual(top.map(([, tag]) => tag), ['p', 'ul', 'table', 'p']);
  const [p, ul, table] = top.map(([i]) => i);
  assert.deepEqual(marked.marks, [
    { mark: 'a', block: p }, { mark: 'b', block: p }, { mark: 'c', block: ul }, { mark: 'd', block: ul },
    { mark: 'e', block: ul }, { mark: 'f', block: table }, { mark: 'g', block: table }, { mark: 'h', block: -1 },
  ]);
  const boxes = (r) => r.blocks.map((b) => [b.tag, b.top_px, b.height_px, b.width_px]);
  assert.deepEqual(boxes(marked), boxes(plain));
  assert.deepEqual(plain.marks, []);
});

test('the pixel-rule checker measures the page as drawn, its ad boxes cut out', async () => {
  // A slot between a paragraph (16 px below it) and a figure (24 px above it) keeps the two
  // margins apart: it starts 16 px below the paragraph and the figure stays 24 px below it.
  const css = 'p{margin:0 0 16px;height:100px} figure{margin:24px 0 0;height:300px}';
  const page = (html, id) => ({ id, html, css, width_px: 300, viewport_px: { width: 375, height: 740 }, fonts: MONO_FONTS });
  const [plain, slotted] = await judge.pages([
    page('<p></p><figure></figure>', 'plain'),
    page(`<p></p>${slot(1, 250)}<figure></figure>`, 'slotted'),
  ]);
  assert.equal(plain.height_px, 100 + 24 + 300);
  assert.equal(slotted.height_px, 100 + 16 + 250 + 24 + 300);
  const figure = plain.blocks.findIndex((b) => b.tag === 'figure');
  const rules = { min_viewports_between: 0, min_px_from_top: 116, min_px_from_bottom: 324, image_clearance_px: 24, max_density: 1 };
  // 116 px above the slot, 324 below it (the figure's whole margin and box), 24 to the figure.
  assert.deepEqual(violations(slotted, plain, [figure], 740, rules), []);
  const tighter = { ...rules, min_px_from_top: 117, min_px_from_bottom: 325, image_clearance_px: 25, max_density: 0.3 };
  assert.deepEqual(violations(slotted, plain, [figure], 740, tighter), [
    'slotted slot 1: 116.0 px from the top',
    'slotted slot 1: 324.0 px from the bottom',
    'slotted slot 1: 24.0 px above a picture',
    'slotted: ads are 36.2% of the page',
  ]);
});

test("the Rust tests' copy of the judge's stylesheet is the judge's", async () => {
  // tests/layout_runs.rs and tests/layout_blocks.rs hold adslot to line counts and heights
  // measured with this stylesheet; a change to it must be made to the copy too.
  const { SITE_CSS } = await import('../styled.mjs');
  const copy = readFileSync(new URL('../../fixtures/css/judge.css', import.meta.url), 'utf8');
  assert.equal(copy, SITE_CSS.trimStart());
});
