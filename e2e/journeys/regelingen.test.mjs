// Journey 5, bijzondere bijstand and the IIT (issue 17). A Haarlem
// resident on a phone applies for bijzondere bijstand for a washing
// machine, to be paid to the shop, with the quote; wrong input in the
// fields gets a message naming the question. The consulent sees the
// draagkracht computed step by step with its articles and proposes the
// advised amount; a kwaliteitsmedewerker approves it (four eyes). The
// resident reads the decision and the letter; next month's betaalrun pays
// the shop in the SEPA file. Then the demo's long-term client finds the
// invitation for the individuele inkomenstoeslag on the start page of
// their phone and sends the prefilled application in one step.
// Every step: a screenshot (e2e/screenshots/regelingen/) and axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  residentLogin, newPage, PHONE_390, uploadPdf, klik, gemeenteVanZaak, demoResidents, waitFor,
} from '../support.mjs';
import { startReis, keurGoed } from './reis.mjs';

const reis = startReis('regelingen');
const { staat: zaak, vereist, medewerker, bekijkInwoner, bekijkMedewerker, portaalZaak, werkplekZaak } = reis;

const WINKEL = 'Witgoed Centrum B.V.';

async function verder(page) {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('form button[name="knop"][value="verder"]').click(),
  ]);
  return res.status();
}

test('01. a resident applies for a washing machine on a phone; wrong input is named', async () => {
  reis.sessies.inwoner = await newPage(reis.browser, PHONE_390);
  const { page } = reis.sessies.inwoner;
  const base = reis.srv.base;
  await residentLogin(page, base, reis.resident.bsn);
  await klik(page, page.getByRole('link', { name: 'Bijzondere bijstand aanvragen' }));
  assert.match(page.url(), /\/portaal\/aanvraag\/[^/]+\/kosten$/);
  await bekijkInwoner(page, 'bb-kosten');

  // Nothing chosen, an amount that is no amount.
  await page.fill('#omschrijving', 'Een wasmachine, mijn oude is kapot');
  await page.fill('#kosten', 'veel');
  assert.equal(await verder(page), 400);
  const fouten = await page.locator('.utrecht-alert--error').innerText();
  assert.match(fouten, /Waarvoor vraagt u bijzondere bijstand\? Kies een antwoord\./);
  assert.match(fouten, /Hoeveel kost het\?/);
  await bekijkInwoner(page, 'bb-kosten-fouten');

  await page.check('input[name="kostensoort"][value="wasmachine"]');
  await page.fill('#kosten', '449,00');
  assert.equal(await verder(page), 200);
  await page.fill('#inkomen', '1.100,00');
  await page.fill('#spaargeld', '150');
  assert.equal(await verder(page), 200);

  await page.check('input[name="aan_wie"][value="derde"]');
  await page.fill('#derde_naam', WINKEL);
  await page.fill('#derde_iban', 'NL02 ABNA 0123 4567 00');
  await page.fill('#email', 'bb@example.nl');
  assert.equal(await verder(page), 400, 'an IBAN that fails its check is refused');
  assert.match(await page.locator('.utrecht-alert--error').innerText(), /Wat is hun rekeningnummer \(IBAN\)\?/);
  await bekijkInwoner(page, 'bb-betaling-fout-iban');
  await page.fill('#derde_iban', 'NL02 ABNA 0123 4567 89');
  assert.equal(await verder(page), 200);

  const overzicht = await page.locator('main').innerText();
  assert.match(overzicht, /Wasmachine/, 'the overview names the kind of cost');
  assert.match(overzicht, /Witgoed Centrum/);
  await uploadPdf(page, 'offerte-wasmachine.pdf', 'offerte');
  await bekijkInwoner(page, 'bb-controleren');
  await page.check('#verklaring');
  await Promise.all([
    page.waitForURL(/\/portaal\/zaken\/[^/?]+/),
    page.getByRole('button', { name: 'Aanvraag versturen' }).click(),
  ]);
  zaak.id = new URL(page.url()).pathname.split('/').pop();
  await bekijkInwoner(page, 'bb-verstuurd');
  zaak.gemeente = await gemeenteVanZaak(reis.browser, base, zaak.id, 'consulent');
});

