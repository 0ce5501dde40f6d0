// Issue 5, acceptance 2: after submission the background worker consults
// every register; a register that is down never blocks an application, and
// the caseworker can retry once it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, applyAsResident,
  staffLogin, consulentFor, waitFor,
} from './support.mjs';

export const BRONNEN = ['brp', 'uwv', 'duo', 'rdw', 'kadaster', 'svb', 'bijstandsregelingen', 'belastingdienst'];

let db, srv, browser, residents;
before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
  const all = await demoResidents(srv.base);
  // Two residents of the same gemeente, so one consulent sees both zaken.
  const haarlem = all.filter((r) => r.gemeente === 'Haarlem');
  residents = haarlem.length >= 2 ? haarlem : all.filter((r) => r.gemeente === all[0].gemeente);
});
after(async () => {
  await fetch(`${srv?.testbed}/admin/faults`, { method: 'DELETE' }).catch(() => {});
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

/** What the werkplek zaak page says about the registers. */
async function bronnenOpPagina(page) {
  const summaries = await page.locator('details > summary').allInnerTexts();
  const opgehaald = new Set(summaries
    .map((s) => s.match(/^(\S+), opgehaald/))
    .filter(Boolean)
    .map((m) => m[1]));
  const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  const werk = Object.fromEntries(rows.map(([soort, stand, pogingen, waarom]) =>
    [soort.replace(/^bron:/, ''), { stand, pogingen: Number(pogingen), waarom }]));
  const advies = page.locator('#advies');
  return {
    opgehaald,
    werk,
    advies: (await advies.count()) ? (await advies.innerText()).trim() : null,
  };
}

/** Click "Wachtende bronnen nu opnieuw proberen" and wait for the answer. */
async function klikOpnieuw(page) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/opnieuw')),
    page.getByRole('button', { name: 'Wachtende bronnen nu opnieuw proberen' }).click(),
  ]);
  assert.ok([200, 303].includes(res.status()), `POST …/opnieuw answered HTTP ${res.status()}`);
  await page.waitForLoadState('load');
}

async function faults(method, path = '', body) {
  const res = await fetch(`${srv.testbed}/admin/faults${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} /admin/faults${path}: HTTP ${res.status}`);
}

test('within seconds the zaak holds a snapshot of every register and the advice with its explanation', async (t) => {
  const resident = residents[0];
  const inwoner = await newPage(browser);
  const medewerker = await newPage(browser);
  try {
    const { zaakId } = await applyAsResident(inwoner.page, srv.base, resident.bsn);
    const submitted = Date.now();

    await staffLogin(medewerker.page, srv.base, consulentFor(resident));
    const page = medewerker.page;
    const url = `${srv.base}/werkplek/zaken/${zaakId}`;
    const stand = await waitFor(async () => {
      await page.goto(url);
      const s = await bronnenOpPagina(page);
      return BRONNEN.every((b) => s.opgehaald.has(b)) && s.advies ? s : null;
    }, { timeout: 30_000, message: 'snapshots of every register and the advice' });
    t.diagnostic(`all registers and the advice after ${Date.now() - submitted} ms`);

    for (const b of BRONNEN) {
      assert.equal(stand.werk[b]?.stand, 'klaar', `register ${b} is done`);
      const detail = page.locator('details', { has: page.locator('summary', { hasText: `${b}, opgehaald` }) });
      assert.match(await detail.locator('pre').textContent(), /\S/, `snapshot of ${b} has content`);
    }
    // The advice and how it was reached.
    if (/recht op/.test(stand.advies)) {
      const uitleg = page.locator('details', { has: page.locator('summary', { hasText: 'Zo is het berekend' }) });
      const stappen = await uitleg.locator('li').count();
      assert.ok(stappen > 0, 'the advice comes with the steps of the calculation');
    } else {
      assert.match(stand.advies, /Niet berekend: \S/, `an advice that was not calculated says why: ${stand.advies}`);
    }
  } finally {
    await inwoner.context.close();
    await medewerker.context.close();
  }
});

