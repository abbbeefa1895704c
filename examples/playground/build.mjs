// Bundles the playground with esbuild into dist/: index.html and playground.js, which holds the
// WebAssembly module (binary loader: its bytes, base64), the package's JavaScript, the page's
// code, and the shipped rule files and fixture articles (a module made here at build time).
//
//   node build.mjs        # after bindings/wasm/build.sh; build.sh runs both

import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = join(here, "dist");
const pkg = join(repo, "bindings", "wasm", "pkg");

/** The articles offered: every fixture a reader reads as an article (no rule files, fonts, CSS). */
const ARTICLE = /\.(json|html|txt|md|gutenberg|ans)$/;
const ARTICLE_DIRS = ["tests/fixtures", "tests/fixtures/real", "tests/fixtures/cli", "tests/fixtures/cms"];

function files(dir, pattern) {
  return readdirSync(join(repo, dir))
    .filter((n) => pattern.test(n) && statSync(join(repo, dir, n)).isFile())
    .sort()
    .map((n) => ({ name: `${dir}/${n}`, text: readFileSync(join(repo, dir, n), "utf8") }));
}

const shipped = {
  name: "shipped",
  setup(b) {
    b.onResolve({ filter: /^adslot-playground:shipped$/ }, () => ({ path: "shipped", namespace: "shipped" }));
    b.onLoad({ filter: /.*/, namespace: "shipped" }, () => {
      const rules = files("rules", /\.toml$/);
      const articles = ARTICLE_DIRS.flatMap((d) => files(d, ARTICLE));
      return {
        contents: `export const rules = ${JSON.stringify(rules)};\nexport const articles = ${JSON.stringify(articles)};\n`,
        loader: "js",
        watchFiles: [...rules, ...articles].map((f) => join(repo, f.name)),
      };
    });
  },
};

for (const f of ["core.js", "adslot_wasm.js", "adslot_wasm_bg.wasm"]) {
  try {
    statSync(join(pkg, f));
  } catch {
    throw new Error(`${relative(repo, join(pkg, f))} is missing: run bindings/wasm/build.sh (build.sh does)`);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const result = await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  // A classic script: module scripts do not load from file://.
  format: "iife",
  target: "es2022",
  minify: true,
  charset: "utf8",
  loader: { ".wasm": "binary" },
  // wasm-bindgen's glue names the module's URL for an init() without bytes, which the page never
  // makes (it hands over the bytes); a classic script has no import.meta.
  define: { "import.meta.url": "document.baseURI" },
  plugins: [shipped],
  outfile: join(dist, "playground.js"),
  metafile: true,
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(dist, "index.html"));
const size = statSync(join(dist, "playground.js")).size;
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`playground: ${relative(process.cwd(), dist)}/index.html and playground.js (${(size / 1e6).toFixed(2)} MB, ${inputs} inputs)`);
