// Passkeys in Chromium with its virtual authenticator (the DevTools protocol's WebAuthn
// domain: internal transport, resident keys, user verification): an invitee on a phone sets
// up with a passkey and signs in with it later; a browser with no authenticator is offered
// the password only, and it works as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, resultsDir, axeViolations } from './support/browser.mjs';
import { fillSetup } from './support/setup-form.mjs';
import { addAuthenticator } from './support/webauthn.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server;
let browser;

before(async () => {
  // Passkeys need a domain: browsers refuse WebAuthn on an IP address.
  server = await startServer({}, { host: 'localhost' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an invitee sets up with a passkey on a phone, then signs in with it', async () => {
  server.cli(['invite', '--email', 'ana@greenwood.example', '--role', 'Teacher']);
  const link = await server.linkFor('ana@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const authenticator = await addAuthenticator(context, page);
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');

  const passkeyWay = page.locator('#passkey-way');
  await passkeyWay.waitFor();
  assert.equal(await page.locator('#password').isVisible(), false, 'the passkey replaces the password');
  await page.screenshot({ path: join(resultsDir, 'setup-passkey-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the passkey form passes axe-core');

  // "Use a password instead" is one tap away, and back.
  await page.getByRole('button', { name: 'Use a password instead' }).click();
  await page.locator('#password').waitFor();
  assert.equal(await passkeyWay.isVisible(), false);
  await page.getByRole('button', { name: 'Use a passkey instead' }).click();
  await passkeyWay.waitFor();

  await page.getByLabel('Full name').fill('Ana Lima');
  await page.getByLabel('Phone number').fill('+44 7700 900124');
  await page.getByLabel('Username').fill('ana.lima');
  await page.getByRole('button', { name: 'Create account with a passkey' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('Your account is ready').waitFor();
  const [credential] = await authenticator.credentials();
  assert.ok(credential.isResidentCredential, 'the passkey is discoverable');
  assert.equal(credential.rpId, 'localhost');

  // The link is spent.
  const again = await page.goto(link);
  assert.equal(again.status(), 410);

  // Signed out, then back in from the username field's autofill: Chromium's virtual
  // authenticator answers the page's conditional request as a person picking their passkey
  // from the suggestions would.
  await page.goto(`${server.baseUrl}/account`);
  await page.waitForSelector('body[data-hydrated="true"]');
  const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/sign_in/passkey'));
  await page.locator('header').getByRole('button', { name: 'Sign out' }).click();
  assert.equal((await signedIn).status(), 200);
  await page.waitForURL(`${server.baseUrl}/account`);
  await page.locator('.topbar .who').getByText('Ana Lima').waitFor();
  const [used] = await authenticator.credentials();
  assert.ok(used.signCount >= 1, 'the passkey was used');

  // On the account page: a passkey from a second device, then the first one removed.
  await page.goto(`${server.baseUrl}/account`);
  await page.waitForSelector('body[data-hydrated="true"]');
  const list = page.locator('.passkey-list .passkey');
  await list.first().waitFor();
  assert.equal(await list.count(), 1);
  assert.match(await list.first().textContent(), /Last used/);
  // The page asks once, as its code starts, whether this browser can make a passkey: with
  // the first device still there. Only then does the phone change.
  const add = page.getByRole('button', { name: 'Add a passkey' });
  await add.waitFor();
  await authenticator.remove();
  const second = await addAuthenticator(context, page);
  await add.click();
  await page.getByText(/Passkey added/).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.passkey-list .passkey').length === 2);
  assert.equal((await second.credentials()).length, 1);
  await page.screenshot({ path: join(resultsDir, 'account-passkeys-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the account page passes axe-core');
  await list.first().getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.passkey-list .passkey').length === 1);
  // The one left is the only way in: it can't be removed.
  assert.equal(await list.first().getByRole('button', { name: 'Remove' }).isDisabled(), true);

  // The second device's passkey, synced to a browser without autofill, signs in from the
  // button.
  const [synced] = await second.credentials();
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await laptop.addInitScript(() => {
    if (globalThis.PublicKeyCredential) {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    }
  });
  const signIn = await laptop.newPage();
  const keys = await addAuthenticator(laptop, signIn);
  await keys.add(synced);
  await signIn.goto(`${server.baseUrl}/login`);
  await signIn.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await signIn.getByLabel('Username or email').getAttribute('autocomplete'), 'username webauthn');
  const button = signIn.getByRole('button', { name: 'Sign in with a passkey' });
  await button.waitFor();
  await signIn.screenshot({ path: join(resultsDir, 'sign-in-passkey-1280.png'), fullPage: true });
  await button.click();
  await signIn.waitForURL(`${server.baseUrl}/account`);
  await signIn.locator('.topbar .who').getByText('Ana Lima').waitFor();
  await laptop.close();
  await context.close();
});

test('a browser with no authenticator is offered the password, which works as before', async () => {
  server.cli(['invite', '--email', 'ben@greenwood.example', '--role', 'Teacher']);
  const link = await server.linkFor('ben@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.locator('#passkey-way').isVisible(), false, 'no passkey is offered');
  await fillSetup(page, { fullName: 'Ben Okafor', phone: '+44 7700 900125', username: 'ben.okafor' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await context.close();
});
