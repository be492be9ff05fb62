// A new deployment: the server prints the first Super-Admin's link, and following it creates
// that account (with the email the person chooses) and opens the admin module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launchBrowser } from './support/browser.mjs';
import { fillSetup } from './support/setup-form.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the printed link creates the first Super-Admin', async () => {
  const logs = server.logs();
  assert.match(logs, /No Super-Admin exists yet/);
  const link = logs.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)[0];

  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.match(await page.locator('main').textContent(), /invited to join as a Super-Admin/);
  await page.getByLabel('Email').fill('head@greenwood.example');
  await fillSetup(page, { fullName: 'Robin Principal', phone: '+44 20 7946 0000', username: 'robin' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await page.getByText('head@greenwood.example').waitFor();
  const main = await page.locator('main').textContent();
  assert.match(main, /head@greenwood\.example/);
  assert.match(main, /Super-Admin/);

  const invites = await page.goto(`${server.baseUrl}/modules/staff/invites`);
  assert.equal(invites.status(), 200, 'the new Super-Admin may open the admin module');
  // And it works: the dashboard's app arrives (after the page's load) and takes over.
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal((await fetch(link)).status, 410, 'the link worked once');
  await context.close();
});
