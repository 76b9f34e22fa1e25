import { isRecord } from './proof-config.js';
import type { ProofReason } from './types.js';

/**
 * The `id`s the proofs of a credential's `proof` set carry, the ids a `previousProof` may name.
 *
 * @example proofIdsOf([{ id: 'urn:uuid:1' }, {}]) // Set { 'urn:uuid:1' }
 */
export function proofIdsOf(entries: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (isRecord(entry) && typeof entry.id === 'string') ids.add(entry.id);
  }
  return ids;
}

function namedIds(previous: unknown): string[] | undefined {
  if (typeof previous === 'string') return [previous];
  if (Array.isArray(previous) && previous.every((id) => typeof id === 'string')) {
    return previous;
  }
  return undefined;
}

/**
 * Why the `previousProof` of proof `index` breaks its chain, or undefined when it names only
 * other proofs of the set (or there is none). VC Data Integrity 1.0, "Verify Proof Sets and
 * Chains": a previous proof that is not in the set is an error, so that proof fails; it must not
 * be passed over as merely unchecked. `previousProof` is a proof id or a list of them (section
 * "Proof Chains"); a proof naming itself is no chain either.
 *
 * @example chainProblem({ previousProof: 'urn:uuid:gone' }, 1, new Set()) // broken-proof-chain
 */
export function chainProblem(
  entry: unknown,
  index: number,
  ids: ReadonlySet<string>,
): ProofReason | undefined {
  if (!isRecord(entry) || entry.previousProof === undefined) return undefined;
  const named = namedIds(entry.previousProof);
  if (named === undefined) {
    return {
      code: 'malformed-proof',
      message: `proof ${index}: previousProof is not a proof id or a list of proof ids`,
    };
  }
  const own = typeof entry.id === 'string' ? entry.id : undefined;
  const missing = named.find((id) => id === own || !ids.has(id));
  if (missing === undefined) return undefined;
  return {
    code: 'broken-proof-chain',
    message: `proof ${index}: previousProof '${missing}' names no other proof in this credential's proof set`,
    subject: missing,
  };
}
