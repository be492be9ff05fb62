// The app shell: server-rendered HTML, hydration, a clean console, compressed assets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors, resultsDir } from './support/browser.mjs';

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

test('the page is complete in the server-rendered HTML', async () => {
  const response = await fetch(`${server.baseUrl}/`);
  assert.equal(response.status, 200);
  const html = await response.text();
  // (`<!>`: the marker Leptos leaves after text it fills in at hydration.)
  assert.match(html, /<h1>Staff onboarding(?:<!>)?<\/h1>/);
  assert.match(html, /Were you invited\?/);
  const toggle = html.match(/<button[^>]*class="theme-toggle"[^>]*>/)?.[0];
  assert.ok(toggle, 'the theme switch is in the HTML');
  assert.match(toggle, /aria-pressed="false"/);

  // And a browser without JavaScript shows the same content.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/`);
  assert.equal(await page.locator('h1').textContent(), 'Staff onboarding');
  await context.close();
});

test('the page hydrates: the theme switch responds, and the console stays clean', async () => {
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/`);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 15_000 });

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  await page.waitForSelector('html[data-theme="dark"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

  // The choice survives a reload.
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.waitForSelector('html[data-theme="dark"]');
  await page.screenshot({ path: join(resultsDir, 'home-dark.png'), fullPage: true });

  await toggle.click();
  await page.waitForSelector('html[data-theme="light"]');
  await page.screenshot({ path: join(resultsDir, 'home.png'), fullPage: true });

  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('unknown pages answer 404 with a way back', async () => {
  const response = await fetch(`${server.baseUrl}/does-not-exist`);
  assert.equal(response.status, 404);
  assert.match(await response.text(), /Page not found/);
});

test('the WASM and JS are served compressed, the invite pages\' too, and may be cached', async () => {
  const files = ['/pkg/staff-onboarding.wasm', '/pkg/staff-onboarding.js', '/light-pages/page_bg.wasm', '/light-pages/page.js'];
  for (const file of files) {
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${server.baseUrl}${file}`, {
        headers: { 'accept-encoding': encoding },
      });
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get('content-encoding'), encoding, `${file} as ${encoding}`);
      assert.notEqual(response.headers.get('cache-control'), 'no-store', file);
      await response.arrayBuffer();
    }
  }
});
