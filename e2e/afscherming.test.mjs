// Issue 5, acceptance 5: residents see only their own zaken; a gemachtigde
// sees only the zaak they were authorised for. Issue 13: only after staff
// confirmed the machtiging.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, residentLogin, openAanvraag,
  answers, fillUntil, uploadPdf, submitAanvraag, applyAsResident, stepOf, staffLogin, consulentFor,
} from './support.mjs';

let db, srv, browser, haarlem, elders;
// A: applies with a document. B: another resident of the same gemeente.
// D: applies for herself; later her helper H applies for her too.
let A, B, D, H, zaakA, conceptA, identificatieA, documentA, zaakD1, zaakD2;

before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
  const all = await demoResidents(srv.base);
  haarlem = all.filter((r) => r.gemeente === 'Haarlem');
  elders = all.find((r) => r.gemeente !== 'Haarlem');
  assert.ok(haarlem.length >= 4, 'four demo residents in Haarlem');
  [A, B, D, H] = haarlem;

  // A applies, with a PDF.
  const { context, page } = await newPage(browser);
  await residentLogin(page, srv.base, A.bsn);
  conceptA = await openAanvraag(page, srv.base);
  await fillUntil(page, answers());
  await uploadPdf(page, 'afschrift-a.pdf');
  zaakA = await submitAanvraag(page);
  identificatieA = (await page.locator('[role="status"] strong').innerText()).trim();
  documentA = await page.locator('main a[href^="/portaal/documenten/"]').first().getAttribute('href');
  assert.ok(documentA, 'A sees her document on the zaak page');
  await context.close();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

/** Fetch `path` as the logged-in user of `context`; no redirects followed. */
async function get(context, path) {
  const res = await context.request.get(`${srv.base}${path}`, { maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

function assertNothingOf(resident, body, extra = []) {
  for (const secret of [resident.bsn, resident.naam, ...extra]) {
    assert.ok(!body.includes(secret), `the response contains data of ${resident.naam}: ${secret}`);
  }
}

test("resident B cannot open resident A's zaak, draft or document", async () => {
  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, B.bsn);
    for (const path of [
      `/portaal/zaken/${zaakA}`,
      `/portaal/zaken/${zaakA}?nieuw=1`,
      `/portaal/aanvraag/${conceptA}/situatie`,
      `/portaal/aanvraag/${conceptA}/verklaring`,
      documentA,
    ]) {
      const r = await get(context, path);
      assert.ok([403, 404].includes(r.status), `${path}: expected 403 or 404, got ${r.status}`);
      assertNothingOf(A, r.body, [identificatieA, 'afschrift-a.pdf']);
    }
    // Nor upload to A's zaak.
    const up = await context.request.post(`${srv.base}/portaal/zaken/${zaakA}/documenten`, {
      multipart: { soort: 'overig', bestand: { name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') } },
      maxRedirects: 0,
    });
    assert.ok([403, 404].includes(up.status()), `upload to A's zaak: got ${up.status()}`);
    // B's own list does not show A's zaak.
    await page.goto(`${srv.base}/portaal/zaken`);
    assertNothingOf(A, await page.content(), [identificatieA, zaakA]);
  } finally {
    await context.close();
  }
});

test("a resident of another gemeente cannot open A's zaak", async () => {
  assert.ok(elders, 'a demo resident outside Haarlem');
  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, elders.bsn);
    const r = await get(context, `/portaal/zaken/${zaakA}`);
    assert.ok([403, 404].includes(r.status), `got ${r.status}`);
    assertNothingOf(A, r.body, [identificatieA]);
  } finally {
    await context.close();
  }
});

test('a gemachtigde sees only the zaak they were authorised for', async () => {
  // D applies for herself first.
  {
    const { context, page } = await newPage(browser);
    ({ zaakId: zaakD1 } = await applyAsResident(page, srv.base, D.bsn));
    await context.close();
  }
  // H asks to act for D, through "Iemand anders helpen": only a request,
  // which shows nothing of D and lets H start nothing yet.
  const { context, page } = await newPage(browser);
  try {
    await residentLogin(page, srv.base, H.bsn);
    await page.getByRole('link', { name: 'Iemand anders helpen' }).click();
    await page.waitForURL(`${srv.base}/portaal/machtiging`);
    await page.fill('#bsn', D.bsn);
    await page.fill('#relatie', 'buurvrouw');
    await page.check('#toestemming');
    await Promise.all([
      page.waitForURL(`${srv.base}/portaal/machtiging?verstuurd=1`),
      page.getByRole('button', { name: 'Verzoek versturen' }).click(),
    ]);
    assert.ok(!(await page.content()).includes(D.naam), 'the request shows nothing of D');
    const invullen = page.getByRole('button', { name: `Aanvraag invullen voor BSN ${D.bsn}` });
    assert.equal(await invullen.count(), 0, 'no application for D before staff confirm');

    // A consulent checks it with D and confirms it.
    const s = await newPage(browser);
    try {
      await staffLogin(s.page, srv.base, consulentFor(D));
      await s.page.goto(`${srv.base}/werkplek/machtigingen`);
      const verzoek = s.page.locator('section', { hasText: D.bsn });
      await verzoek.locator('textarea').fill('D gebeld op haar bekende nummer');
      await Promise.all([
        s.page.waitForURL(/\/werkplek\/machtigingen\?klaar=1$/),
        verzoek.getByRole('button', { name: 'Bevestigen' }).click(),
      ]);
    } finally {
      await s.context.close();
    }

    // Now H fills in the application for D.
    await page.goto(`${srv.base}/portaal/machtiging`);
    await Promise.all([
      page.waitForURL(/\/portaal\/aanvraag\/[^/]+\/situatie$/),
      invullen.click(),
    ]);
    const conceptH = stepOf(page).conceptId;
    await fillUntil(page, answers({ email: 'helper@example.nl' }));
    zaakD2 = await submitAanvraag(page);
    assert.notEqual(zaakD2, zaakD1, 'a new zaak for D, made by H');
    assert.notEqual(stepOf(page)?.conceptId, conceptH);

    // H's list: exactly the zaak H made for D.
    await page.goto(`${srv.base}/portaal/zaken`);
    const hrefs = await page.locator('main a[href^="/portaal/zaken/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const ids = [...new Set(hrefs.map((h) => h.split('?')[0].split('/').pop()))];
    assert.deepEqual(ids, [zaakD2], 'H sees only the zaak she was authorised for');

    const own = await get(context, `/portaal/zaken/${zaakD2}`);
    assert.equal(own.status, 200, 'H can open the zaak she made for D');
    for (const other of [zaakD1, zaakA]) {
      const r = await get(context, `/portaal/zaken/${other}`);
      assert.ok([403, 404].includes(r.status), `H opens ${other}: got ${r.status}`);
      assertNothingOf(A, r.body, [identificatieA]);
    }
  } finally {
    await context.close();
  }

  // D herself sees both her zaken.
  const d = await newPage(browser);
  try {
    await residentLogin(d.page, srv.base, D.bsn);
    const r = await get(d.context, '/portaal/zaken');
    assert.ok(r.body.includes(zaakD1) && r.body.includes(zaakD2), 'D sees both her zaken');
    // And her inbox says who asked to act for her, and who applied.
    const inbox = await get(d.context, '/portaal/berichten');
    assert.ok(inbox.body.includes('Iemand wil namens u handelen'), 'D is told who asked');
    assert.ok(inbox.body.includes('heeft deze aanvraag namens u gedaan'), 'D is told who applied');
  } finally {
    await d.context.close();
  }
});
