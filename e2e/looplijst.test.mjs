// Issue 8, acceptance: an outreach worker opens the list for a
// neighbourhood, exports it, and records outcomes; the funnel updates.
//
// A teamleider starts a looplijst from the werkplek against the demo
// testbed (20,000 residents) and waits for it; a buurtteam member opens the
// run on a phone, opens a wijk, downloads the CSV, records "Aanvraag gedaan"
// for an address and sees the funnel count it. Also the public criteria
// page and a resident opting out in the portal. axe on every new page.
//
// The steps share one run and run in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  freshDatabase, startServer, launchBrowser, newPage, PHONE, demoResidents, residentLogin,
  staffLogin, waitFor, assertAccessible, klik, PHONE_390, screenshots, clickKnop,
} from './support.mjs';

let db, srv, browser, runUrl;
before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

/** The figure of a funnel row (`Aanvraag gedaan`, …) in the table of a regeling. */
async function inTrechter(page, regeling, label) {
  const cel = page.locator(`#trechter-tabel-${regeling} tr`, { has: page.locator(`th:text-is("${label}")`) })
    .locator('td[data-aantal]');
  return Number(await cel.getAttribute('data-aantal'));
}

test('the public criteria page lists the questions, and is accessible', async () => {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(`${srv.base}/`);
    await klik(page, page.locator('main a', { hasText: 'Lees welke vragen wij daarvoor stellen' }));
    assert.equal(new URL(page.url()).pathname, '/looplijst/criteria');
    const main = await page.locator('main').innerText();
    for (const naam of ['Algemene bijstand', 'Bijzondere bijstand']) {
      assert.ok(main.includes(naam), `criteria page names ${naam}`);
    }
    assert.ok(main.includes('ja of nee'));
    assert.ok(await page.locator('main ol li').count() >= 8, 'every criterion is listed');
    await assertAccessible(page, 'looplijst/criteria');
  } finally {
    await context.close();
  }
});

test('a resident opts out in the portal and back in', async () => {
  const residents = await demoResidents(srv.base);
  const resident = residents.find((r) => r.gemeente === 'Haarlem') ?? residents[0];
  const { context, page } = await newPage(browser, PHONE);
  try {
    await residentLogin(page, srv.base, resident.bsn);
    await klik(page, page.locator('main a', { hasText: 'Lees hoe dat werkt, of meld u af' }));
    assert.equal(new URL(page.url()).pathname, '/portaal/looplijst');
    await assertAccessible(page, 'portaal/looplijst');
    await klik(page, page.getByRole('button', { name: 'Afmelden voor de looplijst' }));
    await page.locator('[role="status"]', { hasText: 'U bent afgemeld' }).waitFor();
    await assertAccessible(page, 'portaal/looplijst (afgemeld)');
    await klik(page, page.getByRole('button', { name: 'Toch weer aanmelden' }));
    await page.locator('[role="status"]', { hasText: 'U bent weer aangemeld' }).waitFor();
  } finally {
    await context.close();
  }
});

test('a teamleider starts a looplijst and it finishes', async () => {
  const { context, page } = await newPage(browser);
  try {
    await staffLogin(page, srv.base, 'haarlem.teamleider');
    await klik(page, page.locator('nav a', { hasText: 'Looplijst' }));
    assert.equal(new URL(page.url()).pathname, '/werkplek/looplijst');
    await assertAccessible(page, 'werkplek/looplijst');
    // Only IIT: uncheck the others.
    await page.uncheck('#regeling-bijstand');
    await page.uncheck('#regeling-bijzondere_bijstand');
    await klik(page, page.getByRole('button', { name: 'Looplijst maken' }));
    assert.equal(new URL(page.url()).pathname, '/werkplek/looplijst/run');
    runUrl = page.url();
    // The page refreshes itself until the run is done.
    await waitFor(async () => {
      const status = await page.locator('#run-status').innerText();
      assert.notEqual(status, 'Mislukt', await page.locator('main').innerText());
      return status === 'Klaar';
    }, { timeout: 180_000, message: 'the looplijst to finish' });
    assert.ok(await page.locator('svg.gbi-trechter[role="img"]').count() === 1, 'one funnel (IIT)');
    assert.ok(await inTrechter(page, 'iit', 'Op de lijst') > 0, 'the list has addresses');
    await assertAccessible(page, 'werkplek/looplijst/run');
  } finally {
    await context.close();
  }
});

