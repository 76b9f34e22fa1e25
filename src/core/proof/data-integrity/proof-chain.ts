import { isRecord } from './proof-config.js';
import type { ProofReason } from './types.js';

/**
 * The `previousProof` links of a credential's `proof` set: each proof `id` with the ids its
 * proofs name, and for each id on a loop of such links (or leading into one) the loop's ids.
 */
export interface ProofChain {
  /** The ids the proofs of the set carry, the ids a `previousProof` may name. */
  readonly ids: ReadonlySet<string>;
  /** For an id whose chain of `previousProof` links loops: the loop, in link order. */
  readonly loops: ReadonlyMap<string, readonly string[]>;
}

function namedIds(previous: unknown): string[] | undefined {
  if (typeof previous === 'string') return [previous];
  if (Array.isArray(previous) && previous.every((id) => typeof id === 'string')) {
    return previous;
  }
  return undefined;
}

function linksOf(entries: readonly unknown[]): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.id !== 'string') continue;
    const named = namedIds(entry.previousProof) ?? [];
    links.set(entry.id, [...(links.get(entry.id) ?? []), ...named]);
  }
  return links;
}

// A depth-first walk over the links, kept on an explicit stack so that a long hostile chain
// cannot overflow the call stack. A link back to an id still on the path closes a loop; an id
// whose links reach a loop gets that loop too, once all its links are walked.
function loopsOf(links: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  const loops = new Map<string, readonly string[]>();
  const finished = new Set<string>();
  const targetsOf = (id: string): string[] =>
    (links.get(id) ?? []).filter((target) => links.has(target));
  for (const start of links.keys()) {
    if (finished.has(start)) continue;
    const path: { id: string; targets: string[]; next: number }[] = [];
    const onPath = new Map<string, number>([[start, 0]]);
    path.push({ id: start, targets: targetsOf(start), next: 0 });
    for (let top = path.at(-1); top !== undefined; top = path.at(-1)) {
      const target = top.targets[top.next];
      top.next += 1;
      if (target === undefined) {
        if (!loops.has(top.id)) {
          const reached = top.targets.map((id) => loops.get(id)).find(Boolean);
          if (reached !== undefined) loops.set(top.id, reached);
        }
        finished.add(top.id);
        onPath.delete(top.id);
        path.pop();
        continue;
      }
      const at = onPath.get(target);
      if (at !== undefined) {
        const loop = path.slice(at).map((step) => step.id);
        for (const member of loop) if (!loops.has(member)) loops.set(member, loop);
      } else if (!finished.has(target)) {
        onPath.set(target, path.length);
        path.push({ id: target, targets: targetsOf(target), next: 0 });
      }
    }
  }
  return loops;
}

/**
 * The `previousProof` links of a proof set, for {@link chainProblem}.
 *
 * @example proofChainOf([{ id: 'urn:x:1' }, {}]).ids // Set { 'urn:x:1' }
 */
export function proofChainOf(entries: readonly unknown[]): ProofChain {
  const links = linksOf(entries);
  return { ids: new Set(links.keys()), loops: loopsOf(links) };
}

function loopProblem(index: number, loop: readonly string[]): ProofReason {
  const path = [...loop, loop[0]].map((id) => `'${String(id)}'`).join(' -> ');
  return {
    code: 'broken-proof-chain',
    message: `proof ${index}: previousProof chain loops (${path}) and never reaches a first proof`,
    subject: loop.join(' '),
  };
}

/**
 * Why the `previousProof` of proof `index` breaks its chain, or undefined when it names only
 * other proofs of the set (or there is none) and following the links ends at a proof with no
 * previousProof. VC Data Integrity 1.0, "Verify Proof Sets and Chains": a previous proof that is
 * not in the set is an error, so that proof fails; it must not be passed over as merely
 * unchecked. `previousProof` is a proof id or a list of them (section "Proof Chains"); a proof
 * naming itself is no chain, and neither is a loop of proofs naming each other, since a chain
 * is built in order and its first proof names none.
 *
 * @example chainProblem({ previousProof: 'urn:uuid:gone' }, 1, proofChainOf([])) // broken-proof-chain
 */
export function chainProblem(
  entry: unknown,
  index: number,
  chain: ProofChain,
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
  const missing = named.find((id) => id === own || !chain.ids.has(id));
  if (missing !== undefined) {
    return {
      code: 'broken-proof-chain',
      message: `proof ${index}: previousProof '${missing}' names no other proof in this credential's proof set`,
      subject: missing,
    };
  }
  const loop = [own, ...named].map((id) => (id === undefined ? undefined : chain.loops.get(id)));
  const found = loop.find((ids) => ids !== undefined);
  return found === undefined ? undefined : loopProblem(index, found);
}
