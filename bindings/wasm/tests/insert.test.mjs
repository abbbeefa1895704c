// insert(): the CLI's `place --format html|markdown` on every fixture, character for character.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AdslotError, Rules, insert, place } from "../pkg/index.js";
import { FIXTURES, REPO, cli, cliError, read, realArticles, rel, thrown } from "./helpers.mjs";

const defaults = new Rules(read(join(REPO, "rules", "default.toml")), { name: "rules/default.toml" });

for (const device of ["mobile", "desktop"]) {
  test(`insert(HTML) is the CLI's output on every real article: ${device}`, () => {
    for (const [name, , htmlPath] of realArticles()) {
      const expected = cli("place", rel(htmlPath), "--rules", "rules/default.toml", "--format", "html", "--device", device);
      assert.equal(insert(read(htmlPath), defaults, { device }), expected, name);
      assert.equal(insert(read(htmlPath), defaults, { format: "html", device }), expected, name);
    }
  });
}

test("removing the slots gives the input back", () => {
  for (const [name, , htmlPath] of realArticles()) {
    const text = read(htmlPath);
    const out = insert(text, defaults);
    assert.equal(out.split("data-adslot=").length - 1, place(text, defaults).placements.length, name);
    assert.equal(out.replace(/<div class="adslot"[^>]*><\/div>/g, ""), text, name);
  }
});

test("Gutenberg, ANS and Markdown documents are the CLI's output", () => {
  for (const p of ["cms/city-budget.gutenberg", "cms/council-story.ans"]) {
    const path = join(FIXTURES, p);
    const expected = cli("place", rel(path), "--rules", "rules/default.toml", "--format", p.endsWith(".ans") ? "ans" : "gutenberg");
    assert.equal(insert(read(path), defaults, { name: rel(path) }), expected, p);
  }
  const md = "# Council approves the budget\n\n" + "The council voted on Monday to approve a budget that raises spending on schools and roads.\n\n".repeat(40);
  const dir = mkdtempSync(join(tmpdir(), "adslot-wasm-"));
  try {
    const path = join(dir, "story.md");
    writeFileSync(path, md);
    const out = insert(md, defaults, { format: "markdown" });
    assert.notEqual(out, md);
    assert.equal(out, cli("place", path, "--rules", "rules/default.toml", "--format", "markdown"));
    assert.equal(out.replace(/<div class="adslot"[^>]*><\/div>\n\n/g, ""), md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the rules' slot template is used; a string is text whatever its meta charset says", () => {
  const rules = new Rules(
    "[spacing]\nmin_words_before_first = 2\n[placement]\nnever_after = []\n" +
      "[html]\nslot_template = '<ins data-adslot=\"{slot}\" data-h=\"{height}\"></ins>'\n",
  );
  assert.equal(
    insert("<p>One two three.</p><p>Four five six.</p>", rules),
    '<p>One two three.</p><ins data-adslot="inline" data-h="302"></ins><p>Four five six.</p>',
  );
  const page = "<meta charset=windows-1252><p>Café au lait, crème brûlée.</p><p>Thé à la menthe.</p>";
  const out = insert(page, rules);
  assert.ok(out.startsWith("<meta charset=windows-1252><p>Café au lait, crème brûlée.</p><ins"), out);
});

test("formats without slots, objects and unknown devices are refused", () => {
  const upi = new Rules(read(join(REPO, "rules", "upi.toml")));
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const caught = thrown(() => insert(read(seed), upi, { name: rel(seed) }));
  assert.ok(caught instanceof AdslotError);
  assert.equal(caught.kind, "article");
  assert.equal(caught.path, rel(seed));
  // The CLI adds which flag to use; the library's message is the rest.
  assert.ok(cliError("place", rel(seed), "--rules", "rules/upi.toml", "--format", "html").startsWith(caught.message));
  assert.throws(() => insert("Title\n\nSome words here.\n", upi, { format: "text" }), /read as plain text/);
  assert.throws(() => insert({ blocks: [] }, upi), { name: "TypeError", message: /use place\(\)/ });
  assert.throws(() => insert("<p>x</p>", upi, { device: "watch" }), { name: "AdslotError", kind: "call", message: /unknown device `watch`/ });
});
