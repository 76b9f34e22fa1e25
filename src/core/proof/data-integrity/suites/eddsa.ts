import { verify, type KeyObject } from 'node:crypto';
import type { ProofSuite } from './types.js';

/** Pure Ed25519 (RFC 8032) over hashData itself, as every EdDSA suite here signs. */
function ed25519Verify(hashData: Buffer, signature: Buffer, key: KeyObject): boolean {
  return verify(null, hashData, key, signature);
}

const ed25519 = {
  keyKind: 'Ed25519',
  signatureBytes: 64,
  verifySignature: ed25519Verify,
} as const;

/** `eddsa-rdfc-2022` (DI-EDDSA section 3.3): RDFC-1.0, SHA-256, Ed25519. */
export const EDDSA_RDFC_2022_SUITE: ProofSuite = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  canonicalization: 'rdfc',
  ...ed25519,
};

/** `eddsa-2022`: the draft name of eddsa-rdfc-2022 (OB 3.0 notes section 4.3, legacy suites). */
export const EDDSA_2022_SUITE: ProofSuite = {
  ...EDDSA_RDFC_2022_SUITE,
  cryptosuite: 'eddsa-2022',
  legacyNameOf: 'eddsa-rdfc-2022',
};

/** `eddsa-jcs-2022` (DI-EDDSA section 3.2): JSON Canonicalization (RFC 8785) instead of RDF. */
export const EDDSA_JCS_2022_SUITE: ProofSuite = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-jcs-2022',
  canonicalization: 'jcs',
  ...ed25519,
};

/**
 * `Ed25519Signature2020`, the proof type before Data Integrity cryptosuites: the same hashing
 * layout as eddsa-rdfc-2022, no `cryptosuite` member, its own context (OB 3.0 notes section 4.3).
 */
export const ED25519_SIGNATURE_2020_SUITE: ProofSuite = {
  type: 'Ed25519Signature2020',
  canonicalization: 'rdfc',
  ...ed25519,
};
