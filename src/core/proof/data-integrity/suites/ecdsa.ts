import { verify, type KeyObject } from 'node:crypto';
import type { ProofSuite } from './types.js';

/**
 * `ecdsa-rdfc-2019` with P-256 (W3C VC-DI-ECDSA section 3.2): RDFC-1.0 and SHA-256 as for
 * eddsa-rdfc-2022, then ECDSA with SHA-256 over hashData; `proofValue` is base58btc of the raw
 * r ‖ s form (IEEE P1363), 64 bytes. P-384 is not read: badgesmith's keys stop at P-256.
 */
export const ECDSA_RDFC_2019_SUITE: ProofSuite = {
  type: 'DataIntegrityProof',
  cryptosuite: 'ecdsa-rdfc-2019',
  canonicalization: 'rdfc',
  keyKind: 'P-256',
  signatureBytes: 64,
  verifySignature(hashData: Buffer, signature: Buffer, key: KeyObject): boolean {
    return verify('sha256', hashData, { key, dsaEncoding: 'ieee-p1363' }, signature);
  },
};
