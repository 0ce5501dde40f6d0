// Journey 1, from the resident's side: on a 390 px phone, a resident starts
// at the home page, logs in with the demo login and applies for bijstand.
// On the way they type amounts and dates the way people do (450.00, € 450,
// 1.234,56, an ISO date and a Dutch one), make the mistakes people make (an
// amount of 99999999999, 450.5, an empty required question) and read the
// messages; they stop halfway ("Opslaan en later verder"), log out, come
// back with "Verder met mijn aanvraag" at the step they were on, and send
// the application. Every step: a full-page screenshot
// (e2e/screenshots/aanvragen/) and axe on the phone and at desktop size.
//
// The steps share one browser session and run in order; a step whose
// predecessor failed fails with "an earlier step failed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepOf, clickKnop } from '../support.mjs';
import { startReis } from './reis.mjs';

// The resident's phone is reis.sessies.inwoner, opened before the steps.
const reis = startReis('aanvragen', { telefoon: true });
const { staat, vereist, bekijkInwoner: bekijk } = reis;

// Dates near today, so the form accepts them whenever the suite runs: the
// first of this month, typed as ISO and as people in the Netherlands do.
const [JAAR, MAAND] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
  .format(new Date()).split('-').map(Number);
const DATUM_ISO = `${JAAR}-${String(MAAND).padStart(2, '0')}-01`; // 2026-07-01
const DATUM_NL = `1-${MAAND}-${JAAR}`; // 1-7-2026

