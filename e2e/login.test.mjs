// Logging in for real, in a browser, against the local OpenID Connect
// provider (e2e/oidc/provider.mjs): a resident with DigiD (level
// substantieel), a too-low level refused, a gemachtigde with DigiD Machtigen
// who applies for a resident (the zaak then shows who did), a bewindvoerder
// with eHerkenning, and a caseworker through the gemeente's sign-on with the
// role from the groups claim. axe on each page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT, freshDatabase, startServer, launchBrowser, newPage, demoResidents, assertAccessible, screenshots,
  openAanvraag, fillUntil, answers, submitAanvraag, assertPastOpScherm,
} from './support.mjs';

let op; let issuer; let db; let srv; let browser; let haarlemmer;
const shot = screenshots('login');

function vrijePoort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

before(async () => {
  op = spawn(process.execPath, [path.join(ROOT, 'e2e/oidc/provider.mjs'), '--port', '0'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'],
  });
  issuer = await new Promise((resolve, reject) => {
    let out = '';
    op.stdout.setEncoding('utf8');
    op.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/OIDC provider ready at (\S+)/);
      if (m) resolve(m[1]);
    });
    op.once('exit', (code) => reject(new Error(`the OIDC provider stopped (${code})`)));
  });
  const port = await vrijePoort();
  const base = `http://127.0.0.1:${port}`;
  db = freshDatabase();
  const config = path.join(db.dataDir, 'gbi.toml');
  writeFileSync(config, `
[oidc_portaal."0392"]
issuer = "${issuer}"
client_id = "gbi-portaal"
client_secret = "test-secret-portaal"
redirect_uri = "${base}/portaal/oidc/callback"
post_logout_redirect_uri = "${base}/portaal"

[oidc_portaal."0392".machtigen]
[oidc_portaal."0392".eherkenning]

[oidc_werkplek."0392"]
issuer = "${issuer}"
client_id = "gbi-werkplek"
client_secret = "test-secret-werkplek"
redirect_uri = "${base}/werkplek/oidc/callback"

[oidc_werkplek."0392".rollen]
inkomensconsulent = "gbi-0392-inkomensconsulent"
kwaliteitsmedewerker = "gbi-0392-kwaliteitsmedewerker"
`);
  srv = await startServer(db, { port, config });
  assert.equal(srv.base, base);
  haarlemmer = (await demoResidents(srv.base)).find((r) => r.gemeente === 'Haarlem');
  assert.ok(haarlemmer, 'a demo resident of Haarlem');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
  db?.dispose();
  op?.kill('SIGTERM');
});

async function naarDigid(page) {
  await page.goto(`${srv.base}/portaal/inloggen`);
  await page.getByRole('link', { name: /Inloggen met DigiD/ }).first().click();
  await page.locator('#digid-bsn').waitFor();
}

test('a resident logs in with DigiD at level substantieel and lands in Mijn inkomen', async () => {
  const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await naarDigid(page);
  await page.fill('#digid-bsn', haarlemmer.bsn);
  await page.selectOption('#digid-niveau', 'substantieel');
  await Promise.all([
    page.waitForURL(`${srv.base}/portaal`),
    page.click('#digid-inloggen'),
  ]);
  await page.getByRole('link', { name: 'Mijn aanvragen' }).waitFor();
  await assertAccessible(page, 'portaal after DigiD');
  await shot(page, 'portaal-na-digid');
  // Logging out ends the session here and at the provider.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL((u) => u.href.startsWith(issuer));
  const na = await page.request.get(`${srv.base}/portaal/zaken`, { maxRedirects: 0 });
  assert.equal(na.status(), 303, 'the GBI session has ended');
  await page.context().close();
});

test('DigiD at level midden is refused with what to do', async () => {
  const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await naarDigid(page);
  await page.fill('#digid-bsn', haarlemmer.bsn);
  await page.selectOption('#digid-niveau', 'midden');
  await page.click('#digid-inloggen');
  await page.getByText('niveau substantieel nodig').waitFor();
  await assertAccessible(page, 'DigiD level too low');
  await shot(page, 'digid-niveau-te-laag');
  await page.context().close();
});

const GEMACHTIGDE = '999990019';

