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
import { result, type CheckResult, type VerificationReport } from './report.js';

/** More than this many embedded endorsements is not checked one by one (hostile input bound). */
export const MAX_ENDORSEMENTS = 32;

/** One embedded endorsement: where it is (a JSON Pointer) and its text. */
export interface EmbeddedEndorsement {
  path: string;
  payload: string;
  payloadKind: 'json' | 'jwt';
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
    for (const [key, value] of entries) {
      const at = pointer(path, key);
      if (key === 'endorsement' && !Array.isArray(node)) {
        for (const [index, item] of listOf(value).entries()) {
          const itemPath = Array.isArray(value) ? pointer(at, index) : at;
          found.push({ path: itemPath, payload: JSON.stringify(item), payloadKind: 'json' });
        }
      } else if (key === 'endorsementJwt' && !Array.isArray(node)) {
        for (const [index, item] of listOf(value).entries()) {
          const itemPath = Array.isArray(value) ? pointer(at, index) : at;
          const text = typeof item === 'string' ? item : JSON.stringify(item);
          found.push({ path: itemPath, payload: text, payloadKind: 'jwt' });
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

function reasonOf(report: VerificationReport): string {
  const bad =
    report.checks.find((check) => check.outcome === 'failed') ??
    report.checks.find((check) => check.outcome === 'indeterminate');
  return bad === undefined ? report.verdict : `${bad.name}: ${bad.message}`;
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
  const notes: string[] = [];
  const bad: { path: string; verdict: 'invalid' | 'indeterminate'; reason: string }[] = [];
  for (const endorsement of endorsements) {
    const report = await verifyOne({ found: true, others: 0, badge: badgeOf(endorsement) });
    const kind = report.checks.find((check) => check.name === 'format');
    const notEndorsement =
      kind?.outcome === 'passed' && !kind.message.startsWith(KIND_LABEL.endorsement);
    const verdict = notEndorsement ? 'invalid' : report.verdict;
    const reason = notEndorsement ? 'is not an EndorsementCredential' : reasonOf(report);
    notes.push(`${endorsement.path}: ${WORD[verdict]}${verdict === 'valid' ? '' : ` (${reason})`}`);
    if (verdict !== 'valid') bad.push({ path: endorsement.path, verdict, reason });
  }
  const count = `${endorsements.length} embedded endorsement${endorsements.length > 1 ? 's' : ''}`;
  const worst = bad.find((b) => b.verdict === 'invalid') ?? bad[0];
  if (worst === undefined)
    return result('endorsement', 'passed', `${count}, all verified`, { notes });
  const others = bad.length > 1 ? ` (${bad.length} of ${endorsements.length} not verified)` : '';
  const outcome = worst.verdict === 'invalid' ? 'failed' : 'indeterminate';
  const said = worst.verdict === 'invalid' ? 'is not valid' : 'cannot be verified here';
  return result(
    'endorsement',
    outcome,
    `${count}: the one at ${worst.path} ${said}: ${worst.reason}${others}`,
    { notes },
  );
}
