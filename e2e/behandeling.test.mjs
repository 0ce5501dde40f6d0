// Issue 6, acceptance: an application is handled in the werkplek, in a real
// browser, from the portal to the beschikking. A resident applies; intake
// claims the zaak and asks for a document (hersteltermijn, the deadline
// stands still); the resident uploads it and the zaak returns to the queue;
// a consulent proposes a toekenning that they cannot approve themselves; a
// kwaliteitsmedewerker approves; the resident finds the letter (PDF with the
// amount, the date in Dutch, the legal grounds and the bezwaar clause) and a
// message; functioneel beheer sees every step in the processing log.
//
// The steps are separate tests that share one zaak and run in order; a step
// whose predecessor failed fails with "an earlier step failed".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  klik,
  openDetails,
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, applyAsResident,
  staffLogin, waitFor, minimalPdf, assertAccessible,
} from './support.mjs';

const MAANDEN = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];

/** `2026-07-01` or `01-07-2026` as a Dutch letter writes it: `1 juli 2026`. */
function datumNl(s) {
  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return `${Number(m[3])} ${MAANDEN[Number(m[2]) - 1]} ${m[1]}`;
  m = s.match(/^(\d{2})-(\d{2})-(\d{4})$/);
  if (m) return `${Number(m[1])} ${MAANDEN[Number(m[2]) - 1]} ${m[3]}`;
  throw new Error(`not a date: ${s}`);
}

