// Signing in with the school's own accounts in Chromium, against a real OpenID Connect
// provider (npm's oidc-provider on the loopback address, end2end/oidc/provider.mjs): an
// invitee on a phone tries the wrong account, is told so and tries again, accepts with the
// right one, signs out and signs in with it; an unverified address and another domain's are
// refused, and the link still works with a password. The pages' Content-Security-Policy is
// in force (no bypass): its form-action must let the "Continue with…" form lead to the
// provider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, resultsDir } from './support/browser.mjs';
import { startProvider, signInAtProvider, withoutProviderFonts } from './support/oidc.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LABEL = 'Greenwood Accounts';
let provider;
let server;
let browser;

before(async () => {
  provider = await startProvider();
  server = await startServer(async (baseUrl) => {
    const client = await provider.register(`${baseUrl}/auth/school/return`);
    return {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: client.client_id,
      OIDC_CLIENT_SECRET: client.client_secret,
      OIDC_LABEL: LABEL,
      OIDC_ALLOWED_DOMAINS: 'greenwood.example',
    };
  });
  browser = await launchBrowser();
  await provider.person('ana-sub', 'ana@greenwood.example', true, 'Ana Lima');
  await provider.person('bo-sub', 'bo@greenwood.example', true, 'Bo Chen');
  await provider.person('cy-sub', 'cy@greenwood.example', false, 'Cy Park');
  await provider.person('dee-sub', 'dee@elsewhere.example', true, 'Dee Ray');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

test('an invitee accepts with their school account on a phone, then signs in with it', async () => {
  server.invite('ana@greenwood.example');
  const link = await server.linkFor('ana@greenwood.example');
  const context = await browser.newContext(PHONE);
  await withoutProviderFonts(context);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');

  // The wrong account first: said plainly, with a way to try another.
  await page.getByRole('button', { name: `Continue with ${LABEL}` }).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await signInAtProvider(page, 'bo-sub');
  await page.waitForURL(link);
  await page
    .getByText('You signed in as bo@greenwood.example, but this invitation is for ana@greenwood.example.')
    .waitFor();
  await page.screenshot({ path: join(resultsDir, 'school-mismatch-390.png'), fullPage: true });

  // "Use another account": the provider asks who again.
  await page.getByRole('button', { name: `Use another ${LABEL} account` }).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await signInAtProvider(page, 'ana-sub');
  await page.waitForURL(link);
  await page.getByText(`You'll sign in with your ${LABEL} account, ana@greenwood.example.`).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Ana Lima', 'the provider gives the name');
  assert.equal(await page.locator('#password').count(), 0, 'no password to make up');
  await page.screenshot({ path: join(resultsDir, 'school-verified-390.png'), fullPage: true });

  await page.getByLabel('Phone number').fill('+44 7700 900125');
  await page.getByLabel('Username').fill('ana.lima');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await page.getByText('Your account is ready').waitFor();
  await page.getByText(`You can sign in with your ${LABEL} account, ana@greenwood.example.`).waitFor();
  // Her only way in: it can't be unlinked until she adds another.
  await page.getByText("It's your only way to sign in: add a passkey or a password first.").waitFor();
  assert.ok(await page.getByRole('button', { name: 'Unlink it' }).isDisabled());
  await page.screenshot({ path: join(resultsDir, 'school-account-390.png'), fullPage: true });

  // Signed out, and back in with one tap: the provider still knows her.
  await page.locator('#main').getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/login`);
  await page.screenshot({ path: join(resultsDir, 'school-sign-in-390.png'), fullPage: true });
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click();
  await page.waitForURL(`${server.baseUrl}/account`);
  await page.getByText('ana.lima').first().waitFor();
  await context.close();
});

test('an unverified or another domain\'s address is refused, and the link still works with a password', async () => {
  server.invite('dee@elsewhere.example');
  const elsewhere = await server.linkFor('dee@elsewhere.example');
  server.invite('cy@greenwood.example');
  const link = await server.linkFor('cy@greenwood.example');
  const context = await browser.newContext(PHONE);
  await withoutProviderFonts(context);
  const page = await context.newPage();
  const refusals = [
    [elsewhere, 'dee-sub', "dee@elsewhere.example isn't one of this school's addresses. Use your school account."],
    [link, 'cy-sub', "Your school hasn't verified the address cy@greenwood.example on that account, so it can't be used here."],
  ];
  for (const [invitation, sub, said] of refusals) {
    await page.goto(invitation);
    await page.getByRole('button', { name: `Continue with ${LABEL}` }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await signInAtProvider(page, sub);
    await page.waitForURL(invitation);
    await page.getByText(said).waitFor();
    // The provider is asked for another account next time: it signs the browser out of this one.
    await context.clearCookies();
  }
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Full name').fill('Cy Park');
  await page.getByLabel('Phone number').fill('+44 7700 900126');
  await page.getByLabel('Username').fill('cy.park');
  await page.getByLabel('Password', { exact: true }).fill('quiet amber lantern harbour');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await context.close();
});
