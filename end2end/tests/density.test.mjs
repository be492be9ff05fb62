// The Invites table on a laptop (1280×900): at least 18 invitations in view with the last
// bulk job's banner showing, and addresses of 40 characters shown whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, resultsDir } from './support/browser.mjs';

const LAPTOP = { viewport: { width: 1280, height: 900 } };
const ROWS = 30;
let server;
let browser;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** An address of exactly 40 characters, the `i`th. */
function address(i) {
  const domain = '@greenwood-high.example';
  const local = `teacher.${String(i).padStart(2, '0')}.`;
  return `${local}${'x'.repeat(40 - local.length - domain.length)}${domain}`;
}

test('18 invitations fit a laptop screen under the bulk banner, their addresses whole', async () => {
  const context = await browser.newContext(LAPTOP);
  const page = await context.newPage();
  await server.signInAdmin(page);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk invite' });
  const lines = Array.from({ length: ROWS }, (_, i) => `${address(i + 1)},Teacher`);
  assert.ok(lines.every((line) => line.split(',')[0].length === 40));
  await dialog.getByLabel('Addresses, one per line: email,role').fill(lines.join('\n'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: `Send ${ROWS} invitations` }).click();
  await dialog.getByText(`Finished: ${ROWS} invited, 0 not invited.`).waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  // The banner comes with the page from the server, so the table never moves down for it.
  const served = await (await page.request.get(page.url())).text();
  assert.match(served, /class="bulk-banner"/, 'the server renders the banner');
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  const banner = page.getByRole('status').filter({ hasText: 'bulk invite' });
  await banner.waitFor();
  await page.locator('tbody tr').nth(ROWS - 1).waitFor();
  await page.screenshot({ path: join(resultsDir, 'invites-1280x900.png') });

  const inView = await page.locator('tbody tr').evaluateAll((rows) =>
    rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length);
  assert.ok(inView >= 18, `${inView} rows in view at 1280×900 with the banner`);
  const cut = await page.locator('tbody tr').evaluateAll((rows) =>
    rows.flatMap((row) => [...row.querySelectorAll('td')]
      .filter((cell) => cell.textContent.includes('@greenwood-high.example'))
      .filter((cell) => cell.scrollWidth > cell.clientWidth)
      .map((cell) => `${cell.textContent}: ${cell.scrollWidth - cell.clientWidth} px short`)));
  assert.deepEqual(cut, [], 'every address shows whole');
  await context.close();
});
