// Page weight: the bytes a browser downloads for a page, as the server sends them (brotli
// and gzip), split into first paint (HTML + CSS) and interactive (JS + WASM).
// Run with `make page-weight`; writes bench/results/page-weight.json.
import { get } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../end2end/tests/support/server.mjs';

const PAGES = [['home', '/']];

function fetchRaw(url, encoding) {
  return new Promise((done, fail) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => done({
        status: response.statusCode,
        encoding: response.headers['content-encoding'] ?? 'identity',
        bytes: Buffer.concat(chunks).length,
        body: Buffer.concat(chunks),
      }));
    }).on('error', fail);
  });
}

function assetsOf(html) {
  const urls = new Set();
  for (const [, href] of html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)) urls.add(href);
  return [...urls];
}

const kind = (url) => (url.endsWith('.css') ? 'css' : url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : 'other');

const server = await startServer();
const results = {};
try {
  for (const [name, path] of PAGES) {
    const plain = await fetchRaw(`${server.baseUrl}${path}`, 'identity');
    const html = plain.body.toString('utf8');
    const row = { html: {}, css: {}, js: {}, wasm: {} };
    const add = (k, enc, n) => { row[k][enc] = (row[k][enc] ?? 0) + n; };
    for (const encoding of ['identity', 'gzip', 'br']) {
      add('html', encoding, (await fetchRaw(`${server.baseUrl}${path}`, encoding)).bytes);
      for (const asset of assetsOf(html)) {
        const k = kind(asset);
        if (k === 'other') continue;
        add(k, encoding, (await fetchRaw(`${server.baseUrl}${asset}`, encoding)).bytes);
      }
    }
    row.first_paint_br = row.html.br + (row.css.br ?? 0);
    row.interactive_br = row.first_paint_br + (row.js.br ?? 0) + (row.wasm.br ?? 0);
    results[name] = row;
  }
} finally {
  await server.stop();
}

const kb = (n) => (n === undefined ? '-' : `${(n / 1024).toFixed(1)} KB`);
console.log('| page | part | raw | gzip | brotli |');
console.log('|---|---|---|---|---|');
for (const [name, row] of Object.entries(results)) {
  for (const part of ['html', 'css', 'js', 'wasm']) {
    console.log(`| ${name} | ${part} | ${kb(row[part].identity)} | ${kb(row[part].gzip)} | ${kb(row[part].br)} |`);
  }
  console.log(`| ${name} | first paint (HTML+CSS) | | | ${kb(row.first_paint_br)} |`);
  console.log(`| ${name} | interactive (all) | | | ${kb(row.interactive_br)} |`);
}
const outDir = resolve(import.meta.dirname, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'page-weight.json'), JSON.stringify({ measured_at: new Date().toISOString(), pages: results }, null, 2));
