// Test people, assurance levels and the claims of each kind of login.
//
// Claim names and acr values follow /work/shared/domain/identity.md: the
// defaults of the most common municipal form software for DigiD, DigiD
// Machtigen and eHerkenning brokers, and a plain `groups` claim for staff.

import { createHmac } from 'node:crypto';

/** The kinds of login the test page offers, with their Dutch labels. */
export const KINDS = {
  digid: 'DigiD (inwoner)',
  machtigen: 'DigiD Machtigen (gemachtigde)',
  eherkenning: 'eHerkenning (organisatie)',
  medewerker: 'Medewerker (gemeentelijke SSO)',
};

/** DigiD levels as they appear in `acr`. */
export const DIGID_LEVELS = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
};

/** eHerkenning levels as they appear in `acr`. */
export const EHERKENNING_LEVELS = {
  loa1: 'urn:etoegang:core:assurance-class:loa1',
  loa2: 'urn:etoegang:core:assurance-class:loa2',
  loa2plus: 'urn:etoegang:core:assurance-class:loa2plus',
  loa3: 'urn:etoegang:core:assurance-class:loa3',
  loa4: 'urn:etoegang:core:assurance-class:loa4',
};

export const LEVELS = { digid: DIGID_LEVELS, machtigen: DIGID_LEVELS, eherkenning: EHERKENNING_LEVELS };
export const DEFAULT_LEVEL = { digid: 'substantieel', machtigen: 'substantieel', eherkenning: 'loa3' };
export const ACR_VALUES = [...Object.values(DIGID_LEVELS), ...Object.values(EHERKENNING_LEVELS)];

/** Claim names, in one place. */
export const CLAIM = {
  bsn: 'bsn',
  machtigenLegal: 'urn:nl-eid-gdi:1.0:LegalSubjectID',
  machtigenActing: 'urn:nl-eid-gdi:1.0:ActingSubjectID',
  machtigenService: 'urn:nl-eid-gdi:1.0:ServiceUUID',
  ehLegal: 'urn:etoegang:core:LegalSubjectID',
  ehIdentifierType: 'namequalifier',
  ehActing: 'urn:etoegang:core:ActingSubjectID',
  ehBranch: 'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr',
  ehRepresented: 'sel_uid',
  groups: 'groups',
};
export const EH_KVK = 'urn:etoegang:1.9:EntityConcernedID:KvKnr';
export const EH_RSIN = 'urn:etoegang:1.9:EntityConcernedID:RSIN';

/**
 * Claims per scope; with conformIdTokenClaims: false they all land in the ID
 * token. `acr` is listed under openid so that it is always in the ID token
 * (oidc-provider otherwise only adds it when acr_values was requested).
 */
export const SCOPE_CLAIMS = {
  openid: ['sub', 'acr', ...Object.values(CLAIM)],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'email'],
  email: ['email', 'email_verified'],
};

// ---------------------------------------------------------------------------
// The built-in test people (synthetic; the BSNs are the test BSNs of the
// testbed's BRP population).

export const RESIDENTS = [
  { bsn: '999993653', naam: 'Suzanne Moulin', toelichting: 'inwoner (DigiD)' },
  { bsn: '999991723', naam: 'Lukas Klamer', toelichting: 'inwoner (DigiD)' },
  { bsn: '999993549', naam: 'Inwoner van Haarlem', toelichting: 'inwoner; laat zich helpen door 999990019' },
  { bsn: '999990019', naam: 'Erebos Bultenaar', toelichting: 'gemachtigde (DigiD Machtigen) voor 999993549' },
];

export const MACHTIGEN_DEFAULT = {
  bsn: '999993549',
  gemachtigde_bsn: '999990019',
  // The service the machtiging is for ("bijstand aanvragen" in the test set-up).
  service_uuid: '6f4d2c1a-9b3e-4c59-8a61-0d2f7e5b9c10',
};

export const COMPANIES = [
  { kvk: '68750110', naam: 'Test BV Donald', medewerker_id: 'EH-ACT-0001-DONALD' },
  { kvk: '69599084', naam: 'Test EMZ Dagobert', medewerker_id: 'EH-ACT-0002-DAGOBERT' },
];

const g = (gemeente, ...rollen) => rollen.map((r) => `gbi-${gemeente}-${r}`);
export const STAFF = [
  { gebruikersnaam: 'kees.consulent', naam: 'Kees Consulent', groepen: g('0392', 'inkomensconsulent') },
  { gebruikersnaam: 'karin.kwaliteit', naam: 'Karin Kwaliteit', groepen: g('0392', 'kwaliteitsmedewerker') },
  { gebruikersnaam: 'tim.teamleider', naam: 'Tim Teamleider', groepen: g('0392', 'teamleider') },
  { gebruikersnaam: 'ilse.intake', naam: 'Ilse Intake', groepen: g('0392', 'intake') },
  { gebruikersnaam: 'bea.beheer', naam: 'Bea Beheer', groepen: g('0392', 'functioneelbeheerder') },
  { gebruikersnaam: 'klaas.kcc', naam: 'Klaas Klantcontact', groepen: g('0392', 'klantcontactcentrum') },
  { gebruikersnaam: 'bram.buurtteam', naam: 'Bram Buurtteam', groepen: g('0392', 'buurtteam') },
  { gebruikersnaam: 'erik.enschede', naam: 'Erik Enschede', groepen: g('0153', 'inkomensconsulent') },
  { gebruikersnaam: 'nina.nieuw', naam: 'Nina Nieuw', groepen: [] },
].map((s) => ({ ...s, email: `${s.gebruikersnaam}@gemeente.example` }));

