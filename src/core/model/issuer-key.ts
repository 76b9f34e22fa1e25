import type { JsonWebKey } from 'node:crypto';
import { didKeyFromPublicJwk, didOf, isDidKey } from '../keys/did-key.js';
import { hasPrivateMembers, jwkThumbprint, sameKey } from '../keys/jwk.js';

/**
 * What is wrong with the parsed contents of a `keys.private` file, or undefined when it looks
 * like one private JWK. A published JWKS, a DID document or a public JWK are the usual mix-ups.
 */
export function privateKeyFileProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'does not hold a JWK object';
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.keys)) {
    return 'is a JWKS (published public keys): it holds no private key';
  }
  if (record.verificationMethod !== undefined || record['@context'] !== undefined) {
    return 'is a DID document (public keys only): it holds no private key';
  }
  if (typeof record.kty !== 'string') return 'is not a JWK: it has no "kty"';
  if (!hasPrivateMembers(record)) {
    return 'holds a public key only (no "d" member), not the private key';
  }
  return undefined;
}

function thumbprintOrUndefined(jwk: JsonWebKey): string | undefined {
  try {
    return jwkThumbprint(jwk);
  } catch {
    return undefined;
  }
}

function didKeyOrUndefined(jwk: JsonWebKey): string | undefined {
  try {
    return didKeyFromPublicJwk(jwk);
  } catch {
    return undefined;
  }
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

// The form of an RFC 7638 SHA-256 thumbprint in base64url, as `kidFor` writes after the `#`.
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/u;

/**
 * Why the signing key cannot be the issuer's, or undefined when it can. A verifier fails a
 * credential whose key is not the issuer's (OB 3.0 notes section 4.2, key provenance), so `issue`
 * checks first: a did:key issuer must sign with the key its DID encodes, under the kid
 * `did#multibase`; any other issuer's kid must sit under its id (the same DID, or the same https
 * origin), a thumbprint kid must be this key's, and a kid listed in `published` (the folder's
 * JWKS) must list this key.
 */
export function keyOwnershipProblem(
  issuerId: string,
  kid: string | undefined,
  publicJwk: JsonWebKey,
  published: JsonWebKey[] = [],
): string | undefined {
  if (isDidKey(issuerId)) {
    const keyDid = didKeyOrUndefined(publicJwk);
    if (keyDid === undefined) {
      return `a did:key issuer signs with an Ed25519 or P-256 key, and this key is neither`;
    }
    if (keyDid !== didOf(issuerId)) {
      return `it is the key of '${keyDid}'`;
    }
    const expected = `${keyDid}#${keyDid.slice('did:key:'.length)}`;
    if (kid !== undefined && kid !== expected) {
      return `keys.kid '${kid}' is not '${expected}', the kid of this did:key`;
    }
    return undefined;
  }
  if (kid === undefined) return undefined;
  if (issuerId.startsWith('did:') || kid.startsWith('did:')) {
    if (didOf(kid) !== didOf(issuerId)) {
      return `keys.kid '${kid}' is not a key of issuer '${issuerId}' (it names '${didOf(kid)}')`;
    }
  } else if (originOf(kid) === undefined || originOf(kid) !== originOf(issuerId)) {
    return `keys.kid '${kid}' is not under issuer id '${issuerId}'`;
  }
  const fragment = kid.includes('#') ? kid.slice(kid.indexOf('#') + 1) : '';
  const thumbprint = thumbprintOrUndefined(publicJwk);
  if (THUMBPRINT.test(fragment) && thumbprint !== undefined && fragment !== thumbprint) {
    return `keys.kid '${kid}' names the key with thumbprint '${fragment}', but this key's is '${thumbprint}'`;
  }
  const listed = published.filter((jwk) => jwk.kid === kid);
  if (listed.length > 0 && !listed.some((jwk) => sameKey(jwk, publicJwk))) {
    return `the published keys list another key under keys.kid '${kid}'`;
  }
  return undefined;
}