test('a buurtteam member opens a wijk, exports it, records a visit; the funnel updates', async () => {
  assert.ok(runUrl, 'an earlier step failed');
  const { context, page } = await newPage(browser, { ...PHONE, acceptDownloads: true });
  try {
    await staffLogin(page, srv.base, 'haarlem.buurtteam');
    await page.goto(runUrl);
    const voor = await inTrechter(page, 'iit', 'Aanvraag gedaan');
    const wijkLink = page.locator('main a', { hasText: /^Wijk \d{4}$/ }).first();
    const wijk = (await wijkLink.innerText()).replace('Wijk ', '');
    await klik(page, wijkLink);
    assert.equal(new URL(page.url()).pathname, '/werkplek/looplijst/wijk');
    assert.equal(page.viewportSize().width, 375);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the list is ${overflow}px wider than the phone screen`);
    await assertAccessible(page, 'werkplek/looplijst/wijk');

    // Export as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('main a', { hasText: 'Exporteer als CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `looplijst-iit-${wijk}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
    assert.equal(lines[0], 'straat;huisnummer;huisletter;postcode;woonplaats;namen;uitkomst;bezoek');
    assert.ok(lines.length >= 2, `the CSV has at least one address:\n${csv}`);
    assert.match(lines[1], new RegExp(`;${wijk}[A-Z]{2};`), `the first row is in wijk ${wijk}: ${lines[1]}`);

    // Record "Aanvraag gedaan" for the first address.
    const eerste = page.locator('li.gbi-adres').first();
    await eerste.locator('select[name="uitkomst"]').selectOption({ label: 'Aanvraag gedaan' });
    await eerste.locator('input[name="toelichting"]').fill('Samen de IIT aangevraagd');
    await klik(page, eerste.getByRole('button', { name: 'Bezoek vastleggen' }));
    await page.locator('[role="status"]', { hasText: 'Het bezoek is vastgelegd' }).waitFor();
    assert.ok((await page.locator('main').innerText()).includes('Samen de IIT aangevraagd'));

    // Back to the run: the funnel counts the application.
    await klik(page, page.locator('main a', { hasText: 'Terug naar de looplijst' }));
    assert.equal(await inTrechter(page, 'iit', 'Aanvraag gedaan'), voor + 1);
    assert.ok(await inTrechter(page, 'iit', 'Bezocht') >= 1);
    const desc = await page.locator('svg.gbi-trechter desc').first().textContent();
    assert.ok(desc.includes(`Aanvraag gedaan: ${voor + 1}`), `the chart says it too: ${desc}`);
    await assertAccessible(page, 'werkplek/looplijst/run (phone)');
  } finally {
    await context.close();
  }
});

/** The BSNs the simulated BRP has at an address `Kerkstraat 12a` in `gemeente`. */
async function bewonersVan(testbed, gemeente, adresregel, postcode) {
  const res = await fetch(`${testbed}/looplijst/v1/brp/ingezetenen?gemeente=${gemeente}`);
  assert.equal(res.status, 200);
  const alle = (await res.text()).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return alle
    .filter((p) => `${p.straat} ${p.huisnummer}${p.huisletter ?? ''}` === adresregel && p.postcode === postcode)
    .map((p) => p.bsn);
}