/** The text of a PDF by pdftotext (poppler-utils). */
function pdfTekst(buffer) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gbi-e2e-pdf-'));
  try {
    const file = path.join(dir, 'brief.pdf');
    writeFileSync(file, buffer);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if (e.code === 'ENOENT') {
        throw new Error('pdftotext not found: install poppler-utils (apt-get install poppler-utils) to read the beschikking');
      }
      throw new Error(`pdftotext failed: ${e.stderr || e.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let db, srv, browser;
let resident;
// What the steps hand on to each other.
const zaak = {};
const sessies = {}; // role -> { context, page }

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

/** The text of a data-list item on a zaak page. */
async function veld(page, key) {
  return (await page.locator(`dt:text-is("${key}") + dd`).innerText()).trim();
}

test('1. a resident applies through the portal', async () => {
  sessies.inwoner = await newPage(browser);
  const { page } = sessies.inwoner;
  const { zaakId } = await applyAsResident(page, srv.base, resident.bsn);
  zaak.id = zaakId;
  zaak.identificatie = (await page.locator('[role="status"] strong').innerText()).trim();
  assert.ok(zaak.identificatie, 'the confirmation shows the zaak number');
});

test('2. intake of the gemeente claims the zaak from the werkvoorraad and asks for a bankafschrift (hersteltermijn)', async () => {
  vereist('id');
  // The zaak belongs to one gemeente: Haarlem's intake gets 404 otherwise.
  const probe = await newPage(browser);
  try {
    await staffLogin(probe.page, srv.base, 'haarlem.intake');
    const res = await probe.page.goto(`${srv.base}/werkplek/zaken/${zaak.id}`);
    if (res.status() === 200) {
      zaak.gemeente = 'haarlem';
      sessies.intake = probe;
    } else {
      assert.equal(res.status(), 404, 'staff of another gemeente get 404 for the zaak');
      zaak.gemeente = 'enschede';
      await probe.context.close();
    }
  } catch (e) {
    await probe.context.close();
    throw e;
  }
  const page = await medewerker('intake');

  // The werkvoorraad lists the new zaak; intake opens it from there.
  await page.goto(`${srv.base}/werkplek/werkvoorraad`);
  await assertAccessible(page, 'werkvoorraad (intake)');
  let link = page.locator('table a', { hasText: zaak.identificatie });
  if (!(await link.count())) {
    // Not under the default filter: show every status.
    await page.selectOption('#status', '');
    await klik(page, page.getByRole('button', { name: 'Filteren' }));
    link = page.locator('table a', { hasText: zaak.identificatie });
  }
  assert.equal(await link.count(), 1, `the werkvoorraad lists zaak ${zaak.identificatie}`);
  await klik(page, link);
  assert.equal(new URL(page.url()).pathname, `/werkplek/zaken/${zaak.id}`);
  await openDetails(page);
  await assertAccessible(page, 'zaak page (intake, with its forms)');

  // Claim it.
  await klik(page, page.getByRole('button', { name: 'Oppakken' }));
  const behandeling = page.locator('p', { hasText: 'Behandelaar:' });
  assert.match(await behandeling.innerText(), /Behandelaar: Ilse Intake\./);
  assert.equal(await page.getByRole('button', { name: 'Oppakken' }).count(), 0, 'a claimed zaak cannot be claimed again');

  // Ask for a bankafschrift and a question, by the prefilled deadline.
  await page.locator('summary', { hasText: 'Informatie opvragen' }).click();
  await page.check('#doc-bankafschrift');
  await page.fill('#vraag', 'Sinds wanneer woont u op dit adres?');
  const deadline = await page.inputValue('#deadline');
  assert.match(deadline, /^\d{4}-\d{2}-\d{2}$/, `a deadline is prefilled: ${deadline}`);
  await klik(page, page.getByRole('button', { name: 'Informatie opvragen' }));

  // The zaak shows the hersteltermijn and that the decision period stands still.
  const tekst = await behandeling.innerText();
  const m = tekst.match(/Er loopt een hersteltermijn tot (\d{4}-\d{2}-\d{2}); de beslistermijn staat zolang stil\./);
  assert.ok(m, `the zaak shows the running hersteltermijn: ${tekst}`);
  assert.ok(m[1] >= deadline, `the hersteltermijn ends on or after the chosen date (${m[1]} vs ${deadline})`);
  assert.match(await veld(page, 'Status'), /^Hersteltermijn/);
  const taken = await page.locator('h2:text-is("Taken") + ul').innerText();
  assert.match(taken, /inwoner: Stuur ons vóór .*Bankafschrift.*Sinds wanneer woont u op dit adres\?/i,
    `a task for the resident lists what is asked: ${taken}`);
  assert.equal(await page.locator('summary', { hasText: 'Informatie opvragen' }).count(), 0,
    'no second hersteltermijn while one runs');
  await openDetails(page);
  await assertAccessible(page, 'zaak page in hersteltermijn (intake)');
  zaak.hersteltermijn = m[1];
});

test('3. the resident sees each thing asked on its own line, sends it item by item, and the zaak returns to the queue', async () => {
  vereist('hersteltermijn');
  const { page } = sessies.inwoner;
  await page.goto(`${srv.base}/portaal/zaken/${zaak.id}`);
  const lijst = page.locator('ol.gbi-onderdelen');
  await lijst.waitFor();
  const gevraagd = await lijst.innerText();
  assert.match(gevraagd, /Bankafschrift: nog niet ontvangen/, `the bankafschrift is its own item: ${gevraagd}`);
  assert.match(gevraagd, /Sinds wanneer woont u op dit adres\? \(nog niet beantwoord\)/, `the question is its own item: ${gevraagd}`);
  await assertAccessible(page, 'portal zaak page in hersteltermijn');

  // The bankafschrift first: the question is still open, so the zaak waits.
  await page.setInputFiles('#bestand-bankafschrift', {
    name: 'bankafschrift-hersteltermijn.pdf', mimeType: 'application/pdf', buffer: minimalPdf(),
  });
  await klik(page, page.getByRole('button', { name: 'Versturen: Bankafschrift' }));
  await page.locator('[role="status"]', { hasText: 'Wij hebben het ontvangen' }).waitFor();
  assert.match(await lijst.innerText(), /Bankafschrift: ontvangen/);
  assert.match(await lijst.innerText(), /bankafschrift-hersteltermijn\.pdf/);

  // An empty answer: a message at the question, with the focus there.
  await page.fill('#antwoord-0', '   ');
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await page.locator('[role="alert"]', { hasText: 'Schrijf uw antwoord op.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'antwoord-0', 'the focus is on the answer');
  await assertAccessible(page, 'portal zaak page with an error at the answer');

  // The answer: now everything is in.
  await page.fill('#antwoord-0', 'Sinds 1 maart 2024.');
  await klik(page, page.getByRole('button', { name: 'Antwoord versturen' }));
  const na = await page.locator('main').innerText();
  assert.ok(!na.includes('nog niet ontvangen') && !na.includes('nog niet beantwoord'),
    `after the last item nothing is open:\n${na}`);
  await page.locator('main a', { hasText: 'bankafschrift-hersteltermijn.pdf' }).first().waitFor();

  // Back in the werkplek: the hersteltermijn ended, the zaak is in the queue again.
  const intake = await medewerker('intake');
  await intake.goto(zaakUrl());
  assert.doesNotMatch(await intake.locator('p', { hasText: 'Behandelaar:' }).innerText(), /hersteltermijn/);
  assert.match(await veld(intake, 'Status'), /^In behandeling/);
  assert.match(await intake.locator('h2:text-is("Taken") + ul').innerText(),
    /Gevraagde gegevens ontvangen: verder behandelen/);
  assert.match(await intake.locator('h2:text-is("Documenten") + ul').innerText(), /bankafschrift-hersteltermijn\.pdf/);

  await intake.goto(`${srv.base}/werkplek/werkvoorraad`);
  await intake.selectOption('#status', 'in_behandeling');
  await klik(intake, intake.getByRole('button', { name: 'Filteren' }));
  const rij = intake.locator('table tbody tr', { hasText: zaak.identificatie });
  assert.equal(await rij.count(), 1, 'the zaak is in the werkvoorraad under "In behandeling"');
  assert.match(await rij.innerText(), /In behandeling/);
  zaak.geleverd = true;
});

// Sending the bankafschrift also fulfils the task the submission made
// (document:bankafschrift); nothing more is asked.
test('3b. after sending the requested bankafschrift nothing more is asked of the resident', async () => {
  vereist('geleverd');
  const { page } = sessies.inwoner;
  await page.goto(`${srv.base}/portaal/zaken/${zaak.id}`);
  const tekst = await page.locator('main').innerText();
  assert.ok(tekst.includes('Op dit moment hoeft u niets te doen.'),
    `after the upload nothing more is asked of the resident:\n${tekst}`);
});

test('4. a consulent proposes a toekenning of the advised amount; they cannot approve it; a kwaliteitsmedewerker does', async () => {
  vereist('geleverd');
  const page = await medewerker('consulent');

  // The advice is there once every register answered (usually already).
  await waitFor(async () => {
    await page.goto(zaakUrl());
    return (await page.locator('#advies').count()) > 0;
  }, { timeout: 30_000, message: 'the advice on the zaak page' });
  assert.match(await page.locator('#advies').innerText(), /recht op € [\d.]+,\d{2} per maand/,
    'the advice was computed');

  await page.locator('summary', { hasText: 'Besluit voorstellen' }).click();
  await page.check('#soort-toekenning');
  const bedrag = (await page.inputValue('#bedrag')).trim();
  assert.ok(bedrag, 'the amount is prefilled from the advice');
  assert.match(bedrag, /\d,\d{2}$/, `the amount is in euros: ${bedrag}`);
  const ontvangen = await veld(page, 'Ontvangen');
  assert.equal((await page.inputValue('#ingangsdatum')).trim(), ontvangen,
    'the ingangsdatum is prefilled with the date the application was received');
  // Bijstand from the first of next month: a date that differs from the
  // letter's own date, so the letter must write this one out.
  const [y, mo] = ontvangen.split('-').map(Number);
  const ingang = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  await page.fill('#ingangsdatum', ingang);
  // A start after the melding refuses the days before it (art. 44-1): the
  // command asks why, and the letter says it.
  await page.fill('#reden_latere_ingang', 'U werkte tot het einde van de maand en had toen nog loon.');
  await openDetails(page);
  await assertAccessible(page, 'zaak page (consulent, with the proposal form)');
  await klik(page, page.getByRole('button', { name: 'Voorstel ter controle aanbieden' }));
  zaak.bedrag = bedrag.replace(/^€\s*/, '');
  zaak.ingangsdatum = ingang;

  // The proposal waits for a second person; the proposer gets no approve form …
  const voorstel = page.locator('#voorstel');
  await page.getByRole('heading', { name: 'Voorstel ter controle (vier ogen)' }).waitFor();
  assert.match(await voorstel.innerText(), /Toekenning van bijstand/);
  await page.getByText('Dit is uw eigen voorstel. Een collega moet het controleren.').waitFor();
  assert.equal(await page.locator('form[action$="/beoordeling"]').count(), 0, 'no approve form for the proposer');
  assert.equal(await page.getByLabel('Goedkeuren').count(), 0, 'no "Goedkeuren" for the proposer');
  assert.match(await veld(page, 'Status'), /^Toetsen/);
  await assertAccessible(page, 'zaak page with a proposal (consulent)');

  // … and a hand-made approval from their own session is refused.
  const geweigerd = await page.evaluate(async (url) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'oordeel=goedkeuren&opmerking=',
      redirect: 'manual',
    });
    return r.status;
  }, `${zaakUrl()}/beoordeling`);
  assert.ok(geweigerd >= 400 && geweigerd < 500, `the proposer's own approval is refused, got HTTP ${geweigerd}`);
  await page.reload();
  assert.match(await veld(page, 'Status'), /^Toetsen/, 'the refused approval changed nothing');

  // The kwaliteitsmedewerker finds it in their werkvoorraad and approves.
  const kwaliteit = await medewerker('kwaliteit');
  await kwaliteit.goto(`${srv.base}/werkplek/werkvoorraad`);
  const link = kwaliteit.locator('table a', { hasText: zaak.identificatie });
  assert.equal(await link.count(), 1, 'the proposal is in the kwaliteitsmedewerker\'s werkvoorraad (Toetsen)');
  await assertAccessible(kwaliteit, 'werkvoorraad (kwaliteit)');
  await klik(kwaliteit, link);
  await openDetails(kwaliteit);
  await assertAccessible(kwaliteit, 'zaak page (kwaliteit, with the approve form)');
  assert.match(await kwaliteit.locator('#voorstel').innerText(), /Toekenning van bijstand[\s\S]*Bedrag per maand/, 'the reviewer reads the proposal in words');
  await kwaliteit.getByLabel('Goedkeuren').check();
  await klik(kwaliteit, kwaliteit.getByRole('button', { name: 'Oordeel opslaan' }));
  const besluiten = await kwaliteit.locator('h3:text-is("Besluiten") + ul').innerText();
  assert.match(besluiten, /toekenning: goedgekeurd/, `the decision is approved: ${besluiten}`);
  assert.equal(await kwaliteit.getByRole('heading', { name: 'Voorstel ter controle (vier ogen)' }).count(), 0);
  zaak.goedgekeurd = true;
});

