import { numericDate } from '../proof/jwt.js';
import type { DecodedCredential } from './format.js';
import { show } from './report.js';

type Json = Record<string, unknown>;

/** The issuer id of a credential: `issuer` as a string, or `issuer.id`. */
export function issuerIdOf(credential: Json): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && !Array.isArray(issuer)) {
    const id = (issuer as Json).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** The credentialSubject object (the first, if an array was given). */
export function subjectOf(credential: Json): Json | undefined {
  const subject = credential.credentialSubject;
  const first: unknown = Array.isArray(subject) ? subject[0] : subject;
  return typeof first === 'object' && first !== null && !Array.isArray(first)
    ? (first as Json)
    : undefined;
}

/** The start and end of validity a credential states, by data model. */
export function datesOf(decoded: DecodedCredential): { from?: unknown; until?: unknown } {
  const c = decoded.credential;
  return decoded.model === 'vcdm2'
    ? { from: c.validFrom, until: c.validUntil }
    : { from: c.issuanceDate, until: c.expirationDate };
}

/** What comparing the JWT claims with the credential found. */
export interface ClaimFindings {
  /** Disagreements that make the proof fail. */
  errors: string[];
  warnings: string[];
}

function compareDate(
  name: string,
  claim: unknown,
  iso: unknown,
  field: string,
  out: ClaimFindings,
): void {
  if (claim === undefined) {
    if (typeof iso === 'string')
      out.warnings.push(`the token has no "${name}" claim (OB 3.0 section 4.2 requires it)`);
    return;
  }
  if (typeof claim !== 'number' || !Number.isFinite(claim)) {
    out.errors.push(`the "${name}" claim is not a NumericDate`);
    return;
  }
  if (typeof iso !== 'string') return;
  if (numericDate(iso) !== Math.floor(claim)) {
    const when = new Date(claim * 1000).toISOString().replace('.000Z', 'Z');
    out.warnings.push(
      `"${name}" (${when}) differs from ${field} '${iso}'; the stricter of the two is enforced`,
    );
  }
}

/**
 * Compares the registered claims with the credential (OB 3.0 section 4.2, verification step 6):
 * `iss` = issuer id, `jti` = id, `sub` = credentialSubject.id disagreeing fail the proof. A
 * missing claim, and `nbf`/`exp` that differ from the stated dates, are warnings: the validity
 * check enforces both dates, so nothing is accepted that either forbids.
 */
export function compareClaims(decoded: DecodedCredential): ClaimFindings {
  const out: ClaimFindings = { errors: [], warnings: [] };
  const payload = decoded.jwt?.payload ?? {};
  const credential = decoded.credential;
  const pairs: [string, unknown][] = [
    ['iss', issuerIdOf(credential)],
    ['jti', credential.id],
  ];
  for (const [claim, expected] of pairs) {
    const value = payload[claim];
    if (value === undefined) out.warnings.push(`the token has no "${claim}" claim`);
    else if (value !== expected) {
      out.errors.push(`"${claim}" is '${show(value)}' but the credential says '${show(expected)}'`);
    }
  }
  const subjectId = subjectOf(credential)?.id;
  if (payload.sub === undefined) {
    if (subjectId !== undefined)
      out.warnings.push('the token has no "sub" claim for credentialSubject.id');
  } else if (payload.sub !== subjectId) {
    out.errors.push(
      `"sub" is '${show(payload.sub)}' but credentialSubject.id is '${show(subjectId)}'`,
    );
  }
  const { from, until } = datesOf(decoded);
  const [fromName, untilName] =
    decoded.model === 'vcdm2' ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  compareDate('nbf', payload.nbf, from, fromName, out);
  compareDate('exp', payload.exp, until, untilName, out);
  return out;
}
