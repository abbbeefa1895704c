#!/bin/sh
# The README's screenshots (issue 14): the HTML preview of the UPI seed article on mobile and
# desktop, the diff report of rules/default.toml against rules/upi.toml on the fixtures, and the
# rule playground with a spacing change and a warning typed into rules/upi.toml, rendered by
# headless Chromium (tests/browser/setup.sh installs it and playwright-core).
#
#   scripts/screenshots.sh      # writes docs/images/preview.png, diff.png and playground.png
set -eu
cd "$(dirname "$0")/.."
tests/browser/setup.sh
cargo build --quiet --release --bin adslot
adslot=${CARGO_TARGET_DIR:-target}/release/adslot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$adslot" preview tests/fixtures/upi-xi-global-internet.json --rules rules/upi.toml \
    --device all --html "$work/preview.html"
# Exit status 1: the rule files differ in effect, as expected here.
"$adslot" diff rules/default.toml rules/upi.toml tests/fixtures/real --top 12 \
    --format html --out "$work/diff" || [ $? = 1 ]
# The playground (and the WebAssembly package, when it is missing or older than its sources).
examples/playground/build.sh
mkdir -p docs/images
# playwright-core is installed in tests/browser/node_modules; import it from there.
node --input-type=module - "$work" "$(pwd)/docs/images" <<'JS'
import { createRequire } from 'node:module';
const require = createRequire(`${process.cwd()}/tests/browser/package.json`);
const { chromium } = require('playwright-core');
const [work, images] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1500, height: 1100 }, deviceScaleFactor: 1 });
await page.goto(`file://${work}/preview.html`);
// One refused gap opened, to show its reasons.
await page.locator('section.panel[data-device="mobile"] details.gap.refused summary').nth(2).click();
await page.screenshot({ path: `${images}/preview.png` });
await page.goto(`file://${work}/diff/index.html`);
await page.screenshot({ path: `${images}/diff.png`, fullPage: true });
// The playground: four paragraphs before the first ad, and an in-flow slot no [[slot]] names.
await page.setViewportSize({ width: 1500, height: 950 });
await page.goto(`file://${process.cwd()}/examples/playground/dist/index.html`);
await page.waitForFunction(() => document.documentElement.dataset.outcome === 'ok');
for (const [find, typed] of [['min_paragraphs_before_first = 2', 'min_paragraphs_before_first = 4'], ['slot = "inline"\n', 'slot = "inlne"\n']]) {
  await page.evaluate((text) => {
    const area = document.querySelector('#editor textarea');
    const i = area.value.indexOf(text);
    area.focus();
    area.setSelectionRange(i, i + text.length);
  }, find);
  const n = await page.evaluate(() => Number(document.documentElement.dataset.renders));
  await page.keyboard.type(typed);
  await page.waitForFunction((k) => Number(document.documentElement.dataset.renders) > k, n);
}
await page.locator('#editor textarea').evaluate((a) => { a.scrollTop = 0; a.blur(); });
await page.screenshot({ path: `${images}/playground.png` });
await browser.close();
JS
echo "wrote docs/images/preview.png, docs/images/diff.png and docs/images/playground.png"
