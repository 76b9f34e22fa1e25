import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { BadgesmithError } from '../errors.js';

/** Members that only a private (or symmetric) JWK carries (RFC 7517, RFC 7518 section 6). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The kind of public key a JWK holds, in the terms the signing algorithms need. */
export type KeyKind = 'Ed25519' | 'P-256' | 'P-384' | 'RSA' | 'other';

/** Which kind of key a JWK is, from `kty` and `crv`. */
export function keyKindOf(jwk: JsonWebKey): KeyKind {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'P-256';
  // P-384 is read for verifying only (ES384, e.g. the W3C VC-JOSE-COSE presentation vectors).
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return 'P-384';
  if (jwk.kty === 'RSA') return 'RSA';
  return 'other';
}

const REQUIRED_MEMBERS: Record<string, readonly string[]> = {
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
  RSA: ['n', 'e'],
};

/**
 * Why a JWK is not a key badgesmith can use, in words ("of type 'EC' without crv, x, y"), or
 * undefined when it is a supported key with its public members (RFC 7518 section 6).
 */
export function jwkProblem(jwk: JsonWebKey): string | undefined {
  const kty = jwk.kty;
  if (typeof kty !== 'string') return 'without a kty member';
  const required = REQUIRED_MEMBERS[kty];
  if (required === undefined) return `of unsupported type '${kty}'`;
  const members = jwk as Record<string, unknown>;
  const missing = required.filter((name) => typeof members[name] !== 'string');
  if (missing.length > 0) return `of type '${kty}' without ${missing.join(', ')}`;
  if (keyKindOf(jwk) === 'other')
    return `of type '${kty}' on unsupported curve '${String(jwk.crv)}'`;
  return undefined;
}

/**
 * The public members of a JWK only: key material plus `kid`, `alg`, `use`. Anything private is
 * dropped, whatever else the input holds.
 */
export function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  const out: JsonWebKey = {};
  const keep = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'] as const;
  for (const name of keep) {
    const value = jwk[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Whether a JWK carries any private member. */
export function hasPrivateMembers(jwk: JsonWebKey): boolean {
  return PRIVATE_JWK_MEMBERS.some((name) => (jwk as Record<string, unknown>)[name] !== undefined);
}

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url): the required members of the key type in
 * lexicographic order, no white space.
 *
 * @example jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '...' })
 */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const kind = keyKindOf(jwk);
  let members: Record<string, unknown>;
  if (kind === 'RSA') members = { e: jwk.e, kty: jwk.kty, n: jwk.n };
  else if (kind === 'P-256' || kind === 'P-384')
    members = { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  else if (kind === 'Ed25519') members = { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  else {
    throw new BadgesmithError('ERR_KEY_UNSUPPORTED', `unsupported key type '${String(jwk.kty)}'`, {
      hint: 'use an Ed25519, P-256 or RSA key',
    });
  }
  if (Object.values(members).some((value) => typeof value !== 'string')) {
    throw new BadgesmithError('ERR_KEY_INVALID', 'the key is missing a required jwk member', {
      hint: 'check that the JWK has all of its public members (x, y, n, e)',
    });
  }
  return createHash('sha256').update(JSON.stringify(members), 'utf8').digest('base64url');
}

/** Whether two JWKs hold the same public key (compared by thumbprint; false when unusable). */
export function sameKey(a: JsonWebKey, b: JsonWebKey): boolean {
  try {
    return jwkThumbprint(a) === jwkThumbprint(b);
  } catch {
    return false;
  }
}

/** A node:crypto public key from a JWK, or a typed error naming what is wrong. */
export function publicKeyFromJwk(jwk: JsonWebKey): KeyObject {
  try {
    return createPublicKey({ key: publicJwkOf(jwk), format: 'jwk' });
  } catch (error) {
    throw new BadgesmithError('ERR_KEY_INVALID', 'the public key is not a usable jwk', {
      hint: 'check the key file; it must be a JWK with kty, crv/x/y or n/e',
      cause: error,
    });
  }
}
