// Electronic delivery needs consent (Awb 2:14), otherwise paper: a resident
// on a 390 px phone, without JavaScript, sees the current choice, chooses
// "alleen online" and withdraws it again; functioneel beheer opens the print
// queue. axe-core finds no WCAG 2.1 A/AA violations on either page, and the
// consent page does not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, residentLogin,
  staffLogin, assertAccessible,
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

const PHONE_390 = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  javaScriptEnabled: false,
};

/** axe needs JavaScript: the same page in a 390 px context that has it. */
async function axeOp390(resident, label) {
  const { context, page } = await newPage(browser, { ...PHONE_390, javaScriptEnabled: true });
  try {
    await residentLogin(page, srv.base, resident.bsn);
    await page.goto(`${srv.base}/portaal/elektronisch`);
    await assertAccessible(page, label);
  } finally {
    await context.close();
  }
}

test('a resident chooses online and withdraws it, on a phone without JavaScript', async () => {
  const resident = (await demoResidents(srv.base)).find((r) => r.gemeente === 'Haarlem');
  const { context, page } = await newPage(browser, PHONE_390);
  try {
    await residentLogin(page, srv.base, resident.bsn);
    await page.getByRole('link', { name: 'Bekijk of verander uw keuze' }).click();
    await page.waitForURL(`${srv.base}/portaal/elektronisch`);
    assert.match(await page.locator('main').innerText(), /U heeft nog niet gekozen/);
    const breed = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(breed <= 390, `no sideways scrolling at 390 px (${breed})`);

    await page.check('#keuze-online');
    await Promise.all([
      page.waitForURL(/klaar=online/),
      page.getByRole('button', { name: 'Keuze bewaren' }).click(),
    ]);
    const tekst = await page.locator('main').innerText();
    assert.match(tekst, /U krijgt brieven met een besluit alleen online\./);
    assert.match(tekst, /U koos dit op deze pagina op \d+ \w+ \d{4} om \d\d:\d\d\./);
    await axeOp390(resident, 'portaal/elektronisch (online)');

    await Promise.all([
      page.waitForURL(/klaar=post/),
      page.getByRole('button', { name: 'Toestemming intrekken' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /U krijgt brieven met een besluit ook per post\./);
  } finally {
    await context.close();
  }
});

test('functioneel beheer opens the print queue from the menu', async () => {
  const { context, page } = await newPage(browser);
  try {
    await staffLogin(page, srv.base, 'haarlem.beheer');
    await page.locator('nav').getByRole('link', { name: 'Printwachtrij' }).click();
    await page.waitForURL(`${srv.base}/werkplek/printwachtrij`);
    assert.match(await page.locator('h1').innerText(), /Printwachtrij/);
    await assertAccessible(page, 'werkplek/printwachtrij');
  } finally {
    await context.close();
  }
});
