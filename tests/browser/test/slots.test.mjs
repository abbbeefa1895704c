// The device stylesheet of slots.mjs encodes adslot's block model: on a page where the model is
// exact (one-line blocks, an image with its size, an embed, a slot), Chromium's tops are the
// model's sums.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DEVICES } from '../baseline.mjs';
import { Judge } from '../judge.mjs';
import { deviceCss } from '../slots.mjs';
import { MONO_FONTS } from '../support/mono.mjs';

let judge;
before(async () => {
  judge = await Judge.launch();
});
after(() => judge?.close());

for (const device of DEVICES) {
  test(`${device.name}: block gaps, heading scale, image aspect, embed height and slot as the profile says`, async () => {
    const html = [
      '<div class="wrapper"><p>One line.</p>',
      '<h2>Heading</h2>',
      '<img width="800" height="400" src="https://img.invalid/a.jpg">',
      '<figure><img src="https://img.invalid/b.jpg"></figure>',
      '<iframe src="https://embed.invalid/v"></iframe>',
      '<div class="adslot" data-adslot="inline" data-ordinal="1" style="min-height:302px"></div>',
      '<p>After the slot.</p></div>',
    ].join('\n');
    const [r] = await judge.pages([{ html, css: deviceCss(device, 'Mono'), width_px: device.width_px, viewport_px: device.viewport_px, fonts: MONO_FONTS }]);
    const gap = device.block_gap_px;
    const heights = [
      device.line_height_px,
      device.line_height_px * device.heading_scale,
      device.width_px / 2,
      device.width_px / device.image_aspect,
      device.embed_height_px,
    ];
    const tops = [0];
    for (const h of heights) tops.push(tops[tops.length - 1] + h + gap);
    tops.push(tops[tops.length - 1] + 302); // the slot has no gap of its own
    const got = r.blocks.filter((b) => b.parent === -1).map((b) => [b.tag, b.top_px]);
    assert.deepEqual(got.map(([tag]) => tag), ['p', 'h2', 'img', 'figure', 'iframe', 'div', 'p']);
    got.forEach(([tag, top], i) => assert.ok(Math.abs(top - tops[i]) < 0.1, `${tag}: ${top} px, the model says ${tops[i]}`));
    assert.equal(r.slots[0].height_px, 302);
    assert.ok(Math.abs(r.slots[0].top_px - tops[5]) < 0.1);
  });
}