/** The error summary at the top of a form step: its items, as read. */
async function foutsamenvatting(page) {
  const alert = page.locator('.utrecht-alert--error[role="alert"]');
  assert.equal(await alert.count(), 1, `an error summary is shown:\n${(await page.locator('main').innerText()).slice(0, 1200)}`);
  return (await alert.locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The message next to one field of the form (or null). */
async function foutBij(page, naam) {
  const m = page.locator(`#fout-${naam}`);
  return (await m.count()) ? (await m.innerText()).trim() : null;
}

/** The answer in the overview on the last step, by its question. */
async function inOverzicht(page, vraag) {
  return (await page.locator(`dt:text-is("${vraag}") + dd`).first().innerText()).trim();
}

test('01. the home page leads a resident to Mijn inkomen, which asks them to log in', async () => {
  const { page } = reis.sessies.inwoner;
  await page.goto(`${reis.srv.base}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await bekijk(page, 'home');
  await Promise.all([
    page.waitForURL(/\/portaal\/inloggen/),
    page.getByRole('link', { name: 'Naar Mijn inkomen' }).click(),
  ]);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Inloggen bij Mijn inkomen/);
  await bekijk(page, 'inloggen');
  staat.inlogpagina = true;
});

test('02. the resident logs in with the demo login and sees the start page', async () => {
  vereist('inlogpagina');
  const { page } = reis.sessies.inwoner;
  await page.getByLabel(`${reis.resident.naam} (${reis.resident.gemeente})`, { exact: true }).check();
  await Promise.all([
    page.waitForURL(`${reis.srv.base}/portaal`),
    page.getByRole('button', { name: 'Inloggen als testpersoon' }).click(),
  ]);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes(`Welkom, ${reis.resident.naam}.`), `the start page greets the resident: ${main.slice(0, 400)}`);
  assert.ok(main.includes('U heeft nog geen aanvragen.'), main);
  await bekijk(page, 'startpagina');
  staat.ingelogd = true;
});

test('03. "Bijstand aanvragen" opens step 1; sending it empty names each question in the error summary', async () => {
  vereist('ingelogd');
  const { page } = reis.sessies.inwoner;
  await Promise.all([
    page.waitForURL(/\/portaal\/aanvraag\/[^/]+\/situatie$/),
    page.getByRole('link', { name: 'Bijstand aanvragen', exact: true }).click(),
  ]);
  staat.conceptId = stepOf(page).conceptId;
  assert.ok((await page.locator('main').innerText()).includes('Stap 1 van 6'));
  const brp = page.locator('section[aria-labelledby="brp-titel"]');
  await brp.waitFor();
  assert.ok((await brp.innerText()).includes(reis.resident.naam), 'what BRP knows is shown, with the name');
  await bekijk(page, 'stap-1-situatie');

  // Nothing filled in: the summary names the question, not a field code.
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'situatie', 'an empty step is not accepted');
  const fouten = await foutsamenvatting(page);
  assert.ok(fouten.includes('Waarom vraagt u bijstand aan? Kies een antwoord.'), JSON.stringify(fouten));
  assert.ok(fouten.includes('Vanaf welke datum heeft u geld nodig? Vul dit in.'), JSON.stringify(fouten));
  assert.equal(fouten.length, 2, `only the required questions: ${JSON.stringify(fouten)}`);
  assert.equal(await foutBij(page, 'ingangsdatum'), 'Vul dit in.');
  assert.equal(await page.locator('#ingangsdatum').getAttribute('aria-invalid'), 'true');
  // The summary links to the question.
  assert.equal(await page.locator('.utrecht-alert--error a', { hasText: 'Vanaf welke datum' }).getAttribute('href'), '#veld-ingangsdatum');
  await bekijk(page, 'stap-1-leeg-verstuurd');
  staat.leeg = true;
});

test(`04. dates: "31-2-${JAAR}" is refused; "${DATUM_ISO}" is accepted and shown back as "${DATUM_NL}"; "${DATUM_NL}" is accepted too`, async () => {
  vereist('leeg');
  const { page } = reis.sessies.inwoner;
  await page.check('#reden-baan_kwijt');
  await page.fill('#toelichting', 'Mijn contract is niet verlengd.');

  // A date that does not exist.
  await page.fill('#ingangsdatum', `31-2-${JAAR}`);
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'situatie');
  const fouten = await foutsamenvatting(page);
  assert.ok(fouten.some((f) => f.startsWith('Vanaf welke datum heeft u geld nodig? Deze datum bestaat niet.')), JSON.stringify(fouten));
  assert.equal(await page.inputValue('#ingangsdatum'), `31-2-${JAAR}`, 'what was typed stays in the field');
  assert.ok(await page.isChecked('#reden-baan_kwijt'), 'the other answers stay');
  await bekijk(page, 'datum-bestaat-niet');

  // ISO, as a date picker or a copy from a letter writes it.
  await page.fill('#ingangsdatum', DATUM_ISO);
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'werk', `${DATUM_ISO} is accepted`);
  await clickKnop(page, 'vorige');
  assert.equal(stepOf(page).stap, 'situatie');
  assert.equal(await page.inputValue('#ingangsdatum'), DATUM_NL, 'the date is shown back the Dutch way');

  // The Dutch way.
  await page.fill('#ingangsdatum', DATUM_NL);
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'werk', `${DATUM_NL} is accepted`);
  staat.datum = true;
});

test('05. amounts: "450.00" for the expected income is accepted (read as € 450,00)', async () => {
  vereist('datum');
  const { page } = reis.sessies.inwoner;
  assert.ok((await page.locator('main').innerText()).includes('Stap 2 van 6'));
  await page.check('#heeft_werk-ja');
  await page.fill('#verwacht_inkomen', '450.00');
  await page.check('#partner_werk-geen_partner');
  await page.check('#ander_inkomen-nee');
  await bekijk(page, 'stap-2-werk');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'vermogen', `450.00 is accepted: ${(await page.locator('main').innerText()).slice(0, 600)}`);
  staat.werk = true;
});

test('06. amounts: 99999999999 and 450.5 are refused and an empty amount is missed, each message naming its question', async () => {
  vereist('werk');
  const { page } = reis.sessies.inwoner;
  assert.ok((await page.locator('main').innerText()).includes('Stap 3 van 6'));
  await page.fill('#spaargeld', '99999999999');
  await page.fill('#contant_geld', '450.5');
  await page.fill('#schulden', '');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'vermogen', 'the step is not accepted');
  const fouten = await foutsamenvatting(page);
  const over = (vraag) => fouten.find((f) => f.startsWith(vraag));
  assert.match(over('Hoeveel geld staat er nu op al uw bankrekeningen samen?') ?? '', /te hoog/,
    `99999999999 is refused as too high, naming the question: ${JSON.stringify(fouten)}`);
  assert.match(over('Hoeveel contant geld heeft u?') ?? '', /Bedoelt u 450,50\? Schrijf een bedrag met een komma/,
    `450.5 is refused with what was meant, naming the question: ${JSON.stringify(fouten)}`);
  assert.equal(over('Hoeveel schulden heeft u in totaal?'), 'Hoeveel schulden heeft u in totaal? Vul dit in.',
    `the empty question is named: ${JSON.stringify(fouten)}`);
  for (const naam of ['spaargeld', 'contant_geld', 'schulden']) {
    assert.ok(await foutBij(page, naam), `a message next to ${naam}`);
    assert.equal(await page.locator(`#${naam}`).getAttribute('aria-invalid'), 'true', `${naam} is marked invalid`);
  }
  assert.equal(await page.inputValue('#spaargeld'), '99999999999', 'what was typed stays in the field');
  assert.equal(await page.inputValue('#contant_geld'), '450.5');
  await bekijk(page, 'stap-3-bedragen-fout');
  staat.bedragFout = true;
});

test('07. amounts: "1.234,56", "€ 450" and "0" are accepted', async () => {
  vereist('bedragFout');
  const { page } = reis.sessies.inwoner;
  await page.fill('#spaargeld', '1.234,56');
  await page.fill('#contant_geld', '€ 450');
  await page.fill('#schulden', '0');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'wonen', `the amounts are accepted: ${(await page.locator('main').innerText()).slice(0, 600)}`);
  staat.vermogen = true;
});

test('08. halfway, "Opslaan en later verder" keeps the answers; after logging out and in, "Verder met mijn aanvraag" goes back to that step, not to step 1', async () => {
  vereist('vermogen');
  const { page } = reis.sessies.inwoner;
  assert.ok((await page.locator('main').innerText()).includes('Stap 4 van 6'));
  await page.check('#woonsituatie-huur');
  await page.fill('#woonkosten', '725,00');
  await bekijk(page, 'stap-4-wonen');
  await Promise.all([
    page.waitForURL(/\/portaal\?bewaard=1$/),
    page.getByRole('button', { name: 'Opslaan en later verder' }).click(),
  ]);
  await page.getByRole('status').filter({ hasText: 'Uw aanvraag is bewaard. U kunt later verder gaan.' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Verder met mijn aanvraag' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Bijstand aanvragen', exact: true }).count(), 0, 'no second, new application');
  await bekijk(page, 'later-verder-bewaard');

  // Log out and in again, as someone who comes back the next day.
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Uitloggen' }).click(),
  ]);
  await page.goto(`${reis.srv.base}/portaal/inloggen`);
  await page.getByLabel(`${reis.resident.naam} (${reis.resident.gemeente})`, { exact: true }).check();
  await Promise.all([
    page.waitForURL(`${reis.srv.base}/portaal`),
    page.getByRole('button', { name: 'Inloggen als testpersoon' }).click(),
  ]);
  assert.ok((await page.locator('main').innerText()).includes('U bent al begonnen met een aanvraag.'));
  await Promise.all([
    page.waitForURL(/\/portaal\/aanvraag\/[^/]+\/[a-z]+$/),
    page.getByRole('link', { name: 'Verder met mijn aanvraag' }).click(),
  ]);
  const s = stepOf(page);
  assert.equal(s.conceptId, staat.conceptId, 'the same draft');
  assert.equal(s.stap, 'wonen', `resumes at the step the resident was on (Wonen), not at ${s.stap}`);
  assert.ok((await page.locator('main').innerText()).includes('Stap 4 van 6'));
  assert.ok(await page.isChecked('#woonsituatie-huur'), 'the saved choice is still there');
  assert.equal(await page.inputValue('#woonkosten'), '725,00', 'the saved amount is still there');
  await bekijk(page, 'verder-met-mijn-aanvraag');
  staat.hervat = true;
});