test('5. the resident finds the beschikking (PDF: amount, date in Dutch, legal grounds, bezwaar) and a message', async () => {
  vereist('goedgekeurd', 'bedrag', 'ingangsdatum');
  const { page, context } = sessies.inwoner;
  const brief = page.locator('main a', { hasText: 'Brief met ons besluit (PDF)' });
  await waitFor(async () => {
    await page.goto(`${srv.base}/portaal/zaken/${zaak.id}`);
    return (await brief.count()) > 0;
  }, { timeout: 30_000, message: 'the letter with the decision on the portal zaak page' });

  // The inbox has a message about the decision for this zaak.
  await page.getByRole('link', { name: /Berichten/ }).first().click();
  await page.waitForURL(`${srv.base}/portaal/berichten`);
  const berichten = page.locator('article', { has: page.locator(`a[href="/portaal/zaken/${zaak.id}"]`) });
  const onderwerpen = await berichten.locator('h2').allInnerTexts();
  assert.ok(onderwerpen.some((o) => /besluit|beschikking/i.test(o)),
    `a message about the decision: ${JSON.stringify(onderwerpen)}`);
  assert.ok(onderwerpen.includes('Wij hebben meer gegevens nodig'),
    `the hersteltermijn message is there too: ${JSON.stringify(onderwerpen)}`);

  // Download the letter with the resident's cookies.
  await page.goto(`${srv.base}/portaal/zaken/${zaak.id}`);
  const href = await brief.first().getAttribute('href');
  const res = await context.request.get(new URL(href, srv.base).toString());
  assert.equal(res.status(), 200, `GET ${href}`);
  const pdf = await res.body();
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the beschikking is a PDF');
  const tekst = pdfTekst(pdf);
  const platte = tekst.replace(/\s+/g, ' ');
  for (const verwacht of [
    zaak.bedrag,
    `vanaf ${datumNl(zaak.ingangsdatum)}`,
    'Participatiewet art.',
    'Algemene wet bestuursrecht',
    '6 weken',
    'bezwaar',
  ]) {
    assert.ok(platte.includes(verwacht), `the letter lacks ${JSON.stringify(verwacht)}:\n${tekst}`);
  }
  zaak.brief = true;
});

