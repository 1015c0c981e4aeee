// Drives the ops console in Debian's Chromium (playwright-core, no browser download) as a person would:
// sign in, see the list, filter it, open a problem, add a mapping, retry what it cures, see it resolved.
// Usage: node tools/browser/ops-console.mjs <base url> <order number held for an unknown SKU> <its SKU> <a Khaos code>
// Prints "first render: <ms>" and "ok"; any failure exits 1 with what was seen.
import { chromium } from 'playwright-core';

const [base, orderNumber, sku, code] = process.argv.slice(2);
if (!base || !orderNumber || !sku || !code) {
  console.error('usage: node tools/browser/ops-console.mjs <base url> <order number> <sku> <khaos code>');
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
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

  await page.goto(base + '/ops/console');
  if (!page.url().endsWith('/ops/login')) fail('not sent to sign in first: ' + page.url());
  await page.fill('#user', 'ops');
  await page.fill('#password', 'wrong-password-entirely');
  await page.click('#sign-in');
  await page.waitForSelector('#failed:not([hidden])');
  await page.fill('#user', 'ops');
  await page.fill('#password', 'sandbox-ops-password');
  await page.click('#sign-in');
  await page.waitForURL('**/ops/console');

  // time to first render: a fresh load of the console until its first row of problems is on screen
  const started = Date.now();
  await page.reload();
  await page.waitForSelector('#exception-rows tr');
  const firstRender = Date.now() - started;
  const navTiming = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n ? Math.round(n.domContentLoadedEventEnd) : -1;
  });
  console.log(`first render: ${firstRender} ms (page DOMContentLoaded ${navTiming} ms, rows drawn after the API answered)`);

  // customer input stays text: nothing from the data ran or became markup
  const xss = await page.evaluate(() => ({ flag: window.__xss, scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length }));
  if (xss.flag !== undefined || xss.scripts !== 1 || xss.images !== 0 || dialogs.length) {
    fail('customer text ran or became markup: ' + JSON.stringify(xss) + ' dialogs ' + JSON.stringify(dialogs));
  }
  const listText = await page.textContent('#exception-rows');
  if (!listText.includes('<script>')) fail('the product name with <script> is not shown as text');

  // filter to one kind and search the order
  await page.selectOption('#filter-type', 'UNKNOWN_SKU');
  await page.fill('#filter-search', orderNumber);
  await page.click('#apply-filters');
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('#exception-rows tr')];
    return rows.length > 0 && rows.every((r) => r.textContent.includes(n));
  }, orderNumber);

  // open it: what happened, what to do, the order's timeline
  await page.click('#exception-rows tr');
  await page.waitForSelector('#timeline-rows tr');
  const title = await page.textContent('#detail-title');
  if (!title.includes('Khaos does not know')) fail('detail title: ' + title);
  const timeline = await page.textContent('#timeline-rows');
  if (!timeline.includes('QUARANTINED')) fail('timeline without the hold: ' + timeline);

  // the stored message of the unsigned-id webhook holds an address with <script>: shown as text
  await page.selectOption('#filter-type', 'WEBHOOK_WITHOUT_EVENT_ID');
  await page.fill('#filter-search', '');
  await page.click('#apply-filters');
  await page.waitForSelector('#exception-rows tr');
  await page.click('#exception-rows tr');
  await page.waitForFunction(() => document.querySelector('#detail-evidence').textContent.includes('<script>'));
  const after = await page.evaluate(() => ({ flag: window.__xss, images: document.querySelectorAll('img').length }));
  if (after.flag !== undefined || after.images !== 0) fail('the stored address ran: ' + JSON.stringify(after));

  // a mapping fixes it; the console offers to retry what it cures
  await page.click('#tab-mappings');
  await page.selectOption('#mapping-kind', 'SKU');
  await page.fill('#mapping-key', sku);
  await page.fill('#mapping-value', code);
  await page.click('#mapping-save');
  await page.waitForSelector('#mapping-cures:not([hidden])');
  const cures = await page.textContent('#mapping-cures-text');
  if (!cures.includes(orderNumber)) fail('the mapping did not offer to retry ' + orderNumber + ': ' + cures);
  await page.click('#mapping-retry');
  await page.waitForFunction(() => /queued to be checked again/.test(document.querySelector('#message').textContent));
  const mappingRows = await page.textContent('#mapping-rows');
  if (!mappingRows.includes(sku)) fail('the new mapping is not listed');

  // see it resolved
  await page.click('#tab-problems');
  await page.selectOption('#filter-status', 'RESOLVED');
  await page.selectOption('#filter-type', 'UNKNOWN_SKU');
  await page.fill('#filter-search', orderNumber);
  const deadline = Date.now() + 60000;
  let resolved = false;
  while (!resolved && Date.now() < deadline) {
    await page.click('#apply-filters');
    await page.waitForTimeout(700);
    resolved = (await page.textContent('#exception-rows')).includes(orderNumber);
  }
  if (!resolved) fail('the problem of ' + orderNumber + ' was not resolved after the retry');

  // the health view draws from the same data
  await page.click('#tab-health');
  await page.waitForSelector('#per-day tr');
  await page.waitForSelector('#health-figures tr');
  const figures = await page.textContent('#health-figures');
  if (!figures.includes('Last webhook from the shop') || !figures.includes('despatches')) fail('health figures: ' + figures);
  console.log('ok');
} catch (e) {
  console.error('ops console browser test failed: ' + e.message);
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
