// Demo SMART app: standalone and EHR launch with PKCE, the token exchange, then a few FHIR reads; no libraries.
'use strict';

const DEFAULT_CLIENT_ID = 'demo-app';
const EHR_SCOPE = 'launch openid fhirUser patient/*.rs';
const STANDALONE_SCOPE = 'launch/patient launch/encounter openid fhirUser offline_access patient/*.rs';
const PENDING_KEY = 'smart-demo-app.pending'; // sessionStorage: state, verifier, iss, endpoints; never tokens

const params = new URLSearchParams(location.search);
const clientId = params.get('client_id') || DEFAULT_CLIENT_ID;
const redirectUri = location.origin + location.pathname;
const $ = (id) => document.getElementById(id);

/** An error whose message is meant for the user (no stack trace needed). */
class AppError extends Error {}

async function main() {
  if (params.has('error')) return showAuthorizationError();
  if (params.has('code')) return finishLaunch();
  if (params.has('launch')) return startLaunch(params.get('iss'), EHR_SCOPE, params.get('launch'));
  showStartPage();
}

function showStartPage() {
  const form = $('start');
  $('iss').value = params.get('iss') || location.origin + '/fhir';
  $('scope').value = STANDALONE_SCOPE;
  $('client-id').textContent = clientId;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    $('error').hidden = true;
    form.querySelector('button').disabled = true;
    const scope = $('scope').value.trim().split(/\s+/).join(' ');
    startLaunch($('iss').value, scope, null).catch((error) => {
      form.querySelector('button').disabled = false;
      showError(error);
    });
  });
}

/** Discovery from iss, then off to the authorization endpoint (with `launch` for an EHR launch). */
async function startLaunch(issParam, scope, launch) {
  const iss = checkIss(issParam);
  if (!window.crypto || !crypto.subtle) {
    throw new AppError('PKCE needs crypto.subtle, which browsers offer only on https:// or http://localhost pages.');
  }
  setStatus('Reading the SMART configuration …');
  const config = await fetchJson(iss + '/.well-known/smart-configuration', {}, 'SMART configuration');
  const authorize = httpUrl(config.authorization_endpoint, 'authorization_endpoint');
  const tokenEndpoint = httpUrl(config.token_endpoint, 'token_endpoint').href;

  const verifier = randomString(32);
  const state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(
      { state, verifier, iss, clientId, redirectUri, tokenEndpoint, issuer: config.issuer || null }));
  const query = {
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state, aud: iss,
    code_challenge: await sha256(verifier), code_challenge_method: 'S256',
  };
  if (launch) query.launch = launch;
  for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);
  setStatus('Redirecting to the authorization server …');
  location.assign(authorize.href);
}

/** Back from Keycloak with a code: check state, exchange the code, show the answer, read the patient's data. */
async function finishLaunch() {
  const pending = takePending();
  if (!pending || pending.state !== params.get('state')) {
    throw new AppError('The state does not match a launch started in this tab, so the code is not used. Start again.');
  }
  const responseIssuer = params.get('iss'); // RFC 9207: who issued the code
  if (responseIssuer && pending.issuer && responseIssuer !== pending.issuer) {
    throw new AppError(`The code comes from ${responseIssuer}, not from ${pending.issuer}; it is not used.`);
  }
  setStatus('Exchanging the code for a token …');
  const token = await fetchJson(pending.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: pending.redirectUri,
      client_id: pending.clientId, code_verifier: pending.verifier,
    }),
  }, 'Token request');
  if (!token.access_token) throw new AppError('The token response has no access_token.');
  setStatus('');
  showToken(token);
  $('result').hidden = false;
  $('again').hidden = false;
  await showPatientData(pending.iss, token);
}

function showAuthorizationError() {
  const pending = takePending();
  const description = params.get('error_description');
  const stateNote = pending && pending.state === params.get('state') ? '' : ' (no launch from this tab has this state)';
  throw new AppError(`The authorization server answered "${params.get('error')}"`
      + (description ? `: ${description}` : '') + stateNote);
}

function showToken(token) {
  const claims = jwtClaims(token.id_token);
  const rows = [
    ['Patient', token.patient || 'none'],
    ['Encounter', token.encounter || 'none'],
    ['Granted scope', (token.scope || '').split(/\s+/).filter(Boolean).join('\n') || 'none'],
    ['need_patient_banner', token.need_patient_banner === undefined ? 'not sent' : String(token.need_patient_banner)],
    ['Refresh token', token.refresh_token ? 'yes' : 'no'],
    ['fhirUser (id token)', claims.fhirUser || (token.id_token ? 'not in the id token' : 'no id token')],
    ['Access token', shorten(token.access_token)],
    ['Expires in', token.expires_in ? `${token.expires_in} s` : 'not sent'],
  ];
  if (token.smart_style_url) rows.push(['smart_style_url', token.smart_style_url]);
  $('token').replaceChildren(...definitions(rows));
}