test('6. the processing log shows who viewed and handled the zaak, and why', async () => {
  vereist('goedgekeurd');
  const page = await medewerker('beheer');

  // Who is who: the staff of the gemeente, ids and names.
  const res = await sessies.beheer.context.request.get(`${srv.base}/api/v1/medewerkers`);
  assert.equal(res.status(), 200);
  const staff = await res.json();
  const id = (rol) => {
    const m = staff.find((s) => s.gebruikersnaam === `${zaak.gemeente}.${rol}`);
    assert.ok(m, `medewerker ${zaak.gemeente}.${rol} in /api/v1/medewerkers`);
    return m.id;
  };

  await page.goto(`${srv.base}/werkplek/logboek`);
  await page.fill('#bsn', resident.bsn);
  await klik(page, page.getByRole('button', { name: 'Filteren' }));
  await assertAccessible(page, 'logboek (beheer)');
  const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const [nr, tijd, wie, activiteit, handeling] = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    return { nr, tijd, wie, activiteit, handeling };
  }));
  assert.ok(rows.length > 0, 'the log lists processing records for the resident');
  for (const r of rows) {
    assert.ok(r.wie && r.activiteit && r.handeling, `every record names an actor, activity and action: ${JSON.stringify(r)}`);
  }
  const van = (rol, activiteit) => rows.filter((r) => r.wie === `medewerker:${id(rol)}` && r.activiteit === activiteit);
  const overzicht = rows.map((r) => `${r.nr} ${r.wie} ${r.activiteit} ${r.handeling}`).join('\n');
  for (const [rol, activiteit, handeling, minstens] of [
    ['intake', 'gbi.zaak.raadplegen', 'lezen', 1], // opened the zaak
    ['intake', 'gbi.zaak.behandelen', 'schrijven', 2], // claimed it, asked for information
    ['consulent', 'gbi.zaak.raadplegen', 'lezen', 1],
    ['consulent', 'gbi.zaak.behandelen', 'schrijven', 1], // proposed the toekenning
    ['kwaliteit', 'gbi.zaak.raadplegen', 'lezen', 1],
    ['kwaliteit', 'gbi.zaak.behandelen', 'schrijven', 1], // approved
  ]) {
    const n = van(rol, activiteit).filter((r) => r.handeling === handeling).length;
    assert.ok(n >= minstens,
      `the log has ${minstens}+ ${activiteit}/${handeling} record(s) by ${zaak.gemeente}.${rol} (medewerker:${id(rol)}), found ${n}:\n${overzicht}`);
  }
  // Nobody of another gemeente, and no unknown medewerker, touched the zaak.
  const bekend = new Set(staff.map((m) => `medewerker:${m.id}`));
  for (const r of rows.filter((x) => x.wie.startsWith('medewerker:'))) {
    assert.ok(bekend.has(r.wie), `record ${r.nr} names a medewerker of ${zaak.gemeente}: ${r.wie}`);
  }
  // The resident's own steps are there too.
  assert.ok(rows.some((r) => r.wie.startsWith('inwoner:') && r.activiteit === 'gbi.aanvraag.indienen'),
    `the log has the resident's submission:\n${overzicht}`);
  assert.ok(rows.some((r) => r.wie.startsWith('inwoner:') && r.activiteit === 'gbi.document.toevoegen'),
    `the log has the resident's upload:\n${overzicht}`);

  // Each activity has a purpose, published in the register of processing activities.
  const register = await (await fetch(`${srv.base}/api/v1/verwerkingsactiviteiten`)).json();
  const lijst = Array.isArray(register) ? register : (register.items ?? register.verwerkingsactiviteiten ?? []);
  for (const a of ['gbi.zaak.raadplegen', 'gbi.zaak.behandelen']) {
    const v = lijst.find((x) => x.id === a);
    assert.ok(v && v.doel, `activity ${a} has a purpose in /api/v1/verwerkingsactiviteiten: ${JSON.stringify(v)}`);
  }
});
