import type { JsonWebKey } from 'node:crypto';

/**
 * Looks up a JSON-LD context document by URL, offline: `undefined` means "not known here", never
 * "go and fetch it" (OB 3.0 notes section 4.3, offline canonicalization). The adapter
 * `createContextResolver` builds one from pinned packages and an optional user folder. A URL
 * always gets the same answer from one resolver: what it answered is processed once and kept
 * with it (an unknown URL is asked again), so a changed context needs a new resolver.
 */
export type ContextResolver = (url: string) => Record<string, unknown> | undefined;

/** The key a verification method id stands for, as a public JWK; `undefined` when unknown. */
export interface ResolvedVerificationMethod {
  publicJwk: JsonWebKey;
}

/**
 * Finds the public key of a `verificationMethod` id. It may answer from a trust store, a DID
 * document the user gave, or the id itself ({@link resolveEmbeddedKey}); `undefined` when it
 * cannot tell offline.
 */
export type VerificationMethodResolver = (
  verificationMethod: string,
) => ResolvedVerificationMethod | undefined | Promise<ResolvedVerificationMethod | undefined>;

/** The outcome of checking a proof: never `ok` for anything not checked. */
export type ProofStatus = 'ok' | 'failed' | 'indeterminate';

/** Why a proof failed or could not be checked. Stable codes; messages may change. */
export type ProofReasonCode =
  | 'missing-proof'
  | 'malformed-proof'
  | 'malformed-proof-value'
  | 'invalid-created'
  | 'wrong-proof-purpose'
  | 'unsupported-proof-type'
  | 'unsupported-cryptosuite'
  | 'unsupported-proof-chain'
  | 'broken-proof-chain'
  | 'unknown-context'
  | 'undefined-term'
  | 'invalid-json-ld'
  | 'unknown-verification-method'
  | 'unsupported-key-type'
  | 'bad-signature';

/** A reason, with the value it is about (the term, URL, suite or method) when there is one. */
export interface ProofReason {
  code: ProofReasonCode;
  message: string;
  /** The undefined term, unknown context URL, unsupported type or suite, or method id. */
  subject?: string;
}

/** Leniencies taken while verifying, each said out loud (DESIGN.md, "read leniently"). */
export type ProofWarningCode =
  'legacy-cryptosuite' | 'vcdm-1.1' | 'undefined-terms-dropped' | 'proof-not-checked';

/** A warning about a proof that still counts. */
export interface ProofWarning {
  code: ProofWarningCode;
  message: string;
  subject?: string;
}

/** The result for one entry of `proof`. */
export interface SingleProofResult {
  /** Position in the `proof` array (0 for an object-valued `proof`). */
  index: number;
  status: ProofStatus;
  type?: string;
  cryptosuite?: string;
  verificationMethod?: string;
  reason?: ProofReason;
  warnings: ProofWarning[];
}

/**
 * The result of {@link verifyDataIntegrityProof}. `status` sums up `proofs`: `failed` when any
 * proof failed, else `ok` when at least one verified, else `indeterminate`.
 */
export interface DataIntegrityResult {
  status: ProofStatus;
  /** The reason of the proof that decided `status` (absent when `ok`). */
  reason?: ProofReason;
  /** Warnings of the proofs that counted, plus one per proof that was not checked. */
  warnings: ProofWarning[];
  proofs: SingleProofResult[];
}
