// The playground's page: a rule file edited on the left, the preview `adslot preview --html`
// draws of the chosen article on the right, redrawn 250 ms after typing stops. Everything runs
// in the page (the WebAssembly package); nothing is fetched.

import { AdslotError, Rules, formats, place, preview } from "../../../bindings/wasm/pkg/core.js";

import { Editor } from "./editor.js";

/** Quiet time after the last keystroke before the preview is drawn again. */
export const DEBOUNCE_MS = 250;
const START_RULES = "rules/upi.toml";
const START_ARTICLE = "tests/fixtures/upi-xi-global-internet.json";
const PASTE = "paste";

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** The folder a shipped article is listed under. */
function group(name) {
  if (name.endsWith(".html")) return "HTML pages";
  if (name.endsWith(".json")) return "JSON articles";
  return "Other formats";
}

/**
 * Starts the playground in `doc` with the shipped `rules` and `articles` ({name, text} each,
 * named by their path in the repository).
 */
export function start(doc, { rules: ruleFiles, articles }) {
  const $ = (id) => doc.getElementById(id);
  const state = { current: null, timer: 0, renders: 0 };
  const byName = new Map(articles.map((a) => [a.name, a]));
  const ruleTexts = new Map(ruleFiles.map((r) => [r.name, r.text]));

  // The pickers.
  $("rules-file").innerHTML = ruleFiles
    .map((r) => `<option value="${escape(r.name)}"${r.name === START_RULES ? " selected" : ""}>${escape(r.name)}</option>`)
    .join("");
  const groups = new Map();
  for (const a of articles) {
    if (!groups.has(group(a.name))) groups.set(group(a.name), []);
    groups.get(group(a.name)).push(a);
  }
  $("article").innerHTML =
    [...groups]
      .map(
        ([label, list]) =>
          `<optgroup label="${escape(label)}">${list
            .map((a) => `<option value="${escape(a.name)}"${a.name === START_ARTICLE ? " selected" : ""}>${escape(a.name.replace(/^tests\/fixtures\//, ""))}</option>`)
            .join("")}</optgroup>`,
      )
      .join("") + `<option value="${PASTE}">Paste an article…</option>`;
  $("format").innerHTML =
    '<option value="">detect</option>' + formats().map((f) => `<option value="${f}">${f}</option>`).join("");

  const editor = new Editor($("editor"), { text: ruleTexts.get(START_RULES) ?? "", onInput: schedule });

  $("rules-file").addEventListener("change", () => {
    editor.text = ruleTexts.get($("rules-file").value) ?? "";
    draw();
  });
  $("article").addEventListener("change", () => {
    $("paste").hidden = $("article").value !== PASTE;
    draw();
  });
  $("device").addEventListener("change", draw);
  $("format").addEventListener("change", draw);
  $("paste-text").addEventListener("input", schedule);
  $("problems").addEventListener("click", (e) => {
    const item = e.target.closest("[data-line]");
    if (item) editor.reveal(Number(item.dataset.line), Number(item.dataset.column) || 1);
  });
  $("problems").addEventListener("keydown", (e) => {
    const item = e.target.closest("[data-line]");
    if (item && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      editor.reveal(Number(item.dataset.line), Number(item.dataset.column) || 1);
    }
  });

  function schedule() {
    clearTimeout(state.timer);
    $("status").textContent = "…";
    state.timer = setTimeout(draw, DEBOUNCE_MS);
  }

  /** The article as the package takes it: [text, {format, name}]. */
  function chosen() {
    const value = $("article").value;
    if (value === PASTE) {
      const format = $("format").value || undefined;
      return [$("paste-text").value, { format, name: "pasted" }];
    }
    const a = byName.get(value);
    return [a.text, { name: a.name }];
  }

  /** The devices of `rules` in the picker, keeping the one picked while it exists. */
  function devices(rules) {
    const picked = $("device").value || "mobile";
    const names = [...rules.devices, "all"];
    $("device").innerHTML = names
      .map((d) => `<option value="${escape(d)}">${d === "all" ? "all, side by side" : escape(d)}</option>`)
      .join("");
    $("device").value = names.includes(picked) ? picked : rules.defaultDevice;
  }

  function draw() {
    clearTimeout(state.timer);
    const started = performance.now();
    const name = $("rules-file").value;
    let rules;
    try {
      rules = new Rules(editor.text, { name });
    } catch (e) {
      if (!(e instanceof AdslotError)) throw e;
      const problems = e.problems.map((p) => ({ ...p, severity: "error" }));
      show(problems.length ? problems : [{ path: name, line: null, column: null, message: e.message, help: null, severity: "error" }]);
      $("preview-pane").classList.add("stale");
      $("status").textContent = `${problems.length || 1} error${problems.length > 1 ? "s" : ""} in the rule file: showing the last rules that loaded`;
      finish("rules-error");
      return;
    }
    state.current?.free();
    state.current = rules;
    show(rules.warnings.map((p) => ({ ...p, severity: "warning" })));
    devices(rules);
    const [text, options] = chosen();
    const device = $("device").value;
    const article = $("article-problems");
    try {
      const page = preview(text, rules, { ...options, device });
      const plans = (device === "all" ? rules.devices : [device]).map((d) => place(text, rules, { ...options, device: d }));
      article.innerHTML = "";
      load(page);
      $("preview-pane").classList.remove("stale");
      const ms = performance.now() - started;
      $("status").textContent = `${plans
        .map((p) => `${p.device}: ${p.placements.length} ad${p.placements.length === 1 ? "" : "s"}, density ${(p.density * 100).toFixed(1)}%`)
        .join(" · ")} · ${ms.toFixed(0)} ms`;
      finish("ok");
    } catch (e) {
      if (!(e instanceof AdslotError)) throw e;
      article.innerHTML = e.problems.length
        ? e.problems.map((p) => problemItem({ ...p, severity: "error" }, false)).join("")
        : `<li class="problem error">${escape(e.message)}</li>`;
      $("preview-pane").classList.add("stale");
      $("status").textContent = "the article could not be read";
      finish("article-error");
    }
  }

  /** The preview page in the frame, scrolled where the last one was. */
  function load(page) {
    const frame = $("preview");
    const y = frame.contentWindow?.scrollY ?? 0;
    frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, y), { once: true });
    frame.srcdoc = page;
  }

  /** The rule file's problems, listed and marked in the editor. */
  function show(problems) {
    editor.mark(problems);
    $("problems").innerHTML = problems.map((p) => problemItem(p, true)).join("");
  }

  function finish(outcome) {
    state.renders += 1;
    doc.documentElement.dataset.renders = String(state.renders);
    doc.documentElement.dataset.outcome = outcome;
  }

  draw();
}

/** One problem as a list item: where, what, and the help; `goto`: clicking it goes there. */
function problemItem(p, goto) {
  const where = p.line ? `${p.line}:${p.column ?? 1}` : "";
  const attrs = goto && p.line ? ` data-line="${p.line}" data-column="${p.column ?? 1}" tabindex="0"` : "";
  return (
    `<li class="problem ${p.severity}"${attrs}><span class="severity">${p.severity}</span> ` +
    (where ? `<code class="at">${escape(p.path)}:${where}</code> ` : "") +
    `<span class="message">${escape(p.message)}</span>` +
    (p.help ? `<div class="help">help: ${escape(p.help)}</div>` : "") +
    "</li>"
  );
}