test('09. the resident fills in the last questions (leaving once in between) and checks the overview: the amounts and the date read the Dutch way', async () => {
  vereist('hervat');
  const { page } = reis.sessies.inwoner;
  await page.check('#commerciele_huurder-nee');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'bank');
  // Leaving without "later" (the phone's home button, a closed tab): the
  // start page still resumes where the resident was going, at step 5.
  await page.goto(`${reis.srv.base}/portaal`);
  await Promise.all([
    page.waitForURL(/\/portaal\/aanvraag\/[^/]+\/[a-z]+$/),
    page.getByRole('link', { name: 'Verder met mijn aanvraag' }).click(),
  ]);
  assert.equal(stepOf(page).stap, 'bank', 'resumes at the step after the last one saved');
  await page.fill('#iban', 'NL91 ABNA 0417 1643 00');
  await page.fill('#email', 'journey-aanvragen@example.nl');
  await page.fill('#telefoon', '06 12345678');
  await bekijk(page, 'stap-5-bank');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'verklaring');
  assert.ok((await page.locator('main').innerText()).includes('Stap 6 van 6'));

  const verwacht = {
    'Vanaf welke datum heeft u geld nodig?': DATUM_NL,
    'Hoeveel verdient u ongeveer per maand, na belasting?': '€ 450,00',
    'Hoeveel geld staat er nu op al uw bankrekeningen samen?': '€ 1.234,56',
    'Hoeveel contant geld heeft u?': '€ 450,00',
    'Hoeveel schulden heeft u in totaal?': '€ 0,00',
    'Hoeveel huur betaalt u per maand?': '€ 725,00',
  };
  const gezien = {};
  for (const vraag of Object.keys(verwacht)) gezien[vraag] = await inOverzicht(page, vraag);
  assert.deepEqual(gezien, verwacht, 'the overview reads every amount as euros and the date as day-month-year');
  await bekijk(page, 'stap-6-overzicht');
  staat.overzicht = true;
});

