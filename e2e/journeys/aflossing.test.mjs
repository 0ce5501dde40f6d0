// Journey 7, a betalingsregeling (issue 18, ADR 0011). Income reported late
// makes an overpayment; a consulent proposes a 58-2 claim that is NOT
// offset against the benefit; a colleague approves. Debiteurenbeheer agrees
// a betalingsregeling: GBI computes the beslagvrije voet from what is filled
// in and refuses, each at its field, a missing belastbaar jaarinkomen, an
// amount that is no amount, and an amount above the afloscapaciteit — the
// input stays. The resident sees the regeling, the beslagvrije voet and the
// letter with the calculation on a phone in "Mijn schulden".
// Every step: a screenshot (e2e/screenshots/aflossing/) and axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { klik, waitFor } from '../support.mjs';
import { startReis } from './reis.mjs';
import { geweigerd, euro, geld, laatInkomen } from './invordering-stappen.mjs';

const reis = startReis('aflossing');
const { staat, vereist, medewerker, bekijkInwoner, bekijkMedewerker } = reis;

test('01. income reported late; a 58-2 claim without offsetting is decided with four eyes', async () => {
  await laatInkomen(reis);
  const co = await medewerker('consulent');
  await reis.viaHoofdmenu(co, 'Invordering');
  await klik(co, co.getByRole('link', { name: /^Beoordelen/ }));
  await co.check('#grond-58-2-a');
  await co.uncheck('#veld-verrekenen');
  await co.fill('#veld-motivering', 'U gaf uw loon later door. U betaalt het zelf terug.');
  await klik(co, co.getByRole('button', { name: 'Voorstel ter controle' }));
  const kw = await medewerker('kwaliteit');
  await reis.viaHoofdmenu(kw, 'Invordering');
  await klik(kw, kw.getByRole('link', { name: /^Controleren/ }));
  await klik(kw, kw.getByRole('button', { name: 'Goedkeuren' }));
  assert.match(await kw.locator('main').innerText(), /Openstaande vorderingen \(1\)/);
  staat.besloten = true;
});

test('02. debiteurenbeheer agrees a betalingsregeling within the beslagvrije voet', async () => {
  vereist('besloten');
  const db = await medewerker('debiteuren');
  await reis.viaHoofdmenu(db, 'Invordering');
  await klik(db, db.getByRole('link', { name: /^Openen/ }));
  assert.match(await db.locator('#volgende-stap').innerText(), /Betaaltermijn loopt/);
  await bekijkMedewerker(db, 'vordering-open');
  await db.check('#br_ls-alleenstaande');
  await db.fill('#veld-br_inkomen', '1.650,00');
  // The first term stays at what the server offers: today in Amsterdam
  // (the browser's clock may already be on another day).
  await db.fill('#veld-br_per_maand', '50,00');
  await db.fill('#veld-br_motivering', 'Afgesproken aan de telefoon.');
  await geweigerd(db, db.getByRole('button', { name: 'Betalingsregeling vastleggen' }));
  assert.match(await db.locator('#fout-br_jaarinkomen').innerText(), /Belastbaar jaarinkomen/);
  assert.equal(await db.locator('#veld-br_inkomen').inputValue(), '1.650,00', 'the input stays');
  await db.fill('#veld-br_jaarinkomen', '22.000,00');
  await db.fill('#veld-br_per_maand', 'vijftig');
  await geweigerd(db, db.getByRole('button', { name: 'Betalingsregeling vastleggen' }));
  assert.match(await db.locator('#fout-br_per_maand').innerText(), /Bedrag per maand/);
  await db.fill('#veld-br_per_maand', '9.999,00');
  await geweigerd(db, db.getByRole('button', { name: 'Betalingsregeling vastleggen' }));
  const fout = await db.locator('#fout-br_per_maand').innerText();
  const m = fout.match(/afloscapaciteit van (€ [\d.]+,\d{2})/);
  assert.ok(m, fout);
  await bekijkMedewerker(db, 'betalingsregeling-fout');
  staat.perMaand = Math.min(euro(m[1]), 5000);
  await db.fill('#veld-br_per_maand', geld(staat.perMaand));
  await klik(db, db.getByRole('button', { name: 'Betalingsregeling vastleggen' }));
  assert.match(await db.locator('main').innerText(), /De betalingsregeling is vastgelegd/);
  assert.match(await db.locator('#volgende-stap').innerText(), /Betalingsregeling van .* per maand loopt/);
  await bekijkMedewerker(db, 'betalingsregeling');
  staat.regeling = true;
});

test('03. the resident sees the regeling, the beslagvrije voet and the letter on a phone', async () => {
  vereist('regeling');
  const base = reis.srv.base;
  const { page } = reis.sessies.inwoner;
  await waitFor(async () => {
    await page.goto(`${base}/portaal/schulden`);
    return (await page.getByText('Brief: uw betalingsregeling').count()) > 0;
  }, { timeout: 30_000, message: 'the letter of the betalingsregeling' });
  const tekst = await page.locator('main').innerText();
  assert.match(tekst, new RegExp(`U betaalt elke maand € ${geld(staat.perMaand)}`));
  assert.match(tekst, /beslagvrije voet/);
  await bekijkInwoner(page, 'mijn-schulden-betalingsregeling');
});
