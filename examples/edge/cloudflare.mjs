// The edge worker for Cloudflare Workers: the runtime hands the WebAssembly module over compiled
// (a `.wasm` import is a WebAssembly.Module, wrangler's default rule for `**/*.wasm`), and
// initSync instantiates it before the handler (handler.mjs) answers a request.
//
//   npx wrangler deploy cloudflare.mjs --name adslot-edge --compatibility-date 2025-01-01 \
//     --var UPSTREAM:https://www.example-news.com     # and ADSLOT_RULES as a secret or var
//
// worker.test.mjs runs it in workerd, the Workers runtime, through miniflare.

import { initSync } from "adslot/core";
import module from "adslot/adslot_wasm_bg.wasm";

import handler from "./handler.mjs";

initSync({ module });

export default handler;