test('a gemachtigde logs in with DigiD Machtigen, applies for the resident, and the zaak shows who acted', async () => {
  const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${srv.base}/portaal/inloggen`);
  await page.getByRole('link', { name: 'Inloggen met DigiD Machtigen' }).click();
  await page.fill('#machtigen-bsn', haarlemmer.bsn);
  await page.fill('#machtigen-gemachtigde_bsn', GEMACHTIGDE);
  await page.selectOption('#machtigen-niveau', 'substantieel');
  await Promise.all([
    page.waitForURL(`${srv.base}/portaal`),
    page.click('#machtigen-inloggen'),
  ]);
  await page.getByText(`U regelt dit namens de inwoner met BSN ${haarlemmer.bsn}.`).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Iemand anders helpen' }).count(), 0,
    'only the resident chooses who helps');
  await assertAccessible(page, 'portaal as gemachtigde');
  await assertPastOpScherm(page, 'portaal as gemachtigde');
  await shot(page, 'portaal-als-gemachtigde');

  await openAanvraag(page, srv.base);
  await fillUntil(page, answers());
  const zaakId = await submitAanvraag(page);
  await page.getByText('Aangevraagd door').waitFor();
  await page.getByText(`Gemachtigde met BSN ${GEMACHTIGDE} (DigiD Machtigen)`).waitFor();
  await assertAccessible(page, 'zaak applied for by a gemachtigde');
  await assertPastOpScherm(page, 'zaak applied for by a gemachtigde');
  await shot(page, 'zaak-door-gemachtigde');
  await page.context().close();

  // The caseworker sees on the zaak who applied, and how.
  const staff = await newPage(browser);
  await staff.page.goto(`${srv.base}/inloggen`);
  await staff.page.getByRole('link', { name: /Inloggen met uw account van/ }).click();
  await staff.page.fill('#medewerker-gebruikersnaam', 'kees.consulent');
  await staff.page.fill('#medewerker-groepen', 'gbi-0392-inkomensconsulent');
  await Promise.all([
    staff.page.waitForURL(`${srv.base}/werkplek`),
    staff.page.click('#medewerker-inloggen'),
  ]);
  await staff.page.goto(`${srv.base}/werkplek/zaken/${zaakId}`);
  await staff.page.getByText(`gemachtigde: Gemachtigde met BSN ${GEMACHTIGDE} (DigiD Machtigen)`).waitFor();
  await shot(staff.page, 'werkplek-zaak-gemachtigde');
  await staff.page.context().close();
});

test('a bewindvoerder logs in with eHerkenning for a resident; EH2+ is refused', async () => {
  const { page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${srv.base}/portaal/inloggen`);
  await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await page.fill('#eherkenning-kvk', '68750110');
  await page.fill('#eherkenning-bewind_bsn', haarlemmer.bsn);
  await page.selectOption('#eherkenning-niveau', 'loa2plus');
  await page.click('#eherkenning-inloggen');
  await page.getByText('niveau EH3 of hoger nodig').waitFor();
  await assertAccessible(page, 'eHerkenning level too low');

  await page.goto(`${srv.base}/portaal/inloggen`);
  await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await page.fill('#eherkenning-kvk', '68750110');
  await page.fill('#eherkenning-bewind_bsn', haarlemmer.bsn);
  await page.selectOption('#eherkenning-niveau', 'loa3');
  await Promise.all([
    page.waitForURL(`${srv.base}/portaal`),
    page.click('#eherkenning-inloggen'),
  ]);
  await page.getByText('voor de organisatie met KvK-nummer 68750110').waitFor();
  await assertAccessible(page, 'portaal as bewindvoerder');
  await shot(page, 'portaal-als-bewindvoerder');
  await page.context().close();
});

test('a caseworker signs on with the gemeente account and gets the role of the group', async () => {
  const { page } = await newPage(browser);
  await page.goto(`${srv.base}/inloggen`);
  await page.getByRole('link', { name: /Inloggen met uw account van/ }).click();
  await page.fill('#medewerker-gebruikersnaam', 'kees.consulent');
  await page.fill('#medewerker-groepen', 'gbi-0392-inkomensconsulent');
  await Promise.all([
    page.waitForURL(`${srv.base}/werkplek`),
    page.click('#medewerker-inloggen'),
  ]);
  await page.getByText('Uw rollen: Inkomensconsulent.').waitFor();
  await assertAccessible(page, 'werkplek after sign-on');
  await shot(page, 'werkplek-na-sso');
  await page.context().close();
});
