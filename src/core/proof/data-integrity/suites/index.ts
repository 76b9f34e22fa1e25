import { ECDSA_RDFC_2019_SUITE } from './ecdsa.js';
import {
  ED25519_SIGNATURE_2020_SUITE,
  EDDSA_2022_SUITE,
  EDDSA_JCS_2022_SUITE,
  EDDSA_RDFC_2022_SUITE,
} from './eddsa.js';
import type { ProofSuite } from './types.js';

export {
  ECDSA_RDFC_2019_SUITE,
  ED25519_SIGNATURE_2020_SUITE,
  EDDSA_2022_SUITE,
  EDDSA_JCS_2022_SUITE,
  EDDSA_RDFC_2022_SUITE,
};
export type { Canonicalization, ProofSuite } from './types.js';

/** Every suite the verifier checks; anything else is named as unsupported, never passed. */
export const PROOF_SUITES: readonly ProofSuite[] = [
  EDDSA_RDFC_2022_SUITE,
  EDDSA_2022_SUITE,
  EDDSA_JCS_2022_SUITE,
  ECDSA_RDFC_2019_SUITE,
  ED25519_SIGNATURE_2020_SUITE,
];

/** The proof types that carry no `cryptosuite` and are known here. */
export function isLegacyProofType(type: string): boolean {
  return PROOF_SUITES.some((suite) => suite.type === type && suite.cryptosuite === undefined);
}

/**
 * The suite for a proof's `type` and `cryptosuite`, or `undefined` when none is known.
 *
 * @example suiteFor('DataIntegrityProof', 'ecdsa-rdfc-2019')?.keyKind // 'P-256'
 */
export function suiteFor(type: string, cryptosuite: string | undefined): ProofSuite | undefined {
  return PROOF_SUITES.find((suite) => suite.type === type && suite.cryptosuite === cryptosuite);
}
