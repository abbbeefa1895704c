// adslot for Node 20+ and browsers: the API of core.js, with the WebAssembly module loaded
// before the first call (read from the package's folder in Node, fetched beside this file in
// a browser). On the edge, import "adslot/core" and call initSync({ module }) instead.

import { initSync, init } from "./core.js";

export * from "./core.js";

const wasm = new URL("./adslot_wasm_bg.wasm", import.meta.url);
if (typeof process !== "undefined" && process.versions?.node !== undefined && wasm.protocol === "file:") {
  const { readFile } = await import("node:fs/promises");
  initSync({ module: await readFile(wasm) });
} else {
  await init({ module_or_path: wasm });
}
