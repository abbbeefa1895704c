// Rules: rule files as the CLI reads them; bad ones with every problem, located as it locates.

import assert from "node:assert/strict";
import { test } from "node:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";

import { AdslotError, Rules, formats, version } from "../pkg/index.js";
import { FIXTURES, REPO, cli, cliError, read, rel, ruleFiles, thrown } from "./helpers.mjs";

test("a rule file's name, devices and default device", () => {
  const upi = new Rules(read(join(REPO, "rules", "upi.toml")), { name: "rules/upi.toml" });
  assert.equal(upi.name, "upi");
  assert.ok(upi.devices.includes("mobile") && upi.devices.includes("desktop"));
  assert.ok(upi.devices.includes(upi.defaultDevice));
  const builtin = new Rules();
  assert.deepStrictEqual(builtin.devices, ["mobile", "desktop"]);
  assert.equal(builtin.defaultDevice, "mobile");
  assert.deepStrictEqual(builtin.warnings, []);
});

const bad = readdirSync(join(FIXTURES, "bad")).filter((n) => n.endsWith(".toml")).sort();

for (const file of bad) {
  test(`bad rule file ${file}: the CLI's message, every problem located`, () => {
    const name = `tests/fixtures/bad/${file}`;
    const text = read(join(REPO, name));
    let printed;
    try {
      printed = cli("check", name);
    } catch {
      printed = null;
    }
    if (printed !== null) {
      // Valid with warnings: the warnings are the CLI's.
      const rules = new Rules(text, { name });
      const lines = printed.split("\n").filter((l) => l.startsWith("warning: ")).map((l) => l.slice(9));
      assert.deepStrictEqual(rules.warnings.map(problemLine), lines);
      return;
    }
    const expected = cliError("check", name);
    const e = thrown(() => new Rules(text, { name }));
    assert.ok(e instanceof AdslotError && e instanceof Error);
    assert.equal(e.name, "AdslotError");
    assert.equal(e.kind, "rules");
    assert.equal(e.message, expected);
    const lines = expected.split("\n");
    assert.deepStrictEqual(e.problems.map(problemLine), lines);
    for (const [p, line] of e.problems.map((p, i) => [p, lines[i]])) {
      const m = /^(.*?):(\d+):(\d+): /.exec(line);
      if (m) assert.deepStrictEqual([p.path, p.line, p.column], [m[1], Number(m[2]), Number(m[3])]);
    }
    assert.equal(e.path, name);
    assert.deepStrictEqual([e.line, e.column], [e.problems[0].line, e.problems[0].column]);
  });
}

/** A problem as the CLI prints it (the test's own writer). */
function problemLine(p) {
  let where = p.path;
  if (p.line !== null) where += `:${p.line}`;
  if (p.column !== null) where += `:${p.column}`;
  return `${where}: ${p.message}` + (p.help ? ` (${p.help})` : "");
}

test("bad TOML is located by line and column", () => {
  const e = thrown(() => new Rules("[spacing]\nmin_word_between = 2\nmax_ads = 1\n", { name: "r.toml" }));
  assert.equal(e.problems.length, 2);
  assert.deepStrictEqual([e.path, e.line, e.column], ["r.toml", 2, 1]);
  assert.equal(e.problems[0].message, "unknown key `min_word_between` in [spacing]");
  assert.equal(e.problems[0].help, "did you mean `min_words_between`?");
  assert.equal(e.problems[1].help, "it belongs in [limits]");
  const syntax = thrown(() => new Rules("[spacing\nmax_ads = 1\n"));
  assert.equal(syntax.kind, "rules");
  assert.equal(syntax.path, "rules.toml");
  assert.equal(syntax.line, 1);
  assert.ok(syntax.column >= 1);
  // Columns count characters, as the CLI's do: each é before `paragrap` is one column (in
  // UTF-8 bytes it would be at 24, in UTF-16 code units at 22 too: no astral characters).
  const line = 'never_after = ["éé", "paragrap"]';
  const wide = thrown(() => new Rules(`[placement]\n${line}\n`));
  assert.deepStrictEqual([wide.problems[1].line, wide.problems[1].column], [2, [...line.slice(0, line.indexOf('"paragrap"'))].length + 1]);
  assert.equal(wide.problems[1].column, 22);
  assert.throws(() => new Rules(42), TypeError);
});

for (const path of [...ruleFiles(), join(FIXTURES, "bad", "warnings.toml")]) {
  test(`check() is the summary the CLI prints: ${rel(path)}`, () => {
    const rules = new Rules(read(path), { name: rel(path) });
    const s = rules.check();
    const printed = cli("check", rel(path)).split("\n");
    assert.ok(printed[0].startsWith(`rules \`${s.name}\`: ok`), printed[0]);
    const warnings = printed.filter((l) => l.startsWith("warning: ")).map((l) => l.slice(9));
    assert.deepStrictEqual(s.warnings.map(problemLine), warnings);
    for (const d of s.devices) assert.ok(printed.some((l) => l.includes(d.name)), d.name);
  });
}

test("check() values are JavaScript values", () => {
  const rules = new Rules(
    '[limits]\nmax_ads = 2\nmax_density = 0.25\n[placement]\nnever_after = ["headline"]\n' +
      '[html]\nheadlines_selector = ".latest"\n',
  );
  const s = rules.check();
  assert.deepStrictEqual(s.devices[0].changed, { max_ads: 2, max_density: 0.25, never_after: ["headline"] });
  assert.equal(s.html.headlines_selector, ".latest");
  assert.equal(s.html.existing_ad_selector, null);
  assert.equal(s.html.max_depth, 256);
});

test("freed rules are refused; formats and version", () => {
  const rules = new Rules();
  rules.free();
  assert.throws(() => rules.devices, /not freed/);
  assert.deepStrictEqual(formats(), ["ans", "json", "text", "gutenberg", "html", "markdown"]);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});
