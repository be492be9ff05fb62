// Page weight: the bytes a phone downloads for a page, as the server sends them (brotli and
// gzip), split into first paint (HTML + CSS) and fully interactive (+ JS + WASM, including
// any lazily loaded WASM chunk). Chromium loads each page until its script has run, so every
// asset the page really needs is counted; each is then fetched again per encoding.
// Then Lighthouse 12 in its mobile setting (simulated slow 4G, 4x CPU slowdown) runs on the
// setup page (also with its scripts blocked), sign-in, the account page, and Invites without
// and with the last bulk job's banner (also in Lighthouse's desktop setting); LIGHTHOUSE_RUNS
// times each (default 3), reporting the median.
// Run with `make page-weight`; writes bench/results/page-weight.json, and the tables between
// the page-weight markers of README.md and docs/page-weight.md.
import { get } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, ADMIN_PASSWORD } from '../end2end/tests/support/server.mjs';
import { launchBrowser } from '../end2end/tests/support/browser.mjs';

// Every light page: at most 100 KB brotli to be interactive, Lighthouse mobile 100, TBT at
// most 50 ms. The dashboard: 300 KB; mobile 90 or more, LCP 2.5 s, TBT 150 ms, CLS 0.02.
const LIGHT = { first_paint_br: 14 * 1024, interactive_br: 100 * 1024, performance: 100, tbt_ms: 50 };
const DASHBOARD = { interactive_br: 300 * 1024, performance: 90, lcp_ms: 2500, tbt_ms: 150, cls: 0.02 };
const BUDGET = {
  setup: LIGHT, 'setup, Arabic': LIGHT, 'bad link': LIGHT, home: LIGHT,
  'sign-in': LIGHT, forgot: LIGHT, 'sign-in link': LIGHT, account: LIGHT,
  invites: DASHBOARD, 'invites, bulk banner': DASHBOARD,
};
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const LIGHTHOUSE = join(
  process.env.TOOLS_DIR ?? join(process.env.HOME, '.cache', 'staff-onboarding', 'tools'),
  'node_modules', '.bin', 'lighthouse',
);

