// Issue 5, acceptance 3: axe-core finds no WCAG 2.1 A/AA violations on the
// portal pages, the werkplek zaak page and the staff login.
//
// The tests run in order and share one resident session: each page is its
// own test so that every failing page is reported, not just the first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, residentLogin, openAanvraag,
  answers, fillStep, clickKnop, stepOf, STEPS, uploadPdf, submitAanvraag, staffLogin,
  consulentFor, assertAccessible, axeViolations, waitFor,
} from './support.mjs';

let db, srv, browser, resident, inwoner, zaakId;
before(async () => {
  db = freshDatabase();
  srv = await startServer(db);
  browser = await launchBrowser();
  const all = await demoResidents(srv.base);
  resident = all.find((r) => r.gemeente === 'Haarlem') ?? all[0];
  inwoner = await newPage(browser);
});
after(async () => {
  await inwoner?.context.close();
  await browser?.close();
  await srv?.stop();
  db?.dispose();
});

test('the axe helper finds a known violation (self-check)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await page.setContent('<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="data:,"><input type="text"></main></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    assert.ok(ids.includes('image-alt') && ids.includes('label'), `axe reports image-alt and label: ${ids}`);
  } finally {
    await context.close();
  }
});

test('portal: login page', async () => {
  await inwoner.page.goto(`${srv.base}/portaal/inloggen`);
  await assertAccessible(inwoner.page, 'portaal/inloggen');
});

test('public: each demo gemeente\'s rules for the inkomenstoeslag and bijzondere bijstand, on a phone', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    for (const code of ['0392', '0153']) {
      await page.goto(`${srv.base}/regelingen/${code}`);
      await page.getByRole('heading', { level: 1, name: /Extra geld bij een laag inkomen in/ }).waitFor();
      await assertAccessible(page, `regelingen/${code}`);
      const breed = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(breed <= 390, `regelingen/${code} fits a 390 px phone (${breed} px)`);
    }
  } finally {
    await context.close();
  }
});

test('portal: start page', async () => {
  await residentLogin(inwoner.page, srv.base, resident.bsn);
  await assertAccessible(inwoner.page, 'portaal (start)');
});

test('portal: form step with validation errors', async () => {
  const page = inwoner.page;
  await openAanvraag(page, srv.base);
  assert.equal(stepOf(page).stap, 'situatie');
  // Send the first step empty, with an impossible date.
  await page.fill('#ingangsdatum', '31-02-2026');
  await clickKnop(page, 'verder');
  assert.equal(stepOf(page).stap, 'situatie');
  await page.locator('.utrecht-alert--error').waitFor();
  assert.ok(await page.locator('[aria-invalid="true"]').count() > 0, 'invalid fields are marked');
  await assertAccessible(page, 'form step situatie with errors');
});

for (const stap of STEPS) {
  test(`portal: form step ${stap}`, async () => {
    const page = inwoner.page;
    assert.equal(stepOf(page)?.stap, stap, 'the previous test left the form on this step');
    await assertAccessible(page, `form step ${stap}`);
    if (stap !== 'verklaring') {
      await fillStep(page, stap, answers());
      await clickKnop(page, 'verder');
    }
  });
}

test('portal: last step with an uploaded document', async () => {
  const page = inwoner.page;
  await uploadPdf(page);
  await assertAccessible(page, 'form step verklaring after upload');
});

test('portal: confirmation (zaak page)', async () => {
  zaakId = await submitAanvraag(inwoner.page);
  await inwoner.page.locator('[role="status"]').first().waitFor();
  await assertAccessible(inwoner.page, 'portaal/zaken/{id}?nieuw=1');
});

test('portal: zaken list', async () => {
  await inwoner.page.goto(`${srv.base}/portaal/zaken`);
  await assertAccessible(inwoner.page, 'portaal/zaken');
});

test('portal: berichten', async () => {
  await inwoner.page.goto(`${srv.base}/portaal/berichten`);
  await assertAccessible(inwoner.page, 'portaal/berichten');
});

test('portal: machtiging, empty and with an error', async () => {
  const page = inwoner.page;
  await page.goto(`${srv.base}/portaal/machtiging`);
  await assertAccessible(page, 'portaal/machtiging');
  await page.fill('#bsn', '123');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Verzoek versturen' }).click()]);
  await page.locator('[role="alert"]').waitFor();
  await assertAccessible(page, 'portaal/machtiging with an error');
  // A request that was sent, listed while staff check it.
  await page.fill('#bsn', '999990019');
  await page.fill('#relatie', 'buurman');
  await page.check('#toestemming');
  await Promise.all([page.waitForURL(/verstuurd=1/), page.getByRole('button', { name: 'Verzoek versturen' }).click()]);
  await assertAccessible(page, 'portaal/machtiging with a request');
});

test('werkplek: machtigingen to check', async () => {
  const { context, page } = await newPage(browser);
  try {
    await staffLogin(page, srv.base, consulentFor(resident));
    await page.goto(`${srv.base}/werkplek/machtigingen`);
    await page.locator('section textarea').first().waitFor();
    await assertAccessible(page, 'werkplek/machtigingen');
  } finally {
    await context.close();
  }
});

test('werkplek: staff login', async () => {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(`${srv.base}/inloggen`);
    await assertAccessible(page, 'inloggen (werkplek)');
  } finally {
    await context.close();
  }
});

test('werkplek: zaak page', async () => {
  assert.ok(zaakId, 'a zaak was submitted');
  const { context, page } = await newPage(browser);
  try {
    await staffLogin(page, srv.base, consulentFor(resident));
    // Wait for the registers and the advice, so the full page is checked.
    await waitFor(async () => {
      await page.goto(`${srv.base}/werkplek/zaken/${zaakId}`);
      return page.locator('#advies').count();
    }, { message: 'the advice on the werkplek zaak page' });
    await assertAccessible(page, 'werkplek/zaken/{id}');
    // Once more with every <details> open (snapshots, calculation steps).
    await page.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await assertAccessible(page, 'werkplek/zaken/{id} with all details open');
  } finally {
    await context.close();
  }
});
