/**
 * The `endorsement` check: OB 3.0 section 5.1 step 6 (notes section 5.1) — "verify every embedded
 * EndorsementCredential" (section 5.2); the credential counts as verified only if every step
 * passes. Endorsements sit in `endorsement` (credential objects) and `endorsementJwt` (compact
 * JWS) on the credential, its achievement and its profiles. Each is verified like a file of its
 * own, with the same trust, contexts, status lists and clock; endorsements inside those are not
 * followed (one level, as the spec's steps describe).
 */
import type { ExtractedBadge } from '../bake/index.js';
import { KIND_LABEL } from './credential-kind.js';
import type { VerifyOne } from './envelopes.js';
import { checkFormat } from './format.js';
import { problemOf, result, type CheckResult } from './report.js';

/** More than this many embedded endorsements is not checked one by one (hostile input bound). */
export const MAX_ENDORSEMENTS = 32;

/** One embedded endorsement: where it is (a JSON Pointer), its text, and what it is attached to. */
export interface EmbeddedEndorsement {
  path: string;
  payload: string;
  payloadKind: 'json' | 'jwt';
  /** The `id` of the object holding it (the credential, achievement or profile it endorses). */
  target?: string;
}

function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/gu, '~0').replace(/\//gu, '~1')}`;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * Every embedded endorsement of a credential, without descending into the endorsements
 * themselves: a node's own endorsements first, then its members' in document order. Walks
 * iteratively, so a deeply nested document cannot exhaust the stack.
 */
export function embeddedEndorsements(credential: Record<string, unknown>): EmbeddedEndorsement[] {
  const found: EmbeddedEndorsement[] = [];
  const stack: [string, unknown][] = [['', credential]];
  while (stack.length > 0) {
    const [path, node] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((value, index) => [index, value])
      : Object.entries(node);
    const children: [string, unknown][] = [];
    const id = Array.isArray(node) ? undefined : (node as Record<string, unknown>).id;
    const target = typeof id === 'string' ? { target: id } : {};
    for (const [key, value] of entries) {
      const at = pointer(path, key);
      if (key === 'endorsement' && !Array.isArray(node)) {
        for (const [index, item] of listOf(value).entries()) {
          const itemPath = Array.isArray(value) ? pointer(at, index) : at;
          found.push({
            path: itemPath,
            payload: JSON.stringify(item),
            payloadKind: 'json',
            ...target,
          });
        }
      } else if (key === 'endorsementJwt' && !Array.isArray(node)) {
        for (const [index, item] of listOf(value).entries()) {
          const itemPath = Array.isArray(value) ? pointer(at, index) : at;
          const text = typeof item === 'string' ? item : JSON.stringify(item);
          found.push({ path: itemPath, payload: text, payloadKind: 'jwt', ...target });
        }
      } else {
        children.push([at, value]);
      }
    }
    // Reversed onto the stack, so the document's order comes out.
    for (const child of children.reverse()) stack.push(child);
  }
  return found;
}

function badgeOf(endorsement: EmbeddedEndorsement): ExtractedBadge {
  return {
    container: endorsement.payloadKind,
    location: `endorsement at ${endorsement.path}`,
    spec: 'ob3',
    payload: endorsement.payload,
    payloadKind: endorsement.payloadKind,
    warnings: [],
  };
}

/** An endorsement's credential JSON, decoded as the format check decodes any payload. */
function endorsementDoc(endorsement: EmbeddedEndorsement): Record<string, unknown> | undefined {
  return checkFormat(badgeOf(endorsement)).decoded?.credential;
}

/** The ids an endorsement in this credential may be about: it, its achievement, its profiles. */
function partiesOf(credential: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') ids.add(value);
    else if (typeof value === 'object' && value !== null) {
      const id = (value as Record<string, unknown>).id;
      if (typeof id === 'string') ids.add(id);
    }
  };
  add(credential.id);
  add(credential.issuer);
  for (const subject of listOf(credential.credentialSubject)) {
    const achievement = (subject as Record<string, unknown> | null)?.achievement;
    add(achievement);
    add((achievement as Record<string, unknown> | null | undefined)?.creator);
  }
  return ids;
}