/** One Lighthouse mobile run (its default form factor and throttling) of `url`. */
function lighthouse(url, { cookie, blockScripts, desktop }) {
  const args = [
    url,
    '--only-categories=performance',
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox',
  ];
  if (desktop) args.push('--preset=desktop');
  if (blockScripts) args.push('--blocked-url-patterns=*.js', '--blocked-url-patterns=*.wasm');
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const run = spawnSync(LIGHTHOUSE, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lighthouse ${url}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const audit = (id) => report.audits[id].numericValue;
  return {
    performance: Math.round(report.categories.performance.score * 100),
    lcp_ms: audit('largest-contentful-paint'),
    tbt_ms: audit('total-blocking-time'),
    tti_ms: audit('interactive'),
    cls: audit('cumulative-layout-shift'),
    bytes: audit('total-byte-weight'),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The median of each figure over RUNS runs. */
function lighthouseMedian(url, options) {
  const runs = Array.from({ length: RUNS }, () => lighthouse(url, options));
  const figures = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  return { ...figures, runs };
}

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

/** Invites `count` addresses in one bulk job from the dashboard, as a Super-Admin does. */
async function bulkInvite(baseUrl, cookie, count) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const [cookieName, value] = cookie.split('=');
  await context.addCookies([{ name: cookieName, value, url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/modules/staff/invites`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk invite' });
  const lines = Array.from({ length: count }, (_, i) => `bulk.${i + 1}@school.example,Teacher`);
  await dialog.getByLabel('Addresses, one per line: email,role').fill(lines.join('\n'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: `Send ${count} invitations` }).click();
  await dialog.getByText(`Finished: ${count} invited, 0 not invited.`).waitFor({ timeout: 60_000 });
  await context.close();
}

// On localhost, as `make run` serves: the setup page then offers a passkey where it can.
const server = await startServer({}, { host: 'localhost' });
const browser = await launchBrowser();
const results = {};
const lighthouseResults = {};
try {
  server.createAdmin();
  server.invite('sam@school.example');
  const link = await server.linkFor('sam@school.example');
  const cookie = await signIn(server.baseUrl);
  for (let i = 1; i <= 20; i++) server.invite(`teacher.${i}@school.example`);
  await fetch(`${server.baseUrl}/api/request_sign_in_link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: 'login=robin',
  });
  const signInLink = new URL(await server.signInLinkFor('robin@greenwood.example')).pathname;
  const setup = new URL(link).pathname;
  const pages = [
    ['home', '/', null],
    ['setup', setup, null],
    // The longest words of the shipped languages, right to left.
    ['setup, Arabic', `${setup}?lang=ar`, null],
    ['bad link', `/invite/${'A'.repeat(43)}`, null],
    ['sign-in', '/login', null],
    ['forgot', '/login/forgot', null],
    ['sign-in link', signInLink, null],
    ['account', '/account', cookie],
    ['invites', '/modules/staff/invites', cookie],
  ];
  const lighthousePages = [
    ['setup', setup, {}],
    ['setup, scripts blocked', setup, { blockScripts: true }],
    ['setup, Arabic', `${setup}?lang=ar`, {}],
    ['sign-in', '/login', {}],
    ['account', '/account', { cookie }],
    ['invites', '/modules/staff/invites', { cookie }],
  ];
  const weigh = async (pages) => {
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
  };
  const lighthouseAll = (pages) => {
    for (const [name, path, options] of pages) {
      lighthouseResults[name] = lighthouseMedian(`${server.baseUrl}${path}`, options);
    }
  };
  await weigh(pages);
  lighthouseAll(lighthousePages);
  // Then the last bulk job's banner above the table, which the dashboard shows for a day.
  await bulkInvite(server.baseUrl, cookie, 20);
  await weigh([['invites, bulk banner', '/modules/staff/invites', cookie]]);
  lighthouseAll([
    ['invites, bulk banner', '/modules/staff/invites', { cookie }],
    ['invites, bulk banner, desktop', '/modules/staff/invites', { cookie, desktop: true }],
  ]);
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
const measuredAt = new Date().toISOString();
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(
  join(outDir, 'page-weight.json'),
  JSON.stringify({ measured_at: measuredAt, commit, budget: BUDGET, pages: results, lighthouse: lighthouseResults }, null, 2),
);

// The tables of README.md and docs/page-weight.md, between their markers.
const ms = (n) => `${Math.round(n)} ms`;
const within = (value, limit, atMost = true) =>
  (limit === undefined ? '' : (atMost ? value <= limit : value >= limit) ? ' ✓' : ' ✗');
const LABELS = [
  ['setup', 'setup `/invite/{token}`'],
  ['setup, Arabic', 'setup in Arabic `?lang=ar`'],
  ['bad link', 'bad link `/invite/…`'],
  ['home', 'landing page `/`'],
  ['sign-in', 'sign-in `/login`'],
  ['forgot', 'forgot `/login/forgot`'],
  ['sign-in link', 'sign-in link `/sign-in/{token}`'],
  ['account', 'account `/account`'],
  ['invites', 'Invites `/modules/staff/invites`'],
  ['invites, bulk banner', 'Invites with the bulk job\'s banner'],
];
const weights = [
  `| page | first paint (HTML + CSS) | JS + WASM | interactive total | budget |`,
  `|---|---|---|---|---|`,
  ...LABELS.map(([key, label]) => {
    const row = results[key];
    const budget = BUDGET[key] ?? {};
    const verdict = within(row.interactive_br, budget.interactive_br);
    return `| ${label} | ${kb(row.first_paint_br)} | ${kb(row.js.br)} + ${kb(row.wasm.br)} | **${kb(row.interactive_br)}**${verdict} | ${kb(budget.interactive_br)} |`;
  }),
];
const budgetOf = (name) => BUDGET[name.replace(/, (scripts blocked|desktop)$/, '')] ?? {};
const scores = [
  `| page | performance | LCP | TBT | CLS | TTI | bytes |`,
  `|---|---|---|---|---|---|---|`,
  ...Object.entries(lighthouseResults).map(([name, r]) => {
    const b = name.endsWith('desktop') ? { performance: 100 } : budgetOf(name);
    return `| ${name} | **${r.performance}**${within(r.performance, b.performance, false)} | ${ms(r.lcp_ms)}${within(r.lcp_ms, b.lcp_ms)} | ${ms(r.tbt_ms)}${within(r.tbt_ms, b.tbt_ms)} | ${r.cls.toFixed(3)}${within(r.cls, b.cls)} | ${ms(r.tti_ms)} | ${kb(r.bytes)} |`;
  }),
];
const lines = [
  'Brotli bytes (✓ within budget, ✗ over):',
  '',
  ...weights,
  '',
  `Lighthouse 12, ${RUNS} runs each, medians; mobile (simulated slow 4G, 4× CPU slowdown) unless it says desktop:`,
  '',
  ...scores,
  '',
  `(Measured ${measuredAt.slice(0, 10)} on ${commit} by \`make page-weight\`.)`,
];
console.log(lines.join('\n'));
for (const file of ['README.md', join('docs', 'page-weight.md')]) {
  const path = resolve(import.meta.dirname, '..', file);
  const text = readFileSync(path, 'utf8');
  const start = '<!-- page-weight:start -->';
  const end = '<!-- page-weight:end -->';
  if (text.includes(start) && text.includes(end)) {
    const before = text.slice(0, text.indexOf(start) + start.length);
    const after = text.slice(text.indexOf(end));
    writeFileSync(path, `${before}\n${lines.join('\n')}\n${after}`);
  }
}
