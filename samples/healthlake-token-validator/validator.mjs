// AWS HealthLake token validation for access tokens of a Keycloak realm with the SMART pack (profile `healthlake`).
// HealthLake calls this Lambda with the bearer token of each request and needs an answer within one second
// (docs.aws.amazon.com/healthlake/latest/devguide/reference-smart-on-fhir-token-validation.html). It verifies the
// JWT against the realm's JWKS (kept in memory between calls, fetched again for an unknown key id) and answers in
// HealthLake's format. Node.js standard library only.
import { createPublicKey, verify } from 'node:crypto';

// Each algorithm with the key type it needs: a token's alg never picks how a key of another type is used.
const ALGORITHMS = {
  RS256: { hash: 'sha256', kty: 'RSA' }, RS384: { hash: 'sha384', kty: 'RSA' }, RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', pss: true }, PS384: { hash: 'sha384', kty: 'RSA', pss: true },
  PS512: { hash: 'sha512', kty: 'RSA', pss: true },
  ES256: { hash: 'sha256', kty: 'EC', ec: true }, ES384: { hash: 'sha384', kty: 'EC', ec: true },
  ES512: { hash: 'sha512', kty: 'EC', ec: true },
};
const CLOCK_SKEW_SECONDS = 30;
const JWKS_TIMEOUT_MS = 500;
// Refetching on every unknown kid would let anyone make the Lambda call Keycloak for each request.
const MIN_REFETCH_MS = 10_000;

/** A validator for one realm: `issuer` is the realm URL, e.g. https://sso.example.org/realms/smart. */
export function createValidator({ issuer, iamRoleArn, fetchImpl = fetch, now = () => Date.now() }) {
  if (!issuer) throw new Error('issuer is required (the realm URL, the tokens\' iss)');
  const jwksUrl = `${issuer}/protocol/openid-connect/certs`;
  let keys = new Map();
  let fetchedAt = 0;

  async function refreshKeys() {
    const response = await fetchImpl(jwksUrl, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const jwks = await response.json();
    const read = new Map();
    for (const jwk of jwks.keys || []) {
      if (!jwk.kid || jwk.use === 'enc') continue;
      try {
        read.set(jwk.kid, { jwk, key: createPublicKey({ key: jwk, format: 'jwk' }) });
      } catch {
        // A key this Node.js cannot read (another curve, a symmetric key) verifies nothing; the others still do.
      }
    }
    keys = read;
    fetchedAt = now();
  }

  async function keyFor(kid) {
    if (!keys.has(kid) && now() - fetchedAt >= MIN_REFETCH_MS) await refreshKeys();
    return keys.get(kid);
  }

  /** Why the token is refused, or null when it is valid for this data store; `claims` is filled on success. */
  async function problem(token, datastoreEndpoint, claims) {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 3) return 'not a JWS';
    let header;
    let payload;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return 'not JSON';
    }
    const algorithm = ALGORITHMS[header.alg];
    if (!algorithm) return `algorithm ${header.alg} not accepted`;
    const known = await keyFor(header.kid);
    if (!known) return 'unknown key';
    if (known.jwk.kty !== algorithm.kty || (known.jwk.alg && known.jwk.alg !== header.alg)) return 'algorithm does not fit the key';
    const options = { key: known.key };
    if (algorithm.pss) Object.assign(options, { padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -1 });
    if (algorithm.ec) options.dsaEncoding = 'ieee-p1363';
    if (!verify(algorithm.hash, Buffer.from(`${parts[0]}.${parts[1]}`), options, Buffer.from(parts[2], 'base64url'))) {
      return 'bad signature';
    }
    const nowSeconds = Math.floor(now() / 1000);
    if (payload.iss !== issuer) return 'another issuer';
    if (typeof payload.exp !== 'number' || payload.exp + CLOCK_SKEW_SECONDS < nowSeconds) return 'expired';
    if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_SKEW_SECONDS > nowSeconds) return 'not yet valid';
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(datastoreEndpoint)) return 'not for this data store';
    if (payload.typ && payload.typ !== 'Bearer') return `a ${payload.typ} token`;
    Object.assign(claims, payload);
    return null;
  }

  /** The Lambda handler: HealthLake's event in, HealthLake's answer out. */
  return async function handler(event) {
    const bearer = String(event?.bearerToken ?? '');
    const token = bearer.startsWith('Bearer ') ? bearer.slice(7) : bearer;
    const claims = {};
    let refused;
    try {
      refused = await problem(token, event?.datastoreEndpoint, claims);
    } catch (error) {
      refused = `cannot check the token: ${error.message}`;
    }
    if (refused) {
      // The reason goes to the Lambda's log (no token, no claims); HealthLake gets a refusal.
      console.warn(JSON.stringify({ refused, operation: event?.operationName }));
      return { authPayload: { isAuthorized: 'false' }, iamRoleARN: iamRoleArn };
    }
    return {
      authPayload: {
        iss: claims.iss,
        aud: event.datastoreEndpoint,
        iat: claims.iat,
        nbf: claims.nbf ?? claims.iat,
        exp: claims.exp,
        isAuthorized: 'true',
        uid: claims.sub,
        scope: claims.scope,
      },
      iamRoleARN: iamRoleArn,
    };
  };
}

let lambdaHandler;
/** The Lambda entry point; settings from the environment: ISSUER (the realm URL) and IAM_ROLE_ARN. */
export async function handler(event) {
  lambdaHandler ??= createValidator({ issuer: process.env.ISSUER, iamRoleArn: process.env.IAM_ROLE_ARN });
  return lambdaHandler(event);
}