test('02. the consulent sees the draagkracht explained and proposes the advised amount', async () => {
  vereist('id', 'gemeente');
  const page = await medewerker('consulent');
  await reis.wachtOpAdvies(page);
  const advies = await page.locator('#advies').innerText();
  const m = advies.match(/Bijzondere bijstand van (€ [\d.]+,\d{2})/);
  assert.ok(m, `the advice names an amount: ${advies}`);
  const tekst = await page.locator('main').textContent();
  assert.match(tekst, /Participatiewet art\. 35/, 'the steps cite art. 35');
  await klik(page, page.getByRole('button', { name: 'Oppakken' }));
  await bekijkMedewerker(page, 'bb-zaak-met-advies');
  await page.goto(werkplekZaak());
  await page.locator('summary', { hasText: 'Besluit voorstellen' }).click();
  await page.check('#soort-toekenning');
  assert.equal((await page.inputValue('#bedrag')).trim(), m[1], 'the amount is the advice');
  await page.fill('#motivering', 'De oude wasmachine is kapot; de offerte past binnen het beleid.');
  await klik(page, page.getByRole('button', { name: 'Voorstel ter controle aanbieden' }));
  zaak.bedrag = m[1];
});

test('03. a kwaliteitsmedewerker approves; the resident reads the decision and the letter', async () => {
  vereist('bedrag');
  const page = await medewerker('kwaliteit');
  await page.goto(werkplekZaak());
  assert.match(await page.locator('main').innerText(), new RegExp(WINKEL.replace('.', '\\.')));
  await keurGoed(page);
  await bekijkMedewerker(page, 'bb-goedgekeurd');
  const { page: tel } = reis.sessies.inwoner;
  await waitFor(async () => {
    await tel.goto(portaalZaak());
    return (await tel.getByText('Brief met ons besluit (PDF)').count()) > 0;
  }, { timeout: 30_000, message: 'the letter in the portal' });
  const tekst = await tel.locator('main').innerText();
  assert.match(tekst, /U krijgt bijzondere bijstand/);
  assert.match(tekst, /rechtstreeks aan Witgoed Centrum/);
  await bekijkInwoner(tel, 'bb-besluit-inwoner');
});

test('04. next month\'s betaalrun pays the shop in the SEPA file', async () => {
  vereist('bedrag');
  const base = reis.srv.base;
  const d = new Date();
  const volgend = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  const maand = `${volgend.getUTCFullYear()}-${String(volgend.getUTCMonth() + 1).padStart(2, '0')}`;
  const tl = await medewerker('teamleider');
  await tl.goto(`${base}/werkplek/betaalruns`);
  await tl.fill('#maand', maand);
  await klik(tl, tl.getByRole('button', { name: /berekenen/i }));
  const beheer = await medewerker('beheer');
  let runUrl;
  await waitFor(async () => {
    await beheer.goto(`${base}/werkplek/betaalruns`);
    const link = beheer.locator('a[href^="/werkplek/betaalruns/"]').first();
    if (!(await link.count())) return false;
    runUrl = base + (await link.getAttribute('href'));
    await beheer.goto(runUrl);
    return (await beheer.getByText(WINKEL).count()) > 0;
  }, { timeout: 30_000, message: 'the computed run with the one-off payment' });
  await bekijkMedewerker(beheer, 'bb-betaalrun-eenmalig');
  await klik(beheer, beheer.getByRole('button', { name: 'Goedkeuren en vrijgeven' }));
  const sepa = await (await beheer.request.get(`${runUrl}/sepa`)).text();
  const tx = sepa.split('<CdtTrfTxInf>').find((t) => t.includes('NL02ABNA0123456789'));
  assert.ok(tx, 'the shop is paid in the SEPA file');
  assert.ok(tx.includes(WINKEL), 'with the shop as creditor');
  const euro = zaak.bedrag.replace('€ ', '').replace(/\./g, '').replace(',', '.');
  assert.ok(tx.includes(`>${euro}</InstdAmt>`), `the amount ${euro}: ${tx}`);
});

test('05. the long-term client is invited for the IIT on their phone and applies in one step', async () => {
  const base = reis.srv.base;
  const { context, page } = await newPage(reis.browser, PHONE_390);
  try {
    let gevonden = null;
    for (const r of await demoResidents(base)) {
      await context.clearCookies();
      await residentLogin(page, base, r.bsn);
      if (await page.locator('#iit-uitnodiging').count()) { gevonden = r; break; }
    }
    assert.ok(gevonden, 'a demo resident is invited');
    await bekijkInwoner(page, 'iit-uitnodiging');
    await klik(page, page.getByRole('link', { name: 'Bekijk en verstuur de aanvraag' }));
    assert.match(page.url(), /\/verklaring$/, 'the prefilled application opens at its last step');
    await bekijkInwoner(page, 'iit-controleren');
    await page.check('#verklaring');
    await Promise.all([
      page.waitForURL(/\/portaal\/zaken\/[^/?]+/),
      page.getByRole('button', { name: 'Aanvraag versturen' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /individuele inkomenstoeslag/);
    await bekijkInwoner(page, 'iit-verstuurd');
  } finally {
    await context.close();
  }
});
