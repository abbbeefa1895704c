// Types of the adslot package: those of core.js, with the module loaded on import.
export * from "./core.js";
