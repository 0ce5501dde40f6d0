// Issue 7, acceptance 1: a running benefit in a real browser. A resident
// applies on a phone; a consulent proposes a toekenning of the advised amount
// from the first day of two months ago, a kwaliteitsmedewerker approves. The
// resident reports last month's income with a payslip on the uitkering page;
// the teamleider computes the betaalruns of both months; the resident's
// specification of last month offsets the income with vrijlating n (25%, only
// from 27 years of age) and was paid exactly. A late report for the month
// before shows as "te veel betaald". axe checks the resident's uitkering page
// and the werkplek ledger.
//
// The steps are separate tests that share one zaak and run in order; a step
// whose predecessor failed fails with "an earlier step failed".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  klik,
  openDetails,
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, applyAsResident,
  staffLogin, waitFor, minimalPdf, assertAccessible, PHONE,
} from './support.mjs';

let db, srv, browser;
let resident;
// What the steps hand on to each other.
const zaak = {};
const sessies = {}; // role -> { context, page }

// The months, in the server's time zone: the benefit starts on the first of
// two months ago (VORIGE_VORIGE), income is reported for last month (VORIGE)
// and, late, for the month before.
function maandVan(date, terug) {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(date).split('-').map(Number);
  const idx = y * 12 + (m - 1) - terug;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
const NU = new Date();
const VORIGE = maandVan(NU, 1); // e.g. 2026-10
const EERDER = maandVan(NU, 2); // e.g. 2026-09
const INGANG = `${EERDER}-01`;

/** "€ 1.234,56" -> 123456 (cents). */
function cents(tekst) {
  const m = tekst.match(/(-?)€\s*([\d.]+),(\d{2})/);
  assert.ok(m, `not an amount: ${JSON.stringify(tekst)}`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/\./g, '')) * 100 + Number(m[3]));
}
/** 123456 -> "€ 1.234,56", as the app writes it. */
function euro(c) {
  const abs = Math.abs(c);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${c < 0 ? '-' : ''}€ ${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** Age in whole years on `datum` (YYYY-MM-DD) of someone born on `geboren`. */
function leeftijdOp(geboren, datum) {
  const [gy, gm, gd] = geboren.split('-').map(Number);
  const [y, m, d] = datum.split('-').map(Number);
  return y - gy - ((m < gm || (m === gm && d < gd)) ? 1 : 0);
}

before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
  const all = await demoResidents(srv.base);
  resident = all.find((r) => r.gemeente === 'Haarlem') ?? all[0];
});
after(async () => {
  for (const s of Object.values(sessies)) await s.context.close().catch(() => {});
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

function zaakUrl() {
  return `${srv.base}/werkplek/zaken/${zaak.id}`;
}
function uitkeringUrl() {
  return `${srv.base}/portaal/zaken/${zaak.id}/uitkering`;
}

/** A logged-in staff page of the zaak's gemeente, kept for later steps. */
async function medewerker(rol) {
  if (!sessies[rol]) {
    sessies[rol] = await newPage(browser);
    await staffLogin(sessies[rol].page, srv.base, `${zaak.gemeente}.${rol}`);
  }
  return sessies[rol].page;
}

function vereist(...keys) {
  for (const k of keys) assert.ok(zaak[k] !== undefined, `an earlier step failed (no ${k})`);
}

/** The specification of a month on the resident's uitkering page: { key: text }, plus the section. */
async function specificatie(page, maand) {
  const section = page.locator(`section#specificatie-${maand}`);
  assert.equal(await section.count(), 1, `the uitkering page has a specification for ${maand}`);
  const velden = await section.locator('dl > div').evaluateAll((divs) => Object.fromEntries(divs.map((d) => [
    d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim(),
  ])));
  return { section, velden, tekst: (await section.innerText()).replace(/\s+/g, ' ') };
}

/** The resident reports income on the uitkering page, with a payslip. */
async function inkomstenDoorgeven(page, maand, arbeid) {
  await page.goto(uitkeringUrl());
  await page.getByRole('heading', { name: 'Inkomsten doorgeven' }).waitFor();
  await page.getByLabel('Over welke maand?').selectOption(maand);
  await page.getByLabel('Loon na belasting (netto)').fill(arbeid);
  await page.getByLabel('Ander geld (bijvoorbeeld alimentatie)').fill('0');
  await page.setInputFiles('#loonstrook', {
    name: `loonstrook-${maand}.pdf`, mimeType: 'application/pdf', buffer: minimalPdf(`Loonstrook ${maand}`),
  });
  await klik(page, page.getByRole('button', { name: 'Inkomsten doorgeven' }));
  assert.equal(new URL(page.url()).pathname, `/portaal/zaken/${zaak.id}/uitkering`);
  await page.locator('[role="status"]', { hasText: 'Bedankt. Wij hebben uw inkomsten ontvangen' }).waitFor();
  const lijst = await page.locator('h2:text-is("Inkomsten die u doorgaf") + ul').innerText();
  assert.ok(lijst.includes(maand) && lijst.includes(`loon € ${arbeid}`),
    `the report of ${maand} is listed: ${lijst}`);
}

/** The teamleider computes the betaalrun of `maand` and waits until it is done. */
async function betaalrun(page, maand) {
  await page.goto(`${srv.base}/werkplek/betaalruns`);
  await page.getByLabel('Maand', { exact: true }).fill(maand);
  await klik(page, page.getByRole('button', { name: 'Betaalrun berekenen' }));
  // The page refreshes itself while computing; poll until the run is listed
  // as computed and no progress is shown any more.
  const rij = page.locator('table tbody tr', { has: page.locator(`td:text-is("${maand}")`) });
  try {
    await waitFor(async () => {
      await page.goto(`${srv.base}/werkplek/betaalruns`);
      const bezig = await page.locator('[role="status"]', { hasText: `Betaalrun` }).filter({ hasText: maand }).count();
      return bezig === 0 && (await rij.count()) === 1 && /berekend/.test(await rij.innerText());
    }, { timeout: 30_000, interval: 300, message: `the betaalrun of ${maand} to be computed` });
  } catch (e) {
    // Say what the page and the server showed, so a failure can be understood.
    const main = (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ');
    const { stdout, stderr } = srv.output();
    const log = `${stdout}\n${stderr}`.split('\n').filter((l) => /WARN|ERROR|betaalrun/i.test(l)).slice(-20).join('\n');
    throw new Error(`${e.message}\npage: ${main}\nserver:\n${log}`);
  }
  const cellen = await rij.locator('td').allInnerTexts();
  return { status: cellen[1].trim(), aantal: Number(cellen[2].trim()), totaal: cellen[3].trim() };
}

test('1. a resident applies on a phone; a consulent proposes a toekenning of the advised amount; kwaliteit approves', async () => {
  sessies.inwoner = await newPage(browser, PHONE);
  const { page } = sessies.inwoner;
  const { zaakId } = await applyAsResident(page, srv.base, resident.bsn);
  zaak.id = zaakId;
  zaak.identificatie = (await page.locator('[role="status"] strong').innerText()).trim();

  // The gemeente of the zaak: Haarlem's staff get 404 for an Enschede zaak.
  const probe = await newPage(browser);
  try {
    await staffLogin(probe.page, srv.base, 'haarlem.consulent');
    const res = await probe.page.goto(zaakUrl());
    if (res.status() === 200) {
      zaak.gemeente = 'haarlem';
      sessies.consulent = probe;
    } else {
      assert.equal(res.status(), 404, 'staff of another gemeente get 404 for the zaak');
      zaak.gemeente = 'enschede';
      await probe.context.close();
    }
  } catch (e) {
    await probe.context.close();
    throw e;
  }
  const page2 = await medewerker('consulent');
  await waitFor(async () => {
    await page2.goto(zaakUrl());
    return (await page2.locator('#advies').count()) > 0;
  }, { timeout: 30_000, message: 'the advice on the zaak page' });
  assert.match(await page2.locator('#advies').innerText(), /recht op € [\d.]+,\d{2} per maand/,
    `the advice was computed: ${await page2.locator('#advies').innerText()}`);

  // The applicant's date of birth, from the BRP snapshot on the zaak page.
  const brp = await page2.locator('details', { has: page2.locator('summary', { hasText: /^brp, opgehaald/ }) })
    .locator('pre').first().textContent();
  let geboren;
  try {
    geboren = JSON.parse(brp).gegevens.persoon.geboortedatum.datum;
  } catch { /* asserted below */ }
  assert.match(geboren ?? '', /^\d{4}-\d{2}-\d{2}$/, `the BRP snapshot has the date of birth:\n${brp.slice(0, 2000)}`);
  zaak.geboren = geboren;

  await klik(page2, page2.getByRole('button', { name: 'Oppakken' }));
  await page2.locator('summary', { hasText: 'Besluit voorstellen' }).click();
  await page2.check('#soort-toekenning');
  const bedrag = (await page2.inputValue('#bedrag')).trim();
  assert.match(bedrag, /\d,\d{2}$/, `the amount is prefilled from the advice: ${bedrag}`);
  await page2.fill('#ingangsdatum', INGANG);
  await klik(page2, page2.getByRole('button', { name: 'Voorstel ter controle aanbieden' }));
  await page2.getByRole('heading', { name: 'Voorstel ter controle (vier ogen)' }).waitFor();

  const kwaliteit = await medewerker('kwaliteit');
  await kwaliteit.goto(zaakUrl());
  await kwaliteit.getByLabel('Goedkeuren').check();
  await klik(kwaliteit, kwaliteit.getByRole('button', { name: 'Oordeel opslaan' }));
  const besluiten = await kwaliteit.locator('h3:text-is("Besluiten") + ul').innerText();
  assert.match(besluiten, /toekenning: goedgekeurd/, `the decision is approved: ${besluiten}`);
  zaak.goedgekeurd = true;
});

test(`2. the resident follows the link to their uitkering and reports income for ${VORIGE} with a payslip`, async () => {
  vereist('goedgekeurd');
  const { page } = sessies.inwoner;
  const link = page.getByRole('link', { name: 'Uw uitkering: specificaties en inkomsten doorgeven' });
  await waitFor(async () => {
    await page.goto(`${srv.base}/portaal/zaken/${zaak.id}`);
    return (await link.count()) > 0;
  }, { timeout: 30_000, message: 'the link to the uitkering on the portal zaak page' });
  await klik(page, link);
  assert.equal(new URL(page.url()).pathname, `/portaal/zaken/${zaak.id}/uitkering`);
  await page.getByRole('heading', { level: 1, name: 'Uw uitkering' }).waitFor();
  // A computed ledger (toekenning at the advised amount), from the ingangsdatum.
  assert.equal(await page.locator(`section#specificatie-${EERDER}`).count(), 1,
    `a specification from the first month (${EERDER}): ${(await page.locator('main').innerText()).slice(0, 800)}`);
  assert.equal(await page.locator('text=te veel betaald').count(), 0, 'nothing owed before any report');
  // No horizontal scrolling on a phone.
  const breed = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(breed <= 375, `the uitkering page fits the phone (scrollWidth ${breed})`);

  await inkomstenDoorgeven(page, VORIGE, '600,00');
  zaak.gemeld = true;
});

test(`3. the teamleider computes the betaalruns of ${EERDER} and ${VORIGE}; functioneel beheer approves them`, async () => {
  vereist('gemeld');
  const page = await medewerker('teamleider');
  for (const maand of [EERDER, VORIGE]) {
    const run = await betaalrun(page, maand);
    assert.equal(run.status, 'berekend');
    assert.ok(run.aantal >= 1, `the run of ${maand} pays at least this benefit: ${JSON.stringify(run)}`);
  }
  await assertAccessible(page, 'betaalruns (teamleider)');
  // Until a second person approves, the resident reads "Wij gaan betalen".
  {
    const { page: inwoner } = sessies.inwoner;
    await inwoner.goto(uitkeringUrl());
    const { velden } = await specificatie(inwoner, VORIGE);
    assert.ok('Wij gaan betalen' in velden && !('Wij betaalden' in velden), `not paid before approval: ${JSON.stringify(velden)}`);
  }
  // A second person (functioneel beheer) approves both runs.
  const beheer = await medewerker('beheer');
  for (const maand of [EERDER, VORIGE]) {
    await beheer.goto(`${srv.base}/werkplek/betaalruns`);
    const rij = beheer.locator('table tbody tr', { has: beheer.locator(`td:text-is("${maand}")`) });
    await klik(beheer, rij.getByRole('link', { name: /Controleren en goedkeuren/ }));
    await klik(beheer, beheer.getByRole('button', { name: 'Goedkeuren en vrijgeven' }));
    assert.ok((await beheer.locator('#status').innerText()).includes('vrijgegeven'), `the run of ${maand} is released`);
  }
  zaak.betaald = true;
});

test(`4. the specification of ${VORIGE} offsets the income with the vrijlating and was paid exactly`, async () => {
  vereist('betaald', 'geboren');
  const { page } = sessies.inwoner;
  await page.goto(uitkeringUrl());
  const { section, velden, tekst } = await specificatie(page, VORIGE);
  const leeftijd = leeftijdOp(zaak.geboren, `${VORIGE}-01`);
  const vrij = leeftijd >= 27 ? 15000 : 0;
  const ctx = `(age ${leeftijd}) ${JSON.stringify(velden)}`;
  assert.equal(velden['Uw inkomsten'], '€ 600,00', ctx);
  assert.equal(velden['Mag u houden (vrijlating)'], euro(vrij), ctx);
  assert.equal(velden['Telt mee'], euro(60000 - vrij), ctx);
  const norm = cents(velden['Uw norm']);
  assert.equal(velden.Bijstand, euro(Math.max(0, norm - (60000 - vrij))), `Bijstand = norm − telt mee ${ctx}`);
  assert.equal(cents(velden['Wij moeten betalen']), cents(velden.Bijstand) - cents(velden['Vakantiegeld gespaard']),
    `to pay = bijstand − vakantiegeld reserved ${ctx}`);
  assert.ok(cents(velden['Wij betaalden']) > 0, `the betaalrun paid ${VORIGE} ${ctx}`);
  assert.equal(velden['Wij betaalden'], velden['Wij moeten betalen'], `paid what was due ${ctx}`);
  assert.ok(!/te veel betaald|te weinig betaald/.test(tekst), `no difference for ${VORIGE}: ${tekst}`);

  // The explanation, in plain language.
  await section.locator('summary', { hasText: 'Hoe hebben wij dit uitgerekend?' }).click();
  const uitleg = section.locator('details ul');
  await uitleg.waitFor({ state: 'visible' });
  const regels = (await uitleg.innerText()).replace(/\s+/g, ' ');
  if (vrij > 0) {
    assert.ok(regels.includes('Van uw loon telt € 150,00 niet mee'),
      `the B1 explanation mentions the vrijlating: ${regels}`);
  } else {
    assert.ok(!regels.includes('Van uw loon telt'), `no vrijlating under 27: ${regels}`);
  }
  zaak.vrij = vrij;
});

test(`5. a late report for ${EERDER}, which was paid, shows as "te veel betaald"`, async () => {
  vereist('betaald', 'geboren');
  const { page } = sessies.inwoner;
  await page.goto(uitkeringUrl());
  const voor = await specificatie(page, EERDER);
  assert.ok(cents(voor.velden['Wij betaalden']) > 0, `${EERDER} was paid: ${JSON.stringify(voor.velden)}`);
  assert.equal(voor.velden['Wij betaalden'], voor.velden['Wij moeten betalen'], `no difference before the report`);

  await inkomstenDoorgeven(page, EERDER, '400,00');
  const { velden, tekst } = await specificatie(page, EERDER);
  const leeftijd = leeftijdOp(zaak.geboren, `${EERDER}-01`);
  const vrij = leeftijd >= 27 ? 10000 : 0;
  const ctx = `(age ${leeftijd}) ${JSON.stringify(velden)}`;
  assert.equal(velden['Uw inkomsten'], '€ 400,00', ctx);
  assert.equal(velden['Mag u houden (vrijlating)'], euro(vrij), ctx);
  assert.equal(velden['Wij betaalden'], voor.velden['Wij betaalden'], `what was paid stays ${ctx}`);
  const teVeel = cents(velden['Wij betaalden']) - cents(velden['Wij moeten betalen']);
  assert.ok(teVeel > 0, `the right went down after the late report ${ctx}`);
  assert.ok(tekst.includes(`Wij hebben u te veel betaald: ${euro(teVeel)}.`),
    `the specification shows the overpayment of ${euro(teVeel)}: ${tekst}`);

  // The later month is unchanged (vrijlating n now runs from EERDER: month 2 of 6).
  const later = await specificatie(page, VORIGE);
  assert.equal(later.velden['Mag u houden (vrijlating)'], euro(zaak.vrij ?? (leeftijdOp(zaak.geboren, `${VORIGE}-01`) >= 27 ? 15000 : 0)));
  assert.equal(later.velden['Wij betaalden'], later.velden['Wij moeten betalen']);
  zaak.teVeel = euro(teVeel);
});

test('6. axe: the resident\'s uitkering page (explanations open) and the werkplek ledger', async () => {
  vereist('betaald');
  const { page } = sessies.inwoner;
  await page.goto(uitkeringUrl());
  await openDetails(page);
  await assertAccessible(page, 'portal uitkering page (phone, details open)');

  const consulent = await medewerker('consulent');
  await consulent.goto(`${zaakUrl()}/uitkering`);
  await consulent.getByRole('heading', { level: 1, name: 'Uitkering en grootboek' }).waitFor();
  const rij = await consulent.locator(`tr#maand-${EERDER}`).innerText();
  if (zaak.teVeel) {
    assert.ok(rij.includes(`te veel betaald: ${zaak.teVeel}`), `the ledger shows the overpayment: ${rij}`);
  }
  if (zaak.vrij) {
    assert.ok((await consulent.locator('main').textContent()).includes('Participatiewet art. 31, tweede lid, onderdeel n'),
      'the ledger explains the vrijlating with its legal ground');
  }
  await openDetails(consulent);
  await assertAccessible(consulent, 'werkplek ledger (consulent, details open)');
});
