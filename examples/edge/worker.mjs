// The edge worker for Node 20+, Deno and Bun: "adslot" loads its WebAssembly on import, then the
// handler (handler.mjs) is the runtime's `export default { fetch }`.

import "adslot";

export { default, deviceOf, slotWorker } from "./handler.mjs";
