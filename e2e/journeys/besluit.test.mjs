// Journey 3, the decision from both sides. A resident applies on a phone; a
// consulent (desktop) proposes a toekenning of the advised amount from the
// first of next month, which is after the melding and so needs a reason
// (#reden_latere_ingang): first without one (refused, the reason named),
// then with it. The consulent cannot approve their own proposal; a
// kwaliteitsmedewerker approves it. The resident's zaak page then reads
// "Ons besluit: U krijgt bijstand" with the amount, the first payment and
// the letter (PDF), and no longer offers a voorschot or says that we fetch
// data. The inbox marks the new messages; after reading them the start page
// says "U heeft geen nieuwe berichten.". Every step: a full-page screenshot
// (e2e/screenshots/besluit/) and axe; resident pages also at desktop size.
//
// The steps share one zaak and run in order; a step whose predecessor
// failed fails with "an earlier step failed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, klik, waitFor, gemeenteVanZaak } from '../support.mjs';
import { startReis, kiesToekenning, keurGoed } from './reis.mjs';

const reis = startReis('besluit');
const {
  staat: zaak, shot, vereist, medewerker, bekijkInwoner, bekijkMedewerker, portaalZaak, werkplekZaak,
} = reis;

async function veld(page, key) {
  return (await page.locator(`dt:text-is("${key}") + dd`).first().innerText()).trim();
}

/** The first of the month after `iso` (YYYY-MM-DD). */
function eersteVanVolgendeMaand(iso) {
  const [y, m] = iso.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Fill in the proposal form for a toekenning. */
async function toekenningInvullen(page, { reden }) {
  await page.goto(werkplekZaak());
  const bedrag = await kiesToekenning(page);
  await page.fill('#ingangsdatum', zaak.ingang);
  await page.fill('#reden_latere_ingang', reden);
  return bedrag;
}

test('01. a resident applies on a phone and reads on the zaak page that we fetch data and when a voorschot comes', async () => {
  const page = await reis.vraagAan();
  zaak.nummer = (await page.getByRole('status').locator('strong').innerText()).trim();
  const tekst = await page.locator('main').innerText();
  assert.ok(tekst.includes('Wij halen gegevens op'), 'before the decision the page says we fetch data');
  assert.equal(await page.locator('dt:text-is("Voorschot")').count(), 1, 'before the decision the page offers a voorschot');
  await bekijkInwoner(page, 'aanvraag-verstuurd');
  zaak.gemeente = await gemeenteVanZaak(reis.browser, reis.srv.base, zaak.id, 'consulent');
});

test('02. the consulent proposes a toekenning from after the melding without a reason: refused, and the reason is asked for', async () => {
  vereist('id', 'gemeente');
  const page = await medewerker('consulent');
  await reis.wachtOpAdvies(page);
  const advies = await page.locator('#advies').innerText();
  const m = advies.match(/recht op (€ [\d.]+,\d{2}) per maand/);
  assert.ok(m, `the advice was computed: ${advies}`);
  zaak.advies = m[1];
  await klik(page, page.getByRole('button', { name: 'Oppakken' }));
  zaak.ontvangen = await veld(page, 'Ontvangen');
  zaak.ingang = eersteVanVolgendeMaand(zaak.ontvangen);
  await bekijkMedewerker(page, 'zaak-consulent-met-advies');

  const bedrag = await toekenningInvullen(page, { reden: '' });
  assert.equal(`€ ${bedrag.replace(/^€\s*/, '')}`, zaak.advies, 'the amount is prefilled with the advice');
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Voorstel ter controle aanbieden' }).click(),
  ]);
  assert.equal(res.status(), 400, 'a start after the melding without a reason is refused');
  const tekst = await page.locator('main').innerText();
  assert.match(tekst, /later in dan de melding/, `the message says why: ${tekst}`);
  assert.match(tekst, /Schrijf op waarom/, `the message asks for the reason: ${tekst}`);
  await assertAccessible(page, 'proposal refused (consulent)');
  await shot(page, 'voorstel-zonder-reden-geweigerd');
  zaak.bedrag = bedrag.replace(/^€\s*/, '');
});

