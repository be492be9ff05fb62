// A real OpenID Connect provider for the tests: npm's oidc-provider (a certified
// implementation), on the loopback address, with its own sign-in form. Used by the server
// tests (tests/api/school_accounts.rs) and the browser tests (end2end/tests/school.test.mjs).
//
//   node end2end/oidc/provider.mjs [--port N]
//
// It prints one line of JSON once it listens: {"issuer": "http://127.0.0.1:N"}.
//
// Clients register themselves by the standard dynamic registration (POST /reg), each with
// its own redirect URI. A client named "short-lived" gets ID tokens valid for 60 s.
//
// People: POST /test/accounts with {"sub", "email", "email_verified", "name"} defines (or
// changes) an account; its sign-in form then takes the sub as the login, with any password. Nothing else about the protocol is changed: tokens, keys, PKCE, nonces and
// codes are oidc-provider's own.

import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

const accounts = new Map();

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

function configuration() {
  return {
    jwks: { keys: [signingKey] },
    cookies: { keys: ['a test provider, not a secret'] },
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
    },
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // ID token claims come inside the ID token, as Google's and Microsoft's do.
    conformIdTokenClaims: false,
    ttl: {
      IdToken: (ctx, token, client) => (client.clientName === 'short-lived' ? 60 : 3600),
    },
    findAccount: async (ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
        }),
      };
    },
    // The school's own app: consent is given once, for openid, email and profile, as an
    // administrator grants it to every user in Google Workspace or Microsoft Entra.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      ctx.oidc.session.ensureClientContainer(ctx.oidc.client.clientId);
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId, await grant.save());
      return grant;
    },
  };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      try { resolve(JSON.parse(body)); } catch (error) { reject(error); }
    });
  });
}

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  provider.on('server_error', (ctx, error) => console.error('provider error:', error));
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (req.method === 'POST' && req.url === '/test/accounts') {
      try {
        const account = await readJson(req);
        accounts.set(account.sub, account);
        res.writeHead(204).end();
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
      return;
    }
    callback(req, res);
  });
  console.log(JSON.stringify({ issuer }));
});
