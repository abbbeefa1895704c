// preview(): byte for byte the page `adslot preview --html` writes, on every fixture, from
// objects and documents; its errors are the CLI's.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AdslotError, Rules, preview } from "../pkg/index.js";
import { FIXTURES, REPO, cli, cliError, jsonFixtures, read, realArticles, rel, thrown } from "./helpers.mjs";

const rulesOf = (p) => new Rules(read(p), { name: rel(p) });

/** The page the CLI writes for `article` with `args`. */
function cliPage(article, ...args) {
  const dir = mkdtempSync(join(tmpdir(), "adslot-preview-"));
  try {
    const out = join(dir, "page.html");
    const stdout = cli("preview", rel(article), ...args, "--html", out);
    assert.equal(stdout, "", "--html prints nothing");
    return read(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const rulesName of ["default.toml", "upi.toml"]) {
  const rulesPath = join(REPO, "rules", rulesName);
  for (const device of ["mobile", "desktop"]) {
    test(`preview(object) is the CLI's page on every JSON fixture: rules/${rulesName}, ${device}`, () => {
      const rules = rulesOf(rulesPath);
      for (const path of jsonFixtures()) {
        const expected = cliPage(path, "--rules", rel(rulesPath), "--device", device);
        const got = preview(JSON.parse(read(path)), rules, { device, name: rel(path) });
        assert.equal(got, expected, rel(path));
        // The document string too (sniffed as JSON): the same page.
        assert.equal(preview(read(path), rules, { device, name: rel(path) }), expected, rel(path));
      }
    });
  }
}

test("every real HTML article is the CLI's page, on both devices and side by side", () => {
  const rules = rulesOf(join(REPO, "rules", "default.toml"));
  for (const [name, , htmlPath] of realArticles()) {
    for (const device of ["mobile", "desktop", "all"]) {
      const expected = cliPage(htmlPath, "--rules", "rules/default.toml", "--device", device);
      const got = preview(read(htmlPath), rules, { device, name: rel(htmlPath) });
      assert.equal(got, expected, `${name}, ${device}`);
    }
  }
});

test("device all, the default device and --width are the CLI's", () => {
  const upi = rulesOf(join(REPO, "rules", "upi.toml"));
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const article = JSON.parse(read(seed));
  const both = preview(article, upi, { device: "all", name: rel(seed) });
  assert.equal(both, cliPage(seed, "--rules", "rules/upi.toml", "--device", "all"));
  assert.equal((both.match(/<section class="panel"/g) ?? []).length, 2);
  assert.equal(preview(article, upi, { name: rel(seed) }), cliPage(seed, "--rules", "rules/upi.toml"));
  assert.equal(
    preview(article, upi, { width: 30, name: rel(seed) }),
    cliPage(seed, "--rules", "rules/upi.toml", "--width", "30"),
  );
  assert.notEqual(preview(article, upi, { width: 30 }), preview(article, upi));
});

test("a page without an id is titled by its name's file name, as the CLI titles it", () => {
  const path = join(FIXTURES, "cli", "one-block.json");
  const article = JSON.parse(read(path));
  delete article.id;
  const page = preview(article, new Rules(), { name: "some/dir/story.json" });
  assert.match(page, /<title>adslot preview · story\.json<\/title>/);
  assert.match(preview(article, new Rules()), /<title>adslot preview · &lt;article&gt;<\/title>/);
});

test("errors are the CLI's: an unknown device, an article that does not read", () => {
  const rules = rulesOf(join(REPO, "rules", "upi.toml"));
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const device = thrown(() => preview(read(seed), rules, { device: "watch" }));
  assert.ok(device instanceof AdslotError);
  assert.equal(device.kind, "call");
  assert.equal(device.message, cliError("preview", rel(seed), "--rules", "rules/upi.toml", "--device", "watch"));
  const bad = join(FIXTURES, "bad", "malformed.json");
  const article = thrown(() => preview(read(bad), rules, { name: rel(bad) }));
  assert.ok(article instanceof AdslotError);
  assert.equal(article.kind, "article");
  assert.equal(article.message, cliError("preview", rel(bad), "--rules", "rules/upi.toml"));
  assert.ok(article.line >= 1 && article.column >= 1);
  const format = thrown(() => preview("<p>x</p>", rules, { format: "docx" }));
  assert.equal(format.kind, "call");
  assert.throws(() => preview(read(seed), rules, { width: 2.5 }), TypeError);
  assert.throws(() => preview(42, rules), TypeError);
});
