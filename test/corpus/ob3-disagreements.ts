/**
 * Corpus files whose manifest verdict the verifier does not reach, each with the reason found.
 * The corpus test fails if this list and the real disagreements differ in either direction, so
 * a fix elsewhere shows up here as a file to remove.
 */

// The format check accepts only OpenBadgeCredential / AchievementCredential (format.ts), so
// other credential types stop there: EndorsementCredential (OB 3.0 section 5.2 gives it its own
// verification, so this is a gap), ClrCredential, credentials typed only VerifiableCredential,
// and the W3C test vectors (AlumniCredential, a VerifiablePresentation). Their proofs verify in
// test/core/proof/data-integrity/suites.test.ts.
const NOT_OB_TYPE = 'format: type lacks OpenBadgeCredential, so the file stops at format';

// OB 3.0 section 5.1 step 1: credentialSubject without id or identifier "does not conform"; the
// manifest's VALID is the source project's signature-only verdict. The verifier follows the spec.
const SPEC_SCHEMA = 'schema: fails the OB 3.0 schema (e.g. credentialSubject has no id/identifier)';

// The legacy did:web document lists its key only inside assertionMethod; trustEntryFromJson
// (trust.ts) requires a verificationMethod array and rejects the document.
const LEGACY_DID_WEB =
  "trust: the legacy did:web document is rejected ('has no verificationMethod')";

export const KNOWN_DISAGREEMENTS: Record<string, string> = {
  'ob3/1edtech-clr20-simple.json': NOT_OB_TYPE,
  'ob3/1edtech-endorsement-valid.json': NOT_OB_TYPE,
  'ob3/dcc-v2_bothSignatureTypes_didkey_legacy-noStatus-notExpired-endorsement.json': NOT_OB_TYPE,
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-minimal.json': NOT_OB_TYPE,
  'ob3/dcc-v2_ed25519_didKey_legacy-expiredStatus-noExpiry.json': NOT_OB_TYPE,
  'ob3/dcc-v2_ed25519_didKey_legacy-tamperedStatus-noExpiry.json': NOT_OB_TYPE,
  'ob3/vc-jwt/1edtech-clr20-simple.jwt': NOT_OB_TYPE,
  'ob3/vc-jwt/w3c-credential-issuer-match-signed.txt': NOT_OB_TYPE,
  'ob3/vc-jwt/w3c-credential-jose-bad-media-type.txt': NOT_OB_TYPE,
  'ob3/vc-jwt/w3c-credential-jose-bad-signature.txt': NOT_OB_TYPE,
  'ob3/vc-jwt/w3c-credential-jose-minimal.txt': NOT_OB_TYPE,
  'ob3/vc-jwt/w3c-presentation-jose-multiple.txt': NOT_OB_TYPE,
  'ob3/w3c-di/ecdsa-rdfc-2019-p256-signed.json': NOT_OB_TYPE,
  'ob3/w3c-di/eddsa-jcs-2022-signed.json': NOT_OB_TYPE,
  'ob3/w3c-di/eddsa-rdfc-2022-signed.json': NOT_OB_TYPE,
  'ob3/w3c-di/proof-set-2-signed.json': NOT_OB_TYPE,
  'ob3/w3c-di/unsigned.json': NOT_OB_TYPE,
  'spec:ob3/endorsement-eddsa-rdfc-2022.json': NOT_OB_TYPE,
  'ob3/dcc-v1_dataIntegrityProof_didKey_legacy-noStatus-noExpiry.json': SPEC_SCHEMA,
  'ob3/dcc-v1_ed25519_didKey_legacy-noStatus-noExpiry-stringIssuerId.json': SPEC_SCHEMA,
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-identityHash.json':
    SPEC_SCHEMA,
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-notExpired-withSchema.json':
    SPEC_SCHEMA,
  'ob3/dcc-v2_ed25519_didWeb_oidf-noStatus-notExpired.json': SPEC_SCHEMA,
  'ob3/dcc-v2_ed25519_didWeb_badDidWeb.json': `${SPEC_SCHEMA}; otherwise indeterminate, as expected`,
  'ob3/dcc-v1_ed25519_didWeb_legacy-validStatus-noExpiry.json': LEGACY_DID_WEB,
  'ob3/dcc-v2_bothSignatureTypes_didweb_legacy-revokedStatus-expired.json': LEGACY_DID_WEB,
  'ob3/dcc-v2_dataIntegrityProof_didweb_legacy-revokedStatus-noExpiry.json': LEGACY_DID_WEB,
  // Offline, its 1EdTechRevocationList cannot be read: status indeterminate. The manifest's
  // INVALID comes from the 1EdTech validator failing to fetch a schema online (a 404).
  'ob3/1edtech-complete.json': 'status: 1EdTech revocation list not available offline',
  // The manifest marks the 1EdTech validator's note about the older context 3.0.2 as invalid;
  // the signature verifies and no OB 3.0 rule makes context 3.0.2 invalid.
  'ob3/1edtech-simple-context-version.json': 'valid: context 3.0.2 is accepted',
  // Real manifest: UNSIGNED -> indeterminate; spec EXPECTED.json (NEG-no-proof, the same case):
  // "must fail proof step". The verifier fails the proof check (DESIGN.md), so NOT VALID.
  'ob3/1edtech-simple-noproof.json': 'proof: no proof fails, as EXPECTED.json NEG-no-proof asks',
};