test('10. sending without the declaration names it; with it, the resident sees the zaak page with the zaak number', async () => {
  vereist('overzicht');
  const { page } = reis.sessies.inwoner;
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page)?.stap, 'verklaring', 'not sent without the declaration');
  const fouten = await foutsamenvatting(page);
  assert.ok(fouten.includes('Ik heb alles naar waarheid ingevuld Zet een vinkje als alles klopt.'), JSON.stringify(fouten));
  await bekijk(page, 'verklaring-vergeten');

  await page.check('#verklaring');
  await Promise.all([
    page.waitForURL(/\/portaal\/zaken\/[^/?]+\?nieuw=1/),
    page.getByRole('button', { name: 'Aanvraag versturen' }).click(),
  ]);
  const bevestiging = page.getByRole('status').filter({ hasText: 'Wij hebben uw aanvraag ontvangen' });
  await bevestiging.waitFor();
  const nummer = (await bevestiging.locator('strong').innerText()).trim();
  assert.ok(nummer, 'the confirmation shows the zaak number');
  assert.ok((await page.getByRole('heading', { level: 1 }).innerText()).includes(nummer), 'the page title has the number');
  assert.ok((await page.locator('main').innerText()).includes('Status'));
  await bekijk(page, 'zaakpagina-nieuw');

  // Mijn aanvragen lists it.
  await page.getByRole('link', { name: 'Mijn aanvragen' }).click();
  await page.waitForURL(`${reis.srv.base}/portaal/zaken`);
  assert.ok((await page.locator('main').innerText()).includes(nummer), 'Mijn aanvragen lists the zaak');
  await bekijk(page, 'mijn-aanvragen');
});
