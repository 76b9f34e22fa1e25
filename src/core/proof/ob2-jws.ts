/**
 * OB 2.0 signed assertions (notes section 6, "Signed verification"): a compact JWS whose payload
 * is the Assertion JSON itself, checked with the issuer's CryptographicKey `publicKeyPem`.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';

/** The algorithms an OB 2.0 JWS is checked with: RS256 as the spec recommends, and kin. */
export const OB2_JWS_ALGS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
];

/** The outcome of {@link verifyOb2Jws}. */
export type Ob2JwsResult =
  | { ok: true; payload: Uint8Array }
  | { ok: false; reason: 'bad-key' | 'bad-alg' | 'bad-signature'; message: string };

function keyFromPem(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.type === 'public' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a compact JWS with a PEM public key. Never throws: a bad key, a refused algorithm and a
 * signature that does not verify are each a reason.
 *
 * @example
 * ```ts
 * const checked = await verifyOb2Jws(token, key.publicKeyPem);
 * if (checked.ok) JSON.parse(new TextDecoder().decode(checked.payload));
 * ```
 */
export async function verifyOb2Jws(token: string, publicKeyPem: string): Promise<Ob2JwsResult> {
  const key = keyFromPem(publicKeyPem);
  if (key === undefined) {
    return { ok: false, reason: 'bad-key', message: 'the publicKeyPem is not a PEM public key' };
  }
  try {
    const { payload } = await compactVerify(token, key, { algorithms: [...OB2_JWS_ALGS] });
    return { ok: true, payload };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') {
      return {
        ok: false,
        reason: 'bad-alg',
        message: `the JWS alg is not one of ${OB2_JWS_ALGS.join(', ')}`,
      };
    }
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return {
        ok: false,
        reason: 'bad-signature',
        message: 'the signature does not verify with this key',
      };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'bad-signature', message: `the JWS does not verify: ${detail}` };
  }
}