test('with UWV down the application still succeeds; uwv waits with a reason; after recovery the retry button fetches it', async (t) => {
  const resident = residents[1];
  await faults('PUT', '/uwv', { latency_ms: 0, error_rate: 0.0, timeout: false, down: true });
  const inwoner = await newPage(browser);
  const medewerker = await newPage(browser);
  try {
    const { zaakId } = await applyAsResident(inwoner.page, srv.base, resident.bsn);
    await inwoner.page.locator('[role="status"]', { hasText: 'Wij hebben uw aanvraag ontvangen' }).waitFor();

    await staffLogin(medewerker.page, srv.base, consulentFor(resident));
    const page = medewerker.page;
    const url = `${srv.base}/werkplek/zaken/${zaakId}`;
    const wachtend = await waitFor(async () => {
      await page.goto(url);
      const s = await bronnenOpPagina(page);
      const others = BRONNEN.filter((b) => b !== 'uwv');
      return s.werk.uwv?.stand === 'wachtend' && s.werk.uwv.waarom !== '–' &&
        others.every((b) => s.opgehaald.has(b)) ? s : null;
    }, { timeout: 30_000, message: 'uwv pending with a reason, the other registers fetched' });
    t.diagnostic(`uwv: ${JSON.stringify(wachtend.werk.uwv)}`);
    assert.ok(!wachtend.opgehaald.has('uwv'), 'no uwv snapshot while UWV is down');
    assert.ok(wachtend.werk.uwv.waarom.length > 5, `a reason is shown: ${wachtend.werk.uwv.waarom}`);

    // The resident sees it in plain words.
    await inwoner.page.reload();
    await assert.doesNotReject(
      inwoner.page.locator('main li', { hasText: /UWV.*nog niet gelukt/ }).waitFor(),
      'the resident reads that UWV could not be reached yet');

    // UWV is back; the caseworker does not want to wait for the next attempt.
    await page.goto(url);
    const knop = page.getByRole('button', { name: 'Wachtende bronnen nu opnieuw proberen' });
    assert.equal(await knop.count(), 1, 'the retry button is offered while uwv is pending');
    await faults('DELETE');
    const started = Date.now();
    await klikOpnieuw(page);
    let clicks = 1;
    let lastClick = Date.now();
    await waitFor(async () => {
      await page.goto(url);
      // The page reads the work list and the snapshots in two queries, so
      // wait until both show the fetched answer.
      const nu = await bronnenOpPagina(page);
      if (nu.opgehaald.has('uwv') && nu.werk.uwv?.stand === 'klaar') return true;
      // Still pending a few seconds after a click (e.g. the circuit breaker
      // is still open, see the skipped test below): click again.
      if (Date.now() - lastClick > 3_000 && await knop.count()) {
        clicks += 1;
        await klikOpnieuw(page);
        lastClick = Date.now();
      }
      return false;
    }, { timeout: 40_000, interval: 500, message: 'the uwv snapshot after the retry' });
    t.diagnostic(`uwv snapshot ${Date.now() - started} ms after recovery, ${clicks} click(s) on the retry button`);

    const s = await bronnenOpPagina(page);
    assert.equal(s.werk.uwv.stand, 'klaar');
    await waitFor(async () => {
      await page.goto(url);
      return (await bronnenOpPagina(page)).advies;
    }, { message: 'the advice once every register answered' });
  } finally {
    await inwoner.context.close();
    await medewerker.context.close();
  }
});

// After a longer outage the circuit breaker is open; the retry button lets one
// request through at once (Registers::probeer_nu) instead of waiting 30 s.
test('after a longer UWV outage (breaker open) one click on the retry button fetches uwv', async () => {
  const resident = residents[2] ?? residents[0];
  await faults('PUT', '/uwv', { latency_ms: 0, error_rate: 0.0, timeout: false, down: true });
  const inwoner = await newPage(browser);
  const medewerker = await newPage(browser);
  try {
    const { zaakId } = await applyAsResident(inwoner.page, srv.base, resident.bsn);
    await staffLogin(medewerker.page, srv.base, consulentFor(resident));
    const page = medewerker.page;
    const url = `${srv.base}/werkplek/zaken/${zaakId}`;
    await waitFor(async () => {
      await page.goto(url);
      return /circuit open/.test((await bronnenOpPagina(page)).werk.uwv?.waarom ?? '');
    }, { timeout: 20_000, message: 'the breaker for uwv to open' });
    await faults('DELETE');
    await klikOpnieuw(page);
    await waitFor(async () => {
      await page.goto(url);
      return (await bronnenOpPagina(page)).opgehaald.has('uwv');
    }, { timeout: 10_000, message: 'the uwv snapshot within 10 s of one click' });
  } finally {
    await faults('DELETE');
    await inwoner.context.close();
    await medewerker.context.close();
  }
});
