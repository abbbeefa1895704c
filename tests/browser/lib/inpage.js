// The code that runs inside the page: puts a page or a batch of paragraphs into the document,
// waits for fonts and images to settle, and reads back block boxes and line breaks.
//
// Playwright serialises `inPage` with Function.prototype.toString, so it must not refer to
// anything outside its own body. Everything it needs is defined inside it.

/* eslint-env browser */

/**
 * @param {object} arg
 * @param {'page'|'paragraphs'} arg.mode
 * @param {string} arg.css        the job's stylesheet (and the @font-face rules made from `fonts`)
 * @param {number} arg.width_px   the content column's width
 * @param {string} arg.lang       `<html lang>` ('' for none)
 * @param {string} [arg.html]     page mode: the article body
 * @param {string[]} [arg.texts]  paragraphs mode: the texts, one `<p>` each
 * @param {boolean} [arg.exhaustive] probe every character instead of every word (slow; tests)
 */
export async function inPage(arg) {
  const ROOT_ID = 'adslot-judge-root';
  // Elements reported whatever their display (when rendered at all).
  const BLOCK_TAGS = new Set([
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote',
    'figure', 'figcaption', 'img', 'video', 'iframe', 'embed', 'object', 'canvas', 'svg', 'table',
    'pre', 'hr',
  ]);
  // Other elements are reported when their display is one of these and they hold text directly.
  const BLOCK_DISPLAY = new Set(['block', 'flow-root', 'list-item', 'table', 'flex', 'grid']);
  // Not descended into: replaced content, foreign content, form controls.
  const OPAQUE = new Set(['svg', 'math', 'img', 'video', 'audio', 'iframe', 'embed', 'object',
    'canvas', 'select', 'textarea', 'button']);
  const WS = /[ \t\n\r\f]/;
  const SEGMENT = /[^ \t\n\r\f]+|[ \t\n\r\f]/g;

  const doc = document;
  const t0 = performance.now();

  // ---- the document: two style sheets (the judge's, then the job's) and the content root
  let base = doc.getElementById('adslot-judge-base');
  let user = doc.getElementById('adslot-judge-css');
  let root = doc.getElementById(ROOT_ID);
  if (!base) {
    base = doc.createElement('style');
    base.id = 'adslot-judge-base';
    user = doc.createElement('style');
    user.id = 'adslot-judge-css';
    doc.head.append(base, user);
    root = doc.createElement('div');
    root.id = ROOT_ID;
    root.className = ROOT_ID;
    doc.body.append(root);
  }
  const baseCss =
    `html,body{margin:0;padding:0}` +
    `#${ROOT_ID}{display:flow-root;box-sizing:content-box;width:${arg.width_px}px;margin:0;padding:0}` +
    (arg.mode === 'paragraphs'
      ? `#${ROOT_ID}>p{display:block;margin:0;padding:0;border:0;white-space:normal}`
      : '');
  // Unchanged style text is left alone, so its fonts stay loaded from page to page.
  if (base.textContent !== baseCss) base.textContent = baseCss;
  if (user.textContent !== arg.css) user.textContent = arg.css;
  root.removeAttribute('data-adslot-judge-ifc');
  if (arg.lang) doc.documentElement.lang = arg.lang;
  else doc.documentElement.removeAttribute('lang');

  if (arg.mode === 'paragraphs') {
    const ps = arg.texts.map((t) => {
      const p = doc.createElement('p');
      p.textContent = t;
      return p;
    });
    root.replaceChildren(...ps);
  } else {
    const tpl = doc.createElement('template');
    tpl.innerHTML = arg.html;
    // Nothing can load (the judge is offline), so every image ends up broken; lazy ones would
    // stay pending below the viewport, with a different box. Make them all reach the end state.
    for (const el of tpl.content.querySelectorAll('img[loading], iframe[loading]')) {
      el.setAttribute('loading', 'eager');
    }
    root.replaceChildren(tpl.content);
  }

  // ---- wait for fonts and images (promises only: page scripts and timers are disabled)
  void root.getBoundingClientRect();
  await doc.fonts.ready;
  const faces = [...doc.fonts];
  await Promise.all(faces.map((f) => (f.status === 'unloaded' ? f.load() : f.loaded).catch(() => null)));
  const failed = faces.filter((f) => f.status === 'error');
  if (failed.length) {
    const names = [...new Set(failed.map((f) => `${f.family} ${f.weight} ${f.style}`))];
    return { error: `font face failed to load (missing file, blocked URL or not a font): ${names.join(', ')}` };
  }
  await Promise.all([...root.querySelectorAll('img')].map((img) => (img.complete ? null : img.decode().catch(() => null))));
  await doc.fonts.ready;
  const settleMs = performance.now() - t0;

  // ---- measuring
  const rootRect = root.getBoundingClientRect();
  const range = doc.createRange();
  const styleOf = new Map();
  const style = (el) => {
    let s = styleOf.get(el);
    if (!s) {
      const cs = getComputedStyle(el);
      let lh = parseFloat(cs.lineHeight);
      if (!Number.isFinite(lh)) lh = 1.2 * parseFloat(cs.fontSize); // `normal`
      const collapse = cs.whiteSpaceCollapse || '';
      s = {
        lineHeight: lh > 0 ? lh : 1,
        skipSpaces: collapse === 'collapse' || collapse === 'preserve-breaks' ||
          (!collapse && /^(normal|nowrap|pre-line)$/.test(cs.whiteSpace)),
      };
      styleOf.set(el, s);
    }
    return s;
  };
  const rectsOf = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    const out = [];
    for (const r of range.getClientRects()) if (r.height > 0) out.push(r);
    return out;
  };

  // Per text node (cached: a list's text is read for the list and again for each item): the
  // rendered pieces in logical order, each {off, mid, left, right, soft, lh}, `mid` the vertical
  // centre of its first rect, `lh` the line height of the text's parent.
  const probed = new Map();
  const probe = (node) => {
    let pieces = probed.get(node);
    if (pieces) return pieces;
    pieces = [];
    const s = style(node.parentElement);
    const data = node.data;
    // `soft`: collapsible white space or a newline, which never starts a line and has no width.
    const softAt = (i) => {
      const ch = data[i];
      return ch === '\n' || ch === '\r' || ch === '\f' || (s.skipSpaces && (ch === ' ' || ch === '\t'));
    };
    const piece = (off, rs, soft) => {
      let left = Infinity;
      let right = -Infinity;
      for (const r of rs) {
        left = Math.min(left, r.left);
        right = Math.max(right, r.right);
      }
      return { off, mid: (rs[0].top + rs[0].bottom) / 2, left, right, soft, lh: s.lineHeight };
    };
    // One character never spans two lines, but after a break at a soft hyphen Chromium reports
    // the hyphen it draws at the line end as a rect of the next character too (its first rect):
    // a character's own glyph is on the last line its rects reach.
    const ownLine = (rs) => {
      const last = rs[rs.length - 1];
      const mid = (r) => (r.top + r.bottom) / 2;
      return rs.filter((r) => Math.abs(mid(r) - mid(last)) < 0.5 * s.lineHeight);
    };
    const perChar = (from, to) => {
      for (let i = from; i < to;) {
        const c = data.charCodeAt(i);
        const n = c >= 0xd800 && c < 0xdc00 && i + 1 < to ? 2 : 1;
        const rs = rectsOf(node, i, i + n);
        if (rs.length) pieces.push(piece(i, ownLine(rs), softAt(i)));
        i += n;
      }
    };
    if (arg.exhaustive) {
      perChar(0, data.length);
    } else {
      SEGMENT.lastIndex = 0;
      for (let m; (m = SEGMENT.exec(data));) {
        const from = m.index;
        const to = from + m[0].length;
        const soft = WS.test(m[0]) && softAt(from);
        // Collapsible spaces never start a line (they are removed there) and take no width.
        if (soft) continue;
        const rs = rectsOf(node, from, to);
        if (!rs.length) continue;
        const mid0 = (rs[0].top + rs[0].bottom) / 2;
        // A word on one line is one piece; a word broken across lines is probed per character.
        if (rs.every((r) => Math.abs((r.top + r.bottom) / 2 - mid0) < 0.5 * s.lineHeight)) {
          pieces.push(piece(from, rs, false));
        } else {
          perChar(from, to);
        }
      }
    }
    probed.set(node, pieces);
    return pieces;
  };

  // Lines of `el`: a new line starts where a piece's vertical centre moves by half a line height
  // or more from the centre of the line's first piece (down to the next line, or up, as in the
  // next cell of a table row). Offsets are UTF-16 here and turned into code points at the end.
  const textLines = (el) => {
    const lines = [];
    let cur = null;
    let base = 0;
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (node.parentElement) {
        for (const p of probe(node)) {
          if (!cur || Math.abs(p.mid - cur.mid) >= 0.5 * Math.min(p.lh, cur.lh)) {
            if (p.soft) continue;
            cur = { start: base + p.off, mid: p.mid, lh: p.lh, left: Infinity, right: -Infinity };
            lines.push(cur);
          }
          if (!p.soft) {
            cur.left = Math.min(cur.left, p.left);
            cur.right = Math.max(cur.right, p.right);
          }
        }
      }
      base += node.data.length;
    }
    return lines;
  };

  const codePointOffsets = (text, utf16) => {
    const out = [];
    let cp = 0;
    let i = 0;
    for (const target of utf16) {
      for (; i < target; i++) {
        const c = text.charCodeAt(i);
        if (!(c >= 0xdc00 && c < 0xe000 && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) < 0xdc00)) cp++;
      }
      out.push(cp);
    }
    return out;
  };
  const r3 = (x) => Math.round(x * 1000) / 1000;
  const textFields = (el) => {
    const text = el.textContent;
    const lines = textLines(el);
    return {
      text,
      lines: lines.length,
      line_starts: codePointOffsets(text, lines.map((l) => l.start)),
      line_widths_px: lines.map((l) => (l.right > l.left ? r3(l.right - l.left) : 0)),
    };
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {
      top_px: r3(r.top - rootRect.top),
      left_px: r3(r.left - rootRect.left),
      width_px: r3(r.width),
      height_px: r3(r.height),
    };
  };

  // The block containers whose inline content holds text, in document order, each marked with
  // `data-adslot-judge-ifc` so that the DevTools protocol can ask which fonts drew each one
  // (CSS.getPlatformFontsForNode counts a container's own inline content, not nested blocks).
  const inlineContexts = () => {
    const found = new Set();
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (!/[^ \t\n\r\f]/.test(node.data)) continue;
      let el = node.parentElement;
      while (el && el !== root && /^(inline|contents|ruby.*)$/.test(getComputedStyle(el).display)) el = el.parentElement;
      if (el && el.getClientRects().length) found.add(el);
    }
    const ordered = [...found].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const el of ordered) el.setAttribute('data-adslot-judge-ifc', '');
    return ordered;
  };

  if (arg.mode === 'paragraphs') {
    const ps = [...root.children];
    const paragraphs = ps.map((p) => {
      const f = textFields(p);
      return { lines: f.lines, line_starts: f.line_starts, line_widths_px: f.line_widths_px, height_px: r3(p.getBoundingClientRect().height) };
    });
    const measureMs = performance.now() - t0 - settleMs;
    const index = new Map(ps.map((p, i) => [p, i]));
    return { paragraphs, contexts: inlineContexts().map((el) => index.get(el) ?? -1), settle_ms: settleMs, measure_ms: measureMs };
  }

  const hasOwnText = (el) => {
    for (const n of el.childNodes) if (n.nodeType === 3 && /[^ \t\n\r\f]/.test(n.data)) return true;
    return false;
  };
  const blocks = [];
  const slots = [];
  const blockOf = new Map();
  const walk = (el, parent, prefix, depth) => {
    const seen = new Map();
    for (const child of el.children) {
      const tag = child.localName;
      const n = (seen.get(tag) || 0) + 1;
      seen.set(tag, n);
      const path = `${prefix}/${tag}[${n}]`;
      const cs = getComputedStyle(child);
      if (cs.display === 'none') continue;
      let index = parent;
      const isSlot = child.hasAttribute('data-adslot');
      if (cs.display !== 'contents' &&
          (isSlot || BLOCK_TAGS.has(tag) || (BLOCK_DISPLAY.has(cs.display) && hasOwnText(child)))) {
        index = blocks.length;
        const b = { index, parent, depth, tag, path, ...box(child) };
        if (child.id) b.id = child.id;
        if (isSlot) b.slot = child.getAttribute('data-adslot');
        if (!OPAQUE.has(tag) && /[^ \t\n\r\f]/.test(child.textContent)) Object.assign(b, textFields(child));
        blocks.push(b);
        blockOf.set(child, index);
        if (isSlot) {
          const ord = child.getAttribute('data-ordinal');
          slots.push({
            block: index, slot: b.slot, ordinal: ord !== null && /^\d+$/.test(ord) ? Number(ord) : ord,
            path, top_px: b.top_px, height_px: b.height_px,
          });
        }
      }
      if (!OPAQUE.has(tag)) walk(child, index, path, index === parent ? depth : depth + 1);
    }
  };
  walk(root, -1, '', 0);
  // Marks (`<template data-adslot-mark="i">`, never rendered): each one's top-level reported
  // block, the one it is in or else the first that follows it, so that a caller that marked
  // where its own blocks start can tell which element each of them was read from.
  const topOf = (i) => {
    while (i >= 0 && blocks[i].parent !== -1) i = blocks[i].parent;
    return i;
  };
  const reported = [...blockOf.entries()];
  const marks = [...root.querySelectorAll('template[data-adslot-mark]')].map((m) => {
    let block = -1;
    for (let e = m.parentElement; e && e !== root; e = e.parentElement) {
      if (blockOf.has(e)) {
        block = topOf(blockOf.get(e));
        break;
      }
    }
    if (block === -1) {
      const next = reported.find(([el]) => m.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (next) block = topOf(next[1]);
    }
    return { mark: m.getAttribute('data-adslot-mark'), block };
  });
  const measureMs = performance.now() - t0 - settleMs;
  // Each inline formatting context's nearest reported block (itself or an ancestor), or -1.
  const contexts = inlineContexts().map((el) => {
    for (let e = el; e && e !== root; e = e.parentElement) if (blockOf.has(e)) return blockOf.get(e);
    return -1;
  });
  return {
    height_px: r3(rootRect.height),
    width_px: r3(rootRect.width),
    blocks,
    slots,
    marks,
    contexts,
    settle_ms: settleMs,
    measure_ms: measureMs,
  };
}
