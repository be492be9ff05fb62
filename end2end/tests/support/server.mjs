// Starts the release server on a fresh SQLite database and a free port, and stops it again.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');

export const serverBinary = process.env.SERVER_BIN ?? join(targetDir, 'release', 'staff-onboarding');
/** The password of the tests' Super-Admin (see `createAdmin`). */
export const ADMIN_PASSWORD = 'violet tram orbit kettle';

export const siteRoot = process.env.SITE_ROOT ?? join(root, 'target', 'site');

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the server; returns { baseUrl, logs(), stop() }. `host` names it in PUBLIC_URL:
 * passkeys need a domain (browsers refuse WebAuthn on an IP address), so their tests use
 * `localhost`; the server listens on 127.0.0.1 either way.
 */
export async function startServer(extraEnv = {}, { host = '127.0.0.1' } = {}) {
  // `extraEnv` may be a function of the server's address (a provider needs it beforehand).
  for (const path of [serverBinary, join(siteRoot, 'pkg')]) {
    if (!existsSync(path)) {
      throw new Error(`${path} is missing: build first with \`make build-release\``);
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'so-e2e-'));
  const port = await freePort();
  const baseUrl = `http://${host}:${port}`;
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: `sqlite://${join(dataDir, 'app.db')}`,
    PUBLIC_URL: baseUrl,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: siteRoot,
    LEPTOS_OUTPUT_NAME: 'staff-onboarding',
    LEPTOS_SITE_PKG_DIR: 'pkg',
    LOG_FORMAT: 'json',
    ...(typeof extraEnv === 'function' ? await extraEnv(baseUrl) : extraEnv),
  };
  const child = spawn(serverBinary, ['serve'], { env, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    baseUrl,
    logs: () => output,
    /** The newest setup link the dev mailbox logged for `email` (waits up to 15 s). */
    async linkFor(email, { skip = [] } = {}) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const links = output
          .split('\n')
          .filter((l) => l.includes('dev mailbox') && l.includes(email))
          .map((l) => l.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)?.[0])
          .filter((link) => link && !skip.includes(link));
        if (links.length) return links.at(-1);
        if (Date.now() > deadline) throw new Error(`no email for ${email}:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /** The newest sign-in link the dev mailbox logged for `email` (waits up to 15 s). */
    async signInLinkFor(email, { skip = [] } = {}) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const links = output
          .split('\n')
          .filter((l) => l.includes('dev mailbox') && l.includes(email))
          .map((l) => l.match(/https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]{43}/)?.[0])
          .filter((link) => link && !skip.includes(link));
        if (links.length) return links.at(-1);
        if (Date.now() > deadline) throw new Error(`no sign-in link for ${email}:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /** Creates the Super-Admin the tests sign in as: robin / ADMIN_PASSWORD, "Robin Principal". */
    createAdmin() {
      return this.cli(
        ['create-super-admin', '--email', 'robin@greenwood.example', '--username', 'robin', '--name', 'Robin Principal'],
        { STAFF_ONBOARDING_PASSWORD: ADMIN_PASSWORD },
      );
    },
    /** Signs `page` in as that Super-Admin through the form; it lands on Invites, once the
     * dashboard's app has taken over the page (the sign-in page is a light page: the form
     * posts, and Invites loads as a new page). */
    async signInAdmin(page) {
      await page.goto(`${baseUrl}/login`);
      await page.waitForSelector('body[data-hydrated="true"]');
      await page.getByLabel('Username or email').fill('robin');
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${baseUrl}/modules/staff/invites`);
      await page.waitForSelector('body[data-hydrated="true"]');
    },
    /** Invites `email` from the command line, in `language` if given; returns its id. */
    invite(email, role = 'Teacher', language = undefined) {
      const args = ['invite', '--email', email, '--role', role];
      if (language) args.push('--language', language);
      const printed = this.cli(args);
      return Number(printed.match(/invitation (\d+)/)[1]);
    },
    /** Runs another command of the binary against this server's database. */
    cli(args, extraCliEnv = {}) {
      return execFileSync(serverBinary, args, { env: { ...env, ...extraCliEnv }, cwd: dataDir, encoding: 'utf8' });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
