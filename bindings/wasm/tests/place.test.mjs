// place(): the CLI's plans on every fixture, from objects and from documents of every format.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Rules, place } from "../pkg/index.js";
import { FIXTURES, REPO, cliJson, jsonFixtures, read, realArticles, rel, ruleFiles } from "./helpers.mjs";

const rulesOf = (p) => new Rules(read(p), { name: rel(p) });

for (const rulesPath of ruleFiles()) {
  for (const device of ["mobile", "desktop"]) {
    test(`place(object) is the CLI's JSON on every fixture: ${rel(rulesPath)}, ${device}`, () => {
      const rules = rulesOf(rulesPath);
      for (const path of jsonFixtures()) {
        const expected = cliJson("place", rel(path), "--rules", rel(rulesPath), "--device", device);
        assert.deepStrictEqual(place(JSON.parse(read(path)), rules, { device }), expected, rel(path));
      }
    });
  }
}

for (const rulesPath of ruleFiles().slice(0, 2)) {
  test(`explain is the CLI's on every fixture: ${rel(rulesPath)}`, () => {
    const rules = rulesOf(rulesPath);
    for (const path of jsonFixtures()) {
      const article = JSON.parse(read(path));
      const expected = cliJson("place", rel(path), "--rules", rel(rulesPath), "--explain");
      const got = place(article, rules, { explain: true });
      assert.deepStrictEqual(got, expected, rel(path));
      assert.equal(got.gaps.length, article.blocks.length + 1);
    }
  });
}

test("plan keys are the CLI's, in its order; the seed's ads are where the publisher put them", () => {
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const plan = place(JSON.parse(read(seed)), rulesOf(join(REPO, "rules", "upi.toml")));
  const expected = cliJson("place", rel(seed), "--rules", "rules/upi.toml");
  assert.deepStrictEqual(Object.keys(plan), Object.keys(expected));
  assert.deepStrictEqual(Object.keys(plan.placements[0]), Object.keys(expected.placements[0]));
  assert.deepStrictEqual(plan.placements.map((p) => p.before_block), [0, 5, 9, 13]);
});

test("HTML documents (every real article) are the CLI's plans, by format, name or content", () => {
  const rules = rulesOf(join(REPO, "rules", "default.toml"));
  for (const [name, , htmlPath] of realArticles()) {
    const expected = cliJson("place", rel(htmlPath), "--rules", "rules/default.toml");
    const text = read(htmlPath);
    assert.deepStrictEqual(place(text, rules, { format: "html" }), expected, name);
    assert.deepStrictEqual(place(text, rules), expected, name);
    assert.deepStrictEqual(place(text, rules, { name: `${name}.html` }), expected, name);
  }
});

test("text, JSON, Markdown, Gutenberg and ANS documents are the CLI's plans", () => {
  const upi = rulesOf(join(REPO, "rules", "upi.toml"));
  const txt = join(FIXTURES, "upi-xi-global-internet.txt");
  assert.deepStrictEqual(place(read(txt), upi, { format: "text" }), cliJson("place", rel(txt), "--rules", "rules/upi.toml"));
  const seed = join(FIXTURES, "upi-xi-global-internet.json");
  const expected = cliJson("place", rel(seed), "--rules", "rules/upi.toml");
  assert.deepStrictEqual(place(read(seed), upi), expected); // sniffed
  assert.deepStrictEqual(place(read(seed), upi, { format: "json" }), expected);
  const rules = rulesOf(join(REPO, "rules", "default.toml"));
  for (const p of ["cms/city-budget.gutenberg", "cms/council-story.ans"]) {
    const path = join(FIXTURES, p);
    const plan = cliJson("place", rel(path), "--rules", "rules/default.toml");
    assert.deepStrictEqual(place(read(path), rules, { name: rel(path) }), plan, p);
  }
  const md = "# Council approves the budget\n\n" + "The council voted on Monday to approve a budget that raises spending on schools and roads.\n\n".repeat(40);
  const dir = mkdtempSync(join(tmpdir(), "adslot-wasm-"));
  try {
    const path = join(dir, "story.md");
    writeFileSync(path, md);
    const plan = cliJson("place", path, "--rules", "rules/default.toml");
    assert.ok(plan.placements.length > 0);
    assert.deepStrictEqual(place(md, rules, { format: "markdown" }), plan);
    assert.deepStrictEqual(place(md, rules, { name: "story.md" }), plan);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an object's metadata picks the CLI's rule sets", () => {
  const rulesPath = join(REPO, "rules", "sections.toml");
  const rules = rulesOf(rulesPath);
  const seed = JSON.parse(read(join(FIXTURES, "upi-xi-global-internet.json")));
  for (const meta of [{ section: "Business" }, { section: "sport", tags: ["live"] }, { type: "liveblog" }]) {
    const article = { ...seed, ...meta };
    const viaJson = place(JSON.stringify(article), rules, { format: "json" });
    assert.deepStrictEqual(place(article, rules), viaJson, JSON.stringify(meta));
  }
});

test("empty input is an article without blocks", () => {
  for (const a of ["", "   \n", { blocks: [] }]) {
    const plan = place(a, new Rules());
    assert.deepStrictEqual(plan.placements, []);
  }
});
