// The Super-Admin's Invites dashboard in a desktop browser: invite with the live check,
// resend to the limit, revoke, correct an email, the history, the Staff list, and live
// status (an invitation accepted elsewhere turns Accepted with no reload).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startServer } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir, watchErrors } from './support/browser.mjs';
import { fillSetup } from './support/setup-form.mjs';
import { inviteFromDashboard, inviteRow } from './support/invites.mjs';

const DESKTOP = { viewport: { width: 1280, height: 860 }, bypassCSP: true, acceptDownloads: true };
let server;
let browser;
let page;
let errors;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  browser = await launchBrowser();
  page = await (await browser.newContext(DESKTOP)).newPage();
  errors = watchErrors(page);
  await server.signInAdmin(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (email) => inviteRow(page, email);
const invite = (email, role) => inviteFromDashboard(page, email, role);

/** Opens the row's "Manage" menu and returns it. */
async function openMenu(email) {
  await row(email).getByRole('button', { name: `Manage ${email}` }).click();
  const menu = page.getByRole('menu', { name: `Manage ${email}` });
  await menu.waitFor();
  return menu;
}

/** Chooses `label` (Resend, Revoke, Correct email, History) from the row's menu. */
async function rowAction(email, label) {
  await (await openMenu(email)).getByRole('menuitem', { name: label }).click();
}


test('the side menu leads Modules → Teachers/Admin Staff → Invites and Staff', async () => {
  await page.locator('header').getByText('Robin Principal').waitFor();
  assert.match(await page.locator('header').textContent(), /Greenwood High.*Robin Principal.*Sign out/s);
  assert.equal(await page.getByRole('row', { name: /first-admin/ }).count(), 0, 'the printed first-admin link was withdrawn');
  const menu = page.getByRole('navigation', { name: 'Modules' });
  assert.match(await menu.textContent(), /Modules.*Teachers\/Admin Staff.*Invites.*Staff/s);
  await menu.getByRole('link', { name: 'Staff' }).click();
  await page.waitForURL(`${server.baseUrl}/modules/staff/members`);
  await page.getByRole('row', { name: /Robin Principal/ }).waitFor();
  assert.match(await page.getByRole('row', { name: /Robin Principal/ }).textContent(), /robin.*Super-Admin.*robin@greenwood\.example/);
  assert.deepEqual(await axeViolations(page), [], 'Staff: axe-core');
  await menu.getByRole('link', { name: 'Invites' }).click();
  await page.waitForURL(`${server.baseUrl}/modules/staff/invites`);
  await page.getByRole('heading', { name: 'Invites' }).waitFor();
});

test('inviting a Teacher: the live check, then a Pending row whose email is Sent', async () => {
  await page.getByRole('button', { name: 'Invite User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite User' });
  await dialog.getByLabel('Email address').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), true, 'focus is in the dialog');
  await dialog.getByLabel('Email address').pressSequentially('robin@greenwood.example', { delay: 10 });
  await dialog.getByText('A user with this email already exists.').waitFor();
  assert.ok(await dialog.getByRole('button', { name: 'Invite', exact: true }).isDisabled(), 'refused before sending');
  await page.screenshot({ path: join(resultsDir, 'dashboard-invite-dialog.png') });
  assert.deepEqual(await axeViolations(page), [], 'the invite dialog: axe-core');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Invite User', 'focus returns to the button');

  await invite('sam@greenwood.example');
  const sam = row('sam@greenwood.example');
  assert.match(await sam.textContent(), /Teacher.*Pending.*Robin Principal/);
  await sam.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 });

  await page.getByRole('button', { name: 'Invite User' }).click();
  await page.getByRole('dialog', { name: 'Invite User' }).getByLabel('Email address').fill('SAM@greenwood.example');
  await page.getByText('Already invited: resend instead').waitFor();
  await page.keyboard.press('Escape');
  await page.screenshot({ path: join(resultsDir, 'dashboard-invites.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the Invites page: axe-core');
});

