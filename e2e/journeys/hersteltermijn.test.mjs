// Journey 2, the hersteltermijn from both sides. A resident applies on a
// phone; an intake caseworker (desktop) finds the new zaak in the
// werkvoorraad by the applicant's name, claims it and asks for two
// documents (identiteitsbewijs, loonstrook) and one question. The resident
// sees each item on its own line and sends them one by one: the loonstrook
// first (the zaak keeps waiting, the ID can still be sent), a file over
// 10 MB (a Dutch message at the file field, HTTP 400), a wrong file for the
// ID that they take back ("Weghalen"), an empty answer and then the answer,
// and finally the ID. Then the zaak is back in the intake's queue and the
// caseworker reads what came in. Every step: a full-page screenshot
// (e2e/screenshots/hersteltermijn/) and axe; resident pages also at desktop
// size.
//
// The steps share one zaak and run in order; a step whose predecessor
// failed fails with "an earlier step failed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimalPdf, minimalJpeg, klik, gemeenteVanZaak, verstuurBestand } from '../support.mjs';
import { startReis } from './reis.mjs';

const reis = startReis('hersteltermijn');
const {
  staat: zaak, shot, vereist, medewerker, bekijkInwoner, bekijkMedewerker, portaalZaak, werkplekZaak,
} = reis;
const VRAAG = 'Sinds wanneer woont u op dit adres?';

