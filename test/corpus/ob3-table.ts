/**
 * What each OB 3.0 corpus file needs to be checked offline, as the manifests' "needs" column
 * and EXPECTED.json's `trustKey` say (shared/fixtures/real/MANIFEST.md, shared/spec/fixtures/
 * EXPECTED.json). This is input to the real verifier, never a verdict: verdicts come from
 * expected.tsv and EXPECTED.json, and the outcome from running `verifyExtracted`.
 */

/** One thing the user would trust for a file. */
export type TrustNeed =
  | { didKey: string }
  | { didDocument: string }
  /** An issuer whose key is a Multikey (the 1EdTech `<issuer>#<multikey>` convention). */
  | { issuer: string; multikey: string }
  /** An issuer whose key is pinned by RFC 7638 thumbprint (a JWK carried in a token header). */
  | { issuer: string; jwkThumbprint: string }
  /** A W3C JOSE test-suite verification method file (publicKeyJwk + controller). */
  | { verificationMethodFile: string };

export interface CorpusNeeds {
  trust: TrustNeed[];
  /** Status list files (under keys/status-lists/) the file's credentialStatus points at. */
  lists?: string[];
}

const K_1EDTECH = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
const K_1EDTECH_OTHER = 'z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x';
const EXAMPLE_COM = 'https://example.com/issuers/876543';
const EXAMPLE_EDU = 'https://example.edu/issuers/565049';
const ONEEDTECH_EDU = 'https://1edtech.edu/issuers/565049';
const DCC_LEGACY = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
const DCC_OIDF = 'did:key:z6MkjoriXdbyWD25YXTed114F8hdJrLXQ567xxPHAUKxpKkS';
const DCC_NOREG = 'did:key:z6MkqBcwQ7qnRBRpgtsJQviLFeYxExMUE2k9nwKkMTF3DdRZ';
const W3C_EDDSA = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const W3C_ISSUER = 'https://vc.example/issuers/5678';
const BLOCKTRUST = 'did:key:z6MkhVTX9BF3NGYX6cc7jWpbNnR7cAjH8LUffabZP8Qu4ysC';
const LEGACY_WEB = 'keys/did/vctf-did-web-legacy.json';
const OIDF_WEB = 'keys/did/vctf-did-web-oidf.json';
// The vctf lists are issued by the "legacy" did:key; a credential of another issuer can rely on
// them only when that list issuer is trusted too (the needs column: did:key, self-resolving).
const VCTF_LIST = 'vctf-e5WK8CbZ1GjycuPombrj.json';

const exampleCom = { issuer: EXAMPLE_COM, multikey: K_1EDTECH };

