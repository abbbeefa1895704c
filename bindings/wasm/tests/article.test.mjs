// Article.from: an article read once and placed under many rule files and devices gives the
// CLI's plans, as a fresh reading each time would; its errors are place()'s; text crosses as
// UTF-8 bytes without a character lost or a column moved.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AdslotError, Article, Rules, insert, layout, place } from "../pkg/index.js";
import { FIXTURES, REPO, cliError, cliJson, jsonFixtures, read, realArticles, rel, ruleFiles, thrown } from "./helpers.mjs";

const rulesOf = (p) => new Rules(read(p), { name: rel(p) });

test("one Article placed under every rule file and device: the CLI's plans, the same each time", () => {
  const rules = ruleFiles().map(rulesOf);
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const article = Article.from(JSON.parse(read(seed)));
  for (const [i, rulesPath] of ruleFiles().entries()) {
    for (const device of ["mobile", "desktop"]) {
      const expected = cliJson("place", rel(seed), "--rules", rel(rulesPath), "--device", device);
      assert.deepStrictEqual(place(article, rules[i], { device }), expected, `${rel(rulesPath)} ${device}`);
    }
  }
  // Placing does not change it: the first rule file again, and with explain.
  const again = cliJson("place", rel(seed), "--rules", rel(ruleFiles()[0]), "--explain");
  assert.deepStrictEqual(place(article, rules[0], { explain: true }), again);
});

test("an Article of every JSON fixture places as its object and its text do", () => {
  const rules = [rulesOf(join(REPO, "rules", "default.toml")), rulesOf(join(REPO, "rules", "upi.toml"))];
  for (const path of jsonFixtures()) {
    const text = read(path);
    const fromObject = Article.from(JSON.parse(text));
    const fromText = Article.from(text, { format: "json" });
    for (const r of rules) {
      for (const device of ["mobile", "desktop"]) {
        const expected = place(JSON.parse(text), r, { device });
        assert.deepStrictEqual(place(fromObject, r, { device }), expected, rel(path));
        assert.deepStrictEqual(place(fromText, r, { device }), expected, rel(path));
      }
    }
    assert.equal(fromObject.blocks, JSON.parse(text).blocks.length, rel(path));
  }
});

test("HTML documents read once are the CLI's plans on both devices", () => {
  const rules = rulesOf(join(REPO, "rules", "default.toml"));
  for (const [name, , htmlPath] of realArticles().slice(0, 8)) {
    const article = Article.from(read(htmlPath), { name: `${name}.html`, rules });
    for (const device of ["mobile", "desktop"]) {
      const expected = cliJson("place", rel(htmlPath), "--rules", "rules/default.toml", "--device", device);
      assert.deepStrictEqual(place(article, rules, { device }), expected, `${name} ${device}`);
    }
  }
});

test("a document is read with the [html] settings of the rules given to Article.from", () => {
  const html = "<h1>Budget</h1>" + "<p>The council voted to approve a budget for schools and roads this year.</p>".repeat(12);
  const promo = "<div class=\"promo\"><p>Subscribe to our newsletter for the latest budget news today.</p></div>";
  const page = html.replace("</p>", `</p>${promo}`);
  const marked = new Rules('[html]\nexisting_ad_selector = ".promo"\n', { name: "promo.toml" });
  const plain = new Rules();
  const withRules = Article.from(page, { format: "html", rules: marked });
  const builtin = Article.from(page, { format: "html" });
  assert.deepStrictEqual(place(withRules, marked), place(page, marked, { format: "html" }));
  assert.deepStrictEqual(place(builtin, marked), place(page, plain, { format: "html" }));
  assert.notDeepStrictEqual(place(withRules, marked), place(builtin, marked));
});

test("Article.from's errors are place()'s; an Article is for place() only", () => {
  const bad = join(FIXTURES, "bad", "unknown-kind.json");
  const message = cliError("place", rel(bad), "--rules", "rules/default.toml");
  const e = thrown(() => Article.from(read(bad), { name: rel(bad) }));
  assert.ok(e instanceof AdslotError);
  assert.deepStrictEqual([e.kind, e.message, e.path], ["article", message, rel(bad)]);
  const key = thrown(() => Article.from({ blocks: [{ kind: "paragrap" }] }, { name: "story-3" }));
  assert.equal(key.message, "story-3: blocks[0].kind: unknown block kind `paragrap` (did you mean `paragraph`?)");
  assert.equal(thrown(() => Article.from({ blocks: [] }, { format: "html" })).kind, "call");
  assert.equal(thrown(() => Article.from("<p>x</p>", { format: "htm" })).kind, "call");
  assert.throws(() => Article.from(3), { name: "TypeError", message: /got number/ });
  assert.throws(() => Article.from({ blocks: [] }, { rules: "rules.toml" }), TypeError);
  assert.throws(() => new Article(), { name: "TypeError", message: /Article\.from/ });
  const article = Article.from({ id: "a-1", blocks: [{ kind: "paragraph", text: "One two." }] });
  assert.deepStrictEqual([article.id, article.blocks], ["a-1", 1]);
  assert.equal(Article.from({ blocks: [] }).id, null);
  assert.throws(() => place(article, new Rules(), { format: "json" }), { name: "TypeError", message: /Article\.from's options/ });
  assert.throws(() => place(article, new Rules(), { name: "x.json" }), TypeError);
  assert.equal(thrown(() => place(article, new Rules(), { device: "watch" })).kind, "call");
  assert.throws(() => insert(article, new Rules()), TypeError);
  assert.throws(() => layout(article, new Rules()), { name: "TypeError", message: /taken by place\(\)/ });
  assert.throws(() => Article.from(article), TypeError);
  article.free();
  assert.throws(() => place(article, new Rules()), { name: "TypeError", message: /freed/ });
  article.free(); // twice is harmless
});

test("text crosses as UTF-8 bytes: every character kept, columns counted in characters", () => {
  // Astral characters are two UTF-16 code units and four UTF-8 bytes: the CLI's column counts
  // each as one character.
  const prefix = '{"blocks": [{"text": "😀 naïve 漢字 \\u00e9", "kind": ';
  const text = `${prefix}"paragrap"}]}`;
  const dir = mkdtempSync(join(tmpdir(), "adslot-wasm-"));
  try {
    const path = join(dir, "astral.json");
    writeFileSync(path, text);
    const e = thrown(() => place(text, new Rules(), { name: path }));
    assert.equal(e.message, cliError("place", path, "--rules", "rules/default.toml"));
    // serde_json's place is just after the bad value; in UTF-16 code units it would be one more.
    assert.deepStrictEqual([e.line, e.column], [1, [...`${prefix}"paragrap"`].length + 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = { id: "😀-漢字", blocks: [{ kind: "paragraph", text: "😀 ".repeat(300) + "naïve 漢字" }, { kind: "paragraph", text: "x ".repeat(200) }] };
  const plan = place(ok, new Rules());
  assert.equal(plan.id, "😀-漢字");
  assert.deepStrictEqual(place(JSON.stringify(ok), new Rules(), { format: "json" }), plan);
  assert.deepStrictEqual(place(Article.from(ok), new Rules()), plan);
  // A lone surrogate in a document string (no character in UTF-8) becomes U+FFFD, as
  // TextEncoder encodes it.
  assert.equal(place('{"id": "a\ud800b", "blocks": []}', new Rules(), { format: "json" }).id, "a\ufffdb");
});
