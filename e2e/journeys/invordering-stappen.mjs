// Steps the journeys of terug- en invordering share (invordering.test.mjs,
// aflossing.test.mjs): the month codes, a refused form, amounts, the
// betaalrun, and the start: the demo's long-term client is paid this month
// and a consulent records income of that month late, so the ledger finds
// an overpayment.
import assert from 'node:assert/strict';
import {
  residentLogin, newPage, PHONE_390, klik, gemeenteVanZaak, demoResidents, waitFor,
} from '../support.mjs';

export const maandCode = (plus = 0) => {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** Submit with `locator` and expect the form back with a message (HTTP 400). */
export async function geweigerd(page, locator) {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ]);
  assert.equal(res?.status(), 400, `${locator} was not refused`);
}
export const euro = (s) => Math.round(Number(s.replace(/[€\s.]/g, '').replace(',', '.')) * 100);
export const geld = (c) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;

/** The betaalrun of `maand`: computed by the teamleider, approved by beheer. */
export async function betaalrun(reis, maand) {
  const base = reis.srv.base;
  const tl = await reis.medewerker('teamleider');
  await tl.goto(`${base}/werkplek/betaalruns`);
  await tl.fill('#maand', maand);
  await klik(tl, tl.getByRole('button', { name: /berekenen/i }));
  let href;
  await waitFor(async () => {
    await tl.goto(`${base}/werkplek/betaalruns`);
    const rij = tl.locator('tr', { hasText: 'Wacht op goedkeuring' }).locator('a[href^="/werkplek/betaalruns/"]');
    if (!(await rij.count())) return false;
    href = await rij.first().getAttribute('href');
    return true;
  }, { timeout: 30_000, message: `the run of ${maand}` });
  const beheer = await reis.medewerker('beheer');
  await beheer.goto(base + href);
  await klik(beheer, beheer.getByRole('button', { name: 'Goedkeuren en vrijgeven' }));
}

/**
 * The long-term client (`reis.staat.bsn`, `.id`, `.gemeente`) on a phone
 * (`reis.sessies.inwoner`) is paid this month; a consulent records € 500
 * income of the month late (a wrong amount is named first).
 */
export async function laatInkomen(reis) {
  const { staat } = reis;
  const base = reis.srv.base;
  reis.sessies.inwoner = await newPage(reis.browser, PHONE_390);
  const { context, page } = reis.sessies.inwoner;
  for (const r of await demoResidents(base)) {
    await context.clearCookies();
    await residentLogin(page, base, r.bsn);
    if (await page.locator('#iit-uitnodiging').count()) { staat.bsn = r.bsn; break; }
  }
  assert.ok(staat.bsn, 'a long-term client');
  await page.goto(`${base}/portaal/zaken`);
  staat.id = (await page.locator('a[href^="/portaal/zaken/"]').first().getAttribute('href')).split('/').pop();
  staat.gemeente = await gemeenteVanZaak(reis.browser, base, staat.id, 'consulent');
  await betaalrun(reis, maandCode());

  const co = await reis.medewerker('consulent');
  await co.goto(`${base}/werkplek/zaken/${staat.id}/uitkering#inkomsten`);
  await co.fill('#inkomsten-maand', maandCode());
  await co.fill('#inkomsten-arbeid', 'vijfhonderd');
  await geweigerd(co, co.getByRole('button', { name: 'Inkomsten vastleggen' }));
  assert.match(await co.locator('#inkomsten-arbeid-fout').innerText(), /Loon/);
  await co.fill('#inkomsten-arbeid', '500,00');
  await klik(co, co.getByRole('button', { name: 'Inkomsten vastleggen' }));
  assert.match(co.url(), /\/uitkering#inkomsten$/);
}
