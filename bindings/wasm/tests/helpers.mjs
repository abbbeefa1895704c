// Shared by the package's tests: the package as built (pkg/), the repository's fixtures, and
// the `adslot` command they are compared with ($ADSLOT_BIN, else target/release/adslot under
// $CARGO_TARGET_DIR or the repository: ci.sh builds it; missing is an error, never a skip).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const FIXTURES = join(REPO, "tests", "fixtures");
export const PKG = join(REPO, "bindings", "wasm", "pkg");

function adslotBin() {
  const candidates = [];
  if (process.env.ADSLOT_BIN) candidates.push(process.env.ADSLOT_BIN);
  if (process.env.CARGO_TARGET_DIR) candidates.push(join(process.env.CARGO_TARGET_DIR, "release", "adslot"));
  candidates.push(join(REPO, "target", "release", "adslot"));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `the adslot command is needed to compare with: build it (cargo build --release) or set ADSLOT_BIN; looked at ${candidates.join(", ")}`,
    );
  }
  return found;
}

const BIN = adslotBin();

/** The path of `p` relative to the repository, as the CLI (run there) names files. */
export function rel(p) {
  return relative(REPO, p);
}

export function read(p) {
  return readFileSync(p, "utf8");
}

/** The CLI's standard output (it must succeed). */
export function cli(...args) {
  return execFileSync(BIN, args, { cwd: REPO, encoding: "utf8", maxBuffer: 64 << 20 });
}

/** The CLI's JSON answer. */
export function cliJson(...args) {
  return JSON.parse(cli(...args));
}

/** The message of a CLI run that fails (its stderr without `error: `). */
export function cliError(...args) {
  const r = spawnSync(BIN, args, { cwd: REPO, encoding: "utf8" });
  if (r.status !== 1) throw new Error(`expected exit 1, got ${r.status}: ${r.stdout}${r.stderr}`);
  const text = r.stderr.replace(/\n$/, "");
  if (!text.startsWith("error: ")) throw new Error(text);
  return text.slice("error: ".length);
}

function sorted(dir, ext) {
  return readdirSync(dir)
    .filter((n) => n.endsWith(ext))
    .sort()
    .map((n) => join(dir, n));
}

/** The real article bodies: [name, JSON path, HTML path]. */
export function realArticles() {
  const out = sorted(join(FIXTURES, "real"), ".json").map((j) => [
    j.slice(j.lastIndexOf("/") + 1, -".json".length),
    j,
    j.replace(/\.json$/, ".html"),
  ]);
  if (out.length < 39) throw new Error(`expected at least 39 real articles, found ${out.length}`);
  return out;
}

/** Every valid JSON article fixture: the seed, the real bodies, the CLI's own, three "bad" ones. */
export function jsonFixtures() {
  return [
    join(FIXTURES, "upi-xi-global-internet.json"),
    ...sorted(join(FIXTURES, "real"), ".json"),
    ...sorted(join(FIXTURES, "cli"), ".json"),
    ...["ads-on-page.json", "empty.json", "no-headlines.json"].map((n) => join(FIXTURES, "bad", n)),
  ];
}

/** The rule files compared on. */
export function ruleFiles() {
  return [
    join(REPO, "rules", "default.toml"),
    join(REPO, "rules", "upi.toml"),
    join(REPO, "rules", "sections.toml"),
    join(FIXTURES, "cli", "px-spacing.toml"),
    join(FIXTURES, "cli", "long-slot.toml"),
  ];
}

/** The error `f` throws (it must throw). */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error(`expected ${f} to throw`);
}
