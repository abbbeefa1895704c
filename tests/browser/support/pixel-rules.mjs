// Pixel rules held to a real render (issue 9: "zero spacing, clearance or density violations in
// the real render"): the rules a plan is made with, and a checker written from the rules' own
// definitions, on Chromium's boxes alone (it shares no code with adslot's engine).
//
// Positions are article px, as the rules measure them, read from the page rendered with the
// plan's slots: a position less the heights of the slots above it (the page with its ad boxes cut
// out). Content a slot pushes down is measured where it is drawn, so the margins a slot keeps
// from collapsing count as article, as a reader scrolls past them.

/** The rules: one viewport between ads, 300 px of article above and below each, 100 px of
 * clearance around pictures, ads at most 20% of the page. */
export const PIXEL_RULES = {
  min_viewports_between: 1.0,
  min_px_from_top: 300,
  min_px_from_bottom: 300,
  image_clearance_px: 100,
  max_density: 0.2,
};

/** The rules as TOML, for a rule file that already has its `[device.*]` sections. */
export function pixelRulesToml(r = PIXEL_RULES) {
  return [
    '[spacing]',
    `min_viewports_between = ${r.min_viewports_between.toFixed(1)}`,
    `min_px_from_top = ${r.min_px_from_top}`,
    `min_px_from_bottom = ${r.min_px_from_bottom}`,
    '[clearance.image]',
    `above_px = ${r.image_clearance_px}`,
    `below_px = ${r.image_clearance_px}`,
    '[limits]',
    `max_density = ${r.max_density}`,
    '',
  ].join('\n');
}

/**
 * The violations of `rules` on one page: `slotted` is the judge's page with the plan's slots,
 * `plain` the same page without them, `pictures` the indexes (in `plain.blocks`) of the top-level
 * elements that are pictures, found in `slotted` as the top-level element of the same rank.
 * Returns human-readable strings, one per violation.
 */
export function violations(slotted, plain, pictures, viewportHeight, rules = PIXEL_RULES) {
  const out = [];
  const slots = [...slotted.slots].sort((a, b) => a.top_px - b.top_px);
  // A rendered position as article px: less the slots that end at or above it.
  const article = (y) => y - slots.filter((s) => s.top_px + s.height_px <= y).reduce((n, s) => n + s.height_px, 0);
  const ys = slots.map((s) => article(s.top_px));
  const height = article(slotted.height_px);
  const tops = (page) => page.blocks.filter((b) => b.parent === -1 && b.slot === undefined).map((b) => b.index);
  const [plainTops, slottedTops] = [tops(plain), tops(slotted)];
  if (plainTops.length !== slottedTops.length) {
    throw new Error(`${slotted.id}: ${slottedTops.length} elements with slots, ${plainTops.length} without`);
  }
  const boxes = pictures.map((i) => slotted.blocks[slottedTops[plainTops.indexOf(i)]])
    .map((b) => [article(b.top_px), article(b.top_px + b.height_px)]);
  ys.forEach((y, i) => {
    const where = `${slotted.id} slot ${i + 1}`;
    if (y < rules.min_px_from_top) out.push(`${where}: ${y.toFixed(1)} px from the top`);
    if (height - y < rules.min_px_from_bottom) out.push(`${where}: ${(height - y).toFixed(1)} px from the bottom`);
    if (i > 0 && y - ys[i - 1] < rules.min_viewports_between * viewportHeight) {
      out.push(`${where}: ${(y - ys[i - 1]).toFixed(1)} px after the one before`);
    }
    for (const [top, bottom] of boxes) {
      if (y <= top && top - y < rules.image_clearance_px) out.push(`${where}: ${(top - y).toFixed(1)} px above a picture`);
      if (y >= bottom && y - bottom < rules.image_clearance_px) out.push(`${where}: ${(y - bottom).toFixed(1)} px below a picture`);
    }
  });
  const ads = slots.reduce((s, x) => s + x.height_px, 0);
  if (slotted.height_px > 0 && ads / slotted.height_px > rules.max_density) {
    out.push(`${slotted.id}: ads are ${(100 * ads / slotted.height_px).toFixed(1)}% of the page`);
  }
  return out;
}
