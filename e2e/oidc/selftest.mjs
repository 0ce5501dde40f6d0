// Self-test of the local OpenID provider: node --test e2e/oidc/selftest.mjs
//
// Starts provider.mjs twice (defaults with the test admin endpoints; a
// clients file with SSO), logs in every kind of person with plain fetch and
// a cookie jar (the same sequence a Rust test with reqwest follows), checks
// the ID tokens against the JWKS with jose, rotates the signing key, issues
// an expired token and logs out (RP-initiated).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader, decodeJwt, errors } from 'jose';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PORTAAL = { id: 'gbi-portaal', secret: 'test-secret-portaal', redirect: 'http://localhost:8080/portaal/oidc/callback' };
const WERKPLEK = { id: 'gbi-werkplek', secret: 'test-secret-werkplek', redirect: 'http://localhost:8080/werkplek/oidc/callback' };
const SMARTCARD = 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard';
const MIDDEN = 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract';

// ---------------------------------------------------------------------------
// Starting the provider

async function startProvider(env = {}) {
  const child = spawn(process.execPath, [path.join(HERE, 'provider.mjs'), '--port', '0'], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const issuer = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider not ready:\n${out}\n${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/OIDC provider ready at (\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then(() => reject(new Error(`provider stopped early:\n${out}\n${err}`)));
  });
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  return {
    issuer, discovery, stderr: () => err,
    async stop() { child.kill('SIGTERM'); return exited; },
  };
}

// ---------------------------------------------------------------------------
// A minimal cookie jar (name + path) and a redirect walker

class Jar {
  cookies = new Map();

  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = Object.fromEntries(attrs.map((a) => { const [k, v = ''] = a.split('='); return [k.toLowerCase(), v]; }));
      const cpath = attr.path || '/';
      const expired = attr['max-age'] === '0' || (attr.expires && Date.parse(attr.expires) < Date.now());
      if (expired || value === '') this.cookies.delete(`${name} ${cpath}`);
      else this.cookies.set(`${name} ${cpath}`, { name, value, path: cpath });
    }
  }

  header(url) {
    const p = new URL(url).pathname;
    return [...this.cookies.values()].filter((c) => p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`).join('; ');
  }

  has(name) { return [...this.cookies.values()].some((c) => c.name === name); }
}

/** Fetch `url` and follow redirects with `jar` until the response is not a redirect or leaves for `stopAt`. */
async function walk(jar, url, { stopAt, method = 'GET', form } = {}) {
  for (let i = 0; i < 10; i++) {
    const res = await fetch(url, {
      method, redirect: 'manual',
      headers: { cookie: jar.header(url), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    jar.store(res);
    if (res.status < 300 || res.status >= 400) return { url, status: res.status, html: await res.text() };
    const next = new URL(res.headers.get('location'), url).toString();
    if (stopAt && next.startsWith(stopAt)) return { callback: new URL(next), status: res.status };
    url = next;
    method = 'GET';
    form = undefined;
  }
  throw new Error('too many redirects');
}

const b64url = (buf) => buf.toString('base64url');

/** The authorization request; resolves to { jar, page, verifier, state, nonce }. */
async function authorize(p, client, extra = {}, jar = new Jar()) {
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const nonce = b64url(randomBytes(12));
  const url = new URL(p.discovery.authorization_endpoint);
  const params = {
    client_id: client.id, response_type: 'code', scope: 'openid profile', redirect_uri: client.redirect,
    state, nonce, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  const page = await walk(jar, url.toString(), { stopAt: params.redirect_uri });
  return { jar, page, verifier, state, nonce, redirect: params.redirect_uri };
}

/** POST the test login form; resolves to the callback URL (or the re-rendered page). */
async function submit(auth, form) {
  assert.equal(auth.page.status, 200, `expected the login page, got ${auth.page.status}`);
  return walk(auth.jar, auth.page.url, { method: 'POST', form, stopAt: auth.redirect });
}

async function token(p, client, auth, code) {
  const res = await fetch(p.discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: auth.redirect, code_verifier: auth.verifier }),
  });
  return { status: res.status, body: await res.json() };
}

/** A full login; resolves to { claims, header, idToken, tokens, auth }. */
async function login(p, client, form, extra) {
  const auth = await authorize(p, client, extra);
  const done = await submit(auth, form);
  assert.ok(done.callback, `no redirect to the client: ${done.status} ${done.html?.slice(0, 400)}`);
  assert.equal(done.callback.searchParams.get('state'), auth.state);
  assert.equal(done.callback.searchParams.get('iss'), p.issuer);
  const t = await token(p, client, auth, done.callback.searchParams.get('code'));
  assert.equal(t.status, 200, JSON.stringify(t.body));
  const jwks = createRemoteJWKSet(new URL(p.discovery.jwks_uri), { cooldownDuration: 0 });
  const { payload, protectedHeader } = await jwtVerify(t.body.id_token, jwks, { issuer: p.issuer, audience: client.id });
  assert.equal(payload.nonce, auth.nonce);
  return { claims: payload, header: protectedHeader, idToken: t.body.id_token, tokens: t.body, auth };
}

// ---------------------------------------------------------------------------

let a; // defaults, test admin on
let b; // clients file, SSO on, no admin
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gbi-oidc-'));
  const config = path.join(dir, 'clients.json');
  writeFileSync(config, JSON.stringify({
    clients: [{
      client_id: 'gbi-demo', client_secret: 'demo-secret', kinds: ['digid', 'medewerker'],
      redirect_uris: ['http://127.0.0.1:8080/cb'], post_logout_redirect_uris: ['http://127.0.0.1:8080/uit'],
      id_token_signed_response_alg: 'ES256',
    }],
  }));
  [a, b] = await Promise.all([
    startProvider({ OIDC_TEST_ADMIN: '1' }),
    startProvider({ OIDC_CONFIG: config, OIDC_SSO: '1' }),
  ]);
});

after(async () => {
  for (const p of [a, b]) {
    if (!p) continue;
    const { code } = await p.stop();
    assert.equal(code, 0, 'the provider exits cleanly on SIGTERM');
  }
  rmSync(dir, { recursive: true, force: true });
});

test('discovery describes code flow with PKCE S256, the levels, the claims and logout', () => {
  const d = a.discovery;
  assert.equal(d.issuer, a.issuer);
  assert.deepEqual(d.response_types_supported, ['code']);
  assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
  assert.ok(d.acr_values_supported.includes(SMARTCARD));
  assert.ok(d.acr_values_supported.includes('urn:etoegang:core:assurance-class:loa3'));
  for (const c of ['bsn', 'urn:nl-eid-gdi:1.0:LegalSubjectID', 'urn:etoegang:core:LegalSubjectID', 'groups']) {
    assert.ok(d.claims_supported.includes(c), c);
  }
  assert.equal(d.end_session_endpoint, `${a.issuer}/session/end`);
  assert.ok(d.scopes_supported.includes('profile'));
});

test('the login page is Dutch, marked as a test, with stable field ids', async () => {
  const { page } = await authorize(a, PORTAAL);
  assert.equal(page.status, 200);
  assert.match(page.html, /<html lang="nl">/);
  assert.match(page.html, /Testinlog — geen echte DigiD/);
  for (const id of ['digid-bsn', 'digid-niveau', 'digid-inloggen', 'machtigen-gemachtigde_bsn', 'eherkenning-kvk', 'annuleren']) {
    assert.match(page.html, new RegExp(`id="${id}"`), id);
  }
  assert.doesNotMatch(page.html, /id="medewerker-gebruikersnaam"/, 'staff login is not offered to the portal');
  assert.doesNotMatch(page.html, /<script|https?:\/\/(?!127)/, 'no scripts, no external assets');
});

test('DigiD: bsn and acr in the ID token, stable pseudonymous sub, level chosen on the page', async () => {
  const one = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  assert.equal(one.header.alg, 'RS256');
  assert.equal(one.claims.bsn, '999993653');
  assert.equal(one.claims.acr, SMARTCARD, 'default level substantieel');
  assert.match(one.claims.sub, /^[0-9a-f]{32}$/);
  assert.ok(!one.claims.sub.includes('999993653'), 'sub is not the BSN');
  const low = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653', niveau: 'midden' });
  assert.equal(low.claims.acr, MIDDEN);
  assert.equal(low.claims.sub, one.claims.sub);
  const other = await login(a, PORTAAL, { soort: 'digid', bsn: '999991723' });
  assert.notEqual(other.claims.sub, one.claims.sub);
  // userinfo gives the same claims
  const me = await (await fetch(a.discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${one.tokens.access_token}` } })).json();
  assert.equal(me.bsn, '999993653');
});

