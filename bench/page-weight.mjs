// Page weight: the bytes a phone downloads for a page, as the server sends them (brotli and
// gzip), split into first paint (HTML + CSS) and fully interactive (+ JS + WASM, including
// any lazily loaded WASM chunk). Chromium loads each page until it has hydrated, so every
// asset the page really needs is counted; each is then fetched again per encoding.
// Run with `make page-weight`; writes bench/results/page-weight.json.
import { get } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, ADMIN_PASSWORD } from '../end2end/tests/support/server.mjs';
import { launchBrowser } from '../end2end/tests/support/browser.mjs';

const BUDGET = { setup: { first_paint_br: 14 * 1024, interactive_br: 100 * 1024 } };

function fetchRaw(url, encoding, cookie) {
  return new Promise((done, fail) => {
    const headers = { 'accept-encoding': encoding, ...(cookie ? { cookie } : {}) };
    get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => done({ status: response.statusCode, bytes: Buffer.concat(chunks).length }));
    }).on('error', fail);
  });
}

const kindOf = (url, type) => {
  if (type === 'document') return 'html';
  const path = new URL(url).pathname;
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  return null; // server-function calls and the like: data, not page weight
};

async function signIn(baseUrl) {
  const body = new URLSearchParams({ login: 'robin', password: ADMIN_PASSWORD }).toString();
  const response = await fetch(`${baseUrl}/api/sign_in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: baseUrl },
    body,
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('so_session='));
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0];
}

const server = await startServer();
const browser = await launchBrowser();
const results = {};
try {
  server.createAdmin();
  server.invite('sam@school.example');
  const link = await server.linkFor('sam@school.example');
  const cookie = await signIn(server.baseUrl);
  const pages = [
    ['home', '/', null],
    ['setup', new URL(link).pathname, null],
    ['invites', '/modules/staff/invites', cookie],
  ];

  for (const [name, path, pageCookie] of pages) {
    const context = await browser.newContext();
    if (pageCookie) {
      const [cookieName, value] = pageCookie.split('=');
      await context.addCookies([{ name: cookieName, value, url: server.baseUrl }]);
    }
    const page = await context.newPage();
    const loaded = new Map();
    page.on('request', (request) => {
      const kind = kindOf(request.url(), request.resourceType());
      if (kind) loaded.set(request.url(), kind);
    });
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.waitForLoadState('networkidle');
    await context.close();

    const row = { html: {}, css: {}, js: {}, wasm: {}, files: [...loaded.keys()].map((u) => new URL(u).pathname) };
    for (const encoding of ['identity', 'gzip', 'br']) {
      for (const [url, kind] of loaded) {
        const { bytes } = await fetchRaw(url, encoding, pageCookie);
        row[kind][encoding] = (row[kind][encoding] ?? 0) + bytes;
      }
    }
    row.first_paint_br = row.html.br + (row.css.br ?? 0);
    row.interactive_br = row.first_paint_br + (row.js.br ?? 0) + (row.wasm.br ?? 0);
    results[name] = row;
  }
} finally {
  await browser.close();
  await server.stop();
}

const kb = (n) => (n === undefined ? '-' : `${(n / 1024).toFixed(1)} KB`);
console.log('| page | part | raw | gzip | brotli | budget |');
console.log('|---|---|---|---|---|---|');
for (const [name, row] of Object.entries(results)) {
  for (const part of ['html', 'css', 'js', 'wasm']) {
    console.log(`| ${name} | ${part} | ${kb(row[part].identity)} | ${kb(row[part].gzip)} | ${kb(row[part].br)} | |`);
  }
  const budget = BUDGET[name] ?? {};
  console.log(`| ${name} | **first paint** (HTML+CSS) | | | **${kb(row.first_paint_br)}** | ${kb(budget.first_paint_br)} |`);
  console.log(`| ${name} | **interactive** (all) | | | **${kb(row.interactive_br)}** | ${kb(budget.interactive_br)} |`);
}
const outDir = resolve(import.meta.dirname, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'page-weight.json'),
  JSON.stringify({ measured_at: new Date().toISOString(), budget: BUDGET, pages: results }, null, 2),
);
