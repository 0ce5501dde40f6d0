// Journey 4, paying a benefit, from the werkplek to the resident's phone.
// A resident applies on a phone; a consulent proposes a toekenning of the
// advised amount from the first of this month and a kwaliteitsmedewerker
// approves (as in e2e/uitkering.test.mjs). The teamleider (desktop) computes
// this month's betaalrun from the menu; until a second person approves, the
// resident reads "Wij gaan betalen"; functioneel beheer checks and releases
// the run; the resident then reads on their uitkering page what was paid for
// that month, and downloads the month's specification (PDF). Every step: a
// full-page screenshot (e2e/screenshots/betalen/) and axe; resident pages
// also at desktop size. (Not to be confused with e2e/betaalrun.test.mjs,
// which covers the werkplek side of a run in more detail.)
//
// The steps share one zaak and run in order; a step whose predecessor
// failed fails with "an earlier step failed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { klik, waitFor, gemeenteVanZaak } from '../support.mjs';
import { startReis, hoofdmenu, kiesToekenning, keurGoed } from './reis.mjs';

const reis = startReis('betalen');
const {
  staat: zaak, shot, vereist, medewerker, bekijkInwoner, bekijkMedewerker, werkplekZaak,
} = reis;

// This month in the server's time zone (the demo's policy files may not
// reach further).
const MAAND = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
  .format(new Date());
const INGANG = `${MAAND}-01`;

const uitkeringUrl = () => `${reis.srv.base}/portaal/zaken/${zaak.id}/uitkering`;

/** The specification of a month on the resident's uitkering page: { key: text }. */
async function specificatie(page, maand) {
  const section = page.locator(`section#specificatie-${maand}`);
  assert.equal(await section.count(), 1, `the uitkering page has a specification for ${maand}:\n${(await page.locator('main').innerText()).slice(0, 1500)}`);
  const velden = await section.locator('dl > div').evaluateAll((divs) => Object.fromEntries(divs.map((d) => [
    d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim(),
  ])));
  return { section, velden, tekst: (await section.innerText()).replace(/\s+/g, ' ') };
}

/** The row of this month on the betaalruns page. */
function runRij(page) {
  return page.locator('table tbody tr', { has: page.locator(`td:text-is("${MAAND}")`) });
}

test(`01. a resident applies on a phone; a toekenning of the advised amount from ${INGANG} is proposed and approved`, async () => {
  await reis.vraagAan();
  zaak.gemeente = await gemeenteVanZaak(reis.browser, reis.srv.base, zaak.id, 'consulent');

  const consulent = await medewerker('consulent');
  await reis.wachtOpAdvies(consulent);
  await klik(consulent, consulent.getByRole('button', { name: 'Oppakken' }));
  zaak.bedrag = (await kiesToekenning(consulent)).replace(/^€\s*/, '');
  assert.match(zaak.bedrag, /\d,\d{2}$/, `the amount is prefilled from the advice: ${zaak.bedrag}`);
  await consulent.fill('#ingangsdatum', INGANG);
  await klik(consulent, consulent.getByRole('button', { name: 'Voorstel ter controle aanbieden' }));
  await consulent.getByRole('heading', { name: 'Voorstel ter controle (vier ogen)' }).waitFor();

  const kwaliteit = await medewerker('kwaliteit');
  await kwaliteit.goto(werkplekZaak());
  await keurGoed(kwaliteit);
  assert.match(await kwaliteit.locator('h3:text-is("Besluiten") + ul').innerText(), /toekenning: goedgekeurd/);
  zaak.goedgekeurd = true;
});

test(`02. the teamleider computes the betaalrun of ${MAAND} from the menu and cannot approve it`, async () => {
  vereist('goedgekeurd');
  const page = await medewerker('teamleider');
  await page.goto(`${reis.srv.base}/werkplek`);
  await shot(page, 'werkplek-teamleider');
  await klik(page, hoofdmenu(page, 'Betaalruns'));
  assert.equal(new URL(page.url()).pathname, '/werkplek/betaalruns');
  await bekijkMedewerker(page, 'betaalruns-leeg');
  await page.getByLabel('Maand', { exact: true }).fill(MAAND);
  await klik(page, page.getByRole('button', { name: 'Betaalrun berekenen' }));
  await waitFor(async () => {
    await page.goto(`${reis.srv.base}/werkplek/betaalruns`);
    return (await runRij(page).count()) === 1 && /berekend/.test(await runRij(page).innerText());
  }, { timeout: 30_000, interval: 300, message: `the betaalrun of ${MAAND} to be computed` });
  const cellen = await runRij(page).locator('td').allInnerTexts();
  assert.ok(Number(cellen[2]) >= 1, `the run pays at least this benefit: ${cellen}`);
  assert.ok(cellen[4].includes('Wacht op goedkeuring door een collega'), cellen[4]);
  await bekijkMedewerker(page, 'betaalrun-berekend');

  await klik(page, runRij(page).getByRole('link', { name: /Bekijken/ }));
  assert.ok((await page.locator('main').innerText()).includes('U berekende deze run'));
  assert.equal(await page.getByRole('button', { name: 'Goedkeuren en vrijgeven' }).count(), 0, 'the teamleider cannot approve their own run');
  await bekijkMedewerker(page, 'betaalrun-teamleider');
  zaak.run = { url: page.url(), aantal: Number(cellen[2]), totaal: cellen[3].trim() };
});