test('DigiD Machtigen: LegalSubjectID, ActingSubjectID and ServiceUUID, no bsn claim', async () => {
  const { claims } = await login(a, PORTAAL, { soort: 'machtigen', bsn: '999993549', gemachtigde_bsn: '999990019', niveau: 'substantieel' });
  assert.equal(claims['urn:nl-eid-gdi:1.0:LegalSubjectID'], '999993549');
  assert.equal(claims['urn:nl-eid-gdi:1.0:ActingSubjectID'], '999990019');
  assert.match(claims['urn:nl-eid-gdi:1.0:ServiceUUID'], /^[0-9a-f-]{36}$/);
  assert.equal(claims.acr, SMARTCARD);
  assert.equal(claims.bsn, undefined);
  const opaque = await login(a, PORTAAL, { soort: 'machtigen', bsn: '999993549', gemachtigde_bsn: '999990019', acting_subject_id: 'ASI-77' });
  assert.equal(opaque.claims['urn:nl-eid-gdi:1.0:ActingSubjectID'], 'ASI-77');
});

test('eHerkenning: KvK number, its type, acting employee, branch, loa level', async () => {
  const { claims } = await login(a, PORTAAL, { soort: 'eherkenning', kvk: '68750110', vestigingsnummer: '000038509504', niveau: 'loa2plus' });
  assert.equal(claims['urn:etoegang:core:LegalSubjectID'], '68750110');
  assert.equal(claims.namequalifier, 'urn:etoegang:1.9:EntityConcernedID:KvKnr');
  assert.equal(claims['urn:etoegang:core:ActingSubjectID'], 'EH-ACT-0001-DONALD');
  assert.equal(claims['urn:etoegang:1.9:ServiceRestriction:Vestigingsnr'], '000038509504');
  assert.equal(claims.acr, 'urn:etoegang:core:assurance-class:loa2plus');
});