test('a buurtteam fills in the IIT with a resident it visits, on a phone', async () => {
  assert.ok(runUrl, 'an earlier step failed');
  const shot = screenshots('looplijst-aanvraag');
  const { context, page } = await newPage(browser, PHONE_390);
  try {
    await staffLogin(page, srv.base, 'haarlem.buurtteam');
    await page.goto(runUrl);
    await klik(page, page.locator('main a', { hasText: /^Wijk \d{4}$/ }).first());
    const adres = page.locator('li.gbi-adres').last();
    const adresregel = (await adres.locator('h2').innerText()).trim();
    const plaats = await adres.locator('dd').first().innerText();
    const postcode = plaats.trim().split(' ')[0];
    const bewoners = await bewonersVan(srv.testbed, '0392', adresregel, postcode);
    assert.ok(bewoners.length >= 1, `the BRP has residents at ${adresregel}`);

    // Wrong input: empty, not a BSN, someone who lives elsewhere, no consent.
    for (const [bsn, toestemming, fout] of [
      ['', true, 'BSN:'],
      ['12345678', true, 'BSN:'],
      ['999993653', true, 'staat niet op dit adres'],
      [bewoners[0], false, 'Toestemming:'],
    ]) {
      const hier = page.locator('li.gbi-adres', { hasText: adresregel });
      if (!(await hier.locator('details').getAttribute('open') !== null)) await hier.locator('summary').click();
      await hier.locator('input[name="bsn"]').fill(bsn);
      if (toestemming) await hier.locator('input[name="toestemming"]').check();
      // The form answers 400 with the list and the mistake.
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        hier.getByRole('button', { name: 'Aanvraag invullen met de bewoner' }).click(),
      ]);
      const alert = await page.locator('[role="alert"]').innerText();
      assert.ok(alert.includes(fout), `${bsn || '(leeg)'}: ${alert}`);
      const veld = toestemming ? 'bsn' : 'toestemming';
      assert.equal(await page.locator('li.gbi-adres', { hasText: adresregel }).locator(`input[name="${veld}"]`).getAttribute('aria-invalid'), 'true');
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the list is ${overflow}px wider than the phone screen`);
    // The list is long: the address itself is photographed.
    const alleenAdres = (a) => ({ screenshot: ({ path }) => page.locator('li.gbi-adres', { hasText: a }).screenshot({ path }) });
    await shot(alleenAdres(adresregel), 'fout bsn of toestemming');
    await assertAccessible(page, 'werkplek/looplijst/wijk (fout)');

    // The resident shows their ID and agrees: the IIT's own form.
    const hier = page.locator('li.gbi-adres', { hasText: adresregel });
    if (await hier.locator('details').getAttribute('open') === null) await hier.locator('summary').click();
    await hier.locator('input[name="bsn"]').fill(bewoners[0]);
    await hier.locator('input[name="toestemming"]').check();
    await klik(page, hier.getByRole('button', { name: 'Aanvraag invullen met de bewoner' }));
    assert.match(new URL(page.url()).pathname, /^\/werkplek\/aanvragen\/[^/]+\/situatie$/);
    await shot(page, 'iit situatie');
    await assertAccessible(page, 'werkplek/aanvragen (huisbezoek)');
    await page.locator('[name="inspanningen"]').fill('Ik solliciteer elke maand en doe vrijwilligerswerk.');
    await clickKnop(page, 'verder');
    await page.locator('#iban').fill('NL91 ABNA 0417 1643 01');
    await page.locator('#email').fill('bewoner@example.nl');
    await clickKnop(page, 'verder');
    assert.ok((await page.locator('main').innerText()).includes('IBAN'), 'a wrong IBAN is named');
    await shot(page, 'iban fout');
    await page.locator('#iban').fill('NL91 ABNA 0417 1643 00');
    await clickKnop(page, 'verder');
    await page.locator('input[name="verklaring"]').check();
    await shot(page, 'controleren en versturen');
    await clickKnop(page, 'verder');

    // Back on the list: sent, and the visit recorded.
    assert.equal(new URL(page.url()).pathname, '/werkplek/looplijst/wijk');
    await page.locator('[role="status"]', { hasText: 'De aanvraag is verstuurd' }).waitFor();
    assert.equal(await page.locator('li.gbi-adres', { hasText: adresregel }).locator('[data-bezoek]').getAttribute('data-bezoek'), 'aanvraag_gedaan');
    await shot(alleenAdres(adresregel), 'verstuurd');
    await assertAccessible(page, 'werkplek/looplijst/wijk (verstuurd)');
  } finally {
    await context.close();
  }
});
