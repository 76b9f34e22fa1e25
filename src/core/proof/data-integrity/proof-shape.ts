import { base58btcDecode } from '../../keys/base58.js';
import { EDDSA_2022, EDDSA_RDFC_2022, isRecord, type JsonRecord } from './proof-config.js';
import type { ProofReason, ProofStatus, ProofWarning } from './types.js';

/** A proof whose shape is right for eddsa-rdfc-2022, ready for hashing and the signature check. */
export interface CheckableProof {
  ok: true;
  proof: JsonRecord;
  type: string;
  cryptosuite: string;
  verificationMethod: string;
  signature: Buffer;
  warnings: ProofWarning[];
}

/** A proof that is rejected, or not checked, before any hashing. */
export interface RejectedProof {
  ok: false;
  status: Exclude<ProofStatus, 'ok'>;
  reason: ProofReason;
  type?: string;
  cryptosuite?: string;
  verificationMethod?: string;
}

// XML Schema 1.1 dateTime (DI section 2.1, `created`), time zone optional.
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/u;

/** The Ed25519 signature length: `proofValue` must decode to exactly this (RFC 8032). */
const SIGNATURE_BYTES = 64;

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function reject(
  status: RejectedProof['status'],
  code: ProofReason['code'],
  message: string,
  extra: Partial<RejectedProof> & { subject?: string } = {},
): RejectedProof {
  const { subject, ...rest } = extra;
  return { ok: false, status, reason: { code, message, ...(subject ? { subject } : {}) }, ...rest };
}

/**
 * Checks one `proof` entry before hashing (DI section 4.3 and DI-EDDSA section 3.3.2): type and
 * cryptosuite supported, purpose `assertionMethod`, `created` a dateTime, `proofValue` multibase
 * base58btc of 64 bytes. Unsupported types and suites are `indeterminate`, never passed.
 */
export function checkProofShape(entry: unknown, index: number): CheckableProof | RejectedProof {
  const which = `proof ${index}`;
  if (!isRecord(entry)) {
    return reject('failed', 'malformed-proof', `${which} is not a json object`);
  }
  const type = stringOf(entry.type);
  if (type === undefined) return reject('failed', 'malformed-proof', `${which} has no type`);
  if (type !== 'DataIntegrityProof') {
    const message = `proof type '${type}' is not supported here`;
    return reject('indeterminate', 'unsupported-proof-type', message, { type, subject: type });
  }
  const cryptosuite = stringOf(entry.cryptosuite);
  if (cryptosuite === undefined) {
    return reject('failed', 'malformed-proof', `${which} has no cryptosuite`, { type });
  }
  const named = { type, cryptosuite };
  if (cryptosuite !== EDDSA_RDFC_2022 && cryptosuite !== EDDSA_2022) {
    const message = `cryptosuite '${cryptosuite}' is not supported here`;
    return reject('indeterminate', 'unsupported-cryptosuite', message, {
      ...named,
      subject: cryptosuite,
    });
  }
  const verificationMethod = stringOf(entry.verificationMethod);
  if (verificationMethod === undefined) {
    return reject('failed', 'malformed-proof', `${which} has no verificationMethod`, named);
  }
  const withVm = { ...named, verificationMethod };
  if (entry.previousProof !== undefined) {
    // A chained proof signs the earlier proofs too (DI section 4.4); not implemented.
    return reject('indeterminate', 'unsupported-proof-chain', `${which} is part of a proof chain`, {
      ...withVm,
      subject: 'previousProof',
    });
  }
  const purpose = stringOf(entry.proofPurpose);
  if (purpose !== 'assertionMethod') {
    const message = `proofPurpose is '${String(purpose)}', not 'assertionMethod'`;
    return reject('failed', 'wrong-proof-purpose', message, {
      ...withVm,
      subject: String(purpose),
    });
  }
  if (entry.created !== undefined) {
    const created = stringOf(entry.created);
    if (
      created === undefined ||
      !XSD_DATE_TIME.test(created) ||
      Number.isNaN(Date.parse(created))
    ) {
      const message = `created ${JSON.stringify(entry.created)} is not an xml schema datetime`;
      return reject('failed', 'invalid-created', message, withVm);
    }
  }
  const proofValue = stringOf(entry.proofValue);
  const bytes = proofValue?.startsWith('z') ? base58btcDecode(proofValue.slice(1)) : undefined;
  if (bytes === undefined) {
    const message = `${which}: proofValue is not multibase base58btc ('z…')`;
    return reject('failed', 'malformed-proof-value', message, withVm);
  }
  if (bytes.length !== SIGNATURE_BYTES) {
    const message = `${which}: proofValue holds ${bytes.length} bytes, not ${SIGNATURE_BYTES}`;
    return reject('failed', 'malformed-proof-value', message, withVm);
  }
  const warnings: ProofWarning[] = [];
  if (cryptosuite === EDDSA_2022) {
    warnings.push({
      code: 'legacy-cryptosuite',
      message: `cryptosuite 'eddsa-2022' is the older name of 'eddsa-rdfc-2022'; read as such`,
      subject: cryptosuite,
    });
  }
  return { ok: true, proof: entry, ...withVm, signature: Buffer.from(bytes), warnings };
}
