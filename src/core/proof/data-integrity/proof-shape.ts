import { base58btcDecode, MAX_BASE58_CHARS } from '../../keys/base58.js';
import { isRecord, type JsonRecord } from './proof-config.js';
import { isLegacyProofType, suiteFor, type ProofSuite } from './suites/index.js';
import type { ProofReason, ProofStatus, ProofWarning } from './types.js';

/** A proof whose shape is right for its suite, ready for hashing and the signature check. */
export interface CheckableProof {
  ok: true;
  proof: JsonRecord;
  suite: ProofSuite;
  type: string;
  /** Absent for legacy proof types such as Ed25519Signature2020. */
  cryptosuite?: string;
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

function suiteOf(
  entry: JsonRecord,
  type: string,
  which: string,
): { suite: ProofSuite; cryptosuite?: string } | RejectedProof {
  if (type !== 'DataIntegrityProof') {
    const legacy = isLegacyProofType(type) ? suiteFor(type, undefined) : undefined;
    if (legacy !== undefined) return { suite: legacy };
    const message = `proof type '${type}' is not supported here`;
    return reject('indeterminate', 'unsupported-proof-type', message, { type, subject: type });
  }
  const cryptosuite = stringOf(entry.cryptosuite);
  if (cryptosuite === undefined) {
    return reject('failed', 'malformed-proof', `${which} has no cryptosuite`, { type });
  }
  const suite = suiteFor(type, cryptosuite);
  if (suite === undefined) {
    const message = `cryptosuite '${cryptosuite}' is not supported here`;
    return reject('indeterminate', 'unsupported-cryptosuite', message, {
      type,
      cryptosuite,
      subject: cryptosuite,
    });
  }
  return { suite, cryptosuite };
}

/**
 * Checks one `proof` entry before hashing (DI section 4.3; DI-EDDSA section 3.3.2 and the
 * matching steps of the other suites): type and cryptosuite known, purpose `assertionMethod`,
 * `created` a dateTime, `proofValue` multibase base58btc of the suite's signature length.
 * Unknown types and suites are `indeterminate`, never passed.
 */
export function checkProofShape(entry: unknown, index: number): CheckableProof | RejectedProof {
  const which = `proof ${index}`;
  if (!isRecord(entry)) {
    return reject('failed', 'malformed-proof', `${which} is not a json object`);
  }
  const verificationMethod = stringOf(entry.verificationMethod);
  // A proof turned away for its type or suite still names its key in the report's notes.
  const method = verificationMethod === undefined ? {} : { verificationMethod };
  const type = stringOf(entry.type);
  if (type === undefined) {
    return reject('failed', 'malformed-proof', `${which} has no type`, method);
  }
  const found = suiteOf(entry, type, which);
  if ('ok' in found) return { ...found, ...method };
  const { suite, cryptosuite } = found;
  const named = { type, ...(cryptosuite === undefined ? {} : { cryptosuite }) };
  if (verificationMethod === undefined) {
    return reject('failed', 'malformed-proof', `${which} has no verificationMethod`, named);
  }
  const withVm = { ...named, verificationMethod };
  if (entry.previousProof !== undefined) {
    // A chained proof signs the earlier proofs too (DI section 4.4); not implemented. One that
    // names a proof the set lacks has failed before this (proof-chain.ts).
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
  if (proofValue !== undefined && proofValue.length > MAX_BASE58_CHARS + 1) {
    const message = `${which}: proofValue is ${proofValue.length} characters, longer than any signature`;
    return reject('failed', 'malformed-proof-value', message, withVm);
  }
  const bytes = proofValue?.startsWith('z') ? base58btcDecode(proofValue.slice(1)) : undefined;
  if (bytes === undefined) {
    const message = `${which}: proofValue is not multibase base58btc ('z…')`;
    return reject('failed', 'malformed-proof-value', message, withVm);
  }
  if (bytes.length !== suite.signatureBytes) {
    const message = `${which}: proofValue holds ${bytes.length} bytes, not ${suite.signatureBytes}`;
    return reject('failed', 'malformed-proof-value', message, withVm);
  }
  const warnings: ProofWarning[] = [];
  if (suite.legacyNameOf !== undefined) {
    warnings.push({
      code: 'legacy-cryptosuite',
      message: `cryptosuite '${String(cryptosuite)}' is the older name of '${suite.legacyNameOf}'; read as such`,
      subject: String(cryptosuite),
    });
  }
  return { ok: true, proof: entry, suite, ...withVm, signature: Buffer.from(bytes), warnings };
}
