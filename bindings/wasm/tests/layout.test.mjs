// layout(): the CLI's geometry on every fixture.

import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";

import { AdslotError, Rules, layout } from "../pkg/index.js";
import { FIXTURES, REPO, cliJson, jsonFixtures, read, rel } from "./helpers.mjs";

for (const device of ["mobile", "desktop"]) {
  test(`layout() is the CLI's JSON on every fixture: ${device}`, () => {
    for (const path of jsonFixtures()) {
      const expected = cliJson("layout", rel(path), "--device", device);
      assert.deepStrictEqual(layout(JSON.parse(read(path)), null, { device }), expected, rel(path));
    }
  });
}

test("columns, rules, hyphenation and documents are the CLI's", () => {
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const article = JSON.parse(read(seed));
  assert.deepStrictEqual(layout(article, null, { columns: 30 }), cliJson("layout", rel(seed), "--columns", "30"));
  assert.deepStrictEqual(
    layout(article, undefined, { columns: 12, hyphenate: true }),
    cliJson("layout", rel(seed), "--columns", "12", "--hyphenate"),
  );
  for (const rulesPath of ["rules/upi.toml", "tests/fixtures/cli/px-spacing.toml"]) {
    const rules = new Rules(read(join(REPO, rulesPath)));
    assert.deepStrictEqual(
      layout(article, rules, { device: "desktop" }),
      cliJson("layout", rel(seed), "--device", "desktop", "--rules", rulesPath),
      rulesPath,
    );
  }
  const html = join(FIXTURES, "real", "aclu.html");
  assert.deepStrictEqual(layout(read(html)), cliJson("layout", rel(html)));
  assert.deepStrictEqual(Object.keys(layout(article)), ["columns", "blocks", "height_px"]);
});

test("bad columns and devices are call errors", () => {
  const article = { blocks: [] };
  assert.throws(() => layout(article, null, { columns: 0 }), { name: "AdslotError", kind: "call", message: "columns must be at least 1" });
  assert.throws(() => layout(article, null, { columns: 2.5 }), TypeError);
  assert.throws(() => layout(article, null, { device: "watch" }), (e) => e instanceof AdslotError && /unknown device `watch`/.test(e.message));
});
