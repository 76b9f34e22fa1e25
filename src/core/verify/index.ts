/** Offline verification of Open Badges: checks, the runner, the report, trust entries. */
export { verifyExtracted, DEFAULT_LEEWAY_SECONDS, type VerifyInput } from './runner.js';
export {
  CHECK_ORDER,
  firstProblem,
  verdictOf,
  type CheckName,
  type CheckOutcome,
  type CheckResult,
  type CredentialSummary,
  type SchemaFinding,
  type Verdict,
  type VerificationReport,
} from './report.js';
export {
  trustEntryFromDidKey,
  trustEntryFromJson,
  type TrustEntry,
  type TrustedKey,
  type TrustSet,
} from './trust.js';
export { ACCEPTED_ALGS } from './check-proof.js';
