// The interaction endpoint: GET /interaction/<uid> shows the test login,
// POST /interaction/<uid> logs in (and consents) in one step.

import { buildLogin, FormError, KINDS } from './people.mjs';
import { loginPage, errorPage } from './pages.mjs';

const MAX_BODY = 64 * 1024;

export function send(res, status, html, headers = {}) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw new Error('request body too large');
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** A grant for everything the client asked for: the test login never asks for consent. */
async function grantAll(provider, details, accountId) {
  const { params, prompt } = details;
  const reuse = details.grantId && details.session?.accountId === accountId;
  const grant = reuse
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(String(params.scope ?? 'openid'));
  const missing = prompt?.details ?? {};
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return grant.save();
}

/**
 * Handle a request under /interaction/. `kindsFor(clientId)` gives the
 * kinds of login a client allows; `accounts` (a Map) receives the claims of
 * every account that logs in; `salt` makes the pseudonyms.
 */
export async function handleInteraction(provider, req, res, { kindsFor, accounts, salt, log }) {
  const uid = new URL(req.url, 'http://x').pathname.split('/')[2];
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    log(`interaction ${uid}: ${err.message}`);
    return send(res, 400, errorPage('Deze inlogpoging is verlopen of onbekend', {
      toelichting: 'Begin opnieuw bij de dienst waar u wilde inloggen (cookies moeten aan staan).',
      fout: err.message,
    }));
  }
  if (details.uid !== uid) {
    return send(res, 400, errorPage('Deze inlogpoging hoort niet bij deze pagina', { uid }));
  }

  const clientId = details.params.client_id;
  const client = await provider.Client.find(clientId);
  const clientName = client?.clientName ?? clientId;
  const kinds = kindsFor(clientId);

  // Only consent is missing (e.g. a new scope on an existing session): give it.
  if (details.prompt.name === 'consent') {
    const grantId = await grantAll(provider, details, details.session.accountId);
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  const hints = { login_hint: details.params.login_hint, acr_values: details.params.acr_values };
  if (req.method === 'GET') {
    return send(res, 200, loginPage({ uid, clientName, kinds, hints }));
  }
  if (req.method !== 'POST') {
    return send(res, 405, errorPage('Methode niet toegestaan'), { allow: 'GET, POST' });
  }

  const form = await readForm(req);
  const kind = form.soort;
  if (kind === 'annuleren') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'Inloggen geannuleerd door de gebruiker',
    }, { mergeWithLastSubmission: false });
  }
  if (!kinds.includes(kind)) {
    const message = KINDS[kind]
      ? `${KINDS[kind]} is niet toegestaan voor ${clientName}.`
      : `Onbekende soort inlog: ${kind ?? '(geen)'}.`;
    return send(res, 400, loginPage({ uid, clientName, kinds, hints, error: { kind, field: 'soort', message } }));
  }

  let login;
  try {
    login = buildLogin(kind, form, salt);
  } catch (err) {
    if (!(err instanceof FormError)) throw err;
    return send(res, 400, loginPage({
      uid, clientName, kinds, hints, values: form, error: { kind, field: err.field, message: err.message },
    }));
  }

  accounts.set(login.accountId, login.claims);
  const grantId = await grantAll(provider, details, login.accountId);
  const result = {
    login: { accountId: login.accountId, ...(login.acr ? { acr: login.acr } : {}), remember: true },
    consent: { grantId },
  };
  log(`login ${kind} for ${clientId}: sub ${login.accountId}${login.acr ? `, acr ${login.acr}` : ''}`);
  return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}
