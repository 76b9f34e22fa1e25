import type { JsonWebKey } from 'node:crypto';
import type { ContextResolver } from '../proof/data-integrity/types.js';
import {
  readStatusEntries,
  statusOfEntry,
  type EntryOutcome,
  type StatusListSource,
} from '../status/index.js';
import type { DecodedCredential } from './format.js';
import { issuerIdOf } from './jwt-claims.js';
import { result, type CheckResult } from './report.js';
import type { TrustSet } from './trust.js';

/** What the `status` check reads besides the credential. */
export interface StatusCheckInput {
  /** Local status lists by URL (`--status-lists <dir>`); none means none is available. */
  statusLists?: StatusListSource;
  trust: TrustSet;
  contexts?: ContextResolver;
  now: Date;
  leewaySeconds: number;
  /** The key that verified the credential's own proof, when it verified. */
  credentialKey?: JsonWebKey;
}

const EMPTY: StatusListSource = new Map();

/**
 * The `status` check (OB 3.0 section 5.1 step 4; Bitstring Status List section 3.2). Each
 * `credentialStatus` entry is read from a local list: a set revocation or suspension bit, or a
 * listing in a 1EdTech revocation list, fails; a list that is missing, expired, not yet valid,
 * tampered with, of the wrong type or from an untrusted issuer makes the check indeterminate,
 * never "not revoked". No `credentialStatus` means there is nothing to check.
 *
 * @example await checkStatus(decoded, { statusLists, trust, contexts, now, leewaySeconds: 60 })
 */
export async function checkStatus(
  decoded: DecodedCredential,
  input: StatusCheckInput,
): Promise<CheckResult> {
  const status = decoded.credential.credentialStatus;
  if (status === undefined) return result('status', 'skipped', 'no credentialStatus');
  const ctx = {
    lists: input.statusLists ?? EMPTY,
    trust: input.trust,
    now: input.now,
    leewaySeconds: input.leewaySeconds,
    ...(input.contexts === undefined ? {} : { contexts: input.contexts }),
    ...(input.credentialKey === undefined ? {} : { credentialKey: input.credentialKey }),
    ...(issuerIdOf(decoded.credential) === undefined
      ? {}
      : { issuerId: issuerIdOf(decoded.credential) }),
  };
  const id = typeof decoded.credential.id === 'string' ? decoded.credential.id : undefined;
  const outcomes: EntryOutcome[] = [];
  for (const entry of readStatusEntries(status)) {
    outcomes.push(await statusOfEntry(entry, id, ctx));
  }
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  const unknown = outcomes.filter((o) => o.outcome === 'indeterminate');
  const shown = failed.length > 0 ? failed : unknown.length > 0 ? unknown : outcomes;
  const outcome = failed.length > 0 ? 'failed' : unknown.length > 0 ? 'indeterminate' : 'passed';
  const notes = outcomes.length > 1 ? { notes: outcomes.map((o) => o.message) } : undefined;
  return result('status', outcome, shown.map((o) => o.message).join('; '), notes);
}
