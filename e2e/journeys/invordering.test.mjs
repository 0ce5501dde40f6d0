// Journey 6, terug- en invordering (issue 18). The demo's long-term client
// is paid for this month. A consulent records income of that month late;
// the ledger's overpayment becomes a terugvorderingsverzoek in the
// Invordering worklist, never a claim by itself. The consulent proposes a
// 58-2 claim with a reason (wrong input is named at its field); a
// kwaliteitsmedewerker approves. The resident finds the message and the
// letter on a phone, in "Mijn schulden". Next month's betaalrun keeps back
// about 5% of the norm (the beslagvrije voet) and the specification shows
// it. Debiteurenbeheer books a payment of half the rest (wrong amounts and
// dates refused) and proposes a kwijtschelding; a colleague approves; the
// resident sees nothing is owed any more.
// Every step: a screenshot (e2e/screenshots/invordering/) and axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { klik, waitFor } from '../support.mjs';
import { startReis } from './reis.mjs';
import {
  maandCode, geweigerd, euro, geld, betaalrun as run, laatInkomen,
} from './invordering-stappen.mjs';

const reis = startReis('invordering');
const { staat, vereist, medewerker, bekijkInwoner, bekijkMedewerker } = reis;

test('01. the long-term client is paid this month; income of the month is recorded late', async () => {
  await laatInkomen(reis);
});

test('02. the overpayment is a verzoek for a person; the consulent proposes a 58-2 claim', async () => {
  vereist('id');
  const co = await medewerker('consulent');
  await reis.viaHoofdmenu(co, 'Invordering');
  const lijst = await co.locator('main').innerText();
  assert.match(lijst, /te beoordelen \(1\)/);
  assert.match(lijst, /Er staan geen vorderingen open\./, 'no claim without a decision');
  await bekijkMedewerker(co, 'werklijst-verzoek');
  await klik(co, co.getByRole('link', { name: /^Beoordelen/ }));
  const tekst = await co.locator('main').innerText();
  const m = tekst.match(/Totaal te veel \(netto\)\s*(€ [\d.]+,\d{2})/);
  assert.ok(m, tekst);
  staat.teVeel = euro(m[1]);
  await bekijkMedewerker(co, 'terugvordering-verzoek');

  // No ground, then no reason: each named at its field.
  await geweigerd(co, co.getByRole('button', { name: 'Voorstel ter controle' }));
  assert.match(await co.locator('#fout-grond').innerText(), /Grond: kies een grond/);
  await co.check('#grond-58-2-a');
  await geweigerd(co, co.getByRole('button', { name: 'Voorstel ter controle' }));
  assert.match(await co.locator('#fout-motivering').innerText(), /Motivering: schrijf waarom/);
  await bekijkMedewerker(co, 'terugvordering-fout');
  await co.check('#grond-58-2-a');
  await co.fill('#veld-motivering', 'U gaf uw loon over deze maand later door. Daardoor kreeg u te veel bijstand.');
  await klik(co, co.getByRole('button', { name: 'Voorstel ter controle' }));
  assert.match(await co.locator('main').innerText(), /Voorstellen om te controleren \(1\)/);
  staat.tv = true;
});

test('03. a kwaliteitsmedewerker approves; the resident reads the letter in Mijn schulden', async () => {
  vereist('tv');
  const base = reis.srv.base;
  const kw = await medewerker('kwaliteit');
  await reis.viaHoofdmenu(kw, 'Invordering');
  await klik(kw, kw.getByRole('link', { name: /^Controleren/ }));
  await bekijkMedewerker(kw, 'terugvordering-controleren');
  await klik(kw, kw.getByRole('button', { name: 'Goedkeuren' }));
  assert.match(await kw.locator('main').innerText(), /Openstaande vorderingen \(1\)/);

  const { page } = reis.sessies.inwoner;
  await page.goto(`${base}/portaal/berichten`);
  assert.match(await page.locator('main').innerText(), /Besluit: u moet bijstand terugbetalen/);
  await waitFor(async () => {
    await page.goto(`${base}/portaal/schulden`);
    return (await page.getByText('Brief: besluit terugvordering').count()) > 0;
  }, { timeout: 30_000, message: 'the letter in Mijn schulden' });
  assert.equal(euro(await page.locator('#totaal-open').innerText()), staat.teVeel);
  await bekijkInwoner(page, 'mijn-schulden-besluit');
  staat.besloten = true;
});