test('staff: sub, preferred_username, name, email and groups; defaults from the test list or typed', async () => {
  const karin = await login(a, WERKPLEK, { soort: 'medewerker', gebruikersnaam: 'karin.kwaliteit' });
  assert.equal(karin.claims.preferred_username, 'karin.kwaliteit');
  assert.equal(karin.claims.name, 'Karin Kwaliteit');
  assert.equal(karin.claims.email, 'karin.kwaliteit@gemeente.example');
  assert.deepEqual(karin.claims.groups, ['gbi-0392-kwaliteitsmedewerker']);
  assert.match(karin.claims.sub, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(karin.claims.acr, undefined);
  const kees = await login(a, WERKPLEK, { soort: 'medewerker', gebruikersnaam: 'kees.consulent', groepen: 'gbi-0392-intake, gbi-0392-teamleider' });
  assert.deepEqual(kees.claims.groups, ['gbi-0392-intake', 'gbi-0392-teamleider']);
  assert.notEqual(kees.claims.sub, karin.claims.sub);
});

test('refusals: bad BSN, kind not allowed, cancel, no PKCE, unknown redirect_uri, wrong secret', async () => {
  const bad = await submit(await authorize(a, PORTAAL), { soort: 'digid', bsn: '12345' });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /Vul een BSN van 9 cijfers in/);
  assert.match(bad.html, /id="digid-bsn" name="bsn" value="12345"/, 'typed value kept');

  const wrongKind = await submit(await authorize(a, WERKPLEK), { soort: 'digid', bsn: '999993653' });
  assert.equal(wrongKind.status, 400);
  assert.match(wrongKind.html, /niet toegestaan/);

  const cancelled = await submit(await authorize(a, PORTAAL), { soort: 'annuleren' });
  assert.equal(cancelled.callback.searchParams.get('error'), 'access_denied');

  const noPkce = await authorize(a, PORTAAL, { code_challenge: undefined, code_challenge_method: undefined });
  assert.equal(noPkce.page.callback.searchParams.get('error'), 'invalid_request');

  const elsewhere = await authorize(a, PORTAAL, { redirect_uri: 'http://evil.example/cb' });
  assert.equal(elsewhere.page.status, 400);
  assert.match(elsewhere.page.html, /redirect_uri/);

  // Any port on the loopback address is accepted (native client, RFC 8252).
  const anyPort = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' }, { redirect_uri: 'http://127.0.0.1:54321/portaal/oidc/callback' });
  assert.equal(anyPort.claims.bsn, '999993653');

  const auth = await authorize(a, PORTAAL);
  const done = await submit(auth, { soort: 'digid', bsn: '999993653' });
  const wrong = await token(a, { ...PORTAAL, secret: 'wrong' }, auth, done.callback.searchParams.get('code'));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'invalid_client');
});

