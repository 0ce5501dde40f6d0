// Issue 13, acceptance 4: in the demo, a betaalrun is computed, approved by
// a second authorised person and its SEPA file downloaded, from the werkplek
// alone. Functioneel beheer sees the gemeente's own bank account (the demo
// sets one) and a wrong IBAN is refused with the field named; the teamleider
// computes this month's run from the menu and cannot approve it; the
// beheerder checks the payments and the total on the approval page,
// approves, and downloads the pain.001 file. axe on every new page.
//
// The steps share one run and run in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  freshDatabase, startServer, launchBrowser, newPage, staffLogin, waitFor, assertAccessible, klik,
} from './support.mjs';

let db, srv, browser;
const sessies = {};
const run = {};

before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  for (const s of Object.values(sessies)) await s.context.close();
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

async function medewerker(rol) {
  if (!sessies[rol]) {
    sessies[rol] = await newPage(browser);
    await staffLogin(sessies[rol].page, srv.base, `haarlem.${rol}`);
  }
  return sessies[rol].page;
}

function vereist(...keys) {
  for (const k of keys) assert.ok(run[k] !== undefined, `an earlier step failed (no ${k})`);
}

test('1. functioneel beheer sees the bank account; a wrong IBAN is refused with the field named', async () => {
  const page = await medewerker('beheer');
  await page.goto(`${srv.base}/werkplek`);
  await klik(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }));
  assert.equal(new URL(page.url()).pathname, '/werkplek/beheer/rekening');
  const iban = await page.getByLabel('IBAN', { exact: true }).inputValue();
  assert.match(iban, /^NL\d\d BNGH/, 'the demo gives Haarlem an account');
  await assertAccessible(page, 'beheer/rekening');

  await page.getByLabel('IBAN', { exact: true }).fill('NL00 BNGH 0285 0012 34');
  const [antwoord] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/werkplek/beheer/rekening')),
    page.getByRole('button', { name: 'Rekeningnummer bewaren' }).click(),
  ]);
  assert.equal(antwoord.status(), 400);
  await page.waitForLoadState('load');
  const alert = await page.getByRole('alert').innerText();
  assert.ok(alert.includes('IBAN:'), `the field is named: ${alert}`);
  assert.equal(await page.getByLabel('IBAN', { exact: true }).getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'beheer/rekening with an error');

  await page.getByLabel('IBAN', { exact: true }).fill(iban);
  await klik(page, page.getByRole('button', { name: 'Rekeningnummer bewaren' }));
  assert.ok((await page.getByRole('status').innerText()).includes('bewaard'));
  run.rekening = iban;
});

test('2. the teamleider computes this month\'s betaalrun from the menu and cannot approve it', async () => {
  vereist('rekening');
  const page = await medewerker('teamleider');
  await page.goto(`${srv.base}/werkplek`);
  await klik(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Betaalruns' }));
  assert.equal(new URL(page.url()).pathname, '/werkplek/betaalruns');
  // This month: the demo's policy files may not reach as far as next month.
  const maand = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(new Date());
  await page.getByLabel('Maand', { exact: true }).fill(maand);
  await klik(page, page.getByRole('button', { name: 'Betaalrun berekenen' }));
  const rij = page.locator('table tbody tr', { has: page.locator(`td:text-is("${maand}")`) });
  await waitFor(async () => {
    await page.goto(`${srv.base}/werkplek/betaalruns`);
    return (await rij.count()) === 1 && /berekend/.test(await rij.innerText());
  }, { timeout: 30_000, interval: 300, message: `the betaalrun of ${maand} to be computed` });
  const cellen = await rij.locator('td').allInnerTexts();
  assert.ok(Number(cellen[2]) >= 1, `the demo has benefits to pay: ${cellen}`);
  assert.ok(cellen[4].includes('Wacht op goedkeuring door een collega'), cellen[4]);
  await assertAccessible(page, 'betaalruns');

  await klik(page, rij.getByRole('link', { name: /Bekijken/ }));
  run.url = page.url();
  assert.ok((await page.locator('main').innerText()).includes('U berekende deze run'));
  assert.equal(await page.getByRole('button', { name: 'Goedkeuren en vrijgeven' }).count(), 0);
  Object.assign(run, { maand, aantal: Number(cellen[2]), totaal: cellen[3].trim() });
});

test('3. a second person checks the payments and the total, approves, and downloads the SEPA file', async () => {
  vereist('url');
  const page = await medewerker('beheer');
  await page.goto(`${srv.base}/werkplek/betaalruns`);
  const rij = page.locator('table tbody tr', { has: page.locator(`td:text-is("${run.maand}")`) });
  await klik(page, rij.getByRole('link', { name: /Controleren en goedkeuren/ }));
  assert.equal(page.url(), run.url);
  assert.equal((await page.locator('#totaal').innerText()).trim(), run.totaal);
  assert.equal(await page.locator('#betalingen-tabel tbody tr').count(), run.aantal);
  const eerste = await page.locator('#betalingen-tabel tbody tr').first().locator('td').allInnerTexts();
  assert.match(eerste[4], /^NL\d\d \w{4} …\d{4}$/, `the IBAN is partly masked: ${eerste[4]}`);
  assert.equal((await page.locator('#uitzonderingen').innerText()).trim(), '0');
  await assertAccessible(page, 'betaalrun (approval page)');

  await klik(page, page.getByRole('button', { name: 'Goedkeuren en vrijgeven' }));
  assert.ok((await page.locator('#status').innerText()).includes('vrijgegeven'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'SEPA-bestand downloaden' }).click(),
  ]);
  const xml = readFileSync(await download.path(), 'utf8');
  assert.ok(xml.includes('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'));
  assert.equal(xml.match(/<CdtTrfTxInf>/g).length, run.aantal);
  assert.ok(xml.includes(`<IBAN>${run.rekening.replace(/\s/g, '')}</IBAN>`), 'paid from the gemeente\'s account');
  assert.ok(xml.includes('<Nm>Gemeente Haarlem</Nm>'));
});
