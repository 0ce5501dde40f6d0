#!/usr/bin/env node
// A local OpenID Connect provider (panva's certified `oidc-provider`) for
// GBI's tests and demo: DigiD, DigiD Machtigen, eHerkenning and staff logins
// through a test page, real discovery, real signed ID tokens, key rotation.
//
//   node e2e/oidc/provider.mjs [--port 9400] [--host 127.0.0.1] [--config clients.json]
//
// Prints `OIDC provider ready at <issuer>` once listening; stops on SIGTERM.
// Everything is described in e2e/oidc/README.md.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Provider, { interactionPolicy } from 'oidc-provider';
// Without a store of its own oidc-provider 9 gives every instance a fresh
// memory store; we share the module-wide one across instances (rotation).
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import { generateKeyPair, exportJWK, calculateJwkThumbprint } from 'jose';
import { ACR_VALUES, SCOPE_CLAIMS, KINDS } from './people.mjs';
import { handleInteraction, send } from './interaction.mjs';
import { logoutPage, loggedOutPage, errorPage } from './pages.mjs';

const env = process.env;
const log = (msg) => process.stderr.write(`[oidc] ${msg}\n`);

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const list = (s) => String(s).split(',').map((x) => x.trim()).filter(Boolean);
const flag = (v) => ['1', 'true', 'yes', 'on'].includes(String(v ?? '').toLowerCase());

// ---------------------------------------------------------------------------
// Configuration

const port = Number(arg('port') ?? env.OIDC_PORT ?? 9400);
const host = arg('host') ?? env.OIDC_HOST ?? '127.0.0.1';
const configFile = arg('config') ?? env.OIDC_CONFIG;
const admin = flag(env.OIDC_TEST_ADMIN);
const sso = flag(env.OIDC_SSO);
const salt = env.OIDC_SUB_SALT ?? 'gbi-testinlog';
const algs = list(env.OIDC_SIGNING_ALGS ?? 'RS256,ES256');

const DEFAULT_REDIRECT_URIS = [
  'http://localhost:8080/portaal/oidc/callback', 'http://localhost:8080/werkplek/oidc/callback',
  'http://127.0.0.1:8080/portaal/oidc/callback', 'http://127.0.0.1:8080/werkplek/oidc/callback',
];
const DEFAULT_POST_LOGOUT_URIS = [
  'http://localhost:8080/', 'http://localhost:8080/portaal', 'http://localhost:8080/inloggen',
  'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/portaal', 'http://127.0.0.1:8080/inloggen',
];
const redirectUris = env.OIDC_REDIRECT_URIS ? list(env.OIDC_REDIRECT_URIS) : DEFAULT_REDIRECT_URIS;
const postLogoutUris = env.OIDC_POST_LOGOUT_URIS ? list(env.OIDC_POST_LOGOUT_URIS) : DEFAULT_POST_LOGOUT_URIS;

const DEFAULT_CLIENTS = [
  {
    client_id: 'gbi-portaal',
    client_secret: env.OIDC_PORTAAL_SECRET ?? 'test-secret-portaal',
    client_name: 'GBI Mijn inkomen (inwoners)',
    kinds: ['digid', 'machtigen', 'eherkenning'],
  },
  {
    client_id: 'gbi-werkplek',
    client_secret: env.OIDC_WERKPLEK_SECRET ?? 'test-secret-werkplek',
    client_name: 'GBI werkplek (medewerkers)',
    kinds: ['medewerker'],
  },
];

const isLoopbackHttp = (u) => {
  const url = URL.parse(u);
  return url?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
};

// Our `kinds` is kept apart: oidc-provider only takes client metadata. A
// client whose redirect URIs are all http loopback URIs is registered as
// `native`, so that oidc-provider ignores their port (RFC 8252 7.3) and a
// test GBI on any free port can use it.
const kindsByClient = new Map();
const clients = (configFile ? JSON.parse(readFileSync(configFile, 'utf8')).clients : DEFAULT_CLIENTS)
  .map(({ kinds = Object.keys(KINDS), ...c }) => {
    for (const k of kinds) if (!KINDS[k]) throw new Error(`client ${c.client_id}: unknown kind ${k}`);
    kindsByClient.set(c.client_id, kinds);
    const meta = {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutUris,
      ...c,
    };
    meta.application_type ??= [...meta.redirect_uris, ...meta.post_logout_redirect_uris].every(isLoopbackHttp)
      ? 'native' : 'web';
    return meta;
  });

// ---------------------------------------------------------------------------
// Signing keys: the first key of an algorithm signs, the others stay in JWKS.

let keys = [];

