/** The verification report: named checks in a fixed order, and the verdict they add up to. */

/** The checks of a verification, in the order they run (DESIGN.md, verification model). */
export type CheckName =
  | 'extract'
  | 'format'
  | 'schema'
  | 'proof'
  | 'issuer-key'
  | 'validity'
  | 'status'
  | 'recipient'
  | 'endorsement';

/**
 * Every check name, in run order. `endorsement` (OB 3.0 section 5.1 step 6, embedded
 * EndorsementCredentials) is badgesmith's addition to DESIGN.md's list; it is skipped when a
 * credential embeds none.
 */
export const CHECK_ORDER: readonly CheckName[] = [
  'extract',
  'format',
  'schema',
  'proof',
  'issuer-key',
  'validity',
  'status',
  'recipient',
  'endorsement',
];

/** How a check ended. Anything not supported or not available offline is `indeterminate`. */
export type CheckOutcome = 'passed' | 'failed' | 'skipped' | 'indeterminate';

/** One schema finding: where in the credential, and what is wrong there. */
export interface SchemaFinding {
  /** JSON Pointer into the credential, e.g. `/issuer/image`; `''` is the credential itself. */
  path: string;
  message: string;
}

/** The outcome of one check; `details` carries machine-readable specifics. */
export interface CheckResult {
  name: CheckName;
  outcome: CheckOutcome;
  message: string;
  details?: {
    findings?: SchemaFinding[];
    kid?: string;
    alg?: string;
    format?: string;
    notes?: string[];
  };
}

/** The overall answer: valid, not valid, or cannot tell here. */
export type Verdict = 'valid' | 'invalid' | 'indeterminate';

/** What the report says about the credential, for display. */
export interface CredentialSummary {
  id?: string;
  issuer?: string;
  issuerName?: string;
  achievement?: string;
  recipient?: string;
  validFrom?: string;
  validUntil?: string;
  proofFormat?: string;
}

/** The result of verifying one file; a bad credential gives a report, never an exception. */
export interface VerificationReport {
  file?: string;
  verdict: Verdict;
  checks: CheckResult[];
  warnings: string[];
  credential?: CredentialSummary;
  /** The trust file or literal that vouched for the issuer's key, when one did. */
  trustedBy?: string;
}

/**
 * The verdict of a list of checks: `invalid` if any failed; else `indeterminate` if any was
 * indeterminate (every check matters: an unchecked status or an unsupported proof is never a
 * pass); else `valid`.
 *
 * @example verdictOf([{ name: 'proof', outcome: 'passed', message: '' }]) // 'valid'
 */
export function verdictOf(checks: readonly CheckResult[]): Verdict {
  if (checks.some((check) => check.outcome === 'failed')) return 'invalid';
  if (checks.some((check) => check.outcome === 'indeterminate')) return 'indeterminate';
  return 'valid';
}

/** The check a report should be explained by: its first failed one, else its first undecided. */
export function firstProblem(checks: readonly CheckResult[]): CheckResult | undefined {
  return (
    checks.find((check) => check.outcome === 'failed') ??
    checks.find((check) => check.outcome === 'indeterminate')
  );
}

/** A report in one phrase: `<check>: <message>` of its {@link firstProblem}, else its verdict. */
export function problemOf(report: VerificationReport): string {
  const bad = firstProblem(report.checks);
  return bad === undefined ? report.verdict : `${bad.name}: ${bad.message}`;
}

/** A check result; a tiny helper so that check modules read as the rule they apply. */
export function result(
  name: CheckName,
  outcome: CheckOutcome,
  message: string,
  details?: CheckResult['details'],
): CheckResult {
  return details === undefined ? { name, outcome, message } : { name, outcome, message, details };
}

/** A user value for a message: strings as they are, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
