import type { ExtractResult } from '../bake/index.js';
import type { ContextResolver } from '../proof/data-integrity/index.js';
import { checkIssuerKey } from './check-issuer-key.js';
import { checkProof } from './check-proof.js';
import { checkRecipient } from './check-recipient.js';
import { checkSchema } from './check-schema.js';
import { checkStatus } from './check-status.js';
import { checkValidity } from './check-validity.js';
import { checkEndorsements } from './check-endorsements.js';
import { checkEnvelopes } from './envelopes.js';
import { checkFormat, type DecodedCredential } from './format.js';
import type { StatusListSource } from '../status/index.js';
import { datesOf, issuerIdOf, signerIdOf, subjectOf } from './jwt-claims.js';
import { NO_OB2_DOCUMENTS, ob2FormOf, verifyOb2, type Ob2Documents } from './ob2/index.js';
import {
  CHECK_ORDER,
  result,
  verdictOf,
  type CheckName,
  type CheckResult,
  type CredentialSummary,
  type VerificationReport,
} from './report.js';
import type { TrustSet } from './trust.js';

/** What one verification needs; the clock is passed in, never read. */
export interface VerifyInput {
  extracted: ExtractResult;
  trust: TrustSet;
  now: Date;
  /** Clock-skew allowance for the start of validity; default 60. */
  leewaySeconds?: number;
  /** An e-mail address or id the credential should be issued to. */
  recipient?: string;
  file?: string;
  /**
   * JSON-LD contexts for embedded proofs, offline (`contextSetupFor(--contexts)` in the CLI);
   * without them an embedded proof is indeterminate.
   */
  contexts?: ContextResolver;
  /** Local copies of the documents OB 2.0 badges link to (`--ob2-documents`); default none. */
  ob2Documents?: Ob2Documents;
  /** Local status list credentials by URL (`--status-lists <dir>`); default none. */
  statusLists?: StatusListSource;
  /** Set for an embedded endorsement's own run: its endorsements are not followed. */
  nested?: boolean;
  /**
   * Conformance notes (a single value for a list, an image as a URL, an unlisted vocabulary
   * term, a subject naming no one) fail the schema check instead of passing with a warning.
   */
  strict?: boolean;
}