test('04. next month\'s run keeps back 5% of the norm; the specification shows it', async () => {
  vereist('besloten');
  const base = reis.srv.base;
  await run(reis, maandCode(1));
  const { page } = reis.sessies.inwoner;
  await page.goto(`${base}/portaal/zaken/${staat.id}/uitkering`);
  const tekst = await page.locator('main').innerText();
  assert.match(tekst, /Ingehouden voor uw schuld bij de gemeente\s*(€ [\d.]+,\d{2})/);
  staat.ingehouden = euro(tekst.match(/Ingehouden voor uw schuld bij de gemeente\s*(€ [\d.]+,\d{2})/)[1]);
  await bekijkInwoner(page, 'uitkering-ingehouden');
  await page.goto(`${base}/portaal/schulden`);
  const schulden = await page.locator('main').innerText();
  assert.equal(euro(await page.locator('#totaal-open').innerText()), staat.teVeel - staat.ingehouden);
  assert.match(schulden, /beslagvrije voet/);
  await bekijkInwoner(page, 'mijn-schulden-verrekend');
});

test('05. half the rest is paid at once; a kwijtschelding with four eyes closes the claim', async () => {
  vereist('ingehouden');
  const base = reis.srv.base;
  const rest = staat.teVeel - staat.ingehouden;
  const helft = Math.ceil(rest / 2);
  const db = await medewerker('debiteuren');
  await reis.viaHoofdmenu(db, 'Invordering');
  await klik(db, db.getByRole('link', { name: /^Openen/ }));
  await bekijkMedewerker(db, 'vordering');
  // Wrong amounts and dates, each named.
  await db.fill('#veld-bedrag', '12.3');
  await db.fill('#veld-datum', '1-12-2026');
  await geweigerd(db, db.getByRole('button', { name: 'Betaling boeken' }));
  assert.match(await db.locator('#fout-bedrag').innerText(), /Bedrag/);
  await db.fill('#veld-bedrag', geld(helft));
  await db.fill('#veld-datum', '31-02-2026');
  await geweigerd(db, db.getByRole('button', { name: 'Betaling boeken' }));
  assert.match(await db.locator('#fout-datum').innerText(), /Datum van de betaling/);
  await db.fill('#veld-bedrag', '999999,00');
  const vandaag = new Date();
  await db.fill('#veld-datum', `${vandaag.getDate()}-${vandaag.getMonth() + 1}-${vandaag.getFullYear()}`);
  await geweigerd(db, db.getByRole('button', { name: 'Betaling boeken' }));
  assert.match(await db.locator('#fout-bedrag').innerText(), /ten hoogste wat nog open staat/);
  await bekijkMedewerker(db, 'vordering-fout');
  await db.fill('#veld-bedrag', geld(helft));
  await db.fill('#veld-datum', `${vandaag.getDate()}-${vandaag.getMonth() + 1}-${vandaag.getFullYear()}`);
  await klik(db, db.getByRole('button', { name: 'Betaling boeken' }));
  assert.match(await db.locator('main').innerText(), /De betaling is geboekt/);

  await db.check('#kwgrond-58-7-d');
  await db.fill('#veld-kw_bedrag', geld(rest - helft));
  await db.fill('#veld-motivering', 'U betaalde de helft van de restschuld in één keer.');
  await klik(db, db.getByRole('button', { name: 'Kwijtschelding voorstellen' }));
  assert.match(await db.locator('main').innerText(), /Een collega controleert haar/);
  assert.equal(await db.getByRole('button', { name: 'Kwijtschelding goedkeuren' }).count(), 0, 'not one\'s own');

  const kw = await medewerker('kwaliteit');
  await kw.goto(db.url().split('?')[0]);
  await klik(kw, kw.getByRole('button', { name: 'Kwijtschelding goedkeuren' }));
  assert.match(await kw.locator('main').innerText(), /kwijtgescholden/);
  await bekijkMedewerker(kw, 'vordering-kwijtgescholden');

  const { page } = reis.sessies.inwoner;
  await waitFor(async () => {
    await page.goto(`${base}/portaal/schulden`);
    return (await page.getByText('Brief: kwijtschelding').count()) > 0;
  }, { timeout: 30_000, message: 'the kwijtschelding letter' });
  assert.match(await page.locator('main').innerText(), /U hoeft de gemeente niets meer te betalen/);
  await bekijkInwoner(page, 'mijn-schulden-kwijtgescholden');
});
