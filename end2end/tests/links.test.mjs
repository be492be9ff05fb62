// Every link that doesn't work gets its own page, status and next step, and reveals nothing
// about whose link it was. Links here live 5 s, so expiry is real, not simulated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir } from './support/browser.mjs';
import { fillSetup } from './support/setup-form.mjs';

const TTL_MS = 5_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server;
let browser;
let admin; // a signed-in Super-Admin's page, to resend and revoke

before(async () => {
  server = await startServer({ INVITE_TTL: `${TTL_MS / 1000}s` });
  server.createAdmin();
  browser = await launchBrowser();
  admin = await (await browser.newContext()).newPage();
  await server.signInAdmin(admin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Calls one of the admin's server functions from the signed-in page. */
async function adminCall(endpoint, body) {
  const status = await admin.evaluate(async ([endpoint, body]) => {
    const response = await fetch(`/api/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return response.status;
  }, [endpoint, body]);
  assert.equal(status, 200, `${endpoint} answered ${status}`);
}

/** The history of invitation `id`, as the Super-Admin's dashboard reads it. */
async function history(id) {
  return admin.evaluate(async (id) => {
    const response = await fetch('/api/invitation_history', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ id }),
    });
    return response.json();
  }, id);
}

/** Opens `link` on a phone; checks the status, heading and axe; returns the page. */
async function openBadLink(link, { status, heading, says, shot }) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const response = await page.goto(link);
  assert.equal(response.status(), status, `${heading}: status`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('heading', { name: heading }).waitFor();
  const text = await page.locator('main').textContent();
  assert.match(text, says);
  assert.doesNotMatch(text, /@greenwood\.example/, 'never whose link it was');
  assert.deepEqual(await axeViolations(page), [], `${heading}: axe-core`);
  if (shot) await page.screenshot({ path: join(resultsDir, shot), fullPage: true });
  return page;
}

test('an invalid link: 404 and where to look', async () => {
  const page = await openBadLink(`${server.baseUrl}/invite/${'A'.repeat(43)}`, {
    status: 404,
    heading: "This link isn't valid",
    says: /Check that you copied the whole link from the email\./,
    shot: 'link-invalid-390.png',
  });
  await page.context().close();
});

test('a superseded link after a resend: 410 and which email to use', async () => {
  const id = server.invite('resent@greenwood.example');
  const old = await server.linkFor('resent@greenwood.example');
  await adminCall('resend_invitation', { id });
  const fresh = await server.linkFor('resent@greenwood.example', { skip: [old] });
  assert.notEqual(fresh, old);
  const page = await openBadLink(old, {
    status: 410,
    heading: 'There is a newer link',
    says: /A newer invitation was sent to you\. Use the link in the most recent email\./,
    shot: 'link-superseded-390.png',
  });
  await page.context().close();
  assert.equal((await fetch(fresh)).status, 200, 'the newest link works');
});

test('a revoked invitation: 410 and who to contact', async () => {
  const id = server.invite('revoked@greenwood.example');
  const link = await server.linkFor('revoked@greenwood.example');
  await adminCall('revoke_invitation', { id });
  const page = await openBadLink(link, {
    status: 410,
    heading: 'This invitation was withdrawn',
    says: /This invitation was withdrawn\. Contact your school administrator\./,
  });
  await page.context().close();
});

test('an expired link: 410, when it expired, and "Ask for a new link" tells the admins', async () => {
  server.invite('late@greenwood.example');
  const link = await server.linkFor('late@greenwood.example');
  await new Promise((r) => setTimeout(r, TTL_MS + 500));
  const page = await openBadLink(link, {
    status: 410,
    heading: 'This link has expired',
    says: /This link expired on \w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC/,
    shot: 'link-expired-390.png',
  });
  await page.getByRole('button', { name: 'Ask for a new link' }).click();
  await page.getByText("Your school's administrator has been told").waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ask for a new link' }).count(), 0);
  assert.deepEqual(await axeViolations(page), [], 'after asking: axe-core');
  await page.context().close();

  // Without JavaScript the same button is a plain form, with the same answer.
  const plain = await (await browser.newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
  await plain.goto(link);
  await plain.getByRole('button', { name: 'Ask for a new link' }).click();
  await plain.getByText("Your school's administrator has been told").waitFor();
  await plain.context().close();

  await admin.reload();
  const row = admin.getByRole('row', { name: /late@greenwood\.example/ });
  await row.waitFor();
  assert.match(await row.textContent(), /Expired/);
  assert.match(await row.textContent(), /Wants a new link/, 'the dashboard shows the request');
});

test('a used link: 410 and a way to sign in', async () => {
  server.invite('used@greenwood.example');
  const link = await server.linkFor('used@greenwood.example');
  const form = await (await browser.newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
  await form.goto(link);
  await fillSetup(form, { fullName: 'Uma Sed', phone: '+44 7700 900321', username: 'uma.sed' });
  await form.getByRole('button', { name: 'Create account' }).click();
  await form.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await form.context().close();
  const page = await openBadLink(link, {
    status: 410,
    heading: 'This link has already been used',
    says: /already been used to set up an account\. Sign in instead\./,
  });
  assert.ok(await page.locator('main').getByRole('link', { name: 'Sign in' }).isVisible());
  await page.context().close();
});

// "Link opened" means a person's browser ran the page: a mail scanner's plain GET of the same
// link (which is all it does) records nothing, and the invite pages' script records it.
test('"link opened" is recorded by a real browser, not by a plain GET', async () => {
  const id = server.invite('opened@greenwood.example');
  const link = await server.linkFor('opened@greenwood.example');
  const opened = async () => (await history(id)).filter((e) => e.action === 'link_opened').length;
  assert.equal((await fetch(link)).status, 200);
  assert.equal(await opened(), 0, 'a plain GET records nothing');

  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  for (let i = 0; i < 50 && (await opened()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await opened(), 1, 'the browser that ran the page recorded it');
  await page.context().close();
});
