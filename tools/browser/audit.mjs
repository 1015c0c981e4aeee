// Drives the ops console's Audit tab in Debian's Chromium as e-commerce would before go-live: run the audit now, see its
// counts by severity and kind, pick a kind, see a finding's two sides and its suggested fix, filter by severity and by
// text, and download every finding as CSV.
// Usage: node tools/browser/audit.mjs <base url>   (the sandbox with the audit's planted cases: AuditIT)
// Prints "ok"; any failure exits 1 with what was seen.
import { readFileSync } from 'node:fs';
import { signedInConsole } from './session.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node tools/browser/audit.mjs <base url>');
  process.exit(2);
}
const fail = (what) => { throw new Error(what); };
const { browser, page } = await signedInConsole(base);
let exitCode = 0;
try {
  await page.click('#tab-audit');
  await page.waitForSelector('#audit-severities .tile');
  const before = await page.textContent('#audit-status');

  await page.click('#audit-run');
  await page.waitForFunction((earlier) => {
    const status = document.querySelector('#audit-status').textContent;
    return status !== earlier && status.includes(': finished');
  }, before, { timeout: 60000 });
  const tiles = await page.textContent('#audit-severities');
  if (!tiles.includes('blocking: an order would be held') || !tiles.includes('money')) fail('the counts by severity: ' + tiles);
  const kinds = await page.textContent('#audit-kinds');
  if (!kinds.includes('Operations: map the shipping method')) fail('who fixes it is not shown: ' + kinds);

  await page.click('#audit-kinds tr[data-kind="CURRENCY_NOT_TAKEN"]');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#audit-findings tr')];
    return document.querySelector('#audit-filter-label').textContent.includes('CURRENCY_NOT_TAKEN')
      && rows.length === 1 && rows[0].textContent.includes('EUR');
  });

  // a kind's count, and a finding's two sides and its suggested fix, as the rows show them
  const kindCells = await page.$$eval('#audit-kinds tr[data-kind="PRICE_DIFFERS"] td', (tds) => tds.map((td) => td.textContent));
  await page.click('#audit-kinds tr[data-kind="PRICE_DIFFERS"]');
  await page.waitForFunction(() => document.querySelector('#audit-filter-label').textContent.includes('PRICE_DIFFERS')
    && [...document.querySelectorAll('#audit-findings tr')].every((tr) => tr.dataset.kind === 'PRICE_DIFFERS'));
  const prices = await page.$$eval('#audit-findings tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  if (kindCells[2] !== String(prices.length) || prices.length < 1) fail('the count of price differences ' + kindCells[2] + ', rows ' + prices.length);
  const price = prices.find((cells) => cells[2] === 'SCARF-MER-GRY') || [];
  if (!/^\d+(\.\d+)?$/.test(price[3]) || price[4] !== 'SCARF-MER-GRY: 27.5 (website price)'
    || !/^the shop is \d+(\.\d+)? cheaper$/.test(price[5])) fail('the price difference\'s row: ' + price);
  await page.click('#audit-kinds tr[data-kind="SKU_NOT_IN_KHAOS"]');
  await page.waitForFunction(() => document.querySelector('#audit-filter-label').textContent.includes('SKU_NOT_IN_KHAOS'));
  const unknown = await page.$$eval('#audit-findings tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const typedAgain = unknown.find((cells) => cells[2] === 'candle-soy-lrg ');
  if (!typedAgain || !typedAgain[5].startsWith('map to CANDLE-SOY-LRG')) fail('the nearest stock code is not suggested: ' + JSON.stringify(unknown));

  await page.click('#audit-all');
  await page.selectOption('#audit-severity', 'MONEY');
  await page.click('#audit-apply');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#audit-findings tr')];
    return rows.length > 0 && rows.every((r) => r.textContent.startsWith('money'));
  });

  await page.selectOption('#audit-severity', '');
  await page.fill('#audit-search', 'klarna');
  await page.press('#audit-search', 'Enter');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#audit-findings tr')];
    return rows.length === 1 && rows[0].dataset.kind === 'PAYMENT_METHOD_UNMAPPED';
  });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#audit-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  if (!csv.startsWith('run,severity,kind,subject') || !csv.includes('CURRENCY_NOT_TAKEN,EUR')) fail('the CSV: ' + csv.slice(0, 300));
  if (!/^audit-\d{8}-\d{6}-[0-9a-f]{4}\.csv$/.test(download.suggestedFilename())) fail('the CSV is called ' + download.suggestedFilename());
  console.log('ok');
} catch (e) {
  console.error('audit browser test failed: ' + e.message);
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
