import type { JsonWebKey } from 'node:crypto';
import { didOf, isDidKey } from '../keys/did-key.js';
import { sameKey } from '../keys/jwk.js';
import { resolveEmbeddedKey } from '../proof/data-integrity/embedded-key.js';
import type { TrustSet } from '../verify/trust.js';

/** The key a status list's verification method names, and whether it may speak for the list. */
export interface ListSignerKey {
  publicJwk: JsonWebKey;
  /** Listed in a trust entry of the list's issuer. */
  trusted: boolean;
  /** A did:key of the list's issuer itself: self-certifying, whoever trusts it. */
  selfCertifying: boolean;
}

function absolute(method: string, issuerId: string): string {
  return method.startsWith('#') ? `${issuerId}${method}` : method;
}

/**
 * Finds the key of a status list credential's `verificationMethod`: one listed for the list's
 * issuer in the trust set, or a key the method carries itself (a did:key, or the 1EdTech
 * `<issuer id>#z6Mk…` form) when the method belongs to the list's issuer. A method of anyone
 * else gives no key: a status list speaks only for its issuer.
 */
export function listSignerKey(
  verificationMethod: string,
  listIssuer: string,
  trust: TrustSet,
): ListSignerKey | undefined {
  const method = absolute(verificationMethod, listIssuer);
  const own = trust.entries.filter((entry) => entry.issuerId === listIssuer);
  const listed = own.flatMap((entry) => entry.keys).find((key) => key.kid === method);
  if (listed !== undefined) {
    return { publicJwk: listed.publicJwk, trusted: true, selfCertifying: false };
  }
  const controller = isDidKey(method) ? didOf(method) : method.split('#')[0];
  if (controller !== listIssuer) return undefined;
  const embedded = resolveEmbeddedKey(method);
  if (embedded === undefined) return undefined;
  const trusted = own.some((entry) =>
    entry.keys.some((key) => sameKey(key.publicJwk, embedded.publicJwk)),
  );
  return { publicJwk: embedded.publicJwk, trusted, selfCertifying: isDidKey(method) };
}
