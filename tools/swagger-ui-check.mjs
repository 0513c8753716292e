// Opens the gateway's Swagger UI in headless Chromium, reads which operations it lists under which tags, then
// uses "Try it out" on one public GET and reports the status it shows. Prints one JSON object.
// Usage: node swagger-ui-check.mjs <gateway-url> <method> <path> <screenshot.png>
import { chromium } from 'playwright-core';

const [gateway, method, path, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { tags: [], operations: [], tryItOut: null };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${gateway}/q/swagger-ui/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock', { timeout: 30000 });
  result.tags = await page.$$eval('.opblock-tag', tags => tags.map(t => t.getAttribute('data-tag')));
  result.operations = await page.$$eval('.opblock', ops => ops.map(op => ({
    method: op.querySelector('.opblock-summary-method')?.textContent.trim(),
    path: op.querySelector('.opblock-summary-path')?.getAttribute('data-path'),
  })));
  const block = page.locator(`.opblock-${method.toLowerCase()}`)
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) }).first();
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  await block.locator('button.execute').click();
  const status = block.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 30000 });
  result.tryItOut = { method, path, status: (await status.textContent()).trim() };
  await page.screenshot({ path: screenshot, fullPage: false });
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
