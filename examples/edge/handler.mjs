// The edge worker's handler, for every runtime: it puts adslot's slots into a publisher's pages
// as they pass, in the shape of a Cloudflare Worker or Fastly Compute handler
// (`export default { fetch }`). It fetches the page
// from the upstream origin, and for an HTML page returns it with one slot element per
// placement, reserved at its final height, not one other character changed. Anything else
// (CSS, images, redirects, errors, a page it cannot read) passes through as it came.
//
// Configuration (Cloudflare: `vars`/secrets in wrangler.toml; elsewhere, the `env` argument):
//   UPSTREAM      the origin, e.g. "https://www.example-news.com"
//   ADSLOT_RULES  the rule file's TOML text
//
// It imports the API from "adslot/core", which does not load the WebAssembly module: each
// runtime's entry loads it first. worker.mjs for Node, Deno and Bun ("adslot" reads the module
// on import); cloudflare.mjs for Cloudflare Workers (the runtime hands the module over
// compiled, and initSync instantiates it).

import { AdslotError, Rules, insert } from "adslot/core";

/** A handler for `upstream` placing by `rules` (a Rules object). */
export function slotWorker({ upstream, rules }) {
  return {
    async fetch(request) {
      const url = new URL(request.url);
      const origin = new URL(url.pathname + url.search, upstream);
      const headers = new Headers(request.headers);
      headers.delete("host");
      const init = { method: request.method, headers, redirect: "manual" };
      if (request.method !== "GET" && request.method !== "HEAD") init.body = await request.arrayBuffer();
      const response = await fetch(origin, init);
      const type = response.headers.get("content-type") ?? "";
      if (request.method !== "GET" || response.status !== 200 || !/^text\/html\b/i.test(type)) {
        return response;
      }
      const charset = /;\s*charset="?([^";]+)/i.exec(type)?.[1].toLowerCase();
      const bytes = await response.arrayBuffer();
      // fetch has decoded any Content-Encoding: the bytes are sent as they are now.
      const respond = (body, why) => {
        const out = new Response(body, response);
        out.headers.delete("content-length");
        out.headers.delete("content-encoding");
        out.headers.set("x-adslot", why);
        return out;
      };
      const pass = (why) => respond(bytes, why);
      // A string is text: only pages that are UTF-8 (or say nothing and decode as it) are
      // rewritten, so the bytes sent are exactly the page's plus the slots.
      if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") return pass(`skipped: charset ${charset}`);
      let html;
      try {
        html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return pass("skipped: not UTF-8");
      }
      const device = deviceOf(request, rules);
      let page;
      try {
        page = insert(html, rules, { format: "html", device, name: url.pathname });
      } catch (e) {
        // A page adslot cannot read is served as it is, never broken.
        if (e instanceof AdslotError) return pass(`error: ${e.message.split("\n")[0]}`);
        throw e;
      }
      const out = respond(page, `device ${device}`);
      out.headers.set("content-type", "text/html; charset=utf-8");
      out.headers.delete("etag");
      return out;
    },
  };
}

/** The device a request is for: mobile when the client hints or its user agent say so. */
export function deviceOf(request, rules) {
  const hint = request.headers.get("sec-ch-ua-mobile");
  const ua = request.headers.get("user-agent") ?? "";
  const mobile = hint !== null ? hint.trim() === "?1" : /Mobi|Android|iPhone/i.test(ua);
  const device = mobile ? "mobile" : "desktop";
  return rules.devices.includes(device) ? device : rules.defaultDevice;
}

let worker = null;

export default {
  /** The runtime's entry point: the handler made once per isolate from `env`. */
  async fetch(request, env) {
    worker ??= slotWorker({ upstream: env.UPSTREAM, rules: new Rules(env.ADSLOT_RULES, { name: "ADSLOT_RULES" }) });
    return worker.fetch(request);
  },
};