/** Real files (shared/fixtures/real/, path relative to it). */
export const REAL_NEEDS: Record<string, CorpusNeeds> = {
  'ob3/1edtech-simple.json': { trust: [exampleCom] },
  'ob3/1edtech-simple_v1.json': {
    trust: [{ issuer: EXAMPLE_COM, multikey: 'z6MknNHHrBzPytzu6CUBP9Lg7fg4KSBjzimc2Frh693YbMiv' }],
  },
  'ob3/1edtech-simple-did-key-method.json': {
    trust: [{ issuer: 'urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164', multikey: K_1EDTECH }],
  },
  'ob3/1edtech-simple-err-expired.json': { trust: [exampleCom] },
  'ob3/1edtech-simple-err-proof-value.json': {
    trust: [{ issuer: EXAMPLE_COM, multikey: K_1EDTECH_OTHER }],
  },
  'ob3/1edtech-simple-err-proof-method.json': {
    trust: [{ issuer: EXAMPLE_EDU, multikey: K_1EDTECH }],
  },
  'ob3/1edtech-simple-err-proof-method-no-scheme.json': {
    trust: [{ issuer: EXAMPLE_COM, multikey: K_1EDTECH_OTHER }],
  },
  'ob3/1edtech-simple-err-context.json': { trust: [{ issuer: EXAMPLE_EDU, multikey: K_1EDTECH }] },
  'ob3/1edtech-simple-noproof.json': { trust: [{ issuer: EXAMPLE_EDU, multikey: K_1EDTECH }] },
  'ob3/1edtech-simple-multiple-proofs.json': { trust: [exampleCom] },
  'ob3/1edtech-bit-string-list-credential-status-revoked.json': {
    trust: [{ issuer: ONEEDTECH_EDU, multikey: K_1EDTECH }],
    lists: ['1edtech-testlist.json'],
  },
  'ob3/1edtech-simple-context-version.json': { trust: [exampleCom] },
  'ob3/1edtech-complete.json': {
    trust: [
      { issuer: ONEEDTECH_EDU, multikey: 'z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs' },
    ],
  },
  'ob3/1edtech-endorsement-valid.json': {
    trust: [
      {
        issuer: 'https://state.gov/issuers/565049',
        multikey: 'z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN',
      },
    ],
  },
  'ob3/1edtech-clr20-simple.json': { trust: [{ issuer: EXAMPLE_EDU, multikey: K_1EDTECH }] },
  'ob3/1edtech-spec-ldp-testvector-ob-signed.json': {
    trust: [{ issuer: EXAMPLE_EDU, multikey: K_1EDTECH }],
  },
  'ob3/1edtech-simple-err-credential-subject-type.json': { trust: [exampleCom] },
  'ob3/1edtech-simple-err-evidence-type.json': { trust: [exampleCom] },
  'ob3/1edtech-simple-err-credential-subject-identifier-type.json': { trust: [exampleCom] },
  'ob3/vc-jwt/1edtech-clr20-simple.jwt': {
    trust: [{ issuer: EXAMPLE_EDU, jwkThumbprint: 'nN2sJz29FI2we97PrMIYbsOlWwlYO0UGgXWjvDTsYVo' }],
  },
  'ob3/vc-jwt/w3c-credential-jose-minimal.txt': {
    trust: [{ verificationMethodFile: 'keys/jose/vm-p256.json' }],
  },
  'ob3/vc-jwt/w3c-credential-jose-bad-signature.txt': {
    trust: [{ verificationMethodFile: 'keys/jose/vm-ed25519.json' }],
  },
  'ob3/vc-jwt/w3c-credential-jose-bad-media-type.txt': {
    trust: [{ verificationMethodFile: 'keys/jose/vm-ed25519.json' }],
  },
  'ob3/vc-jwt/w3c-credential-issuer-match-signed.txt': {
    trust: [{ verificationMethodFile: 'keys/jose/vm-ed25519.json' }],
  },
  // The presentation is signed with vm-p384; its enveloped vc+jwt credential with vm-p256.
  'ob3/vc-jwt/w3c-presentation-jose-multiple.txt': {
    trust: [
      { verificationMethodFile: 'keys/jose/vm-p384.json' },
      { verificationMethodFile: 'keys/jose/vm-p256.json' },
    ],
  },
  'ob3/dcc-v2_ed25519_didKey_legacy-noStatus-noExpiry.json': { trust: [{ didKey: DCC_LEGACY }] },
  'ob3/dcc-v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_ed25519_didKey_legacy-noStatus-expired.json': { trust: [{ didKey: DCC_LEGACY }] },
  'ob3/dcc-v2_ed25519_didKey_legacy-expiredStatus-noExpiry.json': {
    trust: [{ didKey: DCC_LEGACY }],
    lists: ['vctf-expired.json'],
  },
  'ob3/dcc-v2_ed25519_didKey_legacy-tamperedStatus-noExpiry.json': {
    trust: [{ didKey: DCC_LEGACY }],
    lists: ['vctf-tampered.json'],
  },
  'ob3/dcc-v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json': {
    trust: [{ didKey: DCC_NOREG }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/dcc-v2_ed25519_didKey_oidf-revokedStatus-noExpiry.json': {
    trust: [{ didKey: DCC_OIDF }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/dcc-v2_ed25519_didWeb_badDidWeb.json': { trust: [] },
  'ob3/dcc-v2_ed25519_didWeb_oidf-noStatus-notExpired.json': { trust: [{ didDocument: OIDF_WEB }] },
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-OBSpecExample.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-minimal.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-identityHash.json': {
    trust: [{ didKey: DCC_OIDF }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-notExpired-withSchema.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didKey_oidf-noStatus-notExpired-notYetValid.json': {
    trust: [{ didKey: DCC_OIDF }],
  },
  'ob3/dcc-v2_dataIntegrityProof_didweb_legacy-revokedStatus-noExpiry.json': {
    trust: [{ didDocument: LEGACY_WEB }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/dcc-v2_bothSignatureTypes_didkey_legacy-noStatus-noExpiry.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_bothSignatureTypes_didkey_legacy-noStatus-notExpired-endorsement.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v2_bothSignatureTypes_didweb_legacy-revokedStatus-expired.json': {
    trust: [{ didDocument: LEGACY_WEB }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/dcc-v1_ed25519_didKey_legacy-noStatus-expired.json': { trust: [{ didKey: DCC_LEGACY }] },
  'ob3/dcc-v1_ed25519_didKey_legacy-noStatus-noExpiry-stringIssuerId.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v1_ed25519_didWeb_legacy-validStatus-noExpiry.json': {
    trust: [{ didDocument: LEGACY_WEB }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/dcc-v1_dataIntegrityProof_didKey_legacy-noStatus-noExpiry.json': {
    trust: [{ didKey: DCC_LEGACY }],
  },
  'ob3/dcc-v1_dataIntegrityProof_didKey_oidf-noStatus-expired.json': {
    trust: [{ didKey: DCC_OIDF }],
  },
  'ob3/dcc-v1_bothSignatureTypes_didKey_oidf-revokedStatus-expired.json': {
    trust: [{ didKey: DCC_OIDF }, { didKey: DCC_LEGACY }],
    lists: [VCTF_LIST],
  },
  'ob3/blocktrust-ValidCredential.json': { trust: [{ didKey: BLOCKTRUST }] },
  'ob3/blocktrust-InvalidSignatureCredential.json': { trust: [{ didKey: BLOCKTRUST }] },
  'ob3/w3c-di/eddsa-rdfc-2022-signed.json': {
    trust: [{ issuer: W3C_ISSUER, multikey: W3C_EDDSA }],
  },
  'ob3/w3c-di/eddsa-jcs-2022-signed.json': { trust: [{ issuer: W3C_ISSUER, multikey: W3C_EDDSA }] },
  'ob3/w3c-di/ecdsa-rdfc-2019-p256-signed.json': {
    trust: [{ issuer: W3C_ISSUER, multikey: 'zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP' }],
  },
  'ob3/w3c-di/proof-set-2-signed.json': {
    trust: [
      { issuer: W3C_ISSUER, multikey: 'z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7' },
      { issuer: W3C_ISSUER, multikey: 'z6MkhWqdDBPojHA7cprTGTt5yHv5yUi1B8cnXn8ReLumkw6E' },
    ],
  },
  'ob3/w3c-di/unsigned.json': { trust: [] },
};

/** The status list URL → file table of the manifest's "needs" column. */
export const STATUS_LIST_URLS: Record<string, string> = {
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist':
    '1edtech-testlist.json',
  'https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj':
    VCTF_LIST,
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj':
    VCTF_LIST,
  'https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/expired':
    'vctf-expired.json',
  'https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/tampered':
    'vctf-tampered.json',
};

/**
 * Files whose invalid verdict comes from a check the manifest's words do not name by the
 * REASONS rules. 1edtech-complete.json: the "inline schema ref 404" the 1EdTech validator hit
 * is in the credentialSchema lists of its five embedded EndorsementCredentials (offline they are
 * "not checked"); those endorsements expired on 2020-01-01, so OB 3.0 section 5.1 step 6 fails.
 */
export const REASON_OVERRIDES: Record<string, ('endorsement' | 'schema' | 'proof')[]> = {
  'ob3/1edtech-complete.json': ['endorsement'],
};
