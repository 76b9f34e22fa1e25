import { sign, type KeyObject } from 'node:crypto';
import { BadgesmithError } from '../../errors.js';
import { base58btcEncode } from '../../keys/base58.js';
import {
  EDDSA_RDFC_2022,
  hashDataOf,
  isRecord,
  proofConfigOf,
  unsecuredDocument,
  type HashDataFailure,
  type JsonRecord,
} from './proof-config.js';
import type { ContextResolver } from './types.js';

/** Options of {@link signDataIntegrity}. */
export interface SignDataIntegrityOptions {
  /** An Ed25519 private key, parsed once per run. */
  privateKey: KeyObject;
  /** The `verificationMethod`, e.g. `<issuer id>#z6Mk…` or `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  /** The proof's `created` time (seconds precision; the clock is the caller's). */
  created: Date;
  /** Where the credential's contexts come from; nothing is fetched. */
  resolver: ContextResolver;
}

/** The DataIntegrityProof badgesmith adds (OB 3.0 section 4.3, proof object). */
export interface EddsaRdfc2022Proof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

/** XML Schema dateTime in UTC without fractions, as every OB 3.0 example writes `created`. */
function xsdDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      'the proof creation time is not a valid date',
      {
        hint: 'pass a valid date as the creation time of the proof',
      },
    );
  }
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

function canonicalizationError(failure: HashDataFailure): BadgesmithError {
  const where = failure.part === 'document' ? 'the credential' : 'the proof options';
  if (failure.error === 'unknown-context') {
    return new BadgesmithError('ERR_JSONLD_UNKNOWN_CONTEXT', `${where}: ${failure.message}`, {
      hint: 'add the context file to a --contexts folder, listed in its map.json',
    });
  }
  if (failure.error === 'undefined-term') {
    return new BadgesmithError('ERR_JSONLD_UNDEFINED_TERM', `${where}: ${failure.message}`, {
      hint: `define '${failure.term}' in a context, or remove it; unsigned data is never issued`,
    });
  }
  return new BadgesmithError('ERR_JSONLD_INVALID', `${where} is ${failure.message}`, {
    hint: 'check the credential against the open badges 3.0 data model',
  });
}

/**
 * Signs a credential with a Data Integrity `eddsa-rdfc-2022` proof (DI-EDDSA section 3.3): the
 * proof config gets the credential's `@context`, `hashData` = SHA-256(canonical proof config) ‖
 * SHA-256(canonical credential), and `proofValue` = `z` + base58btc(Ed25519 signature). JSON-LD
 * safe mode is on, so a term no context defines is an error, never silently unsigned.
 *
 * `proof` is written as an array (the canonical OB 3.0 schema requires one). A proof already
 * there is kept and the new one appended: both sign the credential without proofs (a proof set).
 *
 * @example
 * const signed = await signDataIntegrity(credential, {
 *   privateKey, verificationMethod: `${issuer.id}#${multikey}`, created: ctx.now(), resolver,
 * });
 */
export async function signDataIntegrity<T extends object>(
  credential: T,
  options: SignDataIntegrityOptions,
): Promise<T & { proof: unknown[] }> {
  const { privateKey } = options;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new BadgesmithError('ERR_KEY_UNSUPPORTED', 'eddsa-rdfc-2022 signs with an ed25519 key', {
      hint: 'use an Ed25519 key for this proof, or sign a vc-jwt instead',
    });
  }
  const record = credential as JsonRecord;
  const unsecured = unsecuredDocument(record);
  const proofOptions = {
    type: 'DataIntegrityProof',
    cryptosuite: EDDSA_RDFC_2022,
    created: xsdDateTime(options.created),
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
  } as const;

  const parts = await hashDataOf(
    unsecured,
    proofConfigOf(proofOptions, unsecured),
    options.resolver,
  );
  if (!parts.ok) throw canonicalizationError(parts);

  const signature = sign(null, parts.hashData, privateKey);
  const proof: EddsaRdfc2022Proof = {
    ...proofOptions,
    proofValue: `z${base58btcEncode(signature)}`,
  };
  const existing = record.proof;
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  if (before.some((entry) => !isRecord(entry))) {
    throw new BadgesmithError('ERR_CREDENTIAL_INVALID', 'the credential has a malformed proof', {
      hint: 'remove the existing proof before signing again',
    });
  }
  return { ...credential, proof: [...(before as unknown[]), proof] };
}