const WORD = { valid: 'valid', invalid: 'NOT VALID', indeterminate: 'cannot tell' } as const;

/**
 * Verifies each embedded endorsement: failed if one is not valid (or is not an
 * EndorsementCredential), indeterminate if one cannot be decided here, passed if all verify,
 * skipped when there are none.
 */
export async function checkEndorsements(
  credential: Record<string, unknown>,
  verifyOne: VerifyOne,
): Promise<CheckResult> {
  const endorsements = embeddedEndorsements(credential);
  if (endorsements.length === 0) {
    return result('endorsement', 'skipped', 'no embedded endorsements');
  }
  if (endorsements.length > MAX_ENDORSEMENTS) {
    return result(
      'endorsement',
      'indeterminate',
      `${endorsements.length} embedded endorsements; more than ${MAX_ENDORSEMENTS} are not checked`,
    );
  }
  const related = partiesOf(credential);
  let unfollowed = 0;
  const notes: string[] = [];
  const bad: { path: string; verdict: 'invalid' | 'indeterminate'; reason: string }[] = [];
  for (const endorsement of endorsements) {
    const report = await verifyOne({ found: true, others: 0, badge: badgeOf(endorsement) });
    const kind = report.checks.find((check) => check.name === 'format');
    const notEndorsement =
      kind?.outcome === 'passed' && !kind.message.startsWith(KIND_LABEL.endorsement);
    // Section 3.7: an endorsement's subject is the thing endorsed. The spec's own example puts
    // endorsements of the issuer on the credential and the achievement, so any party of this
    // badge will do; an endorsement of something else, copied in, vouches for nothing here.
    const doc = endorsementDoc(endorsement);
    const endorsed = (doc?.credentialSubject as Record<string, unknown> | undefined)?.id;
    const inner = doc === undefined ? 0 : embeddedEndorsements(doc).length;
    unfollowed += inner;
    const elsewhere =
      report.verdict !== 'invalid' &&
      typeof endorsed === 'string' &&
      !related.has(endorsed) &&
      endorsed !== endorsement.target;
    const verdict = notEndorsement || elsewhere ? 'invalid' : report.verdict;
    const reason = notEndorsement
      ? 'is not an EndorsementCredential'
      : elsewhere
        ? `it endorses '${String(endorsed)}', which is not this badge, its achievement or a profile in it`
        : problemOf(report);
    const own = inner > 0 ? `; its own ${inner} endorsement(s) are not followed` : '';
    notes.push(
      `${endorsement.path}: ${WORD[verdict]}${verdict === 'valid' ? '' : ` (${reason})`}${own}`,
    );
    if (verdict !== 'valid') bad.push({ path: endorsement.path, verdict, reason });
  }
  const count = `${endorsements.length} embedded endorsement${endorsements.length > 1 ? 's' : ''}`;
  const worst = bad.find((b) => b.verdict === 'invalid') ?? bad[0];
  const nested =
    unfollowed > 0
      ? `; ${unfollowed} endorsement(s) inside them not followed (one level is checked)`
      : '';
  if (worst === undefined) {
    return result('endorsement', 'passed', `${count}, all verified${nested}`, { notes });
  }
  const others = bad.length > 1 ? ` (${bad.length} of ${endorsements.length} not verified)` : '';
  const outcome = worst.verdict === 'invalid' ? 'failed' : 'indeterminate';
  const said = worst.verdict === 'invalid' ? 'is not valid' : 'cannot be verified here';
  return result(
    'endorsement',
    outcome,
    `${count}: the one at ${worst.path} ${said}: ${worst.reason}${others}${nested}`,
    { notes },
  );
}
