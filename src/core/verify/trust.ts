import type { JsonWebKey } from 'node:crypto';
import { BadgesmithError } from '../errors.js';
import { didOf, isDidKey, multibaseFromPublicJwk, publicJwkFromDidKey } from '../keys/did-key.js';
import { hasPrivateMembers, jwkProblem, publicJwkOf } from '../keys/jwk.js';
import { show } from './report.js';

/** One key an issuer controls, as a trust file lists it. */
export interface TrustedKey {
  /** The key's id: a JWKS `kid`, or a verification method id (absolute). */
  kid?: string;
  publicJwk: JsonWebKey;
}

/** Keys the user vouches for, for one issuer id, and where they came from. */
export interface TrustEntry {
  issuerId: string;
  /** The file path or literal the entry came from, for the report. */
  source: string;
  kind: 'did-document' | 'jwks' | 'issuer-profile' | 'did-key';
  keys: TrustedKey[];
}

/** Everything trusted in one run. Trust is local and explicit (DESIGN.md). */
export interface TrustSet {
  entries: TrustEntry[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(source: string, why: string, hint: string): BadgesmithError {
  return new BadgesmithError('ERR_TRUST_INVALID', `trust file '${source}' ${why}`, { hint });
}

/** The trust entry of a literal `did:key:…`: the DID and its only key. */
export function trustEntryFromDidKey(did: string): TrustEntry {
  const bare = didOf(did);
  let publicJwk: JsonWebKey;
  try {
    publicJwk = publicJwkFromDidKey(bare);
  } catch (error) {
    throw new BadgesmithError('ERR_TRUST_INVALID', `'${did}' is not a did:key this can read`, {
      hint: 'pass an Ed25519 (did:key:z6Mk…) or P-256 (did:key:zDn…) did:key',
      cause: error,
    });
  }
  const kid = `${bare}#${multibaseFromPublicJwk(publicJwk)}`;
  return { issuerId: bare, source: did, kind: 'did-key', keys: [{ kid, publicJwk }] };
}

function keyOfMethod(method: Json, source: string): JsonWebKey {
  if (isObject(method.publicKeyJwk)) {
    const jwk = method.publicKeyJwk as JsonWebKey;
    if (hasPrivateMembers(jwk)) {
      throw invalid(source, 'holds a private key', 'trust only public keys; publish the jwks');
    }
    const problem = jwkProblem(jwk);
    if (problem !== undefined) {
      throw invalid(source, `has a key ${problem}`, 'use Ed25519, P-256 or RSA public keys');
    }
    return publicJwkOf(jwk);
  }
  if (typeof method.publicKeyMultibase === 'string') {
    try {
      return publicJwkFromDidKey(`did:key:${method.publicKeyMultibase}`);
    } catch (error) {
      throw new BadgesmithError(
        'ERR_TRUST_INVALID',
        `trust file '${source}' has an unreadable publicKeyMultibase`,
        {
          hint: 'use an Ed25519 (z6Mk…) or P-256 (zDn…) Multikey value, or publicKeyJwk',
          cause: error,
        },
      );
    }
  }
  throw invalid(
    source,
    `has a verification method without a key`,
    'give publicKeyJwk or publicKeyMultibase',
  );
}

function isKeyOfDidKey(jwk: JsonWebKey, did: string): boolean {
  try {
    return `did:key:${multibaseFromPublicJwk(jwk)}` === didOf(did);
  } catch {
    return false;
  }
}

function absolute(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id;
}

/**
 * Keys of a DID document or issuer profile: `verificationMethod` entries whose controller is the
 * subject, limited to those `assertionMethod` names when it is present (credentials are
 * assertions). A DID document must have `assertionMethod`; a profile may leave it out.
 */
function methodKeys(doc: Json, id: string, source: string, isDidDoc: boolean): TrustedKey[] {
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : [];
  const byId = new Map<string, Json>();
  for (const method of methods) {
    if (!isObject(method) || typeof method.id !== 'string') {
      throw invalid(source, 'has a verification method without an id', 'give each method an "id"');
    }
    const controller = method.controller;
    if (controller !== undefined && controller !== id) continue;
    byId.set(absolute(method.id, id), method);
  }
  let chosen: [string, Json][];
  if (Array.isArray(doc.assertionMethod)) {
    chosen = [];
    for (const ref of doc.assertionMethod) {
      if (typeof ref === 'string') {
        const method = byId.get(absolute(ref, id));
        if (method !== undefined) chosen.push([absolute(ref, id), method]);
      } else if (isObject(ref) && typeof ref.id === 'string' && ref.controller === id) {
        chosen.push([absolute(ref.id, id), ref]);
      }
    }
  } else if (isDidDoc) {
    throw invalid(source, 'has no assertionMethod', 'list the signing key under "assertionMethod"');
  } else {
    chosen = [...byId.entries()];
  }
  if (chosen.length === 0) {
    throw invalid(
      source,
      `lists no key of '${id}' for assertions`,
      'add the public key to verificationMethod and assertionMethod',
    );
  }
  return chosen.map(([kid, method]) => ({ kid, publicJwk: keyOfMethod(method, source) }));
}

function jwksEntry(doc: Json, source: string): TrustEntry {
  const keys = doc.keys as unknown[];
  const trusted: TrustedKey[] = [];
  for (const key of keys) {
    if (!isObject(key))
      throw invalid(source, 'has a key that is not an object', 'each key is a JWK object');
    if (hasPrivateMembers(key)) {
      throw invalid(
        source,
        'holds a private key',
        'trust only the public jwks (`badgesmith keys export`)',
      );
    }
    const problem = jwkProblem(key);
    if (problem !== undefined) {
      throw invalid(source, `has a key ${problem}`, 'use Ed25519, P-256 or RSA public keys');
    }
    trusted.push({
      ...(typeof key.kid === 'string' ? { kid: key.kid } : {}),
      publicJwk: publicJwkOf(key),
    });
  }
  if (trusted.length === 0) throw invalid(source, 'has no keys', 'a jwks lists at least one key');
  let issuerId = typeof doc.issuer === 'string' ? doc.issuer : undefined;
  if (issuerId === undefined) {
    const prefixes = new Set(trusted.map((key) => key.kid?.split('#')[0]));
    const only = [...prefixes][0];
    const allFragments = trusted.every((key) => key.kid?.includes('#') === true);
    if (prefixes.size !== 1 || only === undefined || !allFragments) {
      throw invalid(
        source,
        'does not say which issuer it belongs to',
        'add an "issuer" member, or kids of the form "<issuer id>#<key>"',
      );
    }
    issuerId = only;
  }
  // OB 3.0 section 4.2 notes: a JWK may carry `iss`, which must then equal the issuer id.
  for (const key of keys as Json[]) {
    if (key.iss !== undefined && key.iss !== issuerId) {
      throw invalid(
        source,
        `has a key for issuer '${show(key.iss)}' in the jwks of '${issuerId}'`,
        'split the jwks per issuer',
      );
    }
  }
  return { issuerId, source, kind: 'jwks', keys: trusted };
}

/**
 * Reads one parsed trust file: a DID document (`id` is a DID, with `assertionMethod`), a JWKS
 * (`keys`, with an `issuer` member or kids prefixed `<issuer id>#`), or an issuer profile (`id`
 * and `verificationMethod`). Throws ERR_TRUST_INVALID naming `source` when it is none of these.
 *
 * @example trustEntryFromJson(JSON.parse(text), 'keys/jwks.json')
 */
export function trustEntryFromJson(doc: unknown, source: string): TrustEntry {
  if (!isObject(doc))
    throw invalid(
      source,
      'is not a JSON object',
      'pass a did.json, a jwks.json or an issuer profile',
    );
  if (Array.isArray(doc.keys)) return jwksEntry(doc, source);
  if (typeof doc.id !== 'string' || doc.id === '') {
    throw invalid(
      source,
      'has neither "keys" nor an "id"',
      'pass a did.json, a jwks.json or an issuer profile',
    );
  }
  const id = doc.id;
  const types = Array.isArray(doc.type) ? doc.type : [doc.type];
  const isProfile = types.includes('Profile');
  const isDidDoc = id.startsWith('did:') && !isProfile;
  // DID Core section 5.3: a verification relationship may embed its method instead of naming
  // one of `verificationMethod`, so a DID document listing its keys only inside assertionMethod
  // is complete (e.g. the vc-test-fixtures legacy did:web document).
  const embedsKeys =
    isDidDoc &&
    Array.isArray(doc.assertionMethod) &&
    doc.assertionMethod.some((ref) => isObject(ref));
  if (!Array.isArray(doc.verificationMethod) && !embedsKeys) {
    throw invalid(
      source,
      'has no verificationMethod',
      'list the public keys under "verificationMethod"',
    );
  }
  const keys = methodKeys(doc, id, source, isDidDoc);
  if (isDidKey(id) && keys.some((key) => !isKeyOfDidKey(key.publicJwk, id))) {
    throw invalid(
      source,
      `lists a key that is not the key of '${id}'`,
      'a did:key document holds only the key its DID encodes',
    );
  }
  return { issuerId: id, source, kind: isDidDoc ? 'did-document' : 'issuer-profile', keys };
}
