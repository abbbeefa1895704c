#!/bin/sh
# The README's screenshots (issue 14): the HTML preview of the UPI seed article on mobile and
# desktop, and the diff report of rules/default.toml against rules/upi.toml on the fixtures,
# rendered by headless Chromium (tests/browser/setup.sh installs it and playwright-core).
#
#   scripts/screenshots.sh      # writes docs/images/preview.png and docs/images/diff.png
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
await browser.close();
JS
echo "wrote docs/images/preview.png and docs/images/diff.png"
