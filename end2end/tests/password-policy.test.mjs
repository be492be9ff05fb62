// PASSWORD_MIN_LENGTH reaches the setup form: the browser states and checks the rule the
// server applies (the form once said 12 whatever the setting was).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launchBrowser } from './support/browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ PASSWORD_MIN_LENGTH: '16' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('with PASSWORD_MIN_LENGTH=16 the form states and checks 16 characters', async () => {
  server.invite('long@greenwood.example');
  const link = await server.linkFor('long@greenwood.example');
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.match(await page.locator('#password-hint').textContent(), /^At least 16 characters\./);

  await page.locator('#password').fill('violet tram orb'); // 15 characters
  assert.equal(await page.locator('#password-strength').textContent(), '15 of 16 characters');
  await page.getByLabel('Full name').focus(); // leaving the field checks it
  assert.match(await page.locator('#password-error').textContent(), /Use at least 16 characters/);

  await page.locator('#password').fill('violet tram orbit kettle');
  await page.getByLabel('Full name').focus();
  assert.equal(await page.locator('#password-error').textContent(), '');
});
