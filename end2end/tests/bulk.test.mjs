// Bulk invite runs on the server: the admin hands over 400 rows and closes the tab at once;
// the job finishes anyway, and a Super-Admin who opens Invites later sees it, with every
// row's result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir } from './support/browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
const ROWS = 400;
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

test('a bulk job finishes after its tab was closed, and shows on Invites when reopened', async () => {
  const first = await browser.newContext(DESKTOP);
  const page = await first.newPage();
  await server.signInAdmin(page);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk invite' });
  const lines = Array.from({ length: ROWS }, (_, i) => `teacher${i + 1}@greenwood.example,Teacher`);
  await dialog.getByLabel('Addresses, one per line: email,role').fill(lines.join('\n'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByText(`${ROWS} will be invited, 0 skipped.`).waitFor();
  await dialog.getByRole('button', { name: `Send ${ROWS} invitations` }).click();
  // The job is stored once the dialog follows it; the tab goes away at once.
  await dialog.getByText('This runs on the server: you can close this window').waitFor();
  await first.close();

  const second = await browser.newContext(DESKTOP);
  const again = await second.newPage();
  await server.signInAdmin(again);
  const banner = again.getByRole('status').filter({ hasText: 'bulk invite' });
  await banner.getByText(`Finished: ${ROWS} invited, 0 not invited.`).waitFor({ timeout: 60_000 });
  assert.match(await banner.textContent(), /Last bulk invite: Finished: 400 invited, 0 not invited\. Started by Robin Principal on /);
  await banner.getByRole('button', { name: 'View results' }).click();
  const results = again.getByRole('dialog', { name: 'Bulk invite' });
  await results.getByText(`Finished: ${ROWS} invited, 0 not invited.`).waitFor();
  assert.equal(await results.locator('tbody tr').count(), ROWS);
  assert.equal(await results.getByText('✓ Invited as Teacher').count(), ROWS);
  assert.deepEqual(await axeViolations(again), [], 'the bulk results: axe-core');
  await again.screenshot({ path: join(resultsDir, 'bulk-job-results.png') });
  await results.getByRole('button', { name: 'Done' }).click();
  await again.getByRole('button', { name: new RegExp(`^Pending\\s*${ROWS}$`) }).waitFor();
  // Every row's email went out once.
  await server.linkFor(`teacher${ROWS}@greenwood.example`);
  await second.close();
});
