// Errors of articles and calls: AdslotError with the CLI's message, located by line:column in
// documents and by key in objects; TypeError for what is no article at all.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AdslotError, Rules, place } from "../pkg/index.js";
import { FIXTURES, REPO, cliError, cliJson, read, rel, thrown } from "./helpers.mjs";

const defaults = new Rules(read(join(REPO, "rules", "default.toml")));

for (const file of readdirSync(join(FIXTURES, "bad")).filter((n) => n.endsWith(".json") && n !== "invalid-utf8.json").sort()) {
  test(`bad JSON document ${file}: the CLI's message`, () => {
    const path = join(FIXTURES, "bad", file);
    let expected;
    try {
      expected = cliJson("place", rel(path), "--rules", "rules/default.toml");
    } catch {
      expected = null;
    }
    if (expected !== null) {
      assert.deepStrictEqual(place(read(path), defaults, { name: rel(path) }), expected);
      return;
    }
    const message = cliError("place", rel(path), "--rules", "rules/default.toml");
    const e = thrown(() => place(read(path), defaults, { name: rel(path) }));
    assert.ok(e instanceof AdslotError);
    assert.equal(e.kind, "article");
    assert.equal(e.message, message);
    assert.equal(e.path, rel(path));
    if (e.line !== null) assert.ok(message.startsWith(`${rel(path)}:${e.line}:${e.column}: `), message);
  });
}

test("document errors carry line and column", () => {
  const e = thrown(() => place('{"blocks": [\n  {"kind": "image", "height_px": -5}]}', new Rules(), { name: "a.json" }));
  assert.equal(e.message, "a.json:2:34: height_px must be from 0 to 100000, found -5");
  assert.deepStrictEqual([e.path, e.line, e.column], ["a.json", 2, 34]);
  assert.equal(e.problems[0].message, "height_px must be from 0 to 100000, found -5");
  const html = thrown(() => place("<p>Hi</p>", new Rules(), { format: "json" }));
  assert.equal(html.message, "<article>:1:1: expected value (the content looks like HTML, not JSON)");
  assert.equal(html.problems[0].help, "the content looks like HTML, not JSON");
  const dir = mkdtempSync(join(tmpdir(), "adslot-wasm-"));
  try {
    const path = join(dir, "truncated.json");
    writeFileSync(path, '{"blocks": [\n  {"kind": "paragraph", "text": "One."},');
    const truncated = thrown(() => place(read(path), defaults, { name: path }));
    assert.equal(truncated.kind, "article");
    assert.equal(truncated.message, cliError("place", path, "--rules", "rules/default.toml"));
    assert.equal(truncated.line, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const badObjects = [
  [{ blocks: [{ kind: "paragrap" }] }, "<article>: blocks[0].kind: unknown block kind `paragrap` (did you mean `paragraph`?)"],
  [
    { blocks: [{ kind: "paragraph", txt: "One." }] },
    "<article>: blocks[0].txt: unknown field `txt`, expected one of `kind`, `text`, `runs`, `id`, `height_px`, `aspect`, `width_px`, `level`, `items`, `item_depths`, `rows`, `blocks`, `preformatted`, `container`, `pictures`, `region`",
  ],
  [{ blocks: [{ text: "One." }] }, "<article>: blocks[0]: missing field `kind`"],
  [{ id: "x" }, "<article>: missing field `blocks`"],
  [{ blocks: [{ kind: "image" }, { kind: "image", height_px: 1e6 }] }, "<article>: blocks[1].height_px: height_px must be from 0 to 100000, found 1000000"],
  [{ blocks: [{ kind: "image", width_px: 100001 }] }, "<article>: blocks[0].width_px: width_px must be from 0 to 100000, found 100001"],
  [{ blocks: [{ kind: "image", aspect: 0 }] }, "<article>: blocks[0].aspect: aspect must be from 0.01 to 100, found 0"],
];

test("bad objects are article errors naming the key", () => {
  for (const [article, message] of badObjects) {
    const e = thrown(() => place(article, new Rules()));
    assert.ok(e instanceof AdslotError, message);
    assert.equal(e.message, message);
    assert.equal(e.kind, "article");
    assert.deepStrictEqual([e.path, e.line, e.column], ["<article>", null, null]);
    assert.equal(thrown(() => place(article, new Rules(), { name: "story-17" })).path, "story-17");
  }
  assert.match(thrown(() => place({ blocks: [{ kind: "paragraph", text: 3 }] }, new Rules())).message, /^<article>: blocks\[0\]\.text: /);
  assert.equal(thrown(() => place({ blocks: "none" }, new Rules())).kind, "article");
});

test("call errors: unknown device and format, format for an object, not an article", () => {
  const article = { blocks: [] };
  const device = thrown(() => place(article, new Rules(), { device: "watch" }));
  assert.ok(device instanceof AdslotError);
  assert.equal(device.kind, "call");
  assert.equal(device.message, "unknown device `watch` (the rules define: mobile, desktop)");
  assert.deepStrictEqual([device.problems, device.path, device.line], [[], null, null]);
  const format = thrown(() => place("<p>x</p>", new Rules(), { format: "htm" }));
  assert.ok(format instanceof AdslotError);
  assert.equal(format.kind, "call");
  assert.equal(format.message, "unknown format `htm` (the formats: ans, json, text, gutenberg, html, markdown)");
  assert.match(thrown(() => place(article, new Rules(), { format: "html" })).message, /an object is an article already/);
  assert.throws(() => place(3, new Rules()), { name: "TypeError", message: /got number/ });
  assert.throws(() => place([], new Rules()), { name: "TypeError", message: /got an array/ });
  assert.throws(() => place(article, "rules.toml"), TypeError);
  assert.throws(() => place(article, new Rules(), "mobile"), TypeError);
});
