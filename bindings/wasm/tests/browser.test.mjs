// The package in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core from
// tests/browser/, which tests/browser/setup.sh installs): loaded as an ES module from a page
// served on localhost, it gives the plans Node gives (which the other tests hold to the CLI).

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import { Rules, insert, place } from "../pkg/index.js";
import { FIXTURES, PKG, REPO, read } from "./helpers.mjs";

const PLAYWRIGHT = join(REPO, "tests", "browser", "node_modules", "playwright-core", "index.mjs");
const CHROMIUM = process.env.ADSLOT_CHROMIUM ?? "/usr/bin/chromium";
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
const PAGE = '<!doctype html><meta charset="utf-8"><title>adslot</title>\n' +
  '<script type="module">import * as adslot from "/pkg/index.js"; window.adslot = adslot; document.title = "ready";</script>';

let server;
let base;
let context;
let page;

before(async () => {
  for (const [what, path] of [["playwright-core", PLAYWRIGHT], ["Chromium", CHROMIUM]]) {
    if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run tests/browser/setup.sh`);
  }
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(PAGE);
      return;
    }
    const file = normalize(join(PKG, url.pathname.replace(/^\/pkg\//, "")));
    if (!url.pathname.startsWith("/pkg/") || !file.startsWith(PKG) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import(pathToFileURL(PLAYWRIGHT).href);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  context = await browser.newContext();
  page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/");
  try {
    await page.waitForFunction(() => document.title === "ready", null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the package did not load in Chromium: ${errors.join("; ") || e.message}`);
  }
});

after(async () => {
  await context?.browser().close();
  server?.close();
});

test("place, insert, layout and check in Chromium are Node's", async () => {
  const upiText = read(join(REPO, "rules", "upi.toml"));
  const article = JSON.parse(read(join(FIXTURES, "upi-xi-global-internet.json")));
  const html = read(join(FIXTURES, "real", "aclu.html"));
  const got = await page.evaluate(({ upiText, article, html }) => {
    const { Article, Rules, place, insert, layout } = window.adslot;
    const rules = new Rules(upiText, { name: "rules/upi.toml" });
    return {
      plan: place(article, rules, { explain: true }),
      prepared: place(Article.from(html, { format: "html", rules }), rules, { device: "mobile" }),
      desktop: place(article, rules, { device: "desktop" }),
      page: insert(html, rules),
      geometry: layout(article, rules),
      check: rules.check(),
    };
  }, { upiText, article, html });
  const rules = new Rules(upiText, { name: "rules/upi.toml" });
  assert.deepStrictEqual(got.plan, place(article, rules, { explain: true }));
  assert.deepStrictEqual(got.plan.placements.map((p) => p.before_block), [0, 5, 9, 13]);
  assert.deepStrictEqual(got.desktop, place(article, rules, { device: "desktop" }));
  assert.deepStrictEqual(got.prepared, place(html, rules, { format: "html", device: "mobile" }));
  assert.equal(got.page, insert(html, rules));
  assert.deepStrictEqual(got.check, rules.check());
});

test("errors in Chromium are AdslotErrors with their place", async () => {
  const got = await page.evaluate(() => {
    const { Rules, AdslotError } = window.adslot;
    try {
      new Rules("[spacing]\nmin_word_between = 2\n", { name: "r.toml" });
      return null;
    } catch (e) {
      return { isError: e instanceof Error, isAdslot: e instanceof AdslotError, name: e.name, kind: e.kind, path: e.path, line: e.line, column: e.column, message: e.message };
    }
  });
  assert.deepStrictEqual(got, {
    isError: true,
    isAdslot: true,
    name: "AdslotError",
    kind: "rules",
    path: "r.toml",
    line: 2,
    column: 1,
    message: "r.toml:2:1: unknown key `min_word_between` in [spacing] (did you mean `min_words_between`?)",
  });
});
