// Staff who leave: a Super-Admin deactivates another from the Staff page. The departing
// admin's open session ends, their sign-in is refused with a sentence after the right
// password, their pending invitations are revoked (their links show the withdrawn page),
// and reactivation lets them back in. The last active Super-Admin can't be deactivated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, ADMIN_PASSWORD } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir, watchErrors } from './support/browser.mjs';
import { inviteFromDashboard } from './support/invites.mjs';

const DESKTOP = { viewport: { width: 1280, height: 860 }, bypassCSP: true };
let server;
let browser;
let robin;
let dana;
let errors;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  server.cli(
    ['create-super-admin', '--email', 'dana@greenwood.example', '--username', 'dana', '--name', 'Dana Deputy'],
    { STAFF_ONBOARDING_PASSWORD: ADMIN_PASSWORD },
  );
  browser = await launchBrowser();
  robin = await (await browser.newContext(DESKTOP)).newPage();
  errors = watchErrors(robin);
  await server.signInAdmin(robin);
  dana = await (await browser.newContext(DESKTOP)).newPage();
  await signIn(dana, 'dana');
  await dana.waitForURL(`${server.baseUrl}/modules/staff/invites`);
  // Signing in loads the dashboard afresh: "Invite User" works once its code has taken over.
  await dana.waitForSelector('body[data-hydrated="true"]');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, login) {
  await page.goto(`${server.baseUrl}/login`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}


async function openStaff(page) {
  await page.goto(`${server.baseUrl}/modules/staff/members`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('heading', { name: 'Staff' }).waitFor();
}

const staffRow = (page, name) => page.getByRole('row', { name: new RegExp(`^${name}`) });

test('deactivating an admin ends their session, refuses their sign-in and revokes their invitations', async () => {
  await inviteFromDashboard(dana, 'ana@greenwood.example');
  await inviteFromDashboard(dana, 'ben@greenwood.example');
  const link = await server.linkFor('ana@greenwood.example');

  await openStaff(robin);
  const row = staffRow(robin, 'Dana Deputy');
  assert.match(await row.textContent(), /Dana Deputy.*dana.*Super-Admin.*Active/s);
  assert.match(await staffRow(robin, 'Robin Principal').textContent(), /\(you\)/);
  await row.getByRole('button', { name: 'Deactivate Dana Deputy' }).click();
  const dialog = robin.getByRole('dialog', { name: 'Deactivate Dana Deputy?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Dana Deputy \(dana\) will be signed out everywhere at once/);
  assert.match(await dialog.textContent(), /Every pending invitation they sent will be revoked/);
  await robin.screenshot({ path: join(resultsDir, 'staff-deactivate-confirm.png') });
  await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await robin
    .getByText('Dana Deputy was deactivated and signed out everywhere. The 2 pending invitations they sent were revoked.')
    .waitFor();
  await row.getByText('Deactivated', { exact: true }).waitFor();
  assert.match(await row.textContent(), /Deactivated by Robin Principal, /);
  await row.getByRole('button', { name: 'Reactivate Dana Deputy' }).waitFor();
  assert.deepEqual(await axeViolations(robin), [], 'Staff with a deactivated row: axe-core');
  await robin.screenshot({ path: join(resultsDir, 'staff-deactivated.png') });

  // Dana's open tab: the next thing she does finds her signed out.
  await dana.reload();
  await dana.waitForURL(/\/login\?next=/);
  await signIn(dana, 'dana');
  await dana.getByText('This account was deactivated. Contact your school administrator.').waitFor();
  assert.match(dana.url(), /\/login/);

  // Her invitations: revoked, with the reason in their history, and the link says so.
  await robin.goto(`${server.baseUrl}/modules/staff/invites`);
  await robin.waitForSelector('body[data-hydrated="true"]');
  const invitation = robin.getByRole('row', { name: /ana@greenwood\.example/ });
  await invitation.getByText('Revoked', { exact: true }).waitFor();
  await invitation.getByRole('button', { name: 'Manage ana@greenwood.example' }).click();
  await robin.getByRole('menuitem', { name: 'History' }).click();
  const history = robin.getByRole('dialog', { name: 'History of ana@greenwood.example' });
  await history.getByText("Dana Deputy's account, which sent it, was deactivated").waitFor();
  await history.getByRole('button', { name: 'Close' }).click();

  const invitee = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: 'This invitation was withdrawn' }).waitFor();
  await invitee.context().close();
});

test('reactivating lets them sign in again; the last active Super-Admin is kept', async () => {
  await openStaff(robin);
  const row = staffRow(robin, 'Dana Deputy');
  await row.getByRole('button', { name: 'Reactivate Dana Deputy' }).click();
  const dialog = robin.getByRole('dialog', { name: 'Reactivate Dana Deputy?' });
  await dialog.getByRole('button', { name: 'Reactivate', exact: true }).click();
  await robin.getByText('Dana Deputy was reactivated and can sign in again.').waitFor();
  assert.match(await row.textContent(), /Active.*Reactivated by Robin Principal, /s);
  await signIn(dana, 'dana');
  await dana.waitForURL(`${server.baseUrl}/modules/staff/invites`);

  // Dana deactivates Robin; Robin is now the one signed out, and Dana the last one active.
  await openStaff(dana);
  await staffRow(dana, 'Robin Principal').getByRole('button', { name: 'Deactivate Robin Principal' }).click();
  await dana.getByRole('dialog', { name: 'Deactivate Robin Principal?' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
  await dana.getByText('Robin Principal was deactivated and signed out everywhere.').waitFor();
  await staffRow(dana, 'Dana Deputy').getByRole('button', { name: 'Deactivate Dana Deputy' }).click();
  const own = dana.getByRole('dialog', { name: 'Deactivate Dana Deputy?' });
  await own.getByText('This is your own account: you will be signed out too.').waitFor();
  await own.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await dana
    .getByText("Dana Deputy is the only active Super-Admin, so this account can't be deactivated: no one would be left to manage the school's staff.")
    .waitFor();
  assert.match(await staffRow(dana, 'Dana Deputy').textContent(), /Active/);
  await dana.screenshot({ path: join(resultsDir, 'staff-last-admin.png') });
  assert.deepEqual(errors.filter((e) => !/status of 40[13]/.test(e)), []);
});