async function newKeys() {
  return Promise.all(algs.map(async (alg) => {
    const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const jwk = await exportJWK(privateKey);
    return { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
  }));
}

const current = (alg) => keys.find((k) => k.alg === alg)?.kid;

// ---------------------------------------------------------------------------
// The provider. Rotation builds a new Provider with the new key set; all
// state (sessions, interactions, codes, grants) lives in one memory store
// shared by every instance and the cookie keys stay, so logins in progress
// carry on.

const accounts = new Map(); // accountId (= sub) -> claims of the last login
const cookieKeys = [env.OIDC_COOKIE_KEY ?? randomBytes(32).toString('hex')];

function policy() {
  const p = interactionPolicy.base();
  // `native` is only our way to accept any loopback port; GBI is a web app,
  // so prompt=none must not be refused for being native.
  p.get('consent').checks.remove('native_client_prompt');
  return p;
}

// Without SSO the authorization endpoint (and its resume step) never sees
// the provider session: every authorization request shows the test login,
// prompt=none gives login_required, and a browser can switch to another
// person without oidc-provider first logging the previous one out. The
// session still exists for RP-initiated logout.
function withoutSessionCookie(req) {
  const cookie = req.headers.cookie;
  if (cookie) req.headers.cookie = cookie.split(/;\s*/).filter((c) => !/^_session(\.sig)?=/.test(c)).join('; ');
}

function build(issuer) {
  const provider = new Provider(issuer, {
    adapter: (model) => new MemoryAdapter(model, undefined, 15),
    clients,
    jwks: { keys },
    cookies: { keys: cookieKeys },
    claims: { acr: null, sid: null, auth_time: null, iss: null, ...SCOPE_CLAIMS },
    scopes: ['openid'],
    responseTypes: ['code'],
    conformIdTokenClaims: false,
    acrValues: ACR_VALUES,
    pkce: { required: () => true },
    async findAccount(ctx, sub) {
      const claims = accounts.get(sub);
      return claims && { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}`, policy: policy() },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = loggedOutPage(ctx.oidc.client?.clientName);
        },
      },
    },
    async renderError(ctx, out, error) {
      log(`error page: ${out.error}: ${out.error_description}${error?.stack && !error.expose ? `\n${error.stack}` : ''}`);
      ctx.type = 'html';
      ctx.body = errorPage('Er ging iets mis bij het inloggen', out);
    },
    ttl: {
      AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600,
      Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600,
    },
  });
  provider.on('server_error', (ctx, err) => log(`server error: ${err.stack}`));
  provider.on('grant.error', (ctx, err) => log(`token endpoint: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}`));
  provider.on('authorization.error', (ctx, err) => log(`authorization: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}`));
  return { provider, handle: provider.callback() };
}

// ---------------------------------------------------------------------------
// Test-only admin endpoints (OIDC_TEST_ADMIN=1)

// Clock skew: oidc-provider has no option to issue an expired token, so
// while it handles POST /token its clock (Date.now) is moved by the skew;
// the ID token's iat and exp move with it. Only negative skews: a clock in
// the future would expire the 60-second authorization code.
let skewSeconds = 0;
let offsetMs = 0;
if (admin) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offsetMs;
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function handleAdmin(req, res, url, state) {
  if (!admin) return json(res, 404, { error: 'not_found', error_description: 'set OIDC_TEST_ADMIN=1' });
  if (req.method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
  switch (url.pathname) {
    case '/test/rotate': {
      const fresh = await newKeys();
      const retired = flag(url.searchParams.get('retire')) ? keys.map((k) => k.kid) : [];
      keys = [...fresh, ...keys.filter((k) => !retired.includes(k.kid))];
      Object.assign(state, build(state.issuer));
      log(`rotated: now signing with ${fresh.map((k) => `${k.alg} ${k.kid}`).join(', ')}; retired ${retired.length}`);
      return json(res, 200, { current: Object.fromEntries(algs.map((a) => [a, current(a)])), kids: keys.map((k) => k.kid), retired });
    }
    case '/test/clock-skew': {
      const seconds = Number(url.searchParams.get('seconds') ?? 0);
      if (!Number.isInteger(seconds) || seconds > 0) {
        return json(res, 400, { error: 'invalid_request', error_description: 'seconds must be an integer <= 0' });
      }
      skewSeconds = seconds;
      log(`clock skew for token responses: ${seconds} s`);
      return json(res, 200, { seconds });
    }
    default:
      return json(res, 404, { error: 'not_found' });
  }
}

// ---------------------------------------------------------------------------
// The server

async function main() {
  keys = await newKeys();
  const state = { issuer: undefined, provider: undefined, handle: undefined };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, state.issuer);
    try {
      if (!sso && /^\/auth(\/|$)/.test(url.pathname)) withoutSessionCookie(req);
      if (url.pathname.startsWith('/interaction/')) {
        await handleInteraction(state.provider, req, res, {
          kindsFor: (id) => kindsByClient.get(id) ?? [], accounts, salt, log,
        });
      } else if (url.pathname.startsWith('/test/')) {
        await handleAdmin(req, res, url, state);
      } else if (skewSeconds && req.method === 'POST' && url.pathname === '/token') {
        offsetMs = skewSeconds * 1000;
        try { await state.handle(req, res); } finally { offsetMs = 0; }
      } else {
        await state.handle(req, res);
      }
    } catch (err) {
      log(`unhandled: ${err.stack}`);
      if (!res.headersSent) send(res, 500, errorPage('Interne fout in de testinlog', { fout: err.message }));
      else res.end();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  state.issuer = (env.OIDC_ISSUER ?? `http://127.0.0.1:${actualPort}`).replace(/\/$/, '');
  if (new URL(state.issuer).pathname !== '/') throw new Error('OIDC_ISSUER must not have a path');
  Object.assign(state, build(state.issuer));

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log(`clients: ${clients.map((c) => `${c.client_id} (${c.application_type}; ${kindsByClient.get(c.client_id).join(', ')})`).join('; ')}`);
  log(`signing keys: ${keys.map((k) => `${k.alg} ${k.kid}`).join(', ')}${admin ? '; test admin endpoints on' : ''}${sso ? '; SSO on' : ''}`);
  process.stdout.write(`OIDC provider ready at ${state.issuer}\n`);
}

main().catch((err) => {
  log(err.stack);
  process.exit(1);
});
