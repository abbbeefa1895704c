// The playground's script: the WebAssembly module (its bytes bundled into this script, so the
// page runs from file:// or any static host and fetches nothing), then the page.

import { init } from "../../../bindings/wasm/pkg/core.js";
import wasm from "../../../bindings/wasm/pkg/adslot_wasm_bg.wasm";
import { articles, rules } from "adslot-playground:shipped";

import { start } from "./app.js";

// A classic script (modules do not load from file://), so no top-level await.
init({ module_or_path: wasm }).then(
  () => start(document, { rules, articles }),
  (e) => {
    document.getElementById("status").textContent = `The WebAssembly module did not load: ${e}`;
    document.documentElement.dataset.outcome = "no-module";
  },
);