test('resend three times; the fourth is disabled and the count reads 3 of 3', async () => {
  await invite('kim@greenwood.example', 'Admin Staff');
  for (let n = 1; n <= 3; n += 1) {
    // Each new link's email is delivered first: the live refresh redraws a row whose
    // delivery changes, and with it any menu open on it.
    await row('kim@greenwood.example').locator('.delivery').getByText('Sent', { exact: true }).waitFor();
    await rowAction('kim@greenwood.example', 'Resend');
    await page.getByText(`A new link was sent to kim@greenwood.example (${n} of 3).`).waitFor();
    await row('kim@greenwood.example').getByText(`${n} of 3`, { exact: true }).waitFor();
  }
  const menu = await openMenu('kim@greenwood.example');
  const resend = menu.getByRole('menuitem', { name: 'Resend' });
  assert.equal(await resend.getAttribute('aria-disabled'), 'true', 'the limit is reached');
  const note = await resend.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${note}`).textContent(), /Resent 3 of 3 times, the limit/);
  // Opened by a click, the menu is on its first item: Enter there does nothing now.
  assert.equal(await page.evaluate(() => document.activeElement?.firstChild?.textContent), 'Resend');
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  await row('kim@greenwood.example').getByText('3 of 3', { exact: true }).waitFor();
});

test('revoke asks first, then the row reads Revoked', async () => {
  await invite('lee@greenwood.example');
  await rowAction('lee@greenwood.example', 'Revoke');
  const confirm = page.getByRole('dialog', { name: 'Revoke this invitation?' });
  await confirm.getByText('lee@greenwood.example').waitFor();
  await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByText('The invitation of lee@greenwood.example was revoked.').waitFor();
  await row('lee@greenwood.example').getByText('Revoked', { exact: true }).waitFor();
});

test('correct an email: a new link goes to the new address', async () => {
  await invite('pat@greenwod.example');
  await rowAction('pat@greenwod.example', 'Correct email');
  const dialog = page.getByRole('dialog', { name: /Correct pat@greenwod\.example/ });
  await dialog.getByLabel('Email address').fill('pat@greenwood.example');
  await dialog.getByRole('button', { name: 'Send to this address' }).click();
  await page.getByText('A new link was sent to pat@greenwood.example.').waitFor();
  await row('pat@greenwood.example').waitFor();
  await server.linkFor('pat@greenwood.example');

  await rowAction('pat@greenwood.example', 'History');
  const history = page.getByRole('dialog', { name: /History of pat@greenwood\.example/ });
  await history.getByText('Email corrected').waitFor();
  assert.match(await history.textContent(), /Invited.*Robin Principal.*Email corrected/s);
  assert.deepEqual(await axeViolations(page), [], 'the History panel: axe-core');
  await page.keyboard.press('Escape');
});

test('bulk invite: 5 rows, 2 bad; a preview, then the server job to its summary', async () => {
  await page.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk invite' });
  // One row: the button's words take the singular (the browser's plural rules choose).
  await dialog.getByLabel('Addresses, one per line: email,role').fill('dee@greenwood.example,Teacher');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: 'Send 1 invitation', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.getByLabel('Addresses, one per line: email,role').fill([
    'email,role',
    'ana@greenwood.example,Teacher',
    'ben@greenwood.example,Admin Staff',
    'not-an-email,Teacher',
    'robin@greenwood.example,Teacher',
    'cy@greenwood.example,Teacher',
  ].join('\n'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByText('3 will be invited, 2 skipped.').waitFor();
  const text = await dialog.textContent();
  assert.match(text, /robin@greenwood\.example,Teacher✗ Already a user/);
  // Said after the check's answer came back: the page's words outlive the wait.
  assert.match(text, /not-an-email,Teacher✗ Enter an email address like name@school\.org, with one @\./);
  assert.match(text, /ben@greenwood\.example,Admin Staff✓ Will be invited as Admin Staff/);
  await page.screenshot({ path: join(resultsDir, 'dashboard-bulk-preview.png') });
  assert.deepEqual(await axeViolations(page), [], 'the bulk preview: axe-core');
  await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
  await dialog.getByText('Finished: 3 invited, 0 not invited.').waitFor();
  assert.equal(await dialog.locator('progress').getAttribute('value'), '3');
  assert.match(await dialog.textContent(), /ben@greenwood\.example✓ Invited as Admin Staff/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByText(/Last bulk invite: Finished: 3 invited, 0 not invited\. Started by Robin Principal on /).waitFor();
  for (const email of ['ana@greenwood.example', 'ben@greenwood.example', 'cy@greenwood.example']) {
    await row(email).getByText('Pending').waitFor();
  }
});

test('an invitation accepted in another browser turns Accepted here with no reload', async () => {
  const link = await server.linkFor('sam@greenwood.example');
  const invitee = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await invitee.goto(link);
  await invitee.waitForSelector('body[data-hydrated="true"]');
  await fillSetup(invitee, { fullName: 'Sam Rivera', phone: '+44 7700 900123', username: 'sam.rivera' });
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await invitee.waitForURL(`${server.baseUrl}/account?welcome=1`);
  await invitee.context().close();

  await row('sam@greenwood.example').getByText('Accepted', { exact: true }).waitFor({ timeout: 10_000 });
  const chip = page.getByRole('button', { name: /^Accepted/ });
  assert.match(await chip.textContent(), /Accepted\s*1/);
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
  assert.match(await page.locator('tbody tr').textContent(), /sam@greenwood\.example.*Accepted/);

  // Download CSV takes what the filters show.
  const exportLink = page.getByRole('link', { name: 'Download CSV' });
  assert.match(await exportLink.getAttribute('href'), /^\/modules\/staff\/invites\.csv\?status=accepted&sort=sent_desc$/);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  assert.match(download.suggestedFilename(), /^invitations-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(csv.length, 2, 'the header and the one Accepted invitation');
  assert.match(csv[1], /^sam@greenwood\.example,Teacher,Accepted,Robin Principal,/);
  assert.deepEqual(errors.filter((e) => !e.includes('status of 4')), [], 'no script errors');
});

test('the dashboard works at 1024 px and at tablet width, without sideways page scroll', async () => {
  for (const [width, height] of [[1024, 768], [768, 1024]]) {
    await page.setViewportSize({ width, height });
    await page.getByRole('button', { name: 'Invite User' }).waitFor();
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `page is ${scroll}px wide at ${width}px`);
    assert.ok(await page.getByRole('button', { name: 'Invite User' }).isVisible());
    assert.ok(await page.getByRole('navigation', { name: 'Modules' }).isVisible());
    if (width >= 1024) {
      const actions = await page.locator('tbody tr').first().getByRole('button', { name: /^Manage/ }).boundingBox();
      assert.ok(actions.x + actions.width <= width, `the row actions are on screen at ${width}px`);
    }
    await page.screenshot({ path: join(resultsDir, `dashboard-${width}.png`), fullPage: true });
  }
  // Keyboard: every control shows a focus ring.
  await page.getByRole('button', { name: 'Bulk invite' }).focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'a visible focus ring');
});
