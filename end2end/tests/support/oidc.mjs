// The tests' OpenID Connect provider (end2end/oidc/provider.mjs: npm's oidc-provider, on the
// loopback address), started for a test file and stopped after it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const script = resolve(import.meta.dirname, '..', '..', 'oidc', 'provider.mjs');

/** Starts a provider; returns { issuer, register(redirectUri, name), person(...), stop() }. */
export async function startProvider() {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const issuer = await new Promise((resolveIssuer, reject) => {
    child.once('exit', (code) => reject(new Error(`the provider exited (${code})`)));
    lines.on('line', (line) => {
      try {
        const said = JSON.parse(line);
        if (said.issuer) resolveIssuer(said.issuer);
      } catch { /* not the line saying where it listens */ }
    });
  });
  return {
    issuer,
    /** Registers a client (RFC 7591) returning to `redirectUri`. */
    async register(redirectUri, name = 'staff-onboarding') {
      const response = await fetch(`${issuer}/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [redirectUri], client_name: name }),
      });
      return response.json();
    },
    /** Defines the person `sub` at the provider; its form takes `sub` as the login. */
    async person(sub, email, emailVerified, name) {
      const response = await fetch(`${issuer}/test/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub, email, email_verified: emailVerified, name }),
      });
      if (response.status !== 204) throw new Error(`the provider refused ${sub}`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Signs in on the provider's own form as `sub` (any password). */
export async function signInAtProvider(page, sub) {
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

/**
 * The provider's own sign-in page (oidc-provider's development form) links a web font from
 * the internet, which this machine can't reach: `context` gets an empty stylesheet for it,
 * so the page loads as it would anywhere.
 */
export async function withoutProviderFonts(context) {
  await context.route('https://fonts.googleapis.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
}
