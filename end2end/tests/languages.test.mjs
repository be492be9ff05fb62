// The invitee's own language, on a phone: an invitation sent in Spanish opens a Spanish
// page; a page opened by an Arabic browser is Arabic and right to left, its field errors
// Arabic with and without JavaScript; the switch to English sticks across a reload; axe
// stays clean in Arabic; and a screenshot of the form in each language at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './support/server.mjs';
import { launchBrowser, watchErrors, refusals, resultsDir, axeViolations } from './support/browser.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh invitation's link, in `language` (none: the school's). */
async function linkFor(email, language) {
  server.invite(email, 'Teacher', language);
  return server.linkFor(email);
}

async function opened(link, options = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(link);
  if (options.javaScriptEnabled !== false) await page.waitForSelector('body[data-hydrated="true"]');
  return { context, page, errors };
}

const html = (page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

test('an invitation sent in Spanish opens a Spanish page', async () => {
  const link = await linkFor('sam@greenwood.example', 'es');
  const { context, page, errors } = await opened(link, { locale: 'en-GB' });
  assert.deepEqual(await html(page), { lang: 'es', dir: 'ltr' });
  await page.getByRole('heading', { name: 'Configura tu cuenta' }).waitFor();
  await page.getByText('Te han invitado a unirte como docente.').waitFor();
  assert.equal(await page.title(), 'Configura tu cuenta – Incorporación del personal');
  await page.getByLabel('Número de teléfono').fill('07700 900123');
  await page.getByLabel('Nombre completo').focus();
  assert.match(await page.locator('#phone-error').textContent(), /prefijo del país/);
  await page.locator('#password').fill('corto');
  assert.match(await page.locator('#password-strength').textContent(), /5 de 12 caracteres/);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(resultsDir, 'setup-es-390.png'), fullPage: true });

  // The account made from this page keeps its language.
  await page.getByLabel('Nombre completo').fill('Sam Rivera');
  await page.getByLabel('Número de teléfono').fill('+34 612 345 678');
  await page.getByLabel('Nombre de usuario').fill('sam.rivera');
  await page.locator('#password').fill('violet tram orbit kettle');
  await page.getByRole('button', { name: 'Crear la cuenta' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  // The account keeps the setup page's language: its page speaks it and shows it chosen.
  await page.getByRole('heading', { name: 'Tu cuenta' }).waitFor();
  assert.deepEqual(await html(page), { lang: 'es', dir: 'ltr' });
  assert.equal(await page.locator('#account-language').inputValue(), 'es');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the pages after setup speak the account\'s language, and the account page changes it', async () => {
  const link = await linkFor('noor@greenwood.example', 'ar');
  const { context, page, errors } = await opened(link, { locale: 'en-GB' });
  await page.getByLabel('الاسم الكامل').fill('Noor Haddad');
  await page.getByLabel('رقم الهاتف').fill('+966 50 123 4567');
  await page.getByLabel('اسم المستخدم').fill('noor.h');
  await page.locator('#password').fill('violet tram orbit kettle');
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
  await page.waitForURL(/\/account\?welcome=1$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('heading', { name: 'حسابك' }).waitFor();
  assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' });
  assert.deepEqual(await axeViolations(page), [], 'the Arabic account page passes axe-core');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  // Each detail's text, a long address too, stays inside the card's padding.
  const outside = await page.evaluate(() => {
    const card = document.querySelector('.auth-card');
    const box = card.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(card).paddingInlineStart);
    return [...document.querySelectorAll('.details dd')].filter((dd) => {
      const range = document.createRange();
      range.selectNodeContents(dd);
      const text = range.getBoundingClientRect();
      return text.left < box.left + pad - 1 || text.right > box.right - pad + 1;
    }).map((dd) => dd.textContent);
  });
  assert.deepEqual(outside, [], 'details that stick out of the card');
  await page.screenshot({ path: join(resultsDir, 'account-ar-390.png'), fullPage: true });

  // Saved, the page loads again in the new language.
  await page.locator('#account-language').selectOption('fr');
  await page.getByRole('button', { name: 'حفظ اللغة' }).click();
  await page.getByRole('heading', { name: 'Votre compte' }).waitFor();
  assert.deepEqual(await html(page), { lang: 'fr', dir: 'ltr' });

  // Signed out, the sign-in page keeps speaking it (the `lang` cookie), its refusals too.
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await page.waitForURL(/\/login$/);
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('Nom d’utilisateur ou adresse e-mail').fill('noor.h');
  await page.getByLabel('Mot de passe').fill('not the password at all');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByRole('alert').getByText('ne correspondent pas').waitFor();
  await page.screenshot({ path: join(resultsDir, 'sign-in-fr-refused-390.png'), fullPage: true });
  assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  await context.close();
});

test('the sign-in and recovery pages follow the browser, and their switch', async () => {
  const context = await browser.newContext({ ...PHONE, locale: 'ar' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/login`);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' });
  await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the Arabic sign-in page passes axe-core');
  await page.screenshot({ path: join(resultsDir, 'sign-in-ar-390.png'), fullPage: true });
  await page.getByRole('link', { name: 'نسيت كلمة المرور أو مفتاح المرور؟' }).click();
  await page.getByRole('heading', { name: 'استعادة الوصول إلى حسابك' }).waitFor();
  await page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Recupera el acceso a tu cuenta' }).waitFor();
  assert.deepEqual(await html(page), { lang: 'es', dir: 'ltr' });
  await page.screenshot({ path: join(resultsDir, 'forgot-es-390.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an Arabic browser gets the page in Arabic, right to left, errors and all', async () => {
  const link = await linkFor('kim@greenwood.example');
  const { context, page, errors } = await opened(link, { locale: 'ar' });
  const refused = refusals(page);
  assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' });
  await page.getByRole('heading', { name: 'إعداد حسابك' }).waitFor();
  await page.getByText('تمت دعوتك للانضمام إلى الهيئة التعليمية.').waitFor();
  // Mirrored: the form's labels start on the right.
  const label = await page.getByText('الاسم الكامل', { exact: true }).boundingBox();
  const field = await page.getByLabel('الاسم الكامل').boundingBox();
  assert.ok(label.x + label.width > field.x + field.width - 2, `label ends at the field's right edge: ${JSON.stringify({ label, field })}`);
  // Errors with JavaScript: in Arabic, beside the field and in the summary.
  await page.getByLabel('رقم الهاتف').fill('07700 900123');
  await page.getByLabel('الاسم الكامل').focus();
  assert.match(await page.locator('#phone-error').textContent(), /رمز البلد/);
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.locator('.error-summary').textContent(), /هناك مشكلة/);
  assert.match(await page.locator('#full_name-error').textContent(), /أدخل اسمك الكامل/);
  assert.deepEqual(await axeViolations(page), [], 'the Arabic form with errors passes axe-core');
  await page.screenshot({ path: join(resultsDir, 'setup-ar-errors-390.png'), fullPage: true });
  // Nothing is wider than the screen, at 320 px too.
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 320 px (${overflow}px)`);
  await page.screenshot({ path: join(resultsDir, 'setup-ar-320.png'), fullPage: true });
  assert.deepEqual(refused, ['422 POST /api/accept_invitation'], 'the refused submit, and nothing else');
  assert.deepEqual(errors, ['console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);

  // The switch to English sticks across a reload.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('navigation', { name: 'اللغة' }).getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
  assert.deepEqual(await html(page), { lang: 'en', dir: 'ltr' });
  await context.close();
});

test('without JavaScript the errors come back in Arabic', async () => {
  const link = await linkFor('lee@greenwood.example', 'ar');
  const { context, page } = await opened(link, { javaScriptEnabled: false });
  await page.getByLabel('الاسم الكامل').fill('Lee Park');
  await page.getByLabel('رقم الهاتف').fill('07700 900123');
  await page.getByLabel('اسم المستخدم').fill('lee.park');
  await page.locator('#password').fill('violet tram orbit kettle');
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
  await page.waitForLoadState('load');
  assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' });
  assert.match(await page.locator('#phone-error').textContent(), /رمز البلد/);
  assert.equal(await page.getByLabel('الاسم الكامل').inputValue(), 'Lee Park', 'nothing typed is lost');
  await context.close();
});

test('the form in each language at 390 px', async () => {
  for (const language of ['en', 'es', 'fr', 'ar']) {
    const link = await linkFor(`shot.${language}@greenwood.example`, language);
    const { context, page, errors } = await opened(link);
    assert.equal((await html(page)).lang, language);
    assert.deepEqual(await axeViolations(page), [], `the ${language} form passes axe-core`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${language}: no sideways scrolling (${overflow}px)`);
    await page.screenshot({ path: join(resultsDir, `setup-${language}-form-390.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
});
