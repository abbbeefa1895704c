// The edge worker against a local upstream (an http server on an ephemeral loopback port), in
// two runtimes: Node (worker.mjs, called directly) and workerd, the Cloudflare Workers runtime
// (cloudflare.mjs and the package's modules, the .wasm as a compiled module, run by miniflare):
// HTML pages come back with the CLI's slots, everything else as the upstream sent it.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { Miniflare } from "miniflare";

import worker from "./worker.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..");
// The package as npm installed it (a link to bindings/wasm/pkg).
const PKG = realpathSync(join(HERE, "node_modules", "adslot"));
const STORY = "tests/fixtures/real/aclu.html";
const RULES = "rules/default.toml";
const story = readFileSync(join(REPO, STORY), "utf8");
const rulesText = readFileSync(join(REPO, RULES), "utf8");

function adslot(...args) {
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, "target");
  const bin = process.env.ADSLOT_BIN ?? join(target, "release", "adslot");
  if (!existsSync(bin)) throw new Error(`the adslot command is needed to compare with: ${bin} (cargo build --release)`);
  return execFileSync(bin, args, { cwd: REPO, encoding: "utf8" });
}

const pages = {
  "/news/story": ["text/html; charset=utf-8", story],
  "/news/gzipped": ["text/html", gzipSync(Buffer.from(story)), { "content-encoding": "gzip" }],
  "/news/latin1": ["text/html; charset=windows-1252", Buffer.from("<p>Caf\xe9</p>", "latin1")],
  "/news/deep": ["text/html", "<div>".repeat(300) + "<p>Too deep.</p>"],
  "/style.css": ["text/css", "p { margin: 0 }"],
};

let server;
let env;
let workerd;
const seen = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, host: req.headers.host, ua: req.headers["user-agent"] });
    const page = pages[req.url.split("?")[0]];
    if (!page) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<p>Not found</p>");
      return;
    }
    const [type, body, extra = {}] = page;
    res.writeHead(200, { "content-type": type, "x-upstream": "yes", ...extra });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = { UPSTREAM: `http://127.0.0.1:${server.address().port}`, ADSLOT_RULES: rulesText };
  // The modules by the names the imports give: "adslot/core" is the package's export of
  // core.js, whose "./adslot_wasm.js" and the .wasm sit beside it, as a bundler lays them out.
  workerd = new Miniflare({
    modulesRoot: HERE,
    modules: [
      { type: "ESModule", path: join(HERE, "cloudflare.mjs") },
      { type: "ESModule", path: join(HERE, "handler.mjs") },
      { type: "ESModule", path: join(HERE, "adslot", "core"), contents: readFileSync(join(PKG, "core.js"), "utf8") },
      { type: "ESModule", path: join(HERE, "adslot", "adslot_wasm.js"), contents: readFileSync(join(PKG, "adslot_wasm.js"), "utf8") },
      { type: "CompiledWasm", path: join(HERE, "adslot", "adslot_wasm_bg.wasm"), contents: readFileSync(join(PKG, "adslot_wasm_bg.wasm")) },
    ],
    compatibilityDate: "2025-01-01",
    bindings: env,
  });
  await workerd.ready;
});

after(async () => {
  await workerd?.dispose();
  server.close();
});

const runtimes = {
  node: (path, headers = {}) => worker.fetch(new Request(`https://news.example${path}`, { headers }), env),
  workerd: (path, headers = {}) => workerd.dispatchFetch(`https://news.example${path}`, { headers }),
};

for (const [runtime, get] of Object.entries(runtimes)) {
  test(`${runtime}: an HTML page comes back with the CLI's slots, for the device the client is`, async () => {
    const mobile = await get("/news/story?ref=home", { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148" });
    assert.equal(mobile.status, 200);
    assert.equal(mobile.headers.get("x-upstream"), "yes");
    assert.equal(mobile.headers.get("x-adslot"), "device mobile");
    assert.equal(mobile.headers.get("content-type"), "text/html; charset=utf-8");
    const body = await mobile.text();
    assert.equal(body, adslot("place", STORY, "--rules", RULES, "--format", "html", "--device", "mobile"));
    assert.ok(body.includes('data-adslot="'));
    assert.deepStrictEqual(seen.at(-1).url, "/news/story?ref=home");
    assert.notEqual(seen.at(-1).host, "news.example");
    const desktop = await get("/news/story", { "sec-ch-ua-mobile": "?0" });
    assert.equal(desktop.headers.get("x-adslot"), "device desktop");
    assert.equal(await desktop.text(), adslot("place", STORY, "--rules", RULES, "--format", "html", "--device", "desktop"));
  });

  test(`${runtime}: a compressed page is rewritten from its decoded text`, async () => {
    const r = await get("/news/gzipped", { "sec-ch-ua-mobile": "?1" });
    assert.equal(r.headers.get("content-encoding"), null);
    assert.equal(await r.text(), adslot("place", STORY, "--rules", RULES, "--format", "html", "--device", "mobile"));
  });

  test(`${runtime}: what is not a UTF-8 HTML page that adslot reads passes through unchanged`, async () => {
    const css = await get("/style.css");
    assert.equal(css.headers.get("x-adslot"), null);
    assert.equal(await css.text(), "p { margin: 0 }");
    const missing = await get("/nowhere");
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), "<p>Not found</p>");
    const latin1 = await get("/news/latin1");
    assert.equal(latin1.headers.get("x-adslot"), "skipped: charset windows-1252");
    assert.deepStrictEqual(Buffer.from(await latin1.arrayBuffer()), Buffer.from("<p>Caf\xe9</p>", "latin1"));
    const deep = await get("/news/deep");
    assert.equal(deep.status, 200);
    assert.match(deep.headers.get("x-adslot"), /^error: \/news\/deep/);
    assert.equal(await deep.text(), pages["/news/deep"][1]);
  });
}
