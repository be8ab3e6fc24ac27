// Opens the error stream test page in headless Chromium (Debian's, driven by
// playwright-core) and reports on standard output, one line each:
//   SUBSCRIBED                 once the page's STOMP subscription is confirmed
//   SHOWN <id> <text>          once the page shows the first error log
// Exits 1 with a message on standard error when either does not happen in time.
// Usage: node show-first-error.mjs <page URL> <screenshot path> [chromium path]
import { chromium } from 'playwright-core';

const [url, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const timeout = 60_000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // As root Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error('page: ' + message.text()));
  await page.goto(url);
  const state = await page.waitForFunction(
    () => ['subscribed', 'refused', 'closed'].includes(document.body.dataset.state) && document.body.dataset.state,
    null, { timeout });
  if ((await state.jsonValue()) !== 'subscribed') {
    throw new Error('the page did not subscribe: ' + (await page.textContent('#status')));
  }
  console.log('SUBSCRIBED');
  const first = await page.waitForSelector('#first-error', { timeout });
  console.log('SHOWN ' + (await first.getAttribute('data-id')) + ' ' + (await first.textContent()));
  await page.screenshot({ path: screenshot });
} catch (error) {
  console.error(String(error));
  process.exitCode = 1;
} finally {
  await browser.close();
}
