import type { JsonWebKey } from 'node:crypto';
import type { JsonObject, JsonValue } from '../model/types.js';
import type { SigningAlg } from './generate.js';
import { publicJwkOf } from './jwk.js';

/**
 * The public JWKS an issuer publishes (OB 3.0 section 4.2 notes, key provenance): an `issuer`
 * member naming the issuer, and each key with its `kid`, `alg` and `use: 'sig'`. Private members
 * are never copied, whatever the input holds.
 *
 * @example buildJwks('https://example.edu/issuer', [{ publicJwk, kid, alg: 'ES256' }])
 */
export function buildJwks(
  issuerId: string,
  keys: { publicJwk: JsonWebKey; kid: string; alg: SigningAlg }[],
): { issuer: string; keys: JsonWebKey[] } {
  return {
    issuer: issuerId,
    keys: keys.map(({ publicJwk, kid, alg }) => ({
      ...publicJwkOf(publicJwk),
      kid,
      alg,
      use: 'sig',
    })),
  };
}

function toJson(jwk: JsonWebKey): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(publicJwkOf(jwk))) {
    if (typeof value === 'string') out[name] = value;
  }
  delete out.kid;
  return out;
}

/**
 * A DID document for a did:key or did:web issuer: one `JsonWebKey` verification method per key
 * (controller = the DID) and `assertionMethod` naming each, since credentials are assertions.
 *
 * @example buildDidDocument('did:web:example.edu', [{ publicJwk, kid: 'did:web:example.edu#k1' }])
 */
export function buildDidDocument(
  did: string,
  keys: { publicJwk: JsonWebKey; kid: string }[],
): JsonObject {
  const methods: JsonValue[] = keys.map(({ publicJwk, kid }) => ({
    id: kid.startsWith('#') ? `${did}${kid}` : kid,
    type: 'JsonWebKey',
    controller: did,
    publicKeyJwk: toJson(publicJwk),
  }));
  const ids = methods.map((method) => (method as JsonObject).id as string);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jws/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
  };
}