test('key rotation: a new kid signs, the old key stays in JWKS until retired', async () => {
  const before = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  const oldKid = before.header.kid;
  const inProgress = await authorize(a, PORTAAL);
  const res = await fetch(`${a.issuer}/test/rotate`, { method: 'POST' });
  assert.equal(res.status, 200);
  const rotated = await res.json();
  assert.notEqual(rotated.current.RS256, oldKid);

  // A login that started before the rotation finishes, signed with the new key.
  const done = await submit(inProgress, { soort: 'digid', bsn: '999993653' });
  assert.ok(done.callback, `no redirect to the client: ${done.status}`);
  const t = await token(a, PORTAAL, inProgress, done.callback.searchParams.get('code'));
  assert.equal(decodeProtectedHeader(t.body.id_token).kid, rotated.current.RS256);

  const afterRotation = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  assert.equal(afterRotation.header.kid, rotated.current.RS256);
  const published = (await (await fetch(a.discovery.jwks_uri)).json()).keys;
  const kids = published.map((k) => k.kid);
  assert.ok(kids.includes(oldKid) && kids.includes(rotated.current.RS256), 'both keys published');
  assert.ok(published.every((k) => k.d === undefined), 'no private parts');
  const fresh = createRemoteJWKSet(new URL(a.discovery.jwks_uri));
  await jwtVerify(before.idToken, fresh, { issuer: a.issuer, audience: PORTAAL.id }); // old token still valid

  const retired = await (await fetch(`${a.issuer}/test/rotate?retire=1`, { method: 'POST' })).json();
  assert.ok(retired.retired.includes(oldKid));
  const now = (await (await fetch(a.discovery.jwks_uri)).json()).keys.map((k) => k.kid);
  assert.ok(!now.includes(oldKid));
  await assert.rejects(jwtVerify(before.idToken, createRemoteJWKSet(new URL(a.discovery.jwks_uri)), { issuer: a.issuer }),
    errors.JWKSNoMatchingKey);
});

