/**
 * badgesmith as a library: the functions the CLI itself calls, for issuing, baking and
 * verifying Open Badges 3.0 offline.
 *
 * @example
 * ```ts
 * import { generateKeyPair, didKeyFromPublicJwk, kidFor, loadSigningKey, buildCredential,
 *   signCredentialJwt, bakeImage, verifyBadge, trustEntryFromDidKey } from 'badgesmith';
 *
 * const { privateJwk, publicJwk } = generateKeyPair('EdDSA');
 * const issuerId = didKeyFromPublicJwk(publicJwk);
 * const key = loadSigningKey(privateJwk, 'EdDSA', kidFor(issuerId, publicJwk));
 * const jwt = await signCredentialJwt(credential, key);
 * const badge = bakeImage(artworkPngBytes, jwt).bytes;
 * const report = await verifyBadge(badge, {
 *   trust: { entries: [trustEntryFromDidKey(issuerId)] },
 *   now: new Date(),
 * });
 * ```
 */

// Errors: one class, stable codes, exit codes from the catalog.
export {
  BadgesmithError,
  ERROR_CATALOG,
  EXIT,
  isBadgesmithError,
  type ErrorCode,
  type ExitCode,
} from './core/errors.js';

// Credentials: the OB 3.0 data model and recipient identities.
export type * from './core/model/types.js';
export {
  buildCredential,
  newCredentialId,
  CREDENTIAL_CONTEXT,
  OB_CREDENTIAL_SCHEMA,
  type CredentialInput,
} from './core/model/credential.js';
export {
  buildAchievement,
  achievementIdFor,
  type AchievementSpec,
} from './core/model/achievement.js';
export {
  hashIdentity,
  hashedEmailIdentity,
  identityMatches,
  normaliseEmail,
} from './core/model/identity.js';

// Keys: generation, did:key, signing keys parsed once, what an issuer publishes.
export { generateKeyPair, SIGNING_ALGS, type SigningAlg } from './core/keys/generate.js';
export { didKeyFromPublicJwk, publicJwkFromDidKey, isDidKey } from './core/keys/did-key.js';
export { loadSigningKey, kidFor, type SigningKey } from './core/keys/signing-key.js';
export { buildJwks, buildDidDocument } from './core/keys/publish.js';
export { jwkThumbprint } from './core/keys/jwk.js';

// Proofs: VC-JWT and Data Integrity (eddsa-rdfc-2022).
export { signCredentialJwt, credentialJwtPayload } from './core/proof/jwt.js';
export {
  canonicalize,
  signDataIntegrity,
  verifyDataIntegrityProof,
  type ContextResolver,
} from './core/proof/data-integrity/index.js';

// Baking: PNG iTXt and SVG element, and extraction from any badge file.
export {
  bakeImage,
  bakePng,
  bakeSvg,
  extractBadge,
  sniffImage,
  type BakePayload,
  type ExtractedBadge,
  type ExtractResult,
  type ImageKind,
} from './core/bake/index.js';

// Verification: the checks, the report, trust.
export {
  verifyExtracted,
  verdictOf,
  trustEntryFromDidKey,
  trustEntryFromJson,
  CHECK_ORDER,
  DEFAULT_LEEWAY_SECONDS,
  type CheckName,
  type CheckOutcome,
  type CheckResult,
  type TrustEntry,
  type TrustSet,
  type Verdict,
  type VerificationReport,
  type VerifyInput,
} from './core/verify/index.js';
export { verifyBadge, type VerifyBadgeOptions } from './core/verify/verify-badge.js';

// Local documents: JSON-LD contexts, status lists, OB 2.0 hosted copies, trust files and store.
export { contextSetupFor, createContextResolver } from './adapters/context-loader.js';
export {
  loadVerifierSetup,
  type VerifierSetup,
  type VerifierSources,
} from './adapters/verifier-setup.js';
export { loadStatusListFolder } from './adapters/status-lists.js';
export { openOb2Documents } from './adapters/ob2-documents.js';
export { readTrustEntry, readTrustSet } from './adapters/trust-files.js';
export {
  addToTrustStore,
  readTrustStore,
  removeFromTrustStore,
  trustRemoveCommand,
  trustStoreDir,
  trustStoreWarning,
  type RemovedTrust,
  type StoredTrust,
  type TrustStoreContents,
  type TrustStoreProblem,
} from './adapters/trust-store.js';