// ---------------------------------------------------------------------------
// Building a login from the submitted form

/** A form value that cannot be used; `field` is the form field's name. */
export class FormError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

const digits = (n) => new RegExp(`^\\d{${n}}$`);

function need(form, field, re, message) {
  const v = (form[field] ?? '').trim();
  if (!re.test(v)) throw new FormError(field, message);
  return v;
}

function optional(form, field) {
  const v = (form[field] ?? '').trim();
  return v === '' ? undefined : v;
}

function level(kind, form) {
  const v = (form.niveau ?? '').trim() || DEFAULT_LEVEL[kind];
  const levels = LEVELS[kind];
  if (levels[v]) return levels[v];
  if (Object.values(levels).includes(v)) return v; // the full URN is accepted too
  throw new FormError('niveau', `Onbekend betrouwbaarheidsniveau: ${v}`);
}

/** A stable pseudonym: the same input (and salt) always gives the same id. */
export function pseudonym(salt, ...parts) {
  return createHmac('sha256', salt).update(parts.join('\n')).digest('hex').slice(0, 32);
}

function uuidOf(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const BSN_ERROR = 'Vul een BSN van 9 cijfers in.';

/**
 * The account for a submitted form of `kind`: { accountId, acr, claims }.
 * `accountId` is also the `sub`. Throws FormError for unusable input.
 */
export function buildLogin(kind, form, salt) {
  switch (kind) {
    case 'digid': {
      const bsn = need(form, 'bsn', digits(9), BSN_ERROR);
      const sub = pseudonym(salt, 'digid', bsn);
      return { accountId: sub, acr: level(kind, form), claims: { [CLAIM.bsn]: bsn } };
    }
    case 'machtigen': {
      const legal = need(form, 'bsn', digits(9), BSN_ERROR);
      const helper = need(form, 'gemachtigde_bsn', digits(9), 'Vul het BSN van de gemachtigde in (9 cijfers).');
      if (legal === helper) throw new FormError('gemachtigde_bsn', 'De gemachtigde moet iemand anders zijn dan de vertegenwoordigde.');
      const acting = optional(form, 'acting_subject_id') ?? helper;
      const service = optional(form, 'service_uuid') ?? MACHTIGEN_DEFAULT.service_uuid;
      const sub = pseudonym(salt, 'machtigen', acting, legal, service);
      return {
        accountId: sub,
        acr: level(kind, form),
        claims: { [CLAIM.machtigenLegal]: legal, [CLAIM.machtigenActing]: acting, [CLAIM.machtigenService]: service },
      };
    }
    case 'eherkenning': {
      const id = need(form, 'kvk', /^(\d{8}|\d{9})$/, 'Vul een KvK-nummer (8 cijfers) of RSIN (9 cijfers) in.');
      const company = COMPANIES.find((c) => c.kvk === id);
      const acting = optional(form, 'medewerker_id') ?? company?.medewerker_id ?? `EH-ACT-${id}`;
      const branch = optional(form, 'vestigingsnummer');
      if (branch && !digits(12).test(branch)) throw new FormError('vestigingsnummer', 'Een vestigingsnummer heeft 12 cijfers.');
      const represented = optional(form, 'bewind_bsn');
      if (represented && !digits(9).test(represented)) throw new FormError('bewind_bsn', BSN_ERROR);
      const claims = {
        [CLAIM.ehLegal]: id,
        [CLAIM.ehIdentifierType]: id.length === 8 ? EH_KVK : EH_RSIN,
        [CLAIM.ehActing]: acting,
      };
      if (branch) claims[CLAIM.ehBranch] = branch;
      if (represented) claims[CLAIM.ehRepresented] = represented;
      const sub = pseudonym(salt, 'eherkenning', id, acting, branch ?? '', represented ?? '');
      return { accountId: sub, acr: level(kind, form), claims };
    }
    case 'medewerker': {
      const username = need(form, 'gebruikersnaam', /^[a-z0-9][a-z0-9._-]{0,63}$/,
        'Vul een gebruikersnaam in (kleine letters, cijfers, punt, streepje).');
      const known = STAFF.find((s) => s.gebruikersnaam === username);
      const groupsText = optional(form, 'groepen');
      const groups = groupsText === undefined ? (known?.groepen ?? []) : groupsText.split(/[\s,]+/).filter(Boolean);
      const name = optional(form, 'naam') ?? known?.naam ?? username;
      const email = optional(form, 'email') ?? known?.email ?? `${username}@gemeente.example`;
      const sub = uuidOf(pseudonym(salt, 'medewerker', username));
      return {
        accountId: sub,
        acr: undefined, // a municipal SSO gives no Dutch eID level
        claims: {
          preferred_username: username,
          name,
          email,
          email_verified: true,
          [CLAIM.groups]: groups,
        },
      };
    }
    default:
      throw new FormError('soort', `Onbekende soort inlog: ${kind}`);
  }
}
