// The TOML editor: a plain textarea (so the browser's own undo, selection and paste work) over a
// layer that draws the line numbers and marks each problem at its line and column.

/** A problem's column counts characters (code points), as the adslot command counts. */
function codePoints(line) {
  return Array.from(line);
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** The editor inside `root`: `text` to start with, `onInput` called on every change. */
export class Editor {
  constructor(root, { text, onInput }) {
    root.classList.add("editor");
    root.innerHTML =
      '<div class="gutter" aria-hidden="true"></div>' +
      '<div class="code"><pre class="marks" aria-hidden="true"></pre>' +
      '<textarea spellcheck="false" wrap="off" autocomplete="off" autocapitalize="off" ' +
      'aria-label="Rule file (TOML)"></textarea></div>';
    this.gutter = root.querySelector(".gutter");
    this.layer = root.querySelector(".marks");
    this.area = root.querySelector("textarea");
    this.problems = [];
    this.area.value = text;
    this.area.addEventListener("input", () => {
      this.draw();
      onInput(this.area.value);
    });
    this.area.addEventListener("scroll", () => this.sync());
    this.draw();
  }

  get text() {
    return this.area.value;
  }

  /** Replaces the whole text (a new file picked): the browser's undo starts again. */
  set text(value) {
    this.area.value = value;
    this.problems = [];
    this.draw();
  }

  /**
   * Marks `problems` ({line, column, message, help, severity}); those without a line are only
   * listed by the caller.
   */
  mark(problems) {
    this.problems = problems.filter((p) => Number.isInteger(p.line) && p.line >= 1);
    this.draw();
  }

  /** Puts the caret at `line`:`column` (1-based, in code points) and scrolls it into view. */
  reveal(line, column) {
    const lines = this.area.value.split("\n");
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i += 1) offset += lines[i].length + 1;
    const within = codePoints(lines[line - 1] ?? "").slice(0, Math.max(0, (column ?? 1) - 1)).join("");
    this.area.focus();
    this.area.setSelectionRange(offset + within.length, offset + within.length);
    const style = getComputedStyle(this.area);
    const height = parseFloat(style.lineHeight);
    this.area.scrollTop = Math.max(0, (line - 3) * height);
  }

  draw() {
    const lines = this.area.value.split("\n");
    const byLine = new Map();
    for (const p of this.problems) {
      const at = Math.min(p.line, lines.length);
      if (!byLine.has(at)) byLine.set(at, []);
      byLine.get(at).push(p);
    }
    this.gutter.innerHTML = lines
      .map((_, i) => {
        const marks = byLine.get(i + 1);
        const severity = marks?.some((p) => p.severity === "error") ? "error" : marks ? "warning" : "";
        return `<div class="n ${severity}">${i + 1}</div>`;
      })
      .join("");
    this.layer.innerHTML = lines.map((line, i) => this.markLine(line, byLine.get(i + 1))).join("\n") + "\n";
    this.sync();
  }

  /** One line of the layer: its text, invisible, with each problem's character marked. */
  markLine(line, problems) {
    if (!problems) return escape(line);
    const chars = codePoints(line);
    const at = new Map();
    for (const p of problems) {
      // A problem past the end of its line (a missing value) marks the end.
      const column = Math.min(Math.max(1, p.column ?? 1), chars.length + 1);
      if (!at.has(column)) at.set(column, []);
      at.get(column).push(p);
    }
    let out = "";
    for (let c = 1; c <= chars.length + 1; c += 1) {
      const here = at.get(c);
      const ch = c <= chars.length ? escape(chars[c - 1]) : " ";
      if (!here) {
        if (c <= chars.length) out += ch;
        continue;
      }
      const p = here.find((q) => q.severity === "error") ?? here[0];
      const title = here.map((q) => q.message + (q.help ? ` (help: ${q.help})` : "")).join("\n");
      out +=
        `<mark class="${p.severity}" data-line="${p.line}" data-column="${p.column ?? ""}" title="${escape(title)}">` +
        `${ch}</mark>`;
    }
    return `<span class="marked ${problems.some((p) => p.severity === "error") ? "error" : "warning"}">${out}</span>`;
  }

  sync() {
    this.layer.style.transform = `translate(${-this.area.scrollLeft}px, ${-this.area.scrollTop}px)`;
    this.gutter.scrollTop = this.area.scrollTop;
  }
}