test('02b. the refused proposal comes back on the zaak page, with the message at the field and everything typed kept', async () => {
  vereist('bedrag');
  const page = await medewerker('consulent');
  await toekenningInvullen(page, { reden: '' });
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Voorstel ter controle aanbieden' }).click(),
  ]);
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).count(), 1,
    'the werkplek menu is still there');
  await page.getByRole('heading', { level: 1, name: /^Zaak / }).waitFor();
  assert.equal(await page.locator('#ingangsdatum').inputValue(), zaak.ingang, 'the typed start date is kept');
  assert.equal((await page.locator('#bedrag').inputValue()).replace(/^€\s*/, ''), zaak.bedrag, 'the amount is kept');
  assert.ok(await page.locator('#soort-toekenning').isChecked(), 'the kind of decision stays chosen');
  assert.equal(await page.locator('#reden_latere_ingang').getAttribute('aria-invalid'), 'true', 'the field with the problem is marked');
  assert.ok(await page.locator('#reden_latere_ingang-fout').isVisible(), 'the message stands at the field');
  await page.locator('a[href="#reden_latere_ingang"]').click();
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'reden_latere_ingang',
    'the summary link leads to the field');
  await shot(page, 'voorstel-terug-met-invoer');
});

test('03. with the reason the proposal is made; the consulent cannot approve it themselves', async () => {
  vereist('bedrag');
  const page = await medewerker('consulent');
  await toekenningInvullen(page, { reden: 'U had tot het einde van de maand nog loon.' });
  await shot(page, 'voorstel-formulier-met-reden');
  await klik(page, page.getByRole('button', { name: 'Voorstel ter controle aanbieden' }));
  await page.getByRole('heading', { name: 'Voorstel ter controle (vier ogen)' }).waitFor();
  const voorstel = await page.locator('#voorstel').innerText();
  assert.match(voorstel, /Toekenning van bijstand/);
  assert.ok(voorstel.includes(zaak.bedrag), `the proposal has the amount ${zaak.bedrag}: ${voorstel}`);
  await page.getByText('Dit is uw eigen voorstel. Een collega moet het controleren.').waitFor();
  assert.equal(await page.getByLabel('Goedkeuren').count(), 0, 'no "Goedkeuren" for the proposer');
  assert.match(await veld(page, 'Status'), /^Toetsen/);
  // A hand-made approval from the proposer's own session is refused too.
  const geweigerd = await page.evaluate(async (url) => (await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'oordeel=goedkeuren&opmerking=',
    redirect: 'manual',
  })).status, `${werkplekZaak()}/beoordeling`);
  assert.ok(geweigerd >= 400 && geweigerd < 500, `the proposer's own approval is refused (HTTP ${geweigerd})`);
  await page.reload();
  assert.match(await veld(page, 'Status'), /^Toetsen/, 'the refused approval changed nothing');
  await bekijkMedewerker(page, 'eigen-voorstel-consulent');
  zaak.voorgesteld = true;
});

test('04. a kwaliteitsmedewerker finds the proposal in the werkvoorraad and approves it', async () => {
  vereist('voorgesteld');
  const page = await medewerker('kwaliteit');
  await reis.viaHoofdmenu(page, 'Werkvoorraad');
  const link = page.locator('table a', { hasText: zaak.nummer });
  assert.equal(await link.count(), 1, 'the proposal is in the kwaliteitsmedewerker\'s werkvoorraad');
  await bekijkMedewerker(page, 'werkvoorraad-kwaliteit');
  await klik(page, link);
  assert.match(await page.locator('#voorstel').innerText(), /Toekenning van bijstand[\s\S]*Bedrag per maand/);
  await bekijkMedewerker(page, 'zaak-kwaliteit-beoordelen');
  await keurGoed(page);
  assert.match(await page.locator('h3:text-is("Besluiten") + ul').innerText(), /toekenning: goedgekeurd/);
  await shot(page, 'goedgekeurd');
  zaak.goedgekeurd = true;
});

