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

/** The holder id of a presentation: `holder` as a string, or `holder.id`. */
export function holderIdOf(presentation: Json): string | undefined {
  return issuerIdOf({ issuer: presentation.holder });
}

/** Who secures a document: the holder of a presentation, else the credential's issuer. */
export function signerIdOf(decoded: DecodedCredential): string | undefined {
  return decoded.kind === 'vp' ? holderIdOf(decoded.credential) : issuerIdOf(decoded.credential);
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
  // A presentation is secured by its holder (VC-JOSE-COSE section 3.1.2): `iss` names the holder.
  const signer = signerIdOf(decoded);
  const pairs: [string, unknown][] = [
    ['iss', signer],
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
  // A presentation has no credentialSubject, so its `sub`, if any, is not compared.
  if (decoded.kind === 'vp') return datesCompared(decoded, payload, out);
  if (payload.sub === undefined) {
    if (subjectId !== undefined)
      out.warnings.push('the token has no "sub" claim for credentialSubject.id');
  } else if (payload.sub !== subjectId) {
    out.errors.push(
      `"sub" is '${show(payload.sub)}' but credentialSubject.id is '${show(subjectId)}'`,
    );
  }
  return datesCompared(decoded, payload, out);
}

function datesCompared(
  decoded: DecodedCredential,
  payload: Json,
  out: ClaimFindings,
): ClaimFindings {
  const { from, until } = datesOf(decoded);
  const [fromName, untilName] =
    decoded.model === 'vcdm2' ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  compareDate('nbf', payload.nbf, from, fromName, out);
  compareDate('exp', payload.exp, until, untilName, out);
  return out;
}
