import { didOf, isDidKey } from '../keys/did-key.js';
import { sameKey } from '../keys/jwk.js';
import { result, type CheckResult } from './report.js';
import { absoluteKid, type ResolvedKey } from './resolve-key.js';
import type { TrustSet } from './trust.js';

/** The issuer-key check's result, and the trust source that vouched for the key. */
export interface IssuerKeyOutcome {
  check: CheckResult;
  trustedBy?: string;
}

const UNTRUSTED_HINT = 'pass --trust with its did.json, jwks.json or issuer profile';

// A did:key is its own key, so `--trust did:key:...` (or `trust add did:key:...`) trusts it
// without any file; the hint names that shortest way first.
function untrustedHint(issuerId: string): string {
  if (!isDidKey(issuerId)) return UNTRUSTED_HINT;
  return `pass --trust ${issuerId} (or \`badgesmith trust add ${issuerId}\`), or --trust with its did.json, jwks.json or issuer profile`;
}

/**
 * The `issuer-key` check, the same for both proof formats: is the key the token's `kid` (or the
 * embedded proof's `verificationMethod`, `label`) names one that the credential's issuer controls,
 * per a trust entry for that issuer id? A kid whose DID is another issuer's fails, even when that
 * issuer is trusted; an issuer with no trust entry is indeterminate. A did:key resolves by itself
 * but is trusted only when listed (DESIGN.md, trust).
 */
export function checkIssuerKey(
  issuerId: string | undefined,
  header: Record<string, unknown>,
  key: ResolvedKey | undefined,
  trust: TrustSet,
  label: 'kid' | 'verificationMethod' = 'kid',
): IssuerKeyOutcome {
  if (issuerId === undefined) {
    return { check: result('issuer-key', 'failed', 'the credential names no issuer id') };
  }
  const kid = typeof header.kid === 'string' ? absoluteKid(header.kid, issuerId) : undefined;
  const own = trust.entries.filter((entry) => entry.issuerId === issuerId);
  const details = kid === undefined ? undefined : { kid };

  if (key !== undefined) {
    for (const entry of own) {
      if (entry.keys.some((listed) => sameKey(listed.publicJwk, key.publicJwk))) {
        const message = `the key is listed for issuer '${issuerId}' in '${entry.source}'`;
        return { check: result('issuer-key', 'passed', message, details), trustedBy: entry.source };
      }
    }
  }
  const owner =
    key?.origin === 'trusted'
      ? key.entry?.issuerId
      : kid !== undefined && kid.startsWith('did:')
        ? didOf(kid)
        : undefined;
  if (owner !== undefined && owner !== issuerId) {
    const message = `${label} '${kid ?? '?'}' names a key of '${owner}', not of the issuer '${issuerId}'`;
    return { check: result('issuer-key', 'failed', message, details) };
  }
  if (own.length > 0) {
    const sources = own.map((entry) => `'${entry.source}'`).join(', ');
    const name = kid === undefined ? 'the key' : `key '${kid}'`;
    const message = `${name} is not one of the keys of '${issuerId}' trusted in ${sources}`;
    return { check: result('issuer-key', 'failed', message, details) };
  }
  const message = `issuer '${issuerId}' not trusted here; ${untrustedHint(issuerId)}`;
  return { check: result('issuer-key', 'indeterminate', message, details) };
}
