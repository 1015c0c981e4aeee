// Drives the ops console's Reconciliation tab in Debian's Chromium (playwright-core, no browser download) as finance would:
// the last 31 days, one day's summary with its VAT rates, its lines of one reason, an order's timeline, the CSV.
// Usage: node tools/browser/reconciliation.mjs <base url> <day YYYY-MM-DD> <an order refunded in the shop that day>
// Prints "ok"; any failure exits 1 with what was seen.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, day, refunded] = process.argv.slice(2);
if (!base || !day || !refunded) {
  console.error('usage: node tools/browser/reconciliation.mjs <base url> <day> <refunded order number>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const fail = (what) => { throw new Error(what); };
let exitCode = 0;
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + '/ops/console');
  await page.fill('#user', 'ops');
  await page.fill('#password', 'sandbox-ops-password');
  await page.click('#sign-in');
  await page.waitForURL('**/ops/console');

  await page.click('#tab-reconciliation');
  const dayRow = `#recon-days tr[data-day="${day}"]`;
  await page.waitForSelector(dayRow);
  const bars = await page.$$eval(dayRow + ' .bar', (b) => b.map((x) => x.getBoundingClientRect().width));
  if (bars.length !== 2 || !(bars[0] > 0) || !(bars[1] > 0)) fail('the day has no shop and Khaos bars: ' + JSON.stringify(bars));

  await page.click(dayRow);
  await page.waitForSelector('#recon-figures .tile');
  const figures = await page.textContent('#recon-figures');
  if (!figures.includes('shop gross') || !figures.includes('no reason explains')) fail('summary figures: ' + figures);
  const rates = await page.textContent('#recon-rates');
  if (!rates.includes('20 %')) fail('no VAT rate of 20 %: ' + rates);
  const twenty = await page.$$eval('#recon-rates tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
    .find((cells) => cells[0] === '20 %'));
  // rate, orders, worked out on, VAT, sent to Khaos, VAT sent, VAT Khaos confirmed: the day's orders went to Khaos
  if (!twenty || twenty.length !== 7 || !(parseFloat(twenty[5].replace(/[^0-9.-]/g, '')) > 0)) fail('the 20 % row: ' + twenty);

  await page.click('#recon-reasons tr[data-reason="REFUNDED_IN_SHOP"]');
  await page.waitForFunction(() => document.querySelector('#recon-filter-label').textContent.includes('REFUNDED_IN_SHOP'));
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('#recon-lines tr')];
    return rows.length > 0 && rows.every((r) => r.textContent.includes('REFUNDED_IN_SHOP')) && rows.some((r) => r.dataset.order === n);
  }, refunded);
  const reasons = await page.textContent('#recon-reasons');
  if (!reasons.includes('finance: raise the credit note in Khaos')) fail('who acts is not shown: ' + reasons);

  await page.click(`#recon-lines tr[data-order="${refunded}"]`);
  await page.waitForFunction(() => document.querySelector('#recon-timeline').textContent.includes('refunded in the shop'));

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#recon-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  if (!csv.startsWith('day,order_number,reason') || !csv.includes(refunded)) fail('the CSV: ' + csv.slice(0, 300));
  if (download.suggestedFilename() !== `reconciliation-${day}.csv`) fail('the CSV is called ' + download.suggestedFilename());
  console.log('ok');
} catch (e) {
  console.error('reconciliation browser test failed: ' + e.message);
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
