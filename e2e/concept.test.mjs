// Issue 5, acceptance 4: a draft survives a server restart; sending twice
// (double click, replayed POST) makes exactly one zaak.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, residentLogin, openAanvraag,
  answers, fillStep, fillUntil, clickKnop, stepOf, zaakIdOf,
} from './support.mjs';

let db, srv, browser, residents;
before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
  residents = await demoResidents(srv.base);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

/** The zaak links on /portaal/zaken, as ids. */
async function zakenInPortaal(page, base) {
  await page.goto(`${base}/portaal/zaken`);
  const hrefs = await page.locator('main a[href^="/portaal/zaken/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.map((h) => h.split('?')[0].split('/').pop()))];
}

test('a draft survives a server restart (process killed)', async () => {
  const resident = residents[0];
  const a = answers({ reden: 'scheiding', toelichting: 'Bewaard voor later', spaargeld: '321,00' });
  let conceptId;
  {
    const { context, page } = await newPage(browser);
    await residentLogin(page, srv.base, resident.bsn);
    conceptId = await openAanvraag(page, srv.base);
    await fillUntil(page, a, 'vermogen');
    await fillStep(page, 'vermogen', a);
    await clickKnop(page, 'later');
    assert.equal(new URL(page.url()).pathname, '/portaal');
    await page.locator('[role="status"]', { hasText: 'bewaard' }).waitFor();
    await context.close();
  }

  // Crash: SIGKILL, then start again on the same data dir (and database).
  await srv.kill();
  srv = await startServer(db);

  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, resident.bsn);
    await page.getByRole('link', { name: 'Verder met mijn aanvraag' }).waitFor();
    assert.equal(await openAanvraag(page, srv.base), conceptId, 'the same draft is resumed');
    // It resumes where the resident stopped ("later" on vermogen), not at step 1.
    assert.equal(stepOf(page).stap, 'vermogen');
    await page.goto(`${srv.base}/portaal/aanvraag/${conceptId}/situatie`);
    assert.ok(await page.isChecked('#reden-scheiding'), 'reden kept');
    assert.equal(await page.inputValue('#toelichting'), 'Bewaard voor later');
    // The date is kept, and shown the way people write it: day-month-year.
    const [j, m, d] = a.ingangsdatum.split('-').map(Number);
    assert.equal(await page.inputValue('#ingangsdatum'), `${d}-${m}-${j}`);
    await page.goto(`${srv.base}/portaal/aanvraag/${conceptId}/werk`);
    assert.ok(await page.isChecked('#heeft_werk-nee'), 'werk kept');
    await page.goto(`${srv.base}/portaal/aanvraag/${conceptId}/vermogen`);
    assert.equal(await page.inputValue('#spaargeld'), '321,00', 'the step saved with "later" is kept');
  } finally {
    await context.close();
  }
});

test('double click on "Aanvraag versturen" and a replayed POST make exactly one zaak', async (t) => {
  const resident = residents[1];
  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, resident.bsn);
    const conceptId = await openAanvraag(page, srv.base);
    await fillUntil(page, answers());
    await page.check('#verklaring');
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/verklaring')) posts += 1; });
    // The second click's POST may abort the first navigation (the browser
    // then follows the second answer): wait for the zaak page either way.
    const naarZaak = () => page.waitForURL(/\/portaal\/zaken\/[^/?]+/);
    await Promise.all([
      naarZaak().catch((e) => {
        if (!String(e).includes('ERR_ABORTED')) throw e;
        return naarZaak();
      }),
      page.getByRole('button', { name: 'Aanvraag versturen' }).dblclick(),
    ]);
    await page.waitForLoadState('load');
    const zaakId = zaakIdOf(page);
    await page.locator('h1', { hasText: 'Aanvraag bijstand' }).waitFor();
    t.diagnostic(`the double click sent ${posts} POST(s)`);

    // Replay the final POST with the same cookie (as a browser "resend").
    const replay = await context.request.post(`${srv.base}/portaal/aanvraag/${conceptId}/verklaring`, {
      form: { verklaring: 'ja', knop: 'verder' },
      maxRedirects: 0,
    });
    assert.equal(replay.status(), 303, 'the replay is redirected');
    assert.equal(replay.headers().location.split('?')[0], `/portaal/zaken/${zaakId}`,
      'the replay leads to the zaak that already exists');

    assert.deepEqual(await zakenInPortaal(page, srv.base), [zaakId], 'exactly one zaak');
  } finally {
    await context.close();
  }
});

// Concurrent submissions of one draft: the losers of the race are redirected
// to the zaak the winner made (crates/web/src/pages/aanvraag.rs, save()).
test('concurrent replays of the final POST make exactly one zaak and no server error', async () => {
  const resident = residents[2];
  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, resident.bsn);
    const conceptId = await openAanvraag(page, srv.base);
    await fillUntil(page, answers());
    const responses = await Promise.all(Array.from({ length: 5 }, () =>
      context.request.post(`${srv.base}/portaal/aanvraag/${conceptId}/verklaring`, {
        form: { verklaring: 'ja', knop: 'verder' },
        maxRedirects: 0,
      })));
    const statuses = responses.map((r) => r.status());
    const zaken = await zakenInPortaal(page, srv.base);
    assert.equal(zaken.length, 1, `exactly one zaak (statuses ${statuses})`);
    assert.ok(statuses.every((s) => s === 303), `every request is redirected to the zaak, got ${statuses}`);
    for (const r of responses) {
      assert.equal(r.headers().location.split('?')[0], `/portaal/zaken/${zaken[0]}`);
    }
  } finally {
    await context.close();
  }
});
