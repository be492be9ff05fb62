// The dev mailbox as a Super-Admin sees it: each message with its HTML part shown in a
// sandboxed frame (it was blank once, blocked by the app's own frame policy), and the body
// gone once the invitation is no longer Pending.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, resultsDir } from './support/browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  server.createAdmin();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a message shows its HTML part in a sandboxed frame, links opening new tabs', async () => {
  server.invite('kim@greenwood.example');
  await server.linkFor('kim@greenwood.example');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await server.signInAdmin(page);
  await page.goto(`${server.baseUrl}/dev/mailbox`);
  await page.getByRole('link', { name: /You're invited/ }).first().click();
  await page.waitForURL(/\/dev\/mailbox\/\d+$/);

  const frame = page.frameLocator('iframe.mail-frame');
  await frame.getByText('Set up your account').first().waitFor();
  const button = frame.getByRole('link', { name: 'Set up your account' });
  assert.match(await button.getAttribute('href'), /\/invite\/[A-Za-z0-9_-]{43}$/);
  assert.equal(await frame.locator('base').getAttribute('target'), '_blank', 'links open in a new tab');
  const sandbox = await page.locator('iframe.mail-frame').getAttribute('sandbox');
  assert.ok(!sandbox.includes('allow-scripts'), `no scripts in the frame: ${sandbox}`);
  await page.screenshot({ path: join(resultsDir, 'dev-mailbox-message.png'), fullPage: true });
});
