// Drives the ops console in Debian's Chromium (playwright-core, no browser download) as customer service would after a
// partial refund the shop gave no items for: sign in, open the order's "refunded in the shop" problem, pick the units
// coming back, create the return in Khaos, and see it listed as waiting for Khaos.
// Usage: node tools/browser/returns.mjs <base url> <order number refunded in part> <its SKU> <units coming back>
// Prints "made <AssociatedRef>" and "ok"; any failure exits 1 with what was seen.
import { chromium } from 'playwright-core';

const [base, orderNumber, sku, units] = process.argv.slice(2);
if (!base || !orderNumber || !sku || !units) {
  console.error('usage: node tools/browser/returns.mjs <base url> <order number> <sku> <units>');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const fail = (what) => { throw new Error(what); };
let exitCode = 0;
try {
  const page = await browser.newPage();
  await page.goto(base + '/ops/console');
  await page.fill('#user', 'ops');
  await page.fill('#password', 'sandbox-ops-password');
  await page.click('#sign-in');
  await page.waitForURL('**/ops/console');

  await page.selectOption('#filter-type', 'REFUNDED_IN_SHOP');
  await page.fill('#filter-search', orderNumber);
  await page.click('#apply-filters');
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('#exception-rows tr')];
    return rows.length === 1 && rows[0].textContent.includes(n);
  }, orderNumber);
  await page.click('#exception-rows tr');
  await page.waitForSelector('#return-form:not([hidden])');
  const reason = await page.textContent('#detail-reason');
  if (!reason.includes('create the return in Khaos')) fail('the problem does not say a person picks the items: ' + reason);

  // the order's lines: only what left the warehouse can come back
  const row = page.locator('#return-lines tr', { hasText: sku });
  if ((await row.count()) !== 1) fail('no line for ' + sku + ': ' + (await page.textContent('#return-lines')));
  const input = row.locator('input');
  if ((await input.getAttribute('max')) === '0') fail(sku + ' shows nothing returnable');
  const urn = await page.inputValue('#return-urn');
  if (!urn) fail('the customer account Khaos knows is not offered');

  // nothing picked: refused in the page, nothing sent
  await page.click('#return-create');
  await page.waitForFunction(() => document.querySelector('#message') && document.querySelector('#message').textContent.includes('pick at least'));

  await input.fill(units);
  await page.click('#return-create');
  await page.waitForFunction((n) => document.querySelector('#return-made').textContent.includes(n + '-R'), orderNumber);
  const made = await page.textContent('#return-made');
  if (!made.includes('waiting for Khaos') && !made.includes('taken by Khaos')) fail('the return is not listed: ' + made);
  if (!made.includes(units + ' × ' + sku)) fail('the return does not carry ' + units + ' × ' + sku + ': ' + made);
  const timeline = await page.textContent('#timeline-rows');
  if (!timeline.includes('return requested by')) fail('the order\'s timeline does not say who asked: ' + timeline);
  console.log('made ' + made.match(new RegExp(orderNumber + '-R\\d+'))[0]);
  console.log('ok');
} catch (e) {
  console.error('returns browser test failed: ' + e.message);
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
