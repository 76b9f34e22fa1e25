import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { BadgesmithError } from '../errors.js';
import { didKeyFromPublicJwk, didOf, isDidKey, multibaseFromPublicJwk } from './did-key.js';
import type { SigningAlg } from './generate.js';
import { jwkThumbprint, publicJwkOf } from './jwk.js';

/** The smallest RSA modulus badgesmith signs or verifies with. */
export const MIN_RSA_BITS = 2048;

/** A private key parsed once per run, with what a signature header needs. */
export interface SigningKey {
  alg: SigningAlg;
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
}

/**
 * Whether a node:crypto key object fits a JOSE algorithm: Ed25519 for EdDSA, P-256 for ES256,
 * P-384 for ES384 (verifying only), RSA of at least 2048 bits for RS256. Returns the reason when it does not.
 */
export function keyMismatch(key: KeyObject, alg: SigningAlg | 'ES384'): string | undefined {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (alg === 'EdDSA') return type === 'ed25519' ? undefined : `EdDSA needs an Ed25519 key`;
  if (alg === 'ES384') {
    return type === 'ec' && details.namedCurve === 'secp384r1'
      ? undefined
      : 'ES384 needs a P-384 key';
  }
  if (alg === 'ES256') {
    return type === 'ec' && details.namedCurve === 'prime256v1'
      ? undefined
      : 'ES256 needs a P-256 key';
  }
  if (type !== 'rsa') return 'RS256 needs an RSA key';
  const bits = details.modulusLength ?? 0;
  return bits >= MIN_RSA_BITS ? undefined : `RSA key of ${bits} bits is under ${MIN_RSA_BITS}`;
}

/**
 * Parses a private JWK once and checks that it fits `alg`.
 *
 * @example const key = loadSigningKey(privateJwk, 'EdDSA', kidFor(issuerId, publicJwk));
 */
export function loadSigningKey(privateJwk: JsonWebKey, alg: SigningAlg, kid: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
  } catch (error) {
    throw new BadgesmithError('ERR_KEY_INVALID', 'the private key is not a usable jwk', {
      hint: 'check the key file; it must be a private JWK (with "d"), as `badgesmith keys generate` writes',
      cause: error,
    });
  }
  const mismatch = keyMismatch(privateKey, alg);
  if (mismatch !== undefined) {
    throw new BadgesmithError('ERR_KEY_UNSUPPORTED', `the key does not fit '${alg}': ${mismatch}`, {
      hint: 'pick the algorithm of the key (EdDSA for Ed25519, ES256 for P-256, RS256 for RSA)',
    });
  }
  const publicJwk = publicJwkOf(createPublicKey(privateKey).export({ format: 'jwk' }));
  return { alg, kid, privateKey, publicJwk };
}

/**
 * The `kid` to sign with: a did:key issuer gets `${did}#${multibase}` (its only key); any other
 * issuer id gets `${issuerId}#${RFC 7638 thumbprint}`, which its published JWKS or DID document
 * then lists (OB 3.0 section 4.2 notes: kid is a URI that dereferences to the key).
 *
 * @example kidFor('https://example.edu/issuer', publicJwk) // 'https://example.edu/issuer#Ab3…'
 */
export function kidFor(issuerId: string, publicJwk: JsonWebKey): string {
  if (isDidKey(issuerId)) {
    const did = didOf(issuerId);
    if (didKeyFromPublicJwk(publicJwk) !== did) {
      throw new BadgesmithError('ERR_KEY_INVALID', `the key is not the key of issuer '${did}'`, {
        hint: 'a did:key issuer signs with the key its DID encodes; use that key or another issuer id',
      });
    }
    return `${did}#${multibaseFromPublicJwk(publicJwk)}`;
  }
  return `${issuerId}#${jwkThumbprint(publicJwk)}`;
}
