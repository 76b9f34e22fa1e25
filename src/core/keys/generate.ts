import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';

/** The JOSE algorithms badgesmith signs with (OB 3.0 section 4.2; RS256 is the spec minimum). */
export type SigningAlg = 'EdDSA' | 'ES256' | 'RS256';

/** Every {@link SigningAlg}, in the order help texts list them. */
export const SIGNING_ALGS: readonly SigningAlg[] = ['EdDSA', 'ES256', 'RS256'];

/** RSA modulus size of new keys: above the 2048-bit floor the verifier enforces. */
export const RSA_MODULUS_BITS = 3072;

/**
 * Makes a new key pair with node:crypto and exports both halves as JWKs: Ed25519 for EdDSA,
 * P-256 for ES256, RSA-3072 for RS256.
 *
 * @example const { privateJwk, publicJwk } = generateKeyPair('EdDSA');
 */
export function generateKeyPair(alg: SigningAlg): {
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
} {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS });
  return {
    privateJwk: pair.privateKey.export({ format: 'jwk' }),
    publicJwk: pair.publicKey.export({ format: 'jwk' }),
  };
}
