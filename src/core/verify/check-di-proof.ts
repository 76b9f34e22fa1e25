import {
  verifyDataIntegrityProof,
  type ContextResolver,
  type DataIntegrityResult,
  type ProofReason,
  type SingleProofResult,
} from '../proof/data-integrity/index.js';
import { sameKey } from '../keys/jwk.js';
import { describeKey, type ProofOutcome } from './check-proof.js';
import type { DecodedCredential } from './format.js';
import { signerIdOf } from './jwt-claims.js';
import { result, type CheckResult } from './report.js';
import { resolveMethodKey, type ResolvedKey } from './resolve-key.js';
import type { TrustSet } from './trust.js';

const CONTEXTS_HINT = 'pass --contexts <dir> with a map.json naming a local copy of it';

/**
 * What each proof of a proof set came to, so that none is left out of the report; a verified
 * proof by a key the trusted issuer entries do not list is said to vouch for nothing here.
 */
function proofSetNotes(
  outcome: DataIntegrityResult,
  isOwn: (proof: SingleProofResult) => boolean,
): string[] {
  if (outcome.proofs.length < 2) return [];
  return outcome.proofs.map((proof) => {
    const suite = proof.cryptosuite ?? proof.type ?? 'unknown type';
    const method = proof.verificationMethod ?? 'no verificationMethod';
    const said =
      proof.status !== 'ok'
        ? `${proof.status}: ${messageOf(proof.reason)}`
        : isOwn(proof)
          ? "verified, the issuer's key"
          : "verified, but not with a trusted key of the issuer's, so it vouches for nothing here";
    return `proof[${proof.index}] (${suite}, ${method}): ${said}`;
  });
}

function details(proof: SingleProofResult | undefined, notes: string[]): CheckResult['details'] {
  if (proof === undefined && notes.length === 0) return undefined;
  return {
    ...(proof?.verificationMethod === undefined ? {} : { kid: proof.verificationMethod }),
    ...(proof?.cryptosuite === undefined ? {} : { alg: proof.cryptosuite }),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** ", 2 of 3 proofs verified" for a proof set; nothing for a single proof. */
function proofSetSummary(outcome: DataIntegrityResult): string {
  if (outcome.proofs.length < 2) return '';
  const ok = outcome.proofs.filter((proof) => proof.status === 'ok').length;
  return `; ${ok} of ${outcome.proofs.length} proofs verified (see notes)`;
}

function messageOf(reason: ProofReason | undefined): string {
  if (reason === undefined) return 'the proof could not be checked';
  if (reason.code === 'unknown-context') {
    return `context '${reason.subject ?? '?'}' is not available offline (never fetched); ${CONTEXTS_HINT}`;
  }
  if (reason.code === 'unknown-verification-method') {
    return `key '${reason.subject ?? '?'}' is not among the trusted keys, so the signature cannot be checked; pass --trust`;
  }
  if (reason.code === 'undefined-term') {
    return `json-ld safe mode: ${reason.message}, so it is not covered by the signature`;
  }
  return reason.message;
}

/** Whether a proof's key is one a trusted entry of the issuer lists. */
function ownProofTest(
  keys: ReadonlyMap<string, ResolvedKey>,
  issuerId: string | undefined,
  trust: TrustSet,
): (proof: SingleProofResult) => boolean {
  const own = trust.entries.filter((entry) => entry.issuerId === issuerId);
  return (proof) => {
    const key = keys.get(proof.verificationMethod ?? '');
    return (
      key !== undefined &&
      own.some((entry) => entry.keys.some((listed) => sameKey(listed.publicJwk, key.publicJwk)))
    );
  };
}

/** The proof whose key `issuer-key` judges: a verified one, the issuer's own when there is one. */
function chosenProof(
  outcome: DataIntegrityResult,
  isOwn: (proof: SingleProofResult) => boolean,
): SingleProofResult | undefined {
  const ok = outcome.proofs.filter((proof) => proof.status === 'ok');
  if (ok.length > 0) return ok.find(isOwn) ?? ok[0];
  return (
    outcome.proofs.find((proof) => proof.status === outcome.status) ??
    outcome.proofs[0] ??
    undefined
  );
}

/**
 * The `proof` check of an embedded Data Integrity proof (OB 3.0 section 4.3): RDFC-1.0 with the
 * run's offline contexts (an unknown one is indeterminate and named, never fetched), JSON-LD
 * safe mode, eddsa-rdfc-2022 (and `eddsa-2022`, with a warning). The verification method is
 * resolved as a JOSE kid is ({@link resolveMethodKey}); `issuer-key` then asks whether the key
 * is the issuer's.
 */
export async function checkDataIntegrity(
  decoded: DecodedCredential,
  trust: TrustSet,
  contexts: ContextResolver | undefined,
): Promise<ProofOutcome> {
  const warnings: string[] = [];
  if (contexts === undefined) {
    const message = 'no json-ld contexts were given, so the embedded proof cannot be checked';
    return { check: result('proof', 'indeterminate', message), warnings };
  }
  const issuerId = signerIdOf(decoded);
  const keys = new Map<string, ResolvedKey>();
  const outcome = await verifyDataIntegrityProof(decoded.credential, {
    resolver: contexts,
    resolveVerificationMethod: (method) => {
      const key = resolveMethodKey(method, issuerId ?? '', trust);
      if (key !== undefined) keys.set(method, key);
      return key === undefined ? undefined : { publicJwk: key.publicJwk };
    },
  });
  // The format check already warns about VCDM 1.1; every other leniency is said here.
  for (const warning of outcome.warnings) {
    if (warning.code !== 'vcdm-1.1') warnings.push(warning.message);
  }
  const isOwn = ownProofTest(keys, issuerId, trust);
  const proof = chosenProof(outcome, isOwn);
  const notes = proofSetNotes(outcome, isOwn);
  const method = proof?.verificationMethod;
  // A proof stopped before its key was looked up (an unknown context) still names a key, and
  // `issuer-key` judges that one rather than none.
  const key =
    method === undefined
      ? undefined
      : (keys.get(method) ?? resolveMethodKey(method, issuerId ?? '', trust));
  const refs = {
    ...(key === undefined ? {} : { key }),
    ...(method === undefined ? {} : { keyRef: { kid: method } }),
  };
  if (outcome.status === 'ok' && key !== undefined) {
    const suite = proof?.cryptosuite ?? 'eddsa-rdfc-2022';
    const message = `${suite} Data Integrity proof verified with ${describeKey(key)}${proofSetSummary(outcome)}`;
    const check = result('proof', 'passed', message, details(proof, notes));
    return { check, ...refs, warnings };
  }
  const outcomeWord = outcome.status === 'failed' ? 'failed' : 'indeterminate';
  const message = `${messageOf(outcome.reason)}${proofSetSummary(outcome)}`;
  const check = result('proof', outcomeWord, message, details(proof, notes));
  return { check, ...refs, warnings };
}
