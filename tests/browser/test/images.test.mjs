// The judge's picture files: each <img> gets a file of the size its markup gives.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { attributes, fileSize, withImages } from '../support/images.mjs';

const size = (tag) => fileSize(attributes(tag));

test('attributes, inline style, lazy attributes and srcset sizes give the file size', () => {
  assert.deepEqual(size('<img src=a.jpg width=60 height="60">'), [60, 60]);
  assert.deepEqual(size('<img width="600" height="400" style="width: 43px; height:60px">'), [43, 60]);
  assert.deepEqual(size('<img data-src="a.jpg" data-width="1024" data-height="768">'), [1024, 768]);
  assert.deepEqual(size('<img srcset="a.jpg 180w, b.jpg 360w" sizes="(max-width: 600px) 120px, 180px">'), [180, 120]);
  // A width alone, or beside height=0, takes the 3:2 shape; a percentage says nothing.
  assert.deepEqual(size('<img width=570 height=0>'), [570, 380]);
  assert.deepEqual(size('<img width="100%" src=a.jpg>'), [1200, 800]);
  assert.deepEqual(size('<img src=a.jpg>'), [1200, 800]);
  assert.deepEqual(size('<img width=0 height=0>'), [1, 1]);
});

test('every img gets its own URL, srcset and source elements go', () => {
  const { html, images } = withImages('<picture><source srcset="x.webp"><img src="a.jpg" srcset="a.jpg 2x" alt="A > B" width=30 height=20></picture><img data-src=b.jpg>', 'u/');
  assert.equal(html, '<picture><img src="u/0.svg" alt="A > B" width=30 height=20></picture><img src="u/1.svg" data-src=b.jpg>');
  assert.deepEqual(images, { 'u/0.svg': [30, 20], 'u/1.svg': [1200, 800] });
});
