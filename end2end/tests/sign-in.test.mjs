// Signing in as a Super-Admin made with the command line, landing on Invites, signing out;
// and what a Teacher may not open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors, resultsDir } from './support/browser.mjs';

const PASSWORD = 'violet tram orbit kettle';
let server;
let browser;

before(async () => {
  server = await startServer();
  server.createAdmin();
  server.cli(['invite', '--email', 'sam@greenwood.example', '--role', 'Teacher']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a Super-Admin signs in, lands on Invites, and signs out', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/login`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Username or email').fill('robin');
  await page.getByLabel('Password').fill('a wrong password!');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /don't match/);

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/modules/staff/invites`);
  await page.getByRole('heading', { name: 'Invites' }).waitFor();
  await page.getByRole('cell', { name: 'sam@greenwood.example', exact: true }).waitFor();
  // The page's code has taken over, and with it the live refresh: a check it sent after the
  // sign-out below would be refused, one more 401 in the console than the two counted there.
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.match(await page.locator('header').textContent(), /Robin Principal/);
  await page.screenshot({ path: join(resultsDir, 'invites-signed-in.png'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.baseUrl}/login`);
  // The header knows at once that nobody is signed in.
  await page.locator('.topbar').getByRole('link', { name: 'Sign in' }).waitFor();
  assert.doesNotMatch(await page.locator('header').textContent(), /Robin Principal|Sign out/);
  const response = await page.goto(`${server.baseUrl}/modules/staff/invites`);
  assert.equal(response.status(), 401, 'signed out: the admin page is refused');
  await page.waitForURL(/\/login\?next=%2Fmodules%2Fstaff%2Finvites$/, { timeout: 5_000 });
  // Chromium logs each refused request: the wrong password and the refused page, nothing else.
  const refused = 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)';
  assert.deepEqual(errors, [refused, refused]);
  await context.close();
});

test('signing in works without JavaScript too', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/login?next=%2Faccount`);
  await page.getByLabel('Username or email').fill('robin@greenwood.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/account`);
  assert.match(await page.locator('main').textContent(), /Super-Admin/);
  await context.close();
});

// `next` that normalises to `//evil.example/…` once sent the browser to another host. The page's
// own navigation (JavaScript) follows the server's answer too: both stay on this site.
test('a sign-in never leaves the site, whatever next says, with or without JavaScript', async () => {
  const hostile = ['/.//evil.example/x', '/%2e//evil.example', '/a/..//evil.example'];
  for (const javaScriptEnabled of [true, false]) {
    for (const next of hostile) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const left = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.baseUrl)) left.push(request.url());
      });
      await page.goto(`${server.baseUrl}/login?next=${encodeURIComponent(next)}`);
      if (javaScriptEnabled) await page.waitForSelector('body[data-hydrated="true"]');
      await page.getByLabel('Username or email').fill('robin');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${server.baseUrl}/modules/staff/invites`);
      assert.deepEqual(left, [], `${next} (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      await context.close();
    }
  }
});

test('a cross-site form post is refused', async () => {
  const response = await fetch(`${server.baseUrl}/api/sign_in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    body: 'login=robin&password=x',
  });
  assert.equal(response.status, 403);
});
