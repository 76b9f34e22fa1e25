import { sign } from 'node:crypto';
import type { SigningKey } from '../keys/signing-key.js';
import type { OpenBadgeCredential } from '../model/types.js';

/** Seconds since the epoch (a JWT NumericDate) of an ISO date-time; fractions are dropped. */
export function numericDate(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * The JWT payload of a credential (OB 3.0 section 4.2): the credential object itself plus
 * `iss` = issuer.id, `jti` = id, `sub` = credentialSubject.id (when present), `nbf` = validFrom
 * and `exp` = validUntil (when present). No `vc` claim: that is the VCDM 1.1-era form.
 */
export function credentialJwtPayload(credential: OpenBadgeCredential): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
  };
  if (credential.credentialSubject.id !== undefined) payload.sub = credential.credentialSubject.id;
  payload.nbf = numericDate(credential.validFrom);
  if (credential.validUntil !== undefined) payload.exp = numericDate(credential.validUntil);
  return payload;
}

/**
 * Signs a credential as a VC-JWT: header `{alg, kid, typ: 'JWT'}` (only the headers OB 3.0
 * section 4.2 allows), payload per {@link credentialJwtPayload}. Signs with node:crypto directly,
 * which is several times faster than a JOSE library for batches (DESIGN.md, performance); the
 * tests check that jose verifies every result.
 *
 * @example const jwt = await signCredentialJwt(credential, loadSigningKey(jwk, 'ES256', kid));
 */
export function signCredentialJwt(
  credential: OpenBadgeCredential,
  key: SigningKey,
): Promise<string> {
  const header = { alg: key.alg, kid: key.kid, typ: 'JWT' };
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const signingInput = `${encode(header)}.${encode(credentialJwtPayload(credential))}`;
  const data = Buffer.from(signingInput, 'ascii');
  const signature =
    key.alg === 'EdDSA'
      ? sign(null, data, key.privateKey)
      : key.alg === 'ES256'
        ? sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
        : sign('sha256', data, key.privateKey);
  return Promise.resolve(`${signingInput}.${signature.toString('base64url')}`);
}
