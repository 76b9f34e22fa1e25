import type { KeyObject } from 'node:crypto';

/** How a suite turns a JSON-LD document into the bytes it hashes. */
export type Canonicalization = 'rdfc' | 'jcs';

/**
 * One proof suite the verifier knows: which `type` / `cryptosuite` pair it answers to, how it
 * canonicalises, the key it needs and how it checks a signature over `hashData` (SHA-256 of the
 * canonical proof configuration ‖ SHA-256 of the canonical document, the layout every suite
 * here shares).
 */
export interface ProofSuite {
  /** The proof's `type`: `DataIntegrityProof`, or a legacy type such as `Ed25519Signature2020`. */
  type: string;
  /** The `cryptosuite` value; absent for legacy proof types, which have none. */
  cryptosuite?: string;
  canonicalization: Canonicalization;
  /** The key type the verification method must hold. */
  keyKind: 'Ed25519' | 'P-256';
  /** The length of the decoded `proofValue`. */
  signatureBytes: number;
  /** The current name of the same algorithm, when this is an older name read with a warning. */
  legacyNameOf?: string;
  /** Whether `signature` is a good signature of `hashData` under `key`. */
  verifySignature(hashData: Buffer, signature: Buffer, key: KeyObject): boolean;
}