test('clock skew: an ID token that is already expired, then back to normal', async () => {
  const set = await fetch(`${a.issuer}/test/clock-skew?seconds=-7200`, { method: 'POST' });
  assert.equal(set.status, 200);
  const auth = await authorize(a, PORTAAL);
  const done = await submit(auth, { soort: 'digid', bsn: '999993653' });
  const t = await token(a, PORTAAL, auth, done.callback.searchParams.get('code'));
  await fetch(`${a.issuer}/test/clock-skew?seconds=0`, { method: 'POST' });
  assert.equal(t.status, 200, JSON.stringify(t.body));
  const claims = decodeJwt(t.body.id_token);
  assert.ok(claims.exp < Date.now() / 1000 - 3000, `exp ${claims.exp} is in the past`);
  await assert.rejects(jwtVerify(t.body.id_token, createRemoteJWKSet(new URL(a.discovery.jwks_uri)), { issuer: a.issuer }),
    errors.JWTExpired);
  const normal = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  assert.ok(normal.claims.exp > Date.now() / 1000);
  assert.equal((await fetch(`${a.issuer}/test/clock-skew?seconds=60`, { method: 'POST' })).status, 400);
});

test('RP-initiated logout: confirm page, back to post_logout_redirect_uri (any loopback port) with state', async () => {
  const { idToken, auth } = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  await logout(a, auth.jar, idToken, 'http://127.0.0.1:43210/portaal');
  assert.ok(!auth.jar.has('_session'), 'the session cookie is gone');
});

async function logout(p, jar, idToken, postLogout) {
  const url = new URL(p.discovery.end_session_endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', postLogout);
  url.searchParams.set('state', 'uit-123');
  const page = await walk(jar, url.toString(), { stopAt: postLogout });
  assert.equal(page.status, 200);
  assert.match(page.html, /id="uitloggen"/);
  const action = page.html.match(/<form[^>]*action="([^"]+)"/)[1];
  const xsrf = page.html.match(/name="xsrf" value="([^"]+)"/)[1];
  const done = await walk(jar, new URL(action, p.issuer).toString(), { method: 'POST', form: { xsrf, logout: 'yes' }, stopAt: postLogout });
  assert.ok(done.callback, `no redirect after logout: ${done.status}`);
  assert.equal(done.callback.searchParams.get('state'), 'uit-123');
}

test('clients file and SSO: ES256 client, prompt=none works until RP-initiated logout', async () => {
  const DEMO = { id: 'gbi-demo', secret: 'demo-secret', redirect: 'http://127.0.0.1:8080/cb' };
  const first = await login(b, DEMO, { soort: 'digid', bsn: '999991723', niveau: 'hoog' });
  assert.equal(first.header.alg, 'ES256');
  assert.equal(first.claims.acr, 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI');

  // Same browser (jar), prompt=none: SSO gives a code without the page.
  const jar = first.auth.jar;
  const silent = await authorize(b, DEMO, { prompt: 'none' }, jar);
  assert.ok(silent.page.callback?.searchParams.get('code'), `silent login: ${silent.page.callback ?? silent.page.status}`);

  await logout(b, jar, first.idToken, 'http://127.0.0.1:8080/uit');
  const after = await authorize(b, DEMO, { prompt: 'none' }, jar);
  assert.equal(after.page.callback.searchParams.get('error'), 'login_required');

  // No admin endpoints without OIDC_TEST_ADMIN=1.
  assert.equal((await fetch(`${b.issuer}/test/rotate`, { method: 'POST' })).status, 404);
});

test('without SSO every authorization shows the page; prompt=none is login_required', async () => {
  const first = await login(a, PORTAAL, { soort: 'digid', bsn: '999993653' });
  const again = await authorize(a, PORTAAL, {}, first.auth.jar);
  assert.equal(again.page.status, 200);
  assert.match(again.page.html, /id="digid-bsn"/);
  // The same browser logs in as someone else.
  const done = await submit(again, { soort: 'digid', bsn: '999991723' });
  assert.ok(done.callback, `no redirect to the client: ${done.status}`);
  const t = await token(a, PORTAAL, again, done.callback.searchParams.get('code'));
  assert.equal(decodeJwt(t.body.id_token).bsn, '999991723');
  const none = await authorize(a, PORTAAL, { prompt: 'none' }, first.auth.jar);
  assert.equal(none.page.callback.searchParams.get('error'), 'login_required');
});
