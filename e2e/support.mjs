// Shared helpers for the browser tests (node --test e2e/).
//
// Every test file starts its own `gbi serve --demo` on a free port with a
// fresh data dir, so every file has a fresh database:
//
// - SQLite (default): the database lives in the temporary data dir.
// - PostgreSQL: set GBI_TEST_DB=postgres and GBI_TEST_DATABASE_URL to an
//   admin URL (e.g. postgres://postgres:gbi-test@127.0.0.1:5432/postgres, what
//   scripts/test-all sets up). Each server then gets a new database
//   `gbi_e2e_<random>` on that server, created and dropped with `psql`.
//
// The binary is $GBI_BIN, default target/debug/gbi in the repo root.
// Chromium is /usr/bin/chromium (or $CHROMIUM).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GBI_BIN = path.resolve(ROOT, process.env.GBI_BIN || 'target/debug/gbi');

// ---------------------------------------------------------------------------
// The server

function pgWanted() {
  return ['postgres', 'postgresql', 'pg'].includes(process.env.GBI_TEST_DB || '') &&
    !!process.env.GBI_TEST_DATABASE_URL;
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

function psql(adminUrl, sql) {
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'pipe' });
}

/** A fresh database for one test file: { dataDir, databaseUrl?, dispose() }. */
export function freshDatabase() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gbi-e2e-'));
  if (!pgWanted()) {
    return { dataDir, databaseUrl: null, dispose: () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const admin = process.env.GBI_TEST_DATABASE_URL;
  const name = 'gbi_e2e_' + randomBytes(8).toString('hex');
  psql(admin, `CREATE DATABASE ${name}`);
  return {
    dataDir,
    databaseUrl: withDatabase(admin, name),
    dispose: () => {
      try { psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* best effort */ }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Servers still running when this process exits (a crash, an uncaught error)
// are killed, so no test leaves a server behind.
const liveServers = new Set();
process.on('exit', () => {
  for (const pid of liveServers) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

/**
 * Start `gbi serve --demo --port 0` on `db` (from freshDatabase()).
 * Resolves to { base, testbed, pid, stop(), kill(), output() } once both
 * URLs have been printed.
 */
export async function startServer(db, { timeoutMs = 60_000, port = 0, config = null } = {}) {
  if (!existsSync(GBI_BIN)) {
    throw new Error(`GBI binary not found at ${GBI_BIN}; build it (cargo build -p gbi) or set GBI_BIN`);
  }
  const args = ['serve', '--demo', '--port', String(port), '--data-dir', db.dataDir];
  if (db.databaseUrl) args.push('--database-url', db.databaseUrl);
  if (config) args.push('--config', config);
  const child = spawn(GBI_BIN, args, {
    cwd: ROOT,
    detached: true, // own process group, so we can stop everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  liveServers.add(child.pid);
  exited.then(() => { running = false; liveServers.delete(child.pid); });

  const urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      reject(new Error(`gbi serve did not print its URLs within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    const check = () => {
      const base = out.match(/GBI draait op (http:\/\/\S+)/);
      const tb = out.match(/gesimuleerde registers \(testbed\): (http:\/\/\S+?)\/admin\/faults/);
      if (base && tb) {
        clearTimeout(timer);
        resolve({ base: base[1], testbed: tb[1] });
      }
    };
    child.stdout.on('data', (d) => { out += d; check(); });
    child.stderr.on('data', (d) => { err += d; });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`gbi serve stopped early (code ${code}, signal ${signal})\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });

  const signalGroup = (sig) => {
    try { process.kill(-child.pid, sig); } catch { /* already gone */ }
  };
  const server = {
    ...urls,
    pid: child.pid,
    output: () => ({ stdout: out, stderr: err }),
    /** Graceful stop (SIGTERM to the process group), SIGKILL after 10 s. */
    async stop() {
      if (!running) return;
      signalGroup('SIGTERM');
      const t = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
    /** Hard stop: SIGKILL to the process group, as in a crash. */
    async kill() {
      if (!running) return;
      signalGroup('SIGKILL');
      await exited;
    },
  };
  await waitFor(async () => (await fetch(`${urls.base}/health/ready`)).ok, { message: 'server ready' });
  return server;
}

// ---------------------------------------------------------------------------
// Waiting

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value (returned); up to `timeout` ms. */
export async function waitFor(fn, { timeout = 30_000, interval = 500, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${last ? `: ${last.message}` : ''}`);
    }
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------
// The browser

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export const PHONE = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** A new context (own cookies) with a page; default timeouts kept bounded. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'nl-NL', ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

// ---------------------------------------------------------------------------
// The app

/** The demo residents from the login page: [{ bsn, naam, gemeente }]. */
export async function demoResidents(base) {
  const html = await (await fetch(`${base}/portaal/inloggen`)).text();
  const result = [];
  const re = /id="(p\d+)" name="persoon" value="(\d{9})"[\s\S]*?<label[^>]*for="\1">([^<]*?) \(([^)]*)\)<\/label>/g;
  for (const m of html.matchAll(re)) {
    result.push({ bsn: m[2], naam: decodeEntities(m[3]), gemeente: m[4] });
  }
  assert.ok(result.length > 0, 'the demo login lists test residents');
  return result;
}

export function decodeEntities(s) {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Log in on the portal as a test resident, through the page. */
export async function residentLogin(page, base, bsn) {
  await page.goto(`${base}/portaal/inloggen`);
  await page.check(`input[name="persoon"][value="${bsn}"]`);
  await Promise.all([
    page.waitForURL(`${base}/portaal`),
    page.getByRole('button', { name: 'Inloggen als testpersoon' }).click(),
  ]);
}

/** Log in on the werkplek as a demo staff member (password demo). */
export async function staffLogin(page, base, gebruikersnaam) {
  await page.goto(`${base}/inloggen`);
  await page.fill('#gebruikersnaam', gebruikersnaam);
  await page.fill('#wachtwoord', 'demo');
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/inloggen')),
    page.locator('form button[type="submit"]').first().click(),
  ]);
}

/** The demo consulent of a resident's gemeente. */
export function consulentFor(resident) {
  return `${resident.gemeente.toLowerCase()}.consulent`;
}

/** Valid answers for every step; override per test. */
export function answers(overrides = {}) {
  const d = new Date();
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    reden: 'baan_kwijt',
    toelichting: 'Mijn contract is niet verlengd.',
    ingangsdatum: iso,
    heeft_werk: 'nee',
    verwacht_inkomen: '',
    partner_werk: 'geen_partner',
    partner_verwacht_inkomen: '',
    ander_inkomen: 'nee',
    spaargeld: '250,00',
    contant_geld: '0',
    schulden: '0',
    woonsituatie: 'huur',
    woonkosten: '725,00',
    commerciele_huurder: 'nee',
    iban: 'NL91ABNA0417164300',
    email: 'e2e@example.nl',
    telefoon: '06 12345678',
    ...overrides,
  };
}

const FIELDS = {
  situatie: [['reden', 'radio'], ['toelichting', 'text'], ['ingangsdatum', 'text']],
  werk: [
    ['heeft_werk', 'radio'],
    ['verwacht_inkomen', 'text'],
    ['partner_werk', 'radio'],
    ['partner_verwacht_inkomen', 'text'],
    ['ander_inkomen', 'radio'],
  ],
  vermogen: [['spaargeld', 'text'], ['contant_geld', 'text'], ['schulden', 'text']],
  wonen: [['woonsituatie', 'radio'], ['woonkosten', 'text'], ['commerciele_huurder', 'radio']],
  bank: [['iban', 'text'], ['email', 'text'], ['telefoon', 'text']],
};
export const STEPS = ['situatie', 'werk', 'vermogen', 'wonen', 'bank', 'verklaring'];

/** The current step of the form, from the URL. */
export function stepOf(page) {
  const m = new URL(page.url()).pathname.match(/^\/portaal\/aanvraag\/([^/]+)\/([^/]+)$/);
  return m ? { conceptId: m[1], stap: m[2] } : null;
}

/** Fill in the fields of the current step (by typing and clicking). */
export async function fillStep(page, stap, a) {
  for (const [name, kind] of FIELDS[stap] || []) {
    const value = a[name];
    if (value === undefined || value === null || value === '') continue;
    if (kind === 'radio') {
      await page.check(`input[name="${name}"][value="${value}"]`);
    } else {
      const field = page.locator(`#${name}`);
      if (await field.count()) await field.fill(value);
    }
  }
}

/** Click a form button: 'verder', 'vorige' or 'later'. Waits for the next page. */
export async function clickKnop(page, knop) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(`form button[name="knop"][value="${knop}"]`).click(),
  ]);
}

/**
 * From the current step up to (not including) `until`, fill in and go on.
 * Returns the concept id.
 */
export async function fillUntil(page, a, until = 'verklaring') {
  for (;;) {
    const s = stepOf(page);
    assert.ok(s, `expected a form step, at ${page.url()}`);
    if (s.stap === until) return s.conceptId;
    await fillStep(page, s.stap, a);
    await clickKnop(page, 'verder');
    const next = stepOf(page);
    assert.ok(next && next.stap !== s.stap,
      `step ${s.stap} should be accepted; still at ${page.url()}: ${await errorSummary(page)}`);
  }
}

async function errorSummary(page) {
  const alert = page.locator('.utrecht-alert--error');
  return (await alert.count()) ? (await alert.first().innerText()).replace(/\s+/g, ' ') : '(no error shown)';
}

/** Start (or resume) the application from the portal start page link. */
export async function openAanvraag(page, base) {
  await page.goto(`${base}/portaal/aanvraag`);
  await page.waitForURL(/\/portaal\/aanvraag\/[^/]+\/[a-z]+$/);
  return stepOf(page).conceptId;
}

/** A minimal valid PDF (one empty page), as a Buffer. */
export function minimalPdf(text = 'Bankafschrift test') {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** On the last step: upload a PDF through the upload form. */
export async function uploadPdf(page, name = 'bankafschrift.pdf', soort = 'bankafschrift') {
  await page.selectOption('#soort', soort);
  await page.setInputFiles('#bestand', { name, mimeType: 'application/pdf', buffer: minimalPdf() });
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Document toevoegen' }).click(),
  ]);
}

/** On the last step: tick the declaration and send. Returns the zaak id. */
export async function submitAanvraag(page) {
  await page.check('#verklaring');
  await Promise.all([
    page.waitForURL(/\/portaal\/zaken\/[^/?]+/),
    page.getByRole('button', { name: 'Aanvraag versturen' }).click(),
  ]);
  return zaakIdOf(page);
}

export function zaakIdOf(page) {
  return new URL(page.url()).pathname.split('/').pop();
}

/** Log in, fill in the whole form and send it; returns { zaakId, conceptId }. */
export async function applyAsResident(page, base, bsn, overrides = {}) {
  await residentLogin(page, base, bsn);
  const conceptId = await openAanvraag(page, base);
  await fillUntil(page, answers(overrides));
  const zaakId = await submitAanvraag(page);
  return { zaakId, conceptId };
}

// ---------------------------------------------------------------------------
// Accessibility

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Run axe-core (WCAG 2.1 A + AA) on the page; returns the violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the DevTools protocol: the pages' CSP allows no
    // inline script, and must not be loosened for the test.
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
  return result;
}

export function formatViolations(violations) {
  return violations.map((v) => [
    `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 10).map((n) =>
      `    at ${n.target}\n      ${n.html.slice(0, 200)}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 10 ? `    … and ${v.nodes.length - 10} more` : null,
  ].filter(Boolean).join('\n')).join('\n');
}

/** Assert that axe finds no WCAG 2.1 AA violations on the page. */
export async function assertAccessible(page, label = page.url()) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0,
    `axe-core found ${violations.length} WCAG 2.1 AA violation(s) on ${label} (${page.url()}):\n${formatViolations(violations)}`);
}

/** Submit a form by clicking its button; waits for the page that follows. */
export async function klik(page, locator) {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ]);
  assert.ok(res && res.status() < 400,
    `${locator} answered HTTP ${res?.status()}: ${(await page.locator('main').innerText()).slice(0, 500)}`);
  return res;
}

