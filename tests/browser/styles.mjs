#!/usr/bin/env node
// The publisher's-CSS check (issue 9): renders fixture articles inside a publisher-like page
// (tests/fixtures/css/cases.json: a stylesheet, an article body, the element chain it sits in)
// at each device's viewport in headless Chromium, and reads back, for the content root and every
// element inside it, what getComputedStyle says (margins, padding, borders, font size, weight,
// style, family, line height, spacing, indent, white-space, display) and its content width.
// tests/style_chromium.rs holds adslot's cascade to the recording; the judge's test
// (test/styles.test.mjs) holds the recording to Chromium.
//
//   node tests/browser/styles.mjs            # print the measurements as JSON
//   node tests/browser/styles.mjs --record   # write tests/fixtures/css/chromium-styles.json

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Judge } from './judge.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', 'fixtures', 'css');
export const RECORDING = join(FIXTURES, 'chromium-styles.json');

/** The properties read for every element, as getComputedStyle names them. */
export const PROPERTIES = [
  'display', 'position', 'float', 'font-family', 'font-size', 'font-weight', 'font-style',
  'line-height', 'letter-spacing', 'word-spacing', 'text-indent', 'white-space',
  'list-style-type', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width',
  'border-right-width', 'border-bottom-width', 'border-left-width',
];

/** `main#a > article.b.c[name=x]` as elements: { tag, attrs }. */
export function parseChain(text) {
  return text.split(/[\s>]+/).filter(Boolean).map((part) => {
    const m = /^([a-zA-Z][\w-]*)?/.exec(part);
    const el = { tag: (m[1] || 'div').toLowerCase(), attrs: [] };
    const classes = [];
    for (const x of part.slice(m[0].length).matchAll(/\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:=["']?([^\]"']*)["']?)?\]/g)) {
      if (x[1]) classes.push(x[1]);
      else if (x[2]) el.attrs.push(['id', x[2]]);
      else el.attrs.push([x[3].toLowerCase(), x[4] ?? '']);
    }
    if (classes.length) el.attrs.push(['class', classes.join(' ')]);
    return el;
  });
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The whole page of a case: the stylesheet, and the article inside the chain. */
export function pageHtml(css, html, chain) {
  const open = chain.map((e) => `<${e.tag}${e.attrs.map(([n, v]) => ` ${n}="${escape(v)}"`).join('')}>`).join('');
  const close = [...chain].reverse().map((e) => `</${e.tag}>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><base href="https://article.invalid/"><style>${css}</style></head><body>${open}<div id="adslot-style-root" hidden></div>${html}${close}</body></html>`;
}

// Runs in the page: the content root is the parent of the marker element.
function measure(properties) {
  const marker = document.getElementById('adslot-style-root');
  const root = marker.parentElement;
  marker.remove();
  const read = (el) => {
    const cs = getComputedStyle(el);
    // In the order of `properties` (the recording's `properties`).
    const style = properties.map((p) => cs.getPropertyValue(p));
    const r = el.getBoundingClientRect();
    const px = (p) => parseFloat(cs.getPropertyValue(p)) || 0;
    const content = r.width - px('padding-left') - px('padding-right') - px('border-left-width') - px('border-right-width');
    return { style, content_width: Math.round(content * 1000) / 1000 };
  };
  const elements = [];
  const walk = (el, depth) => {
    for (const child of el.children) {
      const attrs = [...child.attributes].map((a) => [a.name, a.value]);
      elements.push({ depth, tag: child.localName, attrs, ...read(child) });
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return { viewport: [innerWidth, innerHeight], client_width: document.documentElement.clientWidth, root: read(root), elements };
}

/** Measures every case on every device: { chromium, devices, cases: [{ id, device, ... }] }. */
export async function measureCases(judge, spec = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8'))) {
  const page = await judge.context.newPage();
  // Offline: nothing but the page itself loads.
  await page.route('**/*', (route) => route.abort('blockedbyclient').catch(() => null));
  const out = { chromium: judge.version, devices: spec.devices, properties: PROPERTIES, cases: [] };
  try {
    for (const c of spec.cases) {
      const css = readFileSync(join(FIXTURES, c.css), 'utf8');
      const html = readFileSync(join(FIXTURES, c.html), 'utf8');
      for (const [device, [width, height]] of Object.entries(spec.devices)) {
        await page.setViewportSize({ width, height });
        await page.setContent(pageHtml(css, html, parseChain(c.content_root)), { waitUntil: 'load' });
        // Every image in its final state (broken: its alt text or icon) and the fonts loaded, so
        // inline boxes have their final widths before anything is read.
        await page.waitForFunction(() => [...document.images].every((i) => i.complete));
        await page.evaluate(() => document.fonts.ready.then(() => true));
        const r = await page.evaluate(measure, PROPERTIES);
        out.cases.push({ id: c.id, device, css: c.css, html: c.html, content_root: c.content_root, ...r });
      }
    }
  } finally {
    await page.close();
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const judge = await Judge.launch({});
  try {
    const out = await measureCases(judge);
    const text = JSON.stringify(out) + '\n';
    if (process.argv.includes('--record')) {
      writeFileSync(RECORDING, text);
      const n = out.cases.reduce((a, c) => a + c.elements.length, 0);
      process.stderr.write(`styles: ${out.cases.length} pages, ${n} elements recorded (Chromium ${out.chromium})\n`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await judge.close();
  }
}
