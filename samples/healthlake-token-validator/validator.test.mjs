// node --test: the validator against tokens signed with real keys (RS256, ES384), JWKS served in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createValidator } from './validator.mjs';

const ISSUER = 'https://sso.example.org/realms/smart';
const STORE = 'https://healthlake.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef/r4/';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const jwks = {
  keys: [
    { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES384', use: 'sig' },
  ],
};

function jwt(claims, { kid = 'rsa-1', alg = 'RS256', key = rsa.privateKey } = {}) {
  const encode = (part) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode({ alg, kid, typ: 'JWT' })}.${encode(claims)}`;
  const signature = alg === 'ES384'
    ? sign('sha384', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const claims = (extra = {}) => ({ iss: ISSUER, sub: 'user-1', aud: [STORE, 'demo-fhir-server'], iat: nowSeconds(),
  exp: nowSeconds() + 300, typ: 'Bearer', scope: 'launch/patient patient/Patient.rs', ...extra });

function validator() {
  const calls = { count: 0 };
  const fetchImpl = async (url) => {
    calls.count += 1;
    assert.equal(url, `${ISSUER}/protocol/openid-connect/certs`);
    return new Response(JSON.stringify(jwks), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { handler: createValidator({ issuer: ISSUER, iamRoleArn: 'arn:aws:iam::123:role/hl', fetchImpl }), calls };
}

const event = (token) => ({ datastoreEndpoint: STORE, operationName: 'Read', bearerToken: `Bearer ${token}` });

test('a valid token is authorized with HealthLake\'s fields', async () => {
  const { handler } = validator();
  const token = claims();
  const answer = await handler(event(jwt(token)));
  assert.deepEqual(answer, {
    authPayload: { iss: ISSUER, aud: STORE, iat: token.iat, nbf: token.iat, exp: token.exp, isAuthorized: 'true',
      uid: 'user-1', scope: 'launch/patient patient/Patient.rs' },
    iamRoleARN: 'arn:aws:iam::123:role/hl',
  });
});

test('an ES384 token verifies too, and the JWKS is fetched once for both', async () => {
  const { handler, calls } = validator();
  assert.equal((await handler(event(jwt(claims())))).authPayload.isAuthorized, 'true');
  assert.equal((await handler(event(jwt(claims(), { kid: 'ec-1', alg: 'ES384', key: ec.privateKey })))).authPayload.isAuthorized, 'true');
  assert.equal(calls.count, 1);
});

for (const [name, token] of [
  ['another data store', () => jwt(claims({ aud: 'https://healthlake.us-east-1.amazonaws.com/datastore/other/r4/' }))],
  ['the data store without its trailing slash', () => jwt(claims({ aud: STORE.slice(0, -1) }))],
  ['expired', () => jwt(claims({ exp: nowSeconds() - 120 }))],
  ['not yet valid', () => jwt(claims({ nbf: nowSeconds() + 600 }))],
  ['another issuer', () => jwt(claims({ iss: 'https://evil.example/realms/smart' }))],
  ['a refresh token', () => jwt(claims({ typ: 'Refresh' }))],
  ['a bad signature', () => {
    const [header, payload, signature] = jwt(claims()).split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] ^= 0xff; // a byte inside the signature, not base64's padding bits
    return `${header}.${payload}.${bytes.toString('base64url')}`;
  }],
  ['signed by an unknown key', () => jwt(claims(), { kid: 'rsa-2', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })],
  ['alg none', () => `${Buffer.from('{"alg":"none","kid":"rsa-1"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`],
  ['HS256', () => jwt(claims(), { alg: 'HS256' })],
  ['an RSA key named with alg PS256 (the key says RS256)', () => jwt(claims(), { alg: 'PS256' })],
  ['an EC key named as RS256', () => jwt(claims(), { kid: 'ec-1', alg: 'RS256', key: ec.privateKey })],
  ['not a JWT', () => 'not-a-jwt'],
]) {
  test(`refused: ${name}`, async () => {
    const { handler } = validator();
    const answer = await handler(event(token()));
    assert.deepEqual(answer, { authPayload: { isAuthorized: 'false' }, iamRoleARN: 'arn:aws:iam::123:role/hl' });
  });
}

test('a JWKS that cannot be read refuses, it does not throw', async () => {
  const handler = createValidator({ issuer: ISSUER, fetchImpl: async () => new Response('down', { status: 503 }) });
  assert.equal((await handler(event(jwt(claims())))).authPayload.isAuthorized, 'false');
});

test('a JWKS key this Node.js cannot read leaves the others usable', async () => {
  const withOct = { keys: [{ kty: 'oct', kid: 'hmac-1', k: 'c2VjcmV0' , use: 'sig', alg: 'HS256' },
    { kty: 'EC', kid: 'odd', crv: 'P-999', x: 'AA', y: 'AA' }, ...jwks.keys] };
  const handler = createValidator({ issuer: ISSUER, fetchImpl: async () => new Response(JSON.stringify(withOct)) });
  assert.equal((await handler(event(jwt(claims())))).authPayload.isAuthorized, 'true');
  assert.equal((await handler(event(jwt(claims(), { kid: 'hmac-1', alg: 'HS256' })))).authPayload.isAuthorized, 'false');
});

test('an unknown key id refetches the JWKS at most every ten seconds', async () => {
  const { handler, calls } = validator();
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  await handler(event(jwt(claims())));
  await handler(event(jwt(claims(), { kid: 'rotated', key: stranger })));
  await handler(event(jwt(claims(), { kid: 'rotated', key: stranger })));
  assert.equal(calls.count, 1);
});
