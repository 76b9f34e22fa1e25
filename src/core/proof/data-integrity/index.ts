/**
 * Data Integrity proofs (OB 3.0 section 4.3; W3C DI-EDDSA, DI-ECDSA): RDFC-1.0 canonicalization
 * with offline contexts, signing with `eddsa-rdfc-2022`, and verifying `eddsa-rdfc-2022` (and
 * its draft name `eddsa-2022`), `eddsa-jcs-2022`, `ecdsa-rdfc-2019` (P-256) and the legacy
 * `Ed25519Signature2020` proof type.
 */
export { canonicalize, type CanonicalizeOptions, type CanonicalizeResult } from './canonicalize.js';
export { resolveEmbeddedKey } from './embedded-key.js';
export { canonicalJson } from './jcs.js';
export {
  EDDSA_2022,
  EDDSA_RDFC_2022,
  hashDataOf,
  proofConfigOf,
  unsecuredDocument,
  type HashDataFailure,
  type HashDataParts,
} from './proof-config.js';
export {
  signDataIntegrity,
  type EddsaRdfc2022Proof,
  type SignDataIntegrityOptions,
} from './sign.js';
export type {
  ContextResolver,
  DataIntegrityResult,
  ProofReason,
  ProofReasonCode,
  ProofStatus,
  ProofWarning,
  ProofWarningCode,
  ResolvedVerificationMethod,
  SingleProofResult,
  VerificationMethodResolver,
} from './types.js';
export { verifyDataIntegrityProof, type VerifyDataIntegrityOptions } from './verify.js';
export { PROOF_SUITES, suiteFor, type Canonicalization, type ProofSuite } from './suites/index.js';
