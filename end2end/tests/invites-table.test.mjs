// The Invites table as an admin with a start-of-term list scans it: one line per invitation at
// 1280 and 1024 px, 18 or more rows in a 1280×900 window, long addresses cut with "…" but
// whole in the tooltip and the History, and each row's actions in a "Manage" menu that works
// from the keyboard (the WAI-ARIA menu button pattern).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, axeViolations, resultsDir } from './support/browser.mjs';

const LONG = 'headteacher.office.of.the.deputy.principal.for.pastoral.care@greenwood-international.example';
let server;
let browser;
let page;

before(async () => {
  server = await startServer({ SCHOOL_NAME: 'Greenwood High' });
  server.createAdmin();
  for (let n = 1; n <= 24; n += 1) server.invite(`teacher${String(n).padStart(2, '0')}@greenwood.example`);
  server.invite(LONG, 'Admin Staff');
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await server.signInAdmin(page);
  await page.locator('tbody tr').nth(24).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The rows' heights, and how many are wholly inside the window. */
const measure = () => page.evaluate(() => {
  const rows = [...document.querySelectorAll('tbody tr')];
  const visible = rows.filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight).length;
  const heights = rows.map((r) => Math.round(r.getBoundingClientRect().height));
  const line = parseFloat(getComputedStyle(rows[0].querySelector('td')).lineHeight);
  const cut = rows.map((r) => r.querySelector('.cell-email')).filter((td) => td.scrollWidth > td.clientWidth);
  return { visible, heights, line, scroll: document.documentElement.scrollWidth, cut: cut.map((td) => td.title) };
});

test('at 1280×900 and 1024 px every invitation is one line, and 18 or more show at 1280', async () => {
  for (const [width, height] of [[1280, 900], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    const { visible, heights, line, scroll, cut } = await measure();
    await page.screenshot({ path: join(resultsDir, `invites-${width}.png`) });
    assert.ok(scroll <= width, `no sideways page scroll at ${width}px (${scroll}px)`);
    for (const h of heights) assert.ok(h < line * 2, `one line per row at ${width}px: heights ${heights}, line ${line}`);
    assert.deepEqual(cut, [LONG], `only the long address is cut at ${width}px`);
    if (width === 1280) assert.ok(visible >= 18, `${visible} rows visible in 1280×900`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a long address ends in "…", and is whole in its tooltip and in the History', async () => {
  const cell = page.getByRole('cell', { name: LONG, exact: true });
  assert.equal(await cell.getAttribute('title'), LONG);
  const cut = await cell.evaluate((td) => td.scrollWidth > td.clientWidth && getComputedStyle(td).textOverflow === 'ellipsis');
  assert.ok(cut, 'cut with an ellipsis');
  await page.getByRole('button', { name: `Manage ${LONG}` }).click();
  await page.getByRole('menu', { name: `Manage ${LONG}` }).getByRole('menuitem', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: `History of ${LONG}` });
  await history.getByText('Invited').first().waitFor();
  const heading = await history.getByRole('heading').first().evaluate((h) => h.scrollWidth <= h.clientWidth);
  assert.ok(heading, 'the whole address wraps in the panel title');
  await page.keyboard.press('Escape');
  await history.waitFor({ state: 'hidden' });
});

test('the row menu by keyboard: open, move, close, choose; focus comes back', async () => {
  const email = 'teacher24@greenwood.example';
  const button = page.getByRole('button', { name: `Manage ${email}` });
  const menu = page.getByRole('menu', { name: `Manage ${email}` });
  const focused = () => page.evaluate(() => document.activeElement?.firstChild?.textContent ?? document.activeElement?.textContent);
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  await button.focus();
  await page.keyboard.press('ArrowDown');
  await menu.waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await focused(), 'Resend', '↓ opens on the first item');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Revoke');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'History');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Resend', '↓ wraps to the first');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'History', '↑ wraps to the last');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'Resend');
  assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), ['Resend', 'Revoke', 'Correct email', 'History']);
  await page.screenshot({ path: join(resultsDir, 'invites-row-menu.png') });
  assert.deepEqual(await axeViolations(page), [], 'the open menu: axe-core');

  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Manage ${email}`, 'Escape returns to the button');

  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'History', '↑ opens on the last item');
  await page.keyboard.press('Enter');
  const history = page.getByRole('dialog', { name: `History of ${email}` });
  await history.getByText('Invited').first().waitFor();
  await menu.waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape');
  await history.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Manage ${email}`, 'the dialog returns to the button');

  // A click elsewhere closes it; Tab moves on and closes it.
  await button.click();
  await menu.waitFor();
  await page.getByRole('heading', { name: 'Invites' }).click();
  await menu.waitFor({ state: 'hidden' });
  await button.focus();
  await page.keyboard.press('Enter');
  await menu.waitFor();
  await page.keyboard.press('Tab');
  await menu.waitFor({ state: 'hidden' });
});
