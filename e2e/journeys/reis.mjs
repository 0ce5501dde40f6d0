// What the journeys (e2e/journeys/*.test.mjs) share: one server, one browser
// and one Haarlem resident per journey, the sessions of the resident (a
// phone) and of the staff (a desktop), the checks every page gets, and the
// steps more than one journey takes (applying, waiting for the advice).
//
//   const reis = startReis('besluit');
//   const { staat: zaak, vereist, medewerker } = reis;
//   test('01. …', async () => { const page = await reis.vraagAan(); … });
//
// startReis registers the before() and after() hooks of the test file, so
// call it once, at the top level. `reis.srv`, `reis.browser` and
// `reis.resident` are set by before(): read them inside the tests.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshDatabase, startServer, launchBrowser, newPage, demoResidents, applyAsResident, staffLogin,
  assertAccessible, openDetails, waitFor, klik,
  PHONE_390, DESKTOP, screenshots, assertAccessibleTelefoonEnDesktop, assertPastOpScherm,
} from '../support.mjs';

/** The demo resident of Haarlem (else the first one): { bsn, naam, gemeente }. */
export async function haarlemmer(base) {
  const all = await demoResidents(base);
  return all.find((r) => r.gemeente === 'Haarlem') ?? all[0];
}

/**
 * One journey: screenshots in e2e/screenshots/<naam>/; before() starts a
 * server on a fresh database and a browser and picks the resident (and,
 * with `{ telefoon: true }`, opens the resident's phone as
 * `sessies.inwoner`); after() closes every session and stops it all.
 */
export function startReis(naam, { telefoon = false } = {}) {
  let db;
  const reis = {
    srv: undefined,
    browser: undefined,
    resident: undefined,
    /** What the steps hand on to each other. */
    staat: {},
    /** 'inwoner' | role -> { context, page } */
    sessies: {},
    shot: screenshots(naam),
  };
  const { staat, sessies, shot } = reis;

  before(async () => {
    db = freshDatabase();
    reis.srv = await startServer(db);
    reis.browser = await launchBrowser();
    reis.resident = await haarlemmer(reis.srv.base);
    if (telefoon) sessies.inwoner = await newPage(reis.browser, PHONE_390);
  });
  after(async () => {
    const open = Object.values(sessies);
    for (const sessie of open) await sessie.context.close().catch(() => {});
    await reis.browser?.close();
    await reis.srv?.stop();
    db?.dispose();
  });

  /** Fails with "an earlier step failed" unless the steps before handed on each key. */
  reis.vereist = (...keys) => {
    for (const k of keys) assert.ok(staat[k] !== undefined, `an earlier step failed (no ${k})`);
  };

  /** The page of a staff member (desktop) of the zaak's gemeente, logged in once and kept. */
  reis.medewerker = async (rol) => {
    if (!sessies[rol]) {
      sessies[rol] = await newPage(reis.browser, DESKTOP);
      await staffLogin(sessies[rol].page, reis.srv.base, `${staat.gemeente}.${rol}`);
    }
    return sessies[rol].page;
  };

  /** A resident's page: no sideways scrolling, axe at phone and desktop size, a screenshot. */
  reis.bekijkInwoner = async (page, label) => {
    await assertPastOpScherm(page, label);
    await assertAccessibleTelefoonEnDesktop(page, label);
    await shot(page, label);
  };

  /** A staff page: axe (details opened), a screenshot. */
  reis.bekijkMedewerker = async (page, label) => {
    await openDetails(page);
    await assertAccessible(page, label);
    await shot(page, label);
  };

  /** The zaak in the portal and in the werkplek. */
  reis.portaalZaak = () => `${reis.srv.base}/portaal/zaken/${staat.id}`;
  reis.werkplekZaak = () => `${reis.srv.base}/werkplek/zaken/${staat.id}`;

  /**
   * The resident applies on their phone (opened as `sessies.inwoner`) and
   * sends the whole form; `staat.id` is the zaak. Returns the phone's page,
   * on the zaak page.
   */
  reis.vraagAan = async () => {
    sessies.inwoner = await newPage(reis.browser, PHONE_390);
    const { page } = sessies.inwoner;
    staat.id = (await applyAsResident(page, reis.srv.base, reis.resident.bsn)).zaakId;
    return page;
  };

  /** Reload the werkplek zaak page until it shows the advice (#advies). */
  reis.wachtOpAdvies = (page) => waitFor(async () => {
    await page.goto(reis.werkplekZaak());
    return (await page.locator('#advies').count()) > 0;
  }, { timeout: 30_000, message: 'the advice on the zaak page' });

  /** A staff member opens the werkplek and, from its main menu, `naam` (e.g. 'Werkvoorraad'). */
  reis.viaHoofdmenu = async (page, naam) => {
    await page.goto(`${reis.srv.base}/werkplek`);
    await klik(page, hoofdmenu(page, naam));
  };

  return reis;
}

/** The link `naam` in the main menu (navigation "Hoofdmenu"). */
export function hoofdmenu(page, naam) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: naam });
}

/**
 * On the werkplek zaak page: open "Besluit voorstellen" and choose a
 * toekenning; returns the amount the form is prefilled with, trimmed.
 */
export async function kiesToekenning(page) {
  await page.locator('summary', { hasText: 'Besluit voorstellen' }).click();
  await page.check('#soort-toekenning');
  return (await page.inputValue('#bedrag')).trim();
}

/** On the werkplek zaak page with a proposal: the verdict "Goedkeuren", saved. */
export async function keurGoed(page) {
  await page.getByLabel('Goedkeuren').check();
  await klik(page, page.getByRole('button', { name: 'Oordeel opslaan' }));
}
