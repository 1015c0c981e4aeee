// Shared by the console's browser tests: Debian's Chromium through playwright-core (never a downloaded browser), and a
// page signed in to the sandbox's ops console.
import { chromium } from 'playwright-core';

export async function signedInConsole(base) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + '/ops/console');
  await page.fill('#user', 'ops');
  await page.fill('#password', 'sandbox-ops-password');
  await page.click('#sign-in');
  await page.waitForURL('**/ops/console');
  return { browser, page };
}
