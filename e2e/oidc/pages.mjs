// Server-rendered HTML of the test login: the interaction page, the logout
// confirmation, the logged-out page and errors. No external assets, no
// JavaScript. Every form field has id `<soort>-<name>`, every submit button
// `<soort>-inloggen`; see README.md.

import {
  KINDS, LEVELS, DEFAULT_LEVEL, RESIDENTS, MACHTIGEN_DEFAULT, COMPANIES, STAFF,
} from './people.mjs';

export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.4;color:#111}
.testbanner{background:#ffdd00;border:3px solid #111;padding:.5rem 1rem;font-weight:700;font-size:1.2rem}
fieldset{border:1px solid #777;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:700;font-size:1.1rem}
label{display:block;margin-top:.6rem;font-weight:600}
.hint{display:block;font-weight:400;font-size:.9rem;color:#444}
input,select,textarea{font:inherit;padding:.3rem;width:100%;max-width:30rem;box-sizing:border-box}
button{display:block;font:inherit;margin-top:.8rem;padding:.4rem 1rem;cursor:pointer}
.fout{border-left:5px solid #d52b1e;padding:.5rem 1rem;background:#fde8e6}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #aaa;padding:.2rem .4rem;text-align:left}
code{font-size:.9rem}`;

function layout(title, body) {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Testinlog</title>
<style>${STYLE}</style>
</head>
<body>
<p class="testbanner" id="testbanner">Testinlog — geen echte DigiD</p>
<main>
${body}
</main>
</body>
</html>`;
}

function field(kind, name, label, value, { hint, error, autocomplete = 'off' } = {}) {
  const id = `${kind}-${name}`;
  const invalid = error ? ` aria-invalid="true" aria-describedby="${id}-fout"` : '';
  return `<label for="${id}">${esc(label)}${hint ? ` <span class="hint">${esc(hint)}</span>` : ''}</label>
${error ? `<p class="fout" id="${id}-fout">${esc(error)}</p>` : ''}<input type="text" id="${id}" name="${name}" value="${esc(value)}" autocomplete="${autocomplete}"${invalid}>`;
}

function levelSelect(kind, chosen) {
  const options = Object.entries(LEVELS[kind]).map(([key, urn]) =>
    `<option value="${key}"${key === chosen ? ' selected' : ''}>${esc(key)} — ${esc(urn.split(':').pop())}</option>`).join('');
  return `<label for="${kind}-niveau">Betrouwbaarheidsniveau</label>
<select id="${kind}-niveau" name="niveau">${options}</select>`;
}

const BUTTON = {
  digid: 'Inloggen met DigiD',
  machtigen: 'Inloggen met DigiD Machtigen',
  eherkenning: 'Inloggen met eHerkenning',
  medewerker: 'Inloggen als medewerker',
};

function kindForm(uid, kind, v, err) {
  const e = (name) => (err?.kind === kind && err.field === name ? err.message : undefined);
  const f = (name, label, value, opts = {}) => field(kind, name, label, value, { ...opts, error: e(name) });
  let fields;
  switch (kind) {
    case 'digid':
      fields = f('bsn', 'BSN', v.bsn ?? RESIDENTS[0].bsn, { hint: '9 cijfers' })
        + levelSelect(kind, v.niveau ?? DEFAULT_LEVEL[kind]);
      break;
    case 'machtigen':
      fields = f('bsn', 'BSN van de vertegenwoordigde', v.bsn ?? MACHTIGEN_DEFAULT.bsn, { hint: 'komt in LegalSubjectID' })
        + f('gemachtigde_bsn', 'BSN van de gemachtigde', v.gemachtigde_bsn ?? MACHTIGEN_DEFAULT.gemachtigde_bsn)
        + f('acting_subject_id', 'ActingSubjectID', v.acting_subject_id ?? '', { hint: 'leeg: het BSN van de gemachtigde; vul iets in voor een ondoorzichtige id' })
        + f('service_uuid', 'ServiceUUID', v.service_uuid ?? MACHTIGEN_DEFAULT.service_uuid)
        + levelSelect(kind, v.niveau ?? DEFAULT_LEVEL[kind]);
      break;
    case 'eherkenning':
      fields = f('kvk', 'KvK-nummer of RSIN', v.kvk ?? COMPANIES[0].kvk, { hint: '8 cijfers (KvK) of 9 cijfers (RSIN)' })
        + f('medewerker_id', 'ActingSubjectID (handelende medewerker)', v.medewerker_id ?? '', { hint: 'leeg: de vaste test-id van het bedrijf' })
        + f('vestigingsnummer', 'Vestigingsnummer', v.vestigingsnummer ?? '', { hint: 'optioneel, 12 cijfers' })
        + f('bewind_bsn', 'BSN van de vertegenwoordigde (bewindvoering, sel_uid)', v.bewind_bsn ?? '', { hint: 'optioneel' })
        + levelSelect(kind, v.niveau ?? DEFAULT_LEVEL[kind]);
      break;
    case 'medewerker':
      fields = f('gebruikersnaam', 'Gebruikersnaam', v.gebruikersnaam ?? STAFF[0].gebruikersnaam, { autocomplete: 'username' })
        + f('naam', 'Naam', v.naam ?? '', { hint: 'leeg: uit de lijst met testmedewerkers' })
        + f('email', 'E-mailadres', v.email ?? '', { hint: 'leeg: uit de lijst met testmedewerkers' })
        + f('groepen', 'Groepen', v.groepen ?? '', { hint: 'gescheiden door spaties of komma’s; leeg: uit de lijst met testmedewerkers' });
      break;
    default:
      fields = '';
  }
  return `<form method="post" action="/interaction/${esc(uid)}" id="${kind}-form">
<fieldset>
<legend>${esc(KINDS[kind])}</legend>
<input type="hidden" name="soort" value="${kind}">
${fields}
<button type="submit" id="${kind}-inloggen">${BUTTON[kind]}</button>
</fieldset>
</form>`;
}

function peopleTable(kinds) {
  const rows = [];
  if (kinds.some((k) => k === 'digid' || k === 'machtigen')) {
    for (const r of RESIDENTS) rows.push(`<tr><td>${r.bsn}</td><td>${esc(r.naam)}</td><td>${esc(r.toelichting)}</td></tr>`);
  }
  if (kinds.includes('eherkenning')) {
    for (const c of COMPANIES) rows.push(`<tr><td>KvK ${c.kvk}</td><td>${esc(c.naam)}</td><td>eHerkenning, ActingSubjectID ${esc(c.medewerker_id)}</td></tr>`);
  }
  if (kinds.includes('medewerker')) {
    for (const s of STAFF) rows.push(`<tr><td>${esc(s.gebruikersnaam)}</td><td>${esc(s.naam)}</td><td>${esc(s.groepen.join(' ') || 'geen groepen')}</td></tr>`);
  }
  return `<h2>Testpersonen</h2>
<table id="testpersonen"><thead><tr><th scope="col">Kenmerk</th><th scope="col">Naam</th><th scope="col">Toelichting</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * The login page of one interaction. `hints` = { login_hint, acr_values }
 * from the request; `values` = the submitted form when `error` = { kind,
 * field, message } is shown.
 */
export function loginPage({ uid, clientName, kinds, hints = {}, values = {}, error }) {
  const summary = error
    ? `<div class="fout" role="alert" id="foutmelding"><p><strong>Er is iets niet goed ingevuld.</strong></p><p>${esc(error.message)}</p></div>`
    : '';
  const forms = kinds.map((k) => kindForm(uid, k, error?.kind === k ? values : defaultsFor(k, hints), error)).join('\n');
  return layout('Inloggen', `<h1>Inloggen bij ${esc(clientName)}</h1>
<p>Dit is een nagebootste inlogdienst voor tests en de demo. Kies hoe u inlogt en met wie.
Er wordt niets gecontroleerd; verzenden logt direct in (zonder toestemmingsscherm).</p>
${summary}
${forms}
<form method="post" action="/interaction/${esc(uid)}" id="annuleren-form">
<input type="hidden" name="soort" value="annuleren">
<button type="submit" id="annuleren">Annuleren en terug naar de dienst</button>
</form>
${peopleTable(kinds)}`);
}

// Pre-filled values from the authorization request (login_hint, acr_values)
// only go into the form they fit.
function defaultsFor(kind, hints) {
  const v = {};
  if (hints.login_hint) {
    if (/^\d{9}$/.test(hints.login_hint) && (kind === 'digid' || kind === 'machtigen')) v.bsn = hints.login_hint;
    if (/^\d{8}$/.test(hints.login_hint) && kind === 'eherkenning') v.kvk = hints.login_hint;
    if (!/^\d+$/.test(hints.login_hint) && kind === 'medewerker') v.gebruikersnaam = hints.login_hint;
  }
  if (LEVELS[kind] && hints.acr_values) {
    for (const acr of hints.acr_values.split(' ')) {
      const key = Object.entries(LEVELS[kind]).find(([, urn]) => urn === acr)?.[0];
      if (key) { v.niveau = key; break; }
    }
  }
  return v;
}

/** Logout confirmation; `form` is oidc-provider's hidden form (xsrf token). */
export function logoutPage(form, clientName) {
  return layout('Uitloggen', `<h1>Uitloggen${clientName ? ` bij ${esc(clientName)}` : ''}</h1>
<p>Wilt u uitloggen bij de testinlog?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="uitloggen">Uitloggen</button>
<button type="submit" form="op.logoutForm" id="ingelogd-blijven">Ingelogd blijven</button>`);
}

export function loggedOutPage(clientName) {
  return layout('Uitgelogd', `<h1 id="uitgelogd">U bent uitgelogd</h1>
<p>U bent uitgelogd bij de testinlog${clientName ? ` voor ${esc(clientName)}` : ''}. U kunt dit venster sluiten.</p>`);
}

export function errorPage(title, details = {}) {
  const rows = Object.entries(details)
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`).join('');
  return layout(title, `<h1 id="fout">${esc(title)}</h1>
${rows ? `<table id="foutdetails">${rows}</table>` : ''}`);
}
