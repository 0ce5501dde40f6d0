// Issue 5, acceptance 1: a resident applies on a phone, through the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, PHONE, demoResidents, residentLogin,
  openAanvraag, fillUntil, answers, uploadPdf, submitAanvraag, waitFor, stepOf,
} from './support.mjs';

let db, srv, browser;
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

test('a resident applies on a phone: BRP prefill, form, PDF upload, zaak number, e-mail without personal data', async () => {
  const residents = await demoResidents(srv.base);
  const resident = residents.find((r) => r.gemeente === 'Haarlem') ?? residents[0];
  const { context, page } = await newPage(browser, PHONE);
  try {
    // Log in (demo test login) on a 375×812 phone viewport.
    await residentLogin(page, srv.base, resident.bsn);
    assert.equal(page.viewportSize().width, 375);
    await assert.doesNotReject(page.getByRole('link', { name: 'Mijn aanvragen' }).waitFor());

    // The first step shows the household as BRP knows it.
    await openAanvraag(page, srv.base);
    assert.equal(stepOf(page).stap, 'situatie');
    const brp = page.locator('section[aria-labelledby="brp-titel"]');
    await brp.waitFor();
    const brpText = await brp.innerText();
    assert.ok(brpText.includes(resident.naam), `BRP block names the resident ${resident.naam}: ${brpText}`);
    const adres = await brp.locator('dt:text-is("Adres") + dd').innerText();
    assert.match(adres, /\d{4}\s?[A-Z]{2}/, `BRP block shows an address with a postcode: ${adres}`);

    // Nothing overflows the phone screen horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);

    // Fill in every step by clicking through the real form.
    const email = 'aanvraag-e2e@example.nl';
    await fillUntil(page, answers({ email }));
    assert.equal(stepOf(page).stap, 'verklaring');
    assert.ok((await page.locator('main').innerText()).replace(/\s/g, '').includes('NL91ABNA0417164300'),
      'the overview on the last step shows the answers');

    // Upload a small PDF.
    await uploadPdf(page, 'bankafschrift-juni.pdf');
    assert.equal(stepOf(page).stap, 'verklaring');
    await assert.doesNotReject(page.locator('main li', { hasText: 'bankafschrift-juni.pdf' }).waitFor(),
      'the uploaded document is listed');

    // Send: the confirmation shows the zaak number.
    const zaakId = await submitAanvraag(page);
    assert.ok(zaakId);
    const confirmation = page.locator('[role="status"]', { hasText: 'Wij hebben uw aanvraag ontvangen' });
    await confirmation.waitFor();
    const nummer = await confirmation.locator('strong').innerText();
    assert.ok(nummer.trim().length > 0, 'a zaak number is shown');
    await assert.doesNotReject(page.locator('main a', { hasText: 'bankafschrift-juni.pdf' }).waitFor(),
      'the document moved to the zaak');

    // An e-mail appears in the demo mailbox, without BSN or name.
    const mail = await waitFor(async () => {
      const html = await (await fetch(`${srv.base}/demo/mailbox`)).text();
      const articles = [...html.matchAll(/<article>([\s\S]*?)<\/article>/g)].map((m) => m[1]);
      return articles.find((a) => a.includes(email));
    }, { message: `an e-mail to ${email} in /demo/mailbox` });
    assert.ok(!mail.includes(resident.bsn), `the e-mail contains the BSN:\n${mail}`);
    for (const part of [resident.naam, resident.naam.split(' ').pop()]) {
      assert.ok(!mail.includes(part), `the e-mail contains the name (${part}):\n${mail}`);
    }
  } finally {
    await context.close();
  }
});