test('03. before approval the resident reads on the uitkering page that we are going to pay', async () => {
  vereist('run');
  const { page } = reis.sessies.inwoner;
  await page.goto(`${reis.srv.base}/portaal/zaken/${zaak.id}`);
  const link = page.getByRole('link', { name: 'Uw uitkering: specificaties en inkomsten doorgeven' });
  await link.waitFor();
  await klik(page, link);
  assert.equal(new URL(page.url()).pathname, `/portaal/zaken/${zaak.id}/uitkering`);
  const { velden, tekst } = await specificatie(page, MAAND);
  assert.ok('Wij gaan betalen' in velden && !('Wij betaalden' in velden), `not paid before approval: ${JSON.stringify(velden)}`);
  assert.ok(tekst.includes('Wij hebben deze maand nog niet betaald.'), tekst);
  await bekijkInwoner(page, 'uitkering-nog-niet-betaald');
  zaak.gaanBetalen = true;
});

test('04. functioneel beheer checks the payments and the total and releases the run', async () => {
  vereist('run');
  const page = await medewerker('beheer');
  await reis.viaHoofdmenu(page, 'Betaalruns');
  await klik(page, runRij(page).getByRole('link', { name: /Controleren en goedkeuren/ }));
  assert.equal(page.url(), zaak.run.url);
  assert.equal((await page.locator('#totaal').innerText()).trim(), zaak.run.totaal);
  assert.equal(await page.locator('#betalingen-tabel tbody tr').count(), zaak.run.aantal);
  await bekijkMedewerker(page, 'betaalrun-controleren');
  await klik(page, page.getByRole('button', { name: 'Goedkeuren en vrijgeven' }));
  assert.ok((await page.locator('#status').innerText()).includes('vrijgegeven'));
  await bekijkMedewerker(page, 'betaalrun-vrijgegeven');
  zaak.vrijgegeven = true;
});

test(`05. the resident reads the specification of ${MAAND}: paid what was due, and downloads it as PDF`, async () => {
  vereist('vrijgegeven');
  const { page, context } = reis.sessies.inwoner;
  await page.goto(uitkeringUrl());
  const { section, velden, tekst } = await specificatie(page, MAAND);
  const ctx = JSON.stringify(velden);
  assert.ok('Wij betaalden' in velden, `the month shows what we paid: ${ctx}`);
  assert.match(velden['Wij betaalden'], /^€ [\d.]+,\d{2}$/, ctx);
  assert.notEqual(velden['Wij betaalden'], '€ 0,00', `something was paid: ${ctx}`);
  assert.equal(velden['Wij betaalden'], velden['Wij moeten betalen'], `paid what was due: ${ctx}`);
  assert.equal(velden.Bijstand, `€ ${zaak.bedrag}`, `the bijstand of the month is the amount granted: ${ctx}`);
  assert.ok(!/nog niet betaald|te veel betaald|te weinig betaald/.test(tekst), `no open difference: ${tekst}`);

  await section.locator('summary', { hasText: 'Hoe hebben wij dit uitgerekend?' }).click();
  await bekijkInwoner(page, 'uitkering-betaald');

  const pdf = section.getByRole('link', { name: /als PDF$/ });
  const href = await pdf.getAttribute('href');
  const res = await context.request.get(new URL(href, reis.srv.base).toString());
  assert.equal(res.status(), 200, `GET ${href}`);
  assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-', 'the specification is a PDF');
});

test('06. the uitkering page writes the start date the Dutch way', async () => {
  vereist('goedgekeurd');
  const { page } = reis.sessies.inwoner;
  await page.goto(uitkeringUrl());
  const zin = await page.locator('main p', { hasText: 'Uw bijstand loopt sinds' }).innerText();
  const maanden = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const [y, m] = MAAND.split('-').map(Number);
  assert.ok(zin.includes(`Uw bijstand loopt sinds 1 ${maanden[m - 1]} ${y}.`), zin);
});
