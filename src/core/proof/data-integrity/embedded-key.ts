import { isDidKey, publicJwkFromDidKey } from '../../keys/did-key.js';
import { publicJwkFromMultikey } from '../../keys/multikey.js';
import type { ResolvedVerificationMethod } from './types.js';

/**
 * The key a verification method id carries inside itself, read without any network: a did:key
 * (bare or `did:key:z…#z…`), or the 1EdTech form `<controller>#<publicKeyMultibase>` where the
 * fragment is an Ed25519 Multikey (OB 3.0 notes section 4.3, "Resolving verificationMethod").
 *
 * Such a key proves only that someone holding it signed; whether the issuer controls it is the
 * trust store's question, never this function's.
 *
 * @example resolveEmbeddedKey('https://example.com/issuers/1#z6Mk…')?.publicJwk.crv // 'Ed25519'
 */
export function resolveEmbeddedKey(
  verificationMethod: string,
): ResolvedVerificationMethod | undefined {
  const hash = verificationMethod.indexOf('#');
  const fragment = hash === -1 ? undefined : verificationMethod.slice(hash + 1);
  if (isDidKey(verificationMethod)) {
    const did = hash === -1 ? verificationMethod : verificationMethod.slice(0, hash);
    // did:key method: the fragment, when present, repeats the method-specific id.
    if (fragment !== undefined && fragment !== did.slice('did:key:'.length)) return undefined;
    try {
      return { publicJwk: publicJwkFromDidKey(did) };
    } catch {
      return undefined;
    }
  }
  const publicJwk = fragment === undefined ? undefined : publicJwkFromMultikey(fragment);
  return publicJwk === undefined ? undefined : { publicJwk };
}
