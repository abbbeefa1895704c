// `place` in Node on the 2,000-word article of the native criterion bench (`cargo bench --bench
// place -- 2000-words`: the first 2,000 words of blogger.json, rules/default.toml), per device:
// the whole JavaScript call from an object (object in, plan object out), from the article's
// JSON text (as the native `json-in-json-out` does), and from an `Article` read once by
// `Article.from` (as the native `place` on a parsed article). Prints medians of 31 samples,
// each the mean of a batch of 50 calls, after a warm-up of 300.
//
//   node bindings/wasm/bench/place.mjs
//   ADSLOT_PKG=/path/to/other/pkg node bindings/wasm/bench/place.mjs   # another build of it

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const pkg = process.env.ADSLOT_PKG ?? join(repo, "bindings", "wasm", "pkg");
const { Article, Rules, place } = await import(pathToFileURL(join(pkg, "index.js")).href);
const full = JSON.parse(readFileSync(join(repo, "tests", "fixtures", "real", "blogger.json"), "utf8"));
const rules = new Rules(readFileSync(join(repo, "rules", "default.toml"), "utf8"));

// The native bench's cut: blocks while fewer than 2,000 words came before (a word holds a
// letter or digit; each Han, kana or Hangul character is one).
const WORD = /[\p{L}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const count = (text) =>
  (text ?? "").split(/\s+/).filter((w) => WORD.test(w)).reduce((n, w) => n + Math.max(1, (w.match(CJK) ?? []).length), 0);
let words = 0;
const article = {
  ...full,
  blocks: full.blocks.filter((b) => {
    const keep = words < 2000;
    words += count(b.text);
    return keep;
  }),
};
const text = JSON.stringify(article);

function median(f) {
  for (let i = 0; i < 300; i++) f();
  const samples = [];
  for (let s = 0; s < 31; s++) {
    const n = 50;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    samples.push(Number(process.hrtime.bigint() - t) / n / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[15];
}

console.log(`${article.blocks.length} blocks, ${text.length} characters of JSON`);
for (const device of ["mobile", "desktop"]) {
  const object = median(() => place(article, rules, { device }));
  const json = median(() => place(text, rules, { device, format: "json" }));
  // A package without Article (before it) prints "-".
  const read = Article?.from(text, { format: "json" });
  const prepared = read ? median(() => place(read, rules, { device })).toFixed(1) : "-";
  console.log(
    `2000-words/${device}: place(object) ${object.toFixed(1)} µs, place(JSON text) ${json.toFixed(1)} µs, place(Article) ${prepared} µs (median per call)`,
  );
}
