import type { JsonWebKey } from 'node:crypto';
import { issuerProfileFrom, type IssuerConfig } from '../model/config.js';
import type { JsonObject, JsonValue } from '../model/types.js';
import { didOf, isDidKey, multibaseFromPublicJwk } from './did-key.js';
import type { SigningAlg } from './generate.js';
import { keyKindOf, publicJwkOf } from './jwk.js';
import { buildJwks } from './publish.js';

/**
 * The `verificationMethod` of a Data Integrity proof by this issuer: `<issuer id>#<Ed25519
 * Multikey>` (OB 3.0 section 4.3 examples; for a did:key issuer this is `did:key:z…#z…`).
 *
 * @example dataIntegrityMethodFor('did:web:example.org', jwk) // 'did:web:example.org#z6Mk…'
 */
export function dataIntegrityMethodFor(issuerId: string, publicJwk: JsonWebKey): string {
  const base = isDidKey(issuerId) ? didOf(issuerId) : issuerId;
  return `${base}#${multibaseFromPublicJwk(publicJwk)}`;
}

/** What an issuer publishes so that others can verify its badges; never a private member. */
export interface Publication {
  /** For a `did:web` (or `did:key`) issuer: its DID document. */
  didDocument?: JsonObject;
  jwks: { issuer: string; keys: JsonWebKey[] };
  /** The issuer Profile with its keys, served at the issuer id when that is an https URL. */
  profile: JsonObject;
}

function jwkJson(jwk: JsonWebKey): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(publicJwkOf(jwk))) {
    if (typeof value === 'string' && name !== 'kid') out[name] = value;
  }
  return out;
}

/**
 * The verification methods of the issuer's key: a `JsonWebKey` under the VC-JWT `kid`, and for
 * Ed25519 also a `Multikey` under the Data Integrity method id (when that id differs), both
 * listed under `assertionMethod` since credentials are assertions.
 */
function methodsOf(controller: string, publicJwk: JsonWebKey, kid: string): JsonObject[] {
  const id = (ref: string): string => (ref.startsWith('#') ? `${controller}${ref}` : ref);
  const methods: JsonObject[] = [
    { id: id(kid), type: 'JsonWebKey', controller, publicKeyJwk: jwkJson(publicJwk) },
  ];
  if (keyKindOf(publicJwk) === 'Ed25519') {
    const multikeyId = dataIntegrityMethodFor(controller, publicJwk);
    if (multikeyId !== id(kid)) {
      methods.push({
        id: multikeyId,
        type: 'Multikey',
        controller,
        publicKeyMultibase: multibaseFromPublicJwk(publicJwk),
      });
    }
  }
  return methods;
}

/**
 * Builds what `keys export` writes from the issuer config and its PUBLIC key: the JWKS, the DID
 * document (DID issuers) and the issuer profile. Every key goes through `publicJwkOf`, so a
 * private member given by mistake is never copied.
 *
 * @example buildPublication(config, { publicJwk, kid, alg: 'EdDSA' }).jwks.keys[0]?.d // undefined
 */
export function buildPublication(
  config: IssuerConfig,
  key: { publicJwk: JsonWebKey; kid: string; alg: SigningAlg },
): Publication {
  const issuerId = config.issuer.id;
  const publicJwk = publicJwkOf(key.publicJwk);
  const methods = methodsOf(issuerId, publicJwk, key.kid);
  const ids: JsonValue[] = methods.map((method) => method.id as string);
  const jwks = buildJwks(issuerId, [{ publicJwk, kid: key.kid, alg: key.alg }]);
  const contexts = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'];
  if (methods.some((method) => method.type === 'Multikey')) {
    contexts.push('https://w3id.org/security/multikey/v1');
  }
  const profile: JsonObject = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    ...(issuerProfileFrom(config) as unknown as JsonObject),
    verificationMethod: methods,
    assertionMethod: ids,
  };
  const publication: Publication = { jwks, profile };
  if (issuerId.startsWith('did:')) {
    publication.didDocument = {
      '@context': contexts,
      id: issuerId,
      verificationMethod: methods,
      assertionMethod: ids,
    };
  }
  return publication;
}

/**
 * Where a did:web DID document is served (W3C did:web, section 3.2 "Read"):
 * `did:web:example.org` → `https://example.org/.well-known/did.json`,
 * `did:web:example.org:issuers:1` → `https://example.org/issuers/1/did.json`.
 */
export function didWebUrl(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const parts = didOf(did).slice('did:web:'.length).split(':').map(decodeURIComponent);
  const host = parts[0] ?? '';
  return parts.length === 1
    ? `https://${host}/.well-known/did.json`
    : `https://${host}/${parts.slice(1).join('/')}/did.json`;
}