/** The items the resident is asked for, each as its heading reads. */
async function onderdelen(page) {
  return (await page.locator('ol.gbi-onderdelen > li h3').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The items on the caseworker's zaak page: "Loonstrook: binnen (…)". */
async function herstelRegels(page) {
  const lijst = page.locator('#herstel > li');
  return (await lijst.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function status(page) {
  return (await page.locator('dt:text-is("Status") + dd').first().innerText()).trim();
}

test('01. a resident applies on a phone', async () => {
  const page = await reis.vraagAan();
  zaak.nummer = (await page.getByRole('status').locator('strong').innerText()).trim();
  await bekijkInwoner(page, 'aanvraag-verstuurd');
  zaak.gemeente = await gemeenteVanZaak(reis.browser, reis.srv.base, zaak.id, 'intake');
});

test('02. intake finds the zaak in the werkvoorraad by the applicant\'s name, claims it and asks for an identiteitsbewijs, a loonstrook and one question', async () => {
  vereist('id', 'gemeente');
  const page = await medewerker('intake');
  await reis.viaHoofdmenu(page, 'Werkvoorraad');
  let rij = page.locator('table tbody tr', { hasText: zaak.nummer });
  if (!(await rij.count())) {
    await page.selectOption('#status', '');
    await klik(page, page.getByRole('button', { name: 'Filteren' }));
  }
  assert.equal(await rij.count(), 1, `the werkvoorraad lists zaak ${zaak.nummer}`);
  const cellen = (await rij.locator('td').allInnerTexts()).map((c) => c.trim());
  assert.equal(cellen[1], reis.resident.naam, `the queue shows the applicant's name: ${JSON.stringify(cellen)}`);
  await bekijkMedewerker(page, 'werkvoorraad-intake');

  await klik(page, rij.getByRole('link', { name: zaak.nummer }));
  await klik(page, page.getByRole('button', { name: 'Oppakken' }));
  assert.match(await page.locator('p', { hasText: 'Behandelaar:' }).innerText(), /Behandelaar: [^.]+\./);
  await page.locator('summary', { hasText: 'Informatie opvragen' }).click();
  await page.check('#doc-identiteitsbewijs');
  await page.check('#doc-loonstrook');
  await page.fill('#vraag', VRAAG);
  await shot(page, 'informatie-opvragen-formulier');
  await klik(page, page.getByRole('button', { name: 'Informatie opvragen' }));

  assert.match(await status(page), /^Hersteltermijn/);
  const regels = await herstelRegels(page);
  assert.deepEqual(regels, [
    'Identiteitsbewijs: ontbreekt nog',
    'Loonstrook: ontbreekt nog',
    `${VRAAG}: ontbreekt nog`,
  ], 'the caseworker sees each item as missing');
  await bekijkMedewerker(page, 'zaak-hersteltermijn-intake');
  zaak.gevraagd = true;
});

test('03. the resident sees each item on its own line: "Identiteitsbewijs: nog niet ontvangen"', async () => {
  vereist('gevraagd');
  const { page } = reis.sessies.inwoner;
  await page.goto(portaalZaak());
  await page.locator('ol.gbi-onderdelen').waitFor();
  assert.deepEqual(await onderdelen(page), [
    'Identiteitsbewijs: nog niet ontvangen',
    'Loonstrook: nog niet ontvangen',
    `Vraag: ${VRAAG} (nog niet beantwoord)`,
  ]);
  const tekst = await page.locator('main').innerText();
  assert.match(tekst, /Stuur ons vóór \d+ \w+ \d{4} wat hieronder staat\./, 'the deadline in Dutch');
  await bekijkInwoner(page, 'zaak-wat-wij-vragen');
  zaak.gezien = true;
});

test('04. the loonstrook first: it is received, the zaak keeps waiting and the ID can still be sent', async () => {
  vereist('gezien');
  const { page } = reis.sessies.inwoner;
  const res = await verstuurBestand(page, '#bestand-loonstrook',
    { name: 'loonstrook-november.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Loonstrook november') },
    page.getByRole('button', { name: 'Versturen: Loonstrook' }));
  assert.equal(res.status(), 200);
  await page.getByRole('status').filter({ hasText: 'Bedankt. Wij hebben het ontvangen.' }).waitFor();
  const items = await onderdelen(page);
  assert.ok(items.includes('Loonstrook: ontvangen'), JSON.stringify(items));
  assert.ok(items.includes('Identiteitsbewijs: nog niet ontvangen'), JSON.stringify(items));
  assert.equal(await page.locator('#bestand-identiteitsbewijs').count(), 1, 'the ID can still be sent');
  assert.ok((await page.locator('ol.gbi-onderdelen').innerText()).includes('loonstrook-november.pdf'));
  await bekijkInwoner(page, 'loonstrook-ontvangen');

  const intake = await medewerker('intake');
  await intake.goto(werkplekZaak());
  assert.match(await status(intake), /^Hersteltermijn/, 'the zaak is still in the hersteltermijn');
  const regels = await herstelRegels(intake);
  assert.ok(regels.some((r) => r.startsWith('Loonstrook: binnen (loonstrook-november.pdf)')), JSON.stringify(regels));
  assert.ok(regels.includes('Identiteitsbewijs: ontbreekt nog'), JSON.stringify(regels));
  zaak.loonstrook = true;
});

test('05. a file over 10 MB for the ID: HTTP 400, a Dutch message at the file field, the focus on it', async () => {
  vereist('loonstrook');
  const { page } = reis.sessies.inwoner;
  const groot = Buffer.concat([minimalPdf('Paspoort'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
  const res = await verstuurBestand(page, '#bestand-identiteitsbewijs',
    { name: 'paspoort-scan.pdf', mimeType: 'application/pdf', buffer: groot },
    page.getByRole('button', { name: 'Versturen: Identiteitsbewijs' }));
  assert.equal(res.status(), 400, 'the too-large file is refused with HTTP 400');
  assert.equal(new URL(page.url()).pathname, `/portaal/zaken/${zaak.id}/documenten`, 'the answer to the form itself');
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  const alert = await page.getByRole('alert').innerText();
  assert.match(alert, /Dit bestand is te groot\. Het mag hoogstens 10 MB zijn\./, `a Dutch message: ${alert}`);
  assert.ok(!/payload|too large|request entity|error/i.test(await page.locator('body').innerText()), 'no English on the page');
  const bijVeld = await page.locator('#bestand-identiteitsbewijs-fout').innerText();
  assert.match(bijVeld, /te groot/, 'the message stands at the ID\'s file field');
  assert.equal(await page.getAttribute('#bestand-identiteitsbewijs', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'bestand-identiteitsbewijs', 'the focus is on the file field');
  assert.ok((await onderdelen(page)).includes('Identiteitsbewijs: nog niet ontvangen'), 'nothing was kept');
  await bekijkInwoner(page, 'bestand-te-groot');
  zaak.teGroot = true;
});

test('06. a wrong file for the ID is received, and the resident takes it back with "Weghalen"', async () => {
  vereist('teGroot');
  const { page } = reis.sessies.inwoner;
  await page.goto(portaalZaak());
  await verstuurBestand(page, '#bestand-identiteitsbewijs',
    { name: 'boodschappenlijst.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Boodschappen') },
    page.getByRole('button', { name: 'Versturen: Identiteitsbewijs' }));
  const item = page.locator('ol.gbi-onderdelen > li', { hasText: 'Identiteitsbewijs' });
  assert.match(await item.locator('h3').innerText(), /Identiteitsbewijs: ontvangen/);
  assert.ok((await item.innerText()).includes('boodschappenlijst.pdf'));
  // The question is still open, so the zaak keeps waiting and the wrong file can be taken back.
  const weghalen = page.getByRole('button', { name: 'Weghalen: boodschappenlijst.pdf' });
  assert.equal(await weghalen.count(), 1, 'a "Weghalen" button for the wrong file');
  await bekijkInwoner(page, 'verkeerd-bestand-ontvangen');

  await klik(page, weghalen);
  assert.ok((await onderdelen(page)).includes('Identiteitsbewijs: nog niet ontvangen'), 'the ID is missing again');
  assert.ok(!(await page.locator('ol.gbi-onderdelen').innerText()).includes('boodschappenlijst.pdf'), 'the wrong file is gone');
  assert.equal(await page.locator('#bestand-identiteitsbewijs').count(), 1);
  await bekijkInwoner(page, 'verkeerd-bestand-weggehaald');
  zaak.weggehaald = true;
});

test('07. an empty answer gets a message at the question; then the resident answers it', async () => {
  vereist('weggehaald');
  const { page } = reis.sessies.inwoner;
  await page.fill('#antwoord-0', '   ');
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Antwoord versturen' }).click(),
  ]);
  assert.equal(res.status(), 400);
  await page.getByRole('alert').filter({ hasText: 'Schrijf uw antwoord op.' }).waitFor();
  assert.equal(await page.locator('#antwoord-0-fout').innerText(), 'Schrijf uw antwoord op.');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'antwoord-0', 'the focus is on the answer');
  await bekijkInwoner(page, 'leeg-antwoord');

  await page.fill('#antwoord-0', 'Sinds 1 maart 2024.');
  await klik(page, page.getByRole('button', { name: 'Antwoord versturen' }));
  const items = await onderdelen(page);
  assert.ok(items.includes(`Vraag: ${VRAAG} (beantwoord)`), JSON.stringify(items));
  assert.ok(items.includes('Identiteitsbewijs: nog niet ontvangen'), 'the ID is still asked for');
  await bekijkInwoner(page, 'vraag-beantwoord');
  zaak.beantwoord = true;
});

test('08. the resident sends the ID; nothing is asked any more', async () => {
  vereist('beantwoord');
  const { page } = reis.sessies.inwoner;
  await verstuurBestand(page, '#bestand-identiteitsbewijs',
    { name: 'paspoort.jpg', mimeType: 'image/jpeg', buffer: minimalJpeg() },
    page.getByRole('button', { name: 'Versturen: Identiteitsbewijs' }));
  await page.getByRole('status').filter({ hasText: 'Bedankt. Wij hebben het ontvangen.' }).waitFor();
  const tekst = await page.locator('main').innerText();
  assert.ok(!tekst.includes('nog niet ontvangen') && !tekst.includes('nog niet beantwoord'), `nothing is open:\n${tekst}`);
  assert.equal(await page.locator('ol.gbi-onderdelen').count(), 0, 'the list of what we ask is gone');
  // What the application itself asked (bankafschriften, a task of the
  // submission) still stands: that was not part of this hersteltermijn.
  for (const naam of ['loonstrook-november.pdf', 'paspoort.jpg']) {
    assert.equal(await page.locator('main a', { hasText: naam }).count() > 0, true, `${naam} is listed with the documents`);
  }
  await bekijkInwoner(page, 'alles-verstuurd');
  zaak.alles = true;
});

test('09. the zaak is back in the intake\'s werkvoorraad, "In behandeling"', async () => {
  vereist('alles');
  const page = await medewerker('intake');
  await page.goto(werkplekZaak());
  assert.match(await status(page), /^In behandeling/);
  assert.doesNotMatch(await page.locator('p', { hasText: 'Behandelaar:' }).innerText(), /hersteltermijn/);
  assert.match(await page.locator('h2:text-is("Taken") + ul').innerText(), /Gevraagde gegevens ontvangen: verder behandelen/);
  const docs = await page.locator('h2:text-is("Documenten") + ul').innerText();
  assert.ok(docs.includes('loonstrook-november.pdf') && docs.includes('paspoort.jpg'), docs);
  assert.ok(!docs.includes('boodschappenlijst.pdf'), `the file the resident took back is not listed: ${docs}`);
  await bekijkMedewerker(page, 'zaak-terug-in-behandeling');

  await page.goto(`${reis.srv.base}/werkplek/werkvoorraad`);
  await page.selectOption('#status', 'in_behandeling');
  await klik(page, page.getByRole('button', { name: 'Filteren' }));
  const rij = page.locator('table tbody tr', { hasText: zaak.nummer });
  assert.equal(await rij.count(), 1, 'the zaak is in the werkvoorraad under "In behandeling"');
  assert.ok((await rij.innerText()).includes(reis.resident.naam));
  await bekijkMedewerker(page, 'werkvoorraad-terug');
  zaak.terug = true;
});

test('10. the caseworker\'s zaak page lists each item that came in as "binnen"', async () => {
  vereist('terug');
  const page = await medewerker('intake');
  await page.goto(werkplekZaak());
  const regels = await herstelRegels(page);
  const antwoordOpPagina = (await page.locator('main').innerText()).includes('Sinds 1 maart 2024.');
  assert.ok(antwoordOpPagina, 'the resident\'s answer can be read on the zaak page');
  assert.equal(regels.length, 3, `after the hersteltermijn the zaak page still lists what was asked and what came in: ${JSON.stringify(regels)}`);
  assert.ok(regels.some((r) => r.startsWith('Identiteitsbewijs: binnen (paspoort.jpg)')), JSON.stringify(regels));
  assert.ok(regels.some((r) => r.startsWith('Loonstrook: binnen (loonstrook-november.pdf)')), JSON.stringify(regels));
  assert.ok(regels.some((r) => r.startsWith(`${VRAAG}: binnen (Sinds 1 maart 2024.)`)), JSON.stringify(regels));
  await shot(page, 'zaak-items-binnen');
});