/** The default clock-skew allowance, in seconds (OB 3.0 section 5.1 notes, time handling). */
export const DEFAULT_LEEWAY_SECONDS = 60;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function summaryOf(decoded: DecodedCredential): CredentialSummary {
  const c = decoded.credential;
  const issuer =
    typeof c.issuer === 'object' && c.issuer !== null ? (c.issuer as Record<string, unknown>) : {};
  const subject = subjectOf(c);
  const achievement = subject?.achievement as Record<string, unknown> | undefined;
  const { from, until } = datesOf(decoded);
  const identifiers = Array.isArray(subject?.identifier) ? (subject.identifier as unknown[]) : [];
  const recipient =
    str(subject?.id) ??
    (identifiers.length > 0 ? `${identifiers.length} hashed or plain identifier(s)` : undefined);
  const entries: [keyof CredentialSummary, string | undefined][] = [
    ['id', str(c.id)],
    ['issuer', issuerIdOf(c)],
    ['issuerName', str(issuer.name)],
    ['achievement', str(achievement?.name)],
    ['recipient', recipient],
    ['validFrom', str(from)],
    ['validUntil', str(until)],
    [
      'proofFormat',
      decoded.proofFormat === 'vc-jwt'
        ? 'VC-JWT'
        : decoded.proofFormat === 'embedded'
          ? 'Data Integrity'
          : 'none',
    ],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

function finish(
  checks: CheckResult[],
  warnings: string[],
  extras: Partial<VerificationReport>,
  file: string | undefined,
): VerificationReport {
  const byName = new Map(checks.map((check) => [check.name, check]));
  const ordered = CHECK_ORDER.map(
    (name: CheckName) =>
      byName.get(name) ?? result(name, 'skipped', 'not run: an earlier check did not pass'),
  );
  return {
    ...(file === undefined ? {} : { file }),
    verdict: verdictOf(ordered),
    checks: ordered,
    warnings,
    ...extras,
  };
}

/**
 * Runs the checks in order on an extracted payload and returns the report. A bad credential
 * never throws: each problem is a failed or indeterminate check.
 *
 * @example const report = await verifyExtracted({ extracted, trust, now: new Date() });
 */
export async function verifyExtracted(input: VerifyInput): Promise<VerificationReport> {
  const { extracted, trust, now, file } = input;
  const leeway = input.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  if (!extracted.found) {
    const hints = extracted.hints.length > 0 ? ` (${extracted.hints.join('; ')})` : '';
    return finish([result('extract', 'failed', `${extracted.reason}${hints}`)], [], {}, file);
  }
  const { badge, others } = extracted;
  const warnings = [...badge.warnings];
  const checks: CheckResult[] = [
    others > 0
      ? result(
          'extract',
          'failed',
          `the file holds ${others + 1} credentials; a badge holds exactly one (OB 3.0 section 1)`,
        )
      : result('extract', 'passed', badge.location),
  ];

  // OB 2.0 and older badges have their own checks (notes section 6); OB 3.0 goes on below. The
  // payload decides, not where it was found: a hosted-assertion URL in an OB 3.0 element is
  // still a hosted assertion (the extraction warns about the mismatch).
  const ob2Form = ob2FormOf(badge);
  if (ob2Form !== undefined) {
    const ob2 = await verifyOb2(badge, ob2Form, {
      documents: input.ob2Documents ?? NO_OB2_DOCUMENTS,
      now,
      leewaySeconds: leeway,
      ...(input.recipient === undefined ? {} : { recipient: input.recipient }),
    });
    const { checks: ob2Checks, warnings: ob2Warnings, ...extras } = ob2;
    const endorsement = result('endorsement', 'skipped', 'OB 2.0 endorsements are not checked');
    return finish(
      [...checks, ...ob2Checks, endorsement],
      [...warnings, ...ob2Warnings],
      extras,
      file,
    );
  }

  const format = checkFormat(badge);
  checks.push(format.check);
  warnings.push(...format.warnings);
  const decoded = format.decoded;
  if (decoded === undefined) return finish(checks, warnings, {}, file);

  const schema = checkSchema(decoded, { strict: input.strict === true });
  checks.push(schema.check);
  warnings.push(...schema.warnings);
  const proof = await checkProof(decoded, trust, input.contexts);
  if (decoded.kind === 'vp' && proof.check.outcome === 'passed') {
    // Each enveloped credential is verified like a file of its own, with the same trust and clock.
    const verifyOne = (inner: ExtractResult): Promise<VerificationReport> =>
      verifyExtracted({
        ...input,
        extracted: inner,
        file: `${file ?? 'presentation'} (enveloped)`,
      });
    proof.check = await checkEnvelopes(decoded, proof.check, verifyOne);
  }
  if (decoded.kind === 'clr') {
    // Notes section 7: a CLR verifier checks each bundled credential too; that is not done here.
    warnings.push('the credentials inside the ClrCredential are not verified one by one');
  }
  checks.push(proof.check);
  warnings.push(...proof.warnings);
  let trustedBy: string | undefined;
  const named = decoded.jwt !== undefined || proof.keyRef !== undefined;
  const keyToCheck = proof.key !== undefined || (named && proof.check.outcome !== 'failed');
  if (keyToCheck) {
    const issuerKey = checkIssuerKey(
      signerIdOf(decoded),
      decoded.jwt?.header ?? proof.keyRef ?? {},
      proof.key,
      trust,
      decoded.jwt === undefined ? 'verificationMethod' : 'kid',
    );
    checks.push(issuerKey.check);
    trustedBy = issuerKey.trustedBy;
  } else {
    checks.push(
      result('issuer-key', 'skipped', 'no key to check: the proof check did not get one'),
    );
  }
  checks.push(checkValidity(decoded, now, leeway));
  checks.push(
    await checkStatus(decoded, {
      trust,
      now,
      leewaySeconds: leeway,
      ...(input.statusLists === undefined ? {} : { statusLists: input.statusLists }),
      ...(input.contexts === undefined ? {} : { contexts: input.contexts }),
      ...(proof.check.outcome === 'passed' && proof.key !== undefined
        ? { credentialKey: proof.key.publicJwk }
        : {}),
    }),
  );
  checks.push(checkRecipient(decoded, input.recipient));
  if (input.nested === true) {
    checks.push(
      result('endorsement', 'skipped', 'endorsements of an endorsement are not followed'),
    );
  } else {
    const verifyOne = (inner: ExtractResult): Promise<VerificationReport> => {
      const run: VerifyInput = {
        ...input,
        extracted: inner,
        file: `${file ?? 'credential'} (endorsement)`,
        nested: true,
      };
      // An endorsement has no recipient step (section 5.2).
      delete run.recipient;
      return verifyExtracted(run);
    };
    checks.push(await checkEndorsements(decoded.credential, verifyOne));
  }
  return finish(
    checks,
    warnings,
    {
      credential: summaryOf(decoded),
      ...(trustedBy === undefined ? {} : { trustedBy }),
    },
    file,
  );
}