async function showPatientData(iss, token) {
  const patient = token.patient;
  if (!patient) {
    $('patient').replaceChildren(note('No patient in the launch context, so there is nothing to read.'));
    $('observations').replaceChildren();
    return;
  }
  const init = { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/fhir+json' } };
  const id = encodeURIComponent(patient);
  await Promise.all([
    render('patient', async () => {
      const resource = await fetchJson(`${iss}/Patient/${id}`, init, `GET Patient/${patient}`);
      const dl = document.createElement('dl');
      dl.append(...definitions([['Name', humanName(resource.name)], ['Birth date', resource.birthDate || 'unknown'],
        ['Gender', resource.gender || 'unknown']]));
      return dl;
    }),
    render('observations', async () => {
      const bundle = await fetchJson(`${iss}/Observation?patient=${id}&_count=10`, init, 'Observation search');
      const entries = (bundle.entry || []).map((entry) => entry.resource).filter(Boolean);
      if (entries.length === 0) return note('No observations.');
      const list = document.createElement('ul');
      list.append(...entries.map((o) =>
        element('li', `${observationDate(o)} · ${codeText(o.code)}: ${observationValue(o)}`)));
      return bundle.total > entries.length ? [list, note(`${entries.length} of ${bundle.total} shown.`)] : list;
    }),
  ]);
}

/** Fills the element with what build() returns, or with the error it throws. */
async function render(elementId, build) {
  $(elementId).replaceChildren(note('Loading …'));
  try {
    $(elementId).replaceChildren(...[await build()].flat());
  } catch (error) {
    $(elementId).replaceChildren(note(messageOf(error), 'error'));
  }
}

/** fetch that turns network failures and HTTP errors into readable AppErrors. */
async function fetchJson(url, init, what) {
  let response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new AppError(`${what}: ${url} could not be reached (network error, or blocked by CORS or by this page's `
        + 'Content-Security-Policy).');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const details = [response.statusText, problem(body)].filter(Boolean).join(' – ');
    throw new AppError(`${what}: HTTP ${response.status}${details ? ' ' + details : ''}`);
  }
  if (body === null || typeof body !== 'object') throw new AppError(`${what}: the answer is not JSON.`);
  return body;
}

/** The message inside an OAuth error or a FHIR OperationOutcome. */
function problem(body) {
  if (!body || typeof body !== 'object') return '';
  if (body.error) return String(body.error) + (body.error_description ? `: ${body.error_description}` : '');
  if (body.resourceType === 'OperationOutcome') {
    return (body.issue || []).map((issue) => issue.diagnostics || (issue.details && issue.details.text) || issue.code)
        .filter(Boolean).join('; ');
  }
  return '';
}

function parseUrl(value) {
  try { return new URL(value); } catch { return null; }
}

function checkIss(value) {
  const url = parseUrl(value);
  if (!url) throw new AppError(`The FHIR base URL (iss) is missing or not a URL: "${value || ''}".`);
  if (url.origin !== location.origin) {
    throw new AppError(`This demo app only talks to the FHIR server it is served by (${location.origin}), `
        + `not to ${url.origin}.`);
  }
  return url.href.replace(/\/+$/, '');
}

function httpUrl(value, name) {
  const url = parseUrl(value);
  if (!url || !['https:', 'http:'].includes(url.protocol)) {
    throw new AppError(`The SMART configuration has no usable ${name}.`);
  }
  return url;
}

/** Reads and forgets the pending launch, and drops the callback parameters from the address bar. */
function takePending() {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', location.pathname); // the code must not stay in the address bar or history
  try { return JSON.parse(stored); } catch { return null; }
}

// PKCE and state: random base64url strings, and the S256 code challenge.
function randomString(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function sha256(text) {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The id token's claims, for display only (the app trusts the token endpoint it just talked to). */
function jwtClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

function shorten(token) {
  return token ? `${token.slice(0, 12)}… (${token.length} characters)` : 'none';
}

function humanName(names) {
  const name = (names || []).find((n) => n.use === 'official') || (names || [])[0];
  if (!name) return 'unknown';
  return name.text || [...(name.prefix || []), ...(name.given || []), name.family].filter(Boolean).join(' ');
}

function codeText(concept) {
  if (!concept) return 'unknown';
  return concept.text || (concept.coding || []).map((c) => c.display || c.code).find(Boolean) || 'unknown';
}

function observationValue(o) {
  const quantity = o.valueQuantity;
  if (quantity) return `${quantity.value ?? ''} ${quantity.unit || quantity.code || ''}`.trim();
  if (o.valueCodeableConcept) return codeText(o.valueCodeableConcept);
  for (const key of ['valueString', 'valueInteger', 'valueBoolean', 'valueDateTime']) {
    if (key in o) return String(o[key]);
  }
  if (o.component) return o.component.map((c) => `${codeText(c.code)} ${observationValue(c)}`).join(', ');
  return o.dataAbsentReason ? codeText(o.dataAbsentReason) : 'no value';
}

function observationDate(o) {
  return (o.effectiveDateTime || (o.effectivePeriod && o.effectivePeriod.start) || o.issued || 'no date').slice(0, 10);
}

/** A new element with this text (as text, never as HTML). */
function element(tag, text, className = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  node.className = className;
  return node;
}

const definitions = (rows) => rows.flatMap(([term, value]) => [element('dt', term), element('dd', value)]);
const note = (text, className = 'muted') => element('p', text, className);
const setStatus = (text) => { $('status').textContent = text; };

function messageOf(error) {
  return error instanceof AppError ? error.message : `Unexpected error: ${error && error.message}`;
}

function showError(error) {
  if (!(error instanceof AppError)) console.error(error);
  setStatus('');
  $('error-text').textContent = messageOf(error);
  $('error').hidden = false;
  $('again').hidden = false;
}

main().catch(showError); // last: every declaration above is initialised by now
