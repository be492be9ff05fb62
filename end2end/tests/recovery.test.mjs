// Getting back in: someone who lost the phone that held their passkey asks for a sign-in link
// and adds a passkey on their new phone; a Super-Admin sends a link from the Staff page and
// the teacher sets a new password with it; a used link has a clear page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, resultsDir, axeViolations } from './support/browser.mjs';
import { fillSetup, PASSWORD } from './support/setup-form.mjs';
import { addAuthenticator } from './support/webauthn.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const NEW_PASSWORD = 'amber fox quiet lantern';
let server;
let browser;

before(async () => {
  server = await startServer({}, { host: 'localhost' });
  server.createAdmin();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a lost phone: a sign-in link by email, then a passkey on the new phone', async () => {
  // Set up with a passkey on the first phone.
  server.cli(['invite', '--email', 'ana@greenwood.example', '--role', 'Teacher']);
  const invite = await server.linkFor('ana@greenwood.example');
  const first = await browser.newContext(PHONE);
  const old = await first.newPage();
  await addAuthenticator(first, old);
  await old.goto(invite);
  await old.waitForSelector('body[data-hydrated="true"]');
  await old.locator('#passkey-way').waitFor();
  await old.getByLabel('Full name').fill('Ana Lima');
  await old.getByLabel('Phone number').fill('+44 7700 900124');
  await old.getByLabel('Username').fill('ana.lima');
  await old.getByRole('button', { name: 'Create account with a passkey' }).click();
  await old.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await first.close(); // the phone is lost

  // A new phone, no passkey on it: "Forgot your password or passkey?".
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const authenticator = await addAuthenticator(context, page);
  await page.goto(`${server.baseUrl}/login`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('link', { name: 'Forgot your password or passkey?' }).click();
  await page.waitForURL(`${server.baseUrl}/login/forgot`);
  await page.getByLabel('Email or username').fill('ana@greenwood.example');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText('If that matches an account').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the page passes axe-core');

  const link = await server.signInLinkFor('ana@greenwood.example');
  assert.ok(link.startsWith(`${server.baseUrl}/sign-in/`));
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('heading', { name: 'Hello, Ana Lima' }).waitFor();
  await page.getByRole('button', { name: 'Add a passkey' }).waitFor();
  await page.screenshot({ path: join(resultsDir, 'sign-in-link-390.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the link page passes axe-core');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.waitForURL(`${server.baseUrl}/account?recovered=1`);
  await page.getByText("You're back in").waitFor();
  assert.equal((await authenticator.credentials()).length, 1, 'the new phone holds a passkey');
  await page.waitForFunction(() => document.querySelectorAll('.passkey-list .passkey').length === 2);

  // The link worked once.
  const used = await page.goto(link);
  assert.equal(used.status(), 410);
  await page.getByRole('heading', { name: 'This sign-in link can no longer be used' }).waitFor();
  await context.close();
});

test('a Super-Admin sends a sign-in link, and the teacher sets a new password with it', async () => {
  server.cli(['invite', '--email', 'ben@greenwood.example', '--role', 'Teacher']);
  const invite = await server.linkFor('ben@greenwood.example');
  const teacher = await browser.newContext(PHONE);
  const phone = await teacher.newPage();
  await phone.goto(invite);
  await phone.waitForSelector('body[data-hydrated="true"]');
  await fillSetup(phone, { fullName: 'Ben Okafor', phone: '+44 7700 900125', username: 'ben.okafor' });
  await phone.getByRole('button', { name: 'Create account' }).click();
  await phone.waitForURL(`${server.baseUrl}/account?welcome=1`);

  const admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const desk = await admin.newPage();
  await server.signInAdmin(desk);
  await desk.goto(`${server.baseUrl}/modules/staff/members`);
  await desk.waitForSelector('body[data-hydrated="true"]');
  await desk.getByRole('heading', { name: 'Staff' }).waitFor();
  // The page's own code arrives as a lazily loaded chunk: its buttons work once it has.
  await desk.waitForLoadState('networkidle');
  await desk.getByRole('button', { name: 'Send a sign-in link to Ben Okafor' }).click();
  await desk.getByText('A sign-in link is on its way to ben@greenwood.example').waitFor();
  // Recorded on the account: the row says who sent one, and when.
  await desk.reload();
  await desk.getByRole('row', { name: /^Ben Okafor/ }).getByText(/Sign-in link sent by Robin Principal/).waitFor();
  await admin.close();

  const link = await server.signInLinkFor('ben@greenwood.example');
  await phone.goto(link);
  await phone.waitForSelector('body[data-hydrated="true"]');
  await phone.getByLabel('New password').fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: 'Set password and sign in' }).click();
  await phone.waitForURL(`${server.baseUrl}/account?recovered=1`);

  // The old password no longer works; the new one does.
  await phone.locator('header').getByRole('button', { name: 'Sign out' }).click();
  await phone.waitForURL(`${server.baseUrl}/login`);
  await phone.waitForSelector('body[data-hydrated="true"]');
  await phone.getByLabel('Username or email').fill('ben.okafor');
  await phone.getByLabel('Password').fill(PASSWORD);
  await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
  await phone.getByText("don't match").waitFor();
  await phone.getByLabel('Password').fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
  await phone.waitForURL(`${server.baseUrl}/account`);
  await teacher.close();
});