/** Open every <details> on the page, so axe also checks what is in them. */
export async function openDetails(page) {
  await page.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
}

// ---------------------------------------------------------------------------
// Journeys (e2e/journeys/): a phone for residents, a desktop for staff,
// a full-page screenshot of every step, axe at both sizes.
//
// An import may stand anywhere at the top level of a module; this one is
// here so the helpers above stay as they were.
import { mkdirSync } from 'node:fs';

/** A phone of 390×844 (residents in the journeys). */
export const PHONE_390 = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** A desktop of 1280×900 (staff in the journeys). */
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Where the journeys save their screenshots (ignored by git). */
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');

/**
 * The screenshots of one journey: `const shot = screenshots('aanvragen')`
 * empties e2e/screenshots/aanvragen/; then `await shot(page, 'inloggen')`
 * saves a full-page PNG as `<nn>-inloggen.png`, numbered in order.
 */
export function screenshots(journey) {
  const dir = path.join(SCREENSHOTS, journey);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, stap) => {
    n += 1;
    const naam = String(stap).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'stap';
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${naam}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

/**
 * axe on a resident's page at its own (phone) size, and once more at
 * desktop size (1280×900); the page gets its own size back afterwards.
 */
export async function assertAccessibleTelefoonEnDesktop(page, label = page.url()) {
  await assertAccessible(page, `${label} (phone)`);
  const size = page.viewportSize();
  await page.setViewportSize(DESKTOP.viewport);
  try {
    await assertAccessible(page, `${label} (desktop 1280×900)`);
  } finally {
    await page.setViewportSize(size);
  }
}

/** The page does not scroll sideways at its width (a phone's 390 px). */
export async function assertPastOpScherm(page, label = page.url()) {
  const { breed, scherm, wie } = await page.evaluate(() => {
    const scherm = window.innerWidth;
    const wie = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > scherm + 1)
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> ${Math.round(el.getBoundingClientRect().right)}px`);
    return { breed: document.documentElement.scrollWidth, scherm, wie };
  });
  assert.ok(breed <= scherm + 1,
    `${label} scrolls sideways at ${scherm} px (page is ${breed} px wide); too wide:\n  ${wie.join('\n  ')}`);
}

/**
 * The demo gemeente (lowercase, as in the staff accounts) whose staff can
 * open a zaak: staff of another gemeente get 404. Tries `haarlem` and
 * `enschede` with the account of `rol`.
 */
export async function gemeenteVanZaak(browser, base, zaakId, rol = 'consulent') {
  for (const gemeente of ['haarlem', 'enschede']) {
    const { context, page } = await newPage(browser);
    try {
      await staffLogin(page, base, `${gemeente}.${rol}`);
      const res = await page.goto(`${base}/werkplek/zaken/${zaakId}`);
      if (res.status() === 200) return gemeente;
    } finally {
      await context.close();
    }
  }
  throw new Error(`no demo gemeente's ${rol} can open zaak ${zaakId}`);
}

/** Upload files through a form's file field and wait for the page that follows; returns the response. */
export async function verstuurBestand(page, veld, bestand, knop) {
  await page.setInputFiles(veld, bestand);
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    knop.click(),
  ]);
  return res;
}

/** A minimal JPEG header (the server knows files by their first bytes). */
export function minimalJpeg() {
  return Buffer.concat([
    Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.alloc(64, 0),
    Buffer.from([0xFF, 0xD9]),
  ]);
}
