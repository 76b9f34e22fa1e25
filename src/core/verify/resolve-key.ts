import type { JsonWebKey } from 'node:crypto';
import { didOf, isDidKey, multibaseFromPublicJwk, publicJwkFromDidKey } from '../keys/did-key.js';
import { sameKey } from '../keys/jwk.js';
import { publicJwkFromMultikey } from '../keys/multikey.js';
import type { TrustEntry, TrustSet } from './trust.js';

/** The key a token names, and how it was found. */
export interface ResolvedKey {
  publicJwk: JsonWebKey;
  kid?: string;
  /**
   * `trusted`: listed in a trust entry; `did-key`: decoded from a did:key kid, which resolves by
   * itself but is trusted only when listed; `jwk-header`: the token's own header, which proves
   * nothing about who signed (DESIGN.md, trust); `multikey-fragment`: the Ed25519 Multikey in
   * the fragment of a verification method of the issuer itself (1EdTech convention), a key but
   * no trust.
   */
  origin: 'trusted' | 'did-key' | 'jwk-header' | 'multikey-fragment';
  entry?: TrustEntry;
}

interface Candidate {
  entry: TrustEntry;
  kid: string | undefined;
  publicJwk: JsonWebKey;
}

function pick(candidates: Candidate[], issuerId: string): Candidate | undefined {
  return candidates.find((c) => c.entry.issuerId === issuerId) ?? candidates[0];
}

function trustedWhere(
  trust: TrustSet,
  match: (kid: string | undefined, jwk: JsonWebKey) => boolean,
): Candidate[] {
  return trust.entries.flatMap((entry) =>
    entry.keys
      .filter((key) => match(key.kid, key.publicJwk))
      .map((key) => ({ entry, kid: key.kid, publicJwk: key.publicJwk })),
  );
}

/** A relative kid (`#key-1`) is read against the issuer id. */
export function absoluteKid(kid: string, issuerId: string): string {
  return kid.startsWith('#') ? `${issuerId}${kid}` : kid;
}

/** The did:key key a kid names, or `undefined` when the kid is no did:key or is malformed. */
export function didKeyOfKid(kid: string): JsonWebKey | undefined {
  if (!isDidKey(kid)) return undefined;
  try {
    const jwk = publicJwkFromDidKey(kid);
    const fragment = kid.includes('#') ? kid.slice(kid.indexOf('#') + 1) : undefined;
    if (fragment !== undefined && fragment !== multibaseFromPublicJwk(jwk)) return undefined;
    return jwk;
  } catch {
    return undefined;
  }
}

/**
 * Finds the key a JOSE header names: by `kid` in the trust set (a bare did:key kid names its
 * only key, OB 3.0 section 4.2: "kid … dereferences to a JWK"); then a did:key kid decoded by
 * itself; then a `jwk` header, matched against trusted keys by RFC 7638 thumbprint. A trusted key
 * listed for `issuerId` is preferred to the same kid listed for another issuer.
 */
export function resolveKey(
  header: Record<string, unknown>,
  issuerId: string,
  trust: TrustSet,
): ResolvedKey | undefined {
  const kid = typeof header.kid === 'string' ? absoluteKid(header.kid, issuerId) : undefined;
  if (kid !== undefined) {
    const didJwk = didKeyOfKid(kid);
    const canonical =
      didJwk === undefined ? kid : `${didOf(kid)}#${multibaseFromPublicJwk(didJwk)}`;
    const found = pick(
      trustedWhere(
        trust,
        (keyId, jwk) =>
          keyId === kid || keyId === canonical || (didJwk !== undefined && sameKey(jwk, didJwk)),
      ),
      issuerId,
    );
    if (found !== undefined) {
      return { publicJwk: found.publicJwk, kid, origin: 'trusted', entry: found.entry };
    }
    if (didJwk !== undefined) return { publicJwk: didJwk, kid, origin: 'did-key' };
  }
  const headerJwk = header.jwk;
  if (typeof headerJwk === 'object' && headerJwk !== null && !Array.isArray(headerJwk)) {
    const jwk = headerJwk as JsonWebKey;
    const found = pick(
      trustedWhere(trust, (_keyId, key) => sameKey(key, jwk)),
      issuerId,
    );
    if (found !== undefined) {
      return {
        publicJwk: found.publicJwk,
        ...(found.kid === undefined ? {} : { kid: found.kid }),
        origin: 'trusted',
        entry: found.entry,
      };
    }
    return { publicJwk: jwk, ...(kid === undefined ? {} : { kid }), origin: 'jwk-header' };
  }
  return undefined;
}

/**
 * Finds the key a Data Integrity `verificationMethod` names, the same way as a JOSE `kid`
 * ({@link resolveKey}): listed in the trust set, or a did:key decoded by itself. Failing those,
 * a method `<issuer id>#z6Mk…` of the credential's own issuer gives the Ed25519 Multikey of its
 * fragment (OB 3.0 notes section 4.3, "Resolving verificationMethod"): a key to check the
 * signature with, which `issuer-key` then trusts only when a trust entry of the issuer lists it.
 *
 * @example resolveMethodKey('did:key:z6Mk…#z6Mk…', 'did:key:z6Mk…', trust)?.origin // 'did-key'
 */
export function resolveMethodKey(
  verificationMethod: string,
  issuerId: string,
  trust: TrustSet,
): ResolvedKey | undefined {
  const found = resolveKey({ kid: verificationMethod }, issuerId, trust);
  if (found !== undefined) return found;
  const kid = absoluteKid(verificationMethod, issuerId);
  const hash = kid.indexOf('#');
  if (hash === -1 || kid.slice(0, hash) !== issuerId) return undefined;
  const publicJwk = publicJwkFromMultikey(kid.slice(hash + 1));
  return publicJwk === undefined ? undefined : { publicJwk, kid, origin: 'multikey-fragment' };
}
