/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (OB 3.0 section 4.3; W3C
 * DI-EDDSA section 3.3): RDFC-1.0 canonicalization with offline contexts, signing, verifying.
 */
export { canonicalize, type CanonicalizeOptions, type CanonicalizeResult } from './canonicalize.js';
export { resolveEmbeddedKey } from './embedded-key.js';
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
