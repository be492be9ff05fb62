// Every page a member of staff sees is light: rendered by the server, working as plain forms,
// and enhanced by the light pages' small WASM, never the dashboard's app. The dashboard
// leaves for one by loading it; a plain form's change comes back saying what it did; what
// was typed before the script arrived is kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors } from './support/browser.mjs';
import { fillSetup, PASSWORD } from './support/setup-form.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LIGHT_SCRIPTS = ['/light-pages/page.js', '/light-pages/page_bg.wasm'];
const NEW_PASSWORD = 'amber fox quiet lantern';
let server;
let browser;

before(async () => {
  server = await startServer();
  server.createAdmin();
  browser = await launchBrowser();
  // A teacher, set up from their link.
  server.invite('tess@greenwood.example');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(await server.linkFor('tess@greenwood.example'));
  await page.waitForSelector('body[data-hydrated="true"]');
  await fillSetup(page, { fullName: 'Tess Ward', phone: '+44 7700 900321', username: 'tess' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs `page` in as the teacher, through the form. */
async function signInTess(page, password = PASSWORD) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Username or email').fill('tess');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/account`);
}

/** The JS and WASM files `page` fetches while `visit` runs. */
async function scriptsFetched(page, visit) {
  const fetched = new Set();
  const listen = (request) => {
    const path = new URL(request.url()).pathname;
    if (/\.(js|wasm)$/.test(path)) fetched.add(path);
  };
  page.on('request', listen);
  await visit();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.waitForLoadState('networkidle');
  page.off('request', listen);
  return [...fetched].sort();
}

test('sign-in, getting back in, the account and the landing page load only the light script', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const path of ['/', '/login', '/login/forgot']) {
    const scripts = await scriptsFetched(page, () => page.goto(`${server.baseUrl}${path}`));
    assert.deepEqual(scripts, LIGHT_SCRIPTS, path);
  }
  // The not-found page (whose 404 the console reports, as it should).
  const lost = await context.newPage();
  const notFound = await scriptsFetched(lost, () => lost.goto(`${server.baseUrl}/a-page-that-is-not-here`));
  assert.deepEqual(notFound, LIGHT_SCRIPTS, 'not found');
  await lost.close();
  // A sign-in link's page.
  await page.goto(`${server.baseUrl}/login/forgot`);
  await page.getByLabel('Email or username').fill('tess');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByText(/a sign-in link is on its way/).waitFor();
  const link = await server.signInLinkFor('tess@greenwood.example');
  assert.deepEqual(await scriptsFetched(page, () => page.goto(link)), LIGHT_SCRIPTS, 'sign-in link');
  await page.getByRole('heading', { name: 'Hello, Tess Ward' }).waitFor();

  const account = await scriptsFetched(page, () => signInTess(page));
  assert.deepEqual(account, LIGHT_SCRIPTS, '/account');
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('from the dashboard, the account page and signing out load light pages', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await server.signInAdmin(page);
  await page.waitForSelector('body[data-hydrated="true"]');
  // The dashboard's own app: its links to a light page load that page from the server.
  const account = await scriptsFetched(page, async () => {
    await page.locator('.topbar .who').getByRole('link', { name: 'Robin Principal' }).click();
    await page.waitForURL(`${server.baseUrl}/account`);
  });
  assert.deepEqual(account, LIGHT_SCRIPTS);
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  assert.equal(await page.locator('#app-words').count(), 0, 'none of the app\'s words either');
  const login = await scriptsFetched(page, async () => {
    await page.locator('header').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.baseUrl}/login`);
  });
  assert.deepEqual(login, LIGHT_SCRIPTS);
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('without JavaScript, each change on the account page comes back saying what it did', async () => {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signInTess(page);

  // A refused password change says why, beside the form, which stays open.
  await page.getByText('Change your password').click();
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /current password isn't right/);
  assert.equal(await page.locator('details.password-form').getAttribute('open'), '');

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(/done=account-password-saved/);
  await page.getByRole('status').filter({ hasText: 'Your password is saved' }).waitFor();

  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await page.getByRole('status').filter({ hasText: 'signed out everywhere else' }).waitFor();

  // The language: the page comes back in it, saying so.
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');

  // An address can't make the page say anything else.
  await page.goto(`${server.baseUrl}/account?done=app-title`);
  assert.equal(await page.getByRole('status').count(), 0);
  await context.close();

  // The new password is the one that works.
  const again = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  await signInTess(await again.newPage(), NEW_PASSWORD);
  await again.close();
});

test('what is typed on the sign-in page before its script arrives is kept and sent', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/light-pages/page_bg.wasm*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Username or email').fill('tess');
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  release();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.getByLabel('Username or email').inputValue(), 'tess');
  assert.equal(await page.getByLabel('Password').inputValue(), NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/account`);
  await context.close();
});