test('05. the resident reads "Ons besluit: U krijgt bijstand", the amount, the first payment and the letter; no voorschot, no "Wij halen gegevens op"', async () => {
  vereist('goedgekeurd');
  const { page, context } = reis.sessies.inwoner;
  const brief = page.getByRole('link', { name: 'Lees de brief met het besluit (PDF)' });
  await waitFor(async () => {
    await page.goto(portaalZaak());
    return (await brief.count()) > 0;
  }, { timeout: 30_000, message: 'the letter on the resident\'s zaak page' });
  const besluit = page.locator('section.gbi-uitkomst');
  assert.equal((await besluit.getByRole('heading', { level: 2 }).innerText()).trim(), 'Ons besluit: U krijgt bijstand');
  assert.equal(await veld(page, 'Bedrag'), `€ ${zaak.bedrag} per maand`);
  assert.match(await veld(page, 'Vanaf'), /^1 \w+ \d{4}$/, 'the start date in Dutch');
  assert.match(await veld(page, 'Eerste betaling'), /^Rond \d+ \w+ \d{4}\./, 'when the first payment comes');
  const tekst = await page.locator('main').innerText();
  assert.ok(!tekst.includes('Wij halen gegevens op'), `after the decision no "Wij halen gegevens op":\n${tekst}`);
  assert.equal(await page.locator('dt:text-is("Voorschot")').count(), 0, 'after the decision no voorschot is offered');
  assert.ok(!/voorschot/i.test(tekst), `no voorschot mentioned after the decision:\n${tekst}`);

  const href = await brief.getAttribute('href');
  const res = await context.request.get(new URL(href, reis.srv.base).toString());
  assert.equal(res.status(), 200);
  assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-', 'the letter is a PDF');
  await bekijkInwoner(page, 'zaak-besluit');
  zaak.gelezen = true;
});

test('06. the start page counts the new messages, the inbox marks them "Nieuw", and after reading them there are none', async () => {
  vereist('gelezen');
  const { page } = reis.sessies.inwoner;
  await page.goto(`${reis.srv.base}/portaal`);
  const berichtenZin = page.locator('h2:text-is("Berichten") + p');
  const voor = (await berichtenZin.innerText()).trim();
  assert.match(voor, /^U heeft (1 nieuw bericht|\d+ nieuwe berichten)\./, `the start page counts new messages: ${voor}`);
  await bekijkInwoner(page, 'startpagina-nieuwe-berichten');

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Berichten' }).click();
  await page.waitForURL(`${reis.srv.base}/portaal/berichten`);
  const artikelen = page.locator('article.gbi-bericht');
  const onderwerpen = await artikelen.locator('h2').allInnerTexts();
  assert.ok(onderwerpen.some((o) => /besluit|beschikking/i.test(o)), `a message about the decision: ${JSON.stringify(onderwerpen)}`);
  const nieuw = await artikelen.filter({ has: page.locator('strong', { hasText: 'Nieuw' }) }).count();
  assert.ok(nieuw >= 1, 'the new messages are marked "Nieuw"');
  const aantal = Number(voor.match(/(\d+)/)[1]);
  assert.equal(nieuw, aantal, `as many marked "Nieuw" as the start page counted (${voor})`);
  await bekijkInwoner(page, 'berichten');

  await page.goto(`${reis.srv.base}/portaal`);
  assert.equal((await berichtenZin.innerText()).trim().replace(/\s+Lees uw berichten\.$/, ''), 'U heeft geen nieuwe berichten.');
  await page.goto(`${reis.srv.base}/portaal/berichten`);
  assert.equal(await page.locator('article.gbi-bericht strong', { hasText: 'Nieuw' }).count(), 0, 'read messages are no longer marked');
  await page.goto(`${reis.srv.base}/portaal`);
  await bekijkInwoner(page, 'startpagina-geen-nieuwe-berichten');
});
