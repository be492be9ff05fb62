// Page weight: the bytes a phone downloads for a page, as the server sends them (brotli and
// gzip), split into first paint (HTML + CSS) and fully interactive (+ JS + WASM, including
// any lazily loaded WASM chunk). Chromium loads each page until it has hydrated, so every
// asset the page really needs is counted; each is then fetched again per encoding.
// Then Lighthouse 12 in its mobile setting (simulated slow 4G, 4x CPU slowdown) runs on the
// setup page, on the same page with its scripts blocked, and on Invites; LIGHTHOUSE_RUNS
// times each (default 3), reporting the median.
// Run with `make page-weight`; writes bench/results/page-weight.json and the table in
// docs/page-weight.md.
import { get } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, ADMIN_PASSWORD } from '../end2end/tests/support/server.mjs';
import { launchBrowser } from '../end2end/tests/support/browser.mjs';

const INVITE_BUDGET = { first_paint_br: 14 * 1024, interactive_br: 100 * 1024 };
const BUDGET = { setup: INVITE_BUDGET, 'setup, Arabic': INVITE_BUDGET, 'bad link': INVITE_BUDGET };
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const LIGHTHOUSE = join(
  process.env.TOOLS_DIR ?? join(process.env.HOME, '.cache', 'staff-onboarding', 'tools'),
  'node_modules', '.bin', 'lighthouse',
);

/** One Lighthouse mobile run (its default form factor and throttling) of `url`. */
function lighthouse(url, { cookie, blockScripts }) {
  const args = [
    url,
    '--only-categories=performance',
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox',
  ];
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
  const pages = [
    ['home', '/', null],
    ['setup', new URL(link).pathname, null],
    // The longest words of the shipped languages, right to left.
    ['setup, Arabic', `${new URL(link).pathname}?lang=ar`, null],
    ['bad link', `/invite/${'A'.repeat(43)}`, null],
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

  for (const [name, path, options] of [
    ['setup', new URL(link).pathname, {}],
    ['setup, scripts blocked', new URL(link).pathname, { blockScripts: true }],
    ['setup, Arabic', `${new URL(link).pathname}?lang=ar`, {}],
    ['invites', '/modules/staff/invites', { cookie }],
  ]) {
    lighthouseResults[name] = lighthouseMedian(`${server.baseUrl}${path}`, options);
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
const measuredAt = new Date().toISOString();
writeFileSync(
  join(outDir, 'page-weight.json'),
  JSON.stringify({ measured_at: measuredAt, budget: BUDGET, pages: results, lighthouse: lighthouseResults }, null, 2),
);

// docs/page-weight.md's table, between its markers.
const ms = (n) => `${Math.round(n)} ms`;
const lines = [
  `| page | first paint (HTML + CSS), brotli | JS + WASM, brotli | interactive total, brotli | budget |`,
  `|---|---|---|---|---|`,
  ...[['setup', 'setup page `/invite/{token}`'], ['setup, Arabic', 'setup page in Arabic `?lang=ar`'], ['bad link', 'bad link page `/invite/…`'], ['home', 'landing page `/`'], ['invites', 'Invites `/modules/staff/invites`']].map(([key, label]) => {
    const row = results[key];
    const budget = BUDGET[key];
    return `| ${label} | ${kb(row.first_paint_br)} | ${kb(row.js.br)} + ${kb(row.wasm.br)} | **${kb(row.interactive_br)}** | ${budget ? `${kb(budget.first_paint_br)} / ${kb(budget.interactive_br)}` : ''} |`;
  }),
  '',
  `Lighthouse ${RUNS}× mobile, medians (simulated slow 4G, 4× CPU slowdown):`,
  '',
  `| page | performance | LCP | TBT | TTI | bytes |`,
  `|---|---|---|---|---|---|`,
  ...Object.entries(lighthouseResults).map(([name, r]) =>
    `| ${name} | **${r.performance}** | ${ms(r.lcp_ms)} | ${ms(r.tbt_ms)} | ${ms(r.tti_ms)} | ${kb(r.bytes)} |`),
  '',
  `(Measured ${measuredAt.slice(0, 10)} by \`make page-weight\`.)`,
];
console.log(lines.join('\n'));
const readme = resolve(import.meta.dirname, '..', 'docs', 'page-weight.md');
const text = readFileSync(readme, 'utf8');
const start = '<!-- page-weight:start -->';
const end = '<!-- page-weight:end -->';
if (text.includes(start) && text.includes(end)) {
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  writeFileSync(readme, `${before}\n${lines.join('\n')}\n${after}`);
}
