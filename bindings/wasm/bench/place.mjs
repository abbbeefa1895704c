// `place` in Node on the 2,000-word article of the native criterion bench (`cargo bench --bench
// place -- 2000-words`: blogger.json, 2,394 words, rules/default.toml), per device: the whole
// JavaScript call (object in, plan object out), and from JSON text. Prints medians of 31
// samples, each the mean of a batch of calls after a warm-up.
//
//   node bindings/wasm/bench/place.mjs

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Rules, place } from "../pkg/index.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const text = readFileSync(join(repo, "tests", "fixtures", "real", "blogger.json"), "utf8");
const article = JSON.parse(text);
const rules = new Rules(readFileSync(join(repo, "rules", "default.toml"), "utf8"));

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

for (const device of ["mobile", "desktop"]) {
  const object = median(() => place(article, rules, { device }));
  const json = median(() => place(text, rules, { device, format: "json" }));
  console.log(`2000-words/place/${device}: object ${object.toFixed(1)} µs, JSON text ${json.toFixed(1)} µs (median per call)`);
}
