import { BadgesmithError } from '../core/errors.js';
import { dataIntegrityMethodFor } from '../core/keys/publication.js';
import type { SigningKey } from '../core/keys/signing-key.js';
import type { OpenBadgeCredential } from '../core/model/types.js';
import { signDataIntegrity } from '../core/proof/data-integrity/index.js';
import { signCredentialJwt } from '../core/proof/jwt.js';
import { createContextResolver } from './context-loader.js';

/** The proof formats `issue` writes: a VC-JWT, or an embedded Data Integrity proof. */
export type ProofKind = 'jwt' | 'di';

/** Every {@link ProofKind}, as `--proof` and `badgesmith.yaml` spell them. */
export const PROOF_KINDS: readonly ProofKind[] = ['jwt', 'di'];

/** A signed credential: the text to bake and write, and the file suffix it is written under. */
export interface SignedCredential {
  /** The compact JWS, or the credential JSON with its `proof`. */
  payload: string;
  /** `.credential.jwt` or `.credential.json`. */
  extension: '.credential.jwt' | '.credential.json';
}

/** Signs one credential; `created` is the proof's creation time (Data Integrity only). */
export type CredentialSigner = (
  credential: OpenBadgeCredential,
  created: Date,
) => Promise<SignedCredential>;

/**
 * The signer of a run, chosen by proof format, with the key parsed once. `jwt`: a VC-JWT (OB 3.0
 * section 4.2). `di`: an embedded `DataIntegrityProof`, cryptosuite `eddsa-rdfc-2022`,
 * `proofPurpose` `assertionMethod`, `verificationMethod` `<issuer id>#<Ed25519 Multikey>` (OB 3.0
 * section 4.3), canonicalised with the bundled contexts only. A `di` signer needs an Ed25519
 * key: anything else is ERR_KEY_UNSUPPORTED before the first row.
 *
 * @example const sign = createCredentialSigner(issuer.signingKey, 'di', issuer.config.issuer.id);
 */
export function createCredentialSigner(
  key: SigningKey,
  proof: ProofKind,
  issuerId: string,
): CredentialSigner {
  if (proof === 'jwt') {
    return async (credential) => ({
      payload: await signCredentialJwt(credential, key),
      extension: '.credential.jwt',
    });
  }
  if (key.privateKey.asymmetricKeyType !== 'ed25519') {
    throw new BadgesmithError(
      'ERR_KEY_UNSUPPORTED',
      `proof 'di' (eddsa-rdfc-2022) signs with an ed25519 key, and this issuer's key is ${key.alg}`,
      {
        hint: 'make an Ed25519 key (`badgesmith keys generate`, or `init --alg EdDSA`), or use --proof jwt',
      },
    );
  }
  const resolver = createContextResolver();
  const verificationMethod = dataIntegrityMethodFor(issuerId, key.publicJwk);
  return async (credential, created) => {
    const signed = await signDataIntegrity(credential, {
      privateKey: key.privateKey,
      verificationMethod,
      created,
      resolver,
    });
    return { payload: JSON.stringify(signed), extension: '.credential.json' };
  };
}
