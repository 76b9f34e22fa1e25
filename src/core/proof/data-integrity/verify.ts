import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyKindOf } from '../../keys/jwk.js';
import { canonicalize, type CanonicalizeResult } from './canonicalize.js';
import { canonicalJson } from './jcs.js';
import {
  hashDataOf,
  isRecord,
  proofConfigOf,
  sha256,
  unsecuredDocument,
  type HashDataFailure,
  type HashDataParts,
  type JsonRecord,
} from './proof-config.js';
import { chainProblem, proofChainOf } from './proof-chain.js';
import { checkProofShape, type CheckableProof } from './proof-shape.js';
import type { ProofSuite } from './suites/index.js';
import type {
  ContextResolver,
  DataIntegrityResult,
  ProofReason,
  ProofWarning,
  SingleProofResult,
  VerificationMethodResolver,
} from './types.js';

/** Options of {@link verifyDataIntegrityProof}. */
export interface VerifyDataIntegrityOptions {
  /** Where the credential's contexts come from; an unknown URL makes the proof indeterminate. */
  resolver: ContextResolver;
  /** Finds the public key of a verificationMethod id (a trust store, a DID document, …). */
  resolveVerificationMethod: VerificationMethodResolver;
}

const VCDM_1_1 = 'https://www.w3.org/2018/credentials/v1';

function isVcdm11(credential: JsonRecord): boolean {
  const context = credential['@context'];
  return (Array.isArray(context) ? context[0] : context) === VCDM_1_1;
}

function suiteKey(
  suite: ProofSuite,
  publicJwk: Parameters<typeof keyKindOf>[0],
): KeyObject | undefined {
  if (keyKindOf(publicJwk) !== suite.keyKind) return undefined;
  const { kty, crv, x, y } = publicJwk;
  try {
    return createPublicKey({
      key: { kty, crv, x, ...(y === undefined ? {} : { y }) },
      format: 'jwk',
    });
  } catch {
    return undefined;
  }
}

// DI-EDDSA section 3.2 (eddsa-jcs-2022): the same hashData layout over RFC 8785 JSON.
function jcsHashData(unsecured: JsonRecord, config: JsonRecord): HashDataParts | HashDataFailure {
  try {
    const canonicalDocument = canonicalJson(unsecured);
    const canonicalProofConfig = canonicalJson(config);
    const hashData = Buffer.concat([sha256(canonicalProofConfig), sha256(canonicalDocument)]);
    return { ok: true, canonicalDocument, canonicalProofConfig, hashData, droppedTerms: [] };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: 'invalid-json-ld',
      message: `not canonical json (${why})`,
      part: 'document',
    };
  }
}

/** The document's canonical form, computed once per mode and shared by all of its proofs. */
type CanonicalCache = (safe: boolean) => Promise<CanonicalizeResult>;

async function checkSignature(
  shape: CheckableProof,
  index: number,
  unsecured: JsonRecord,
  legacy: boolean,
  canonical: CanonicalCache,
  options: VerifyDataIntegrityOptions,
): Promise<SingleProofResult> {
  const { type, cryptosuite, verificationMethod } = shape;
  const base = {
    index,
    type,
    ...(cryptosuite === undefined ? {} : { cryptosuite }),
    verificationMethod,
  };
  const warnings: ProofWarning[] = [...shape.warnings];
  const done: Done = (status, reason) => ({
    ...base,
    status,
    ...(reason ? { reason } : {}),
    warnings,
  });
  if (legacy) {
    warnings.push({ code: 'vcdm-1.1', message: 'the credential uses the vcdm 1.1 data model' });
  }

  const config = proofConfigOf(shape.proof, unsecured);
  if (shape.suite.canonicalization === 'jcs') {
    return finishSignature(shape, jcsHashData(unsecured, config), done, options);
  }
  let parts = await hashDataOf(unsecured, config, options.resolver, {
    canonicalDocument: await canonical(true),
  });
  // Legacy VCDM 1.1 credentials were often signed by processors that dropped undefined terms; OB
  // 3.0 notes section 4.3 ("Safe mode") reads them the same way, and says which terms went.
  if (!parts.ok && parts.error === 'undefined-term' && legacy) {
    parts = await hashDataOf(unsecured, config, options.resolver, {
      safe: false,
      canonicalDocument: await canonical(false),
    });
    if (parts.ok) {
      const terms = parts.droppedTerms.map((term) => `'${term}'`).join(', ');
      warnings.push({
        code: 'undefined-terms-dropped',
        message: `terms no context defines were left out of the signature check: ${terms}`,
        subject: parts.droppedTerms.join(' '),
      });
    }
  }
  return finishSignature(shape, parts, done, options);
}

type Done = (status: SingleProofResult['status'], reason?: ProofReason) => SingleProofResult;

async function finishSignature(
  shape: CheckableProof,
  parts: HashDataParts | HashDataFailure,
  done: Done,
  options: VerifyDataIntegrityOptions,
): Promise<SingleProofResult> {
  const { verificationMethod, suite } = shape;
  if (!parts.ok) {
    if (parts.error === 'unknown-context') {
      return done('indeterminate', {
        code: 'unknown-context',
        message: parts.message,
        subject: parts.url,
      });
    }
    if (parts.error === 'undefined-term') {
      return done('failed', {
        code: 'undefined-term',
        message: parts.message,
        subject: parts.term,
      });
    }
    return done('failed', {
      code: 'invalid-json-ld',
      message: `the ${parts.part} is ${parts.message}`,
    });
  }

  const resolved = await options.resolveVerificationMethod(verificationMethod);
  if (resolved === undefined) {
    return done('indeterminate', {
      code: 'unknown-verification-method',
      message: `no key is known for verification method '${verificationMethod}'`,
      subject: verificationMethod,
    });
  }
  const key = suiteKey(suite, resolved.publicJwk);
  if (key === undefined) {
    return done('failed', {
      code: 'unsupported-key-type',
      message: `verification method '${verificationMethod}' is not an ${suite.keyKind.toLowerCase()} key`,
      subject: verificationMethod,
    });
  }
  if (!suite.verifySignature(parts.hashData, shape.signature, key)) {
    return done('failed', {
      code: 'bad-signature',
      message: `the signature does not verify with '${verificationMethod}'`,
      subject: verificationMethod,
    });
  }
  return done('ok');
}

// What a proof rejected before its shape was read calls itself, for the report's notes.
function namesOf(
  entry: unknown,
): Pick<SingleProofResult, 'type' | 'cryptosuite' | 'verificationMethod'> {
  if (!isRecord(entry)) return {};
  const named: Pick<SingleProofResult, 'type' | 'cryptosuite' | 'verificationMethod'> = {};
  if (typeof entry.type === 'string') named.type = entry.type;
  if (typeof entry.cryptosuite === 'string') named.cryptosuite = entry.cryptosuite;
  if (typeof entry.verificationMethod === 'string') {
    named.verificationMethod = entry.verificationMethod;
  }
  return named;
}

function summarize(proofs: SingleProofResult[]): DataIntegrityResult {
  const failed = proofs.find((proof) => proof.status === 'failed');
  const verified = proofs.filter((proof) => proof.status === 'ok');
  const unchecked = proofs.filter((proof) => proof.status === 'indeterminate');
  const warnings = proofs.flatMap((proof) => proof.warnings);
  if (failed !== undefined) return { status: 'failed', reason: failed.reason, warnings, proofs };
  if (verified.length === 0) {
    return { status: 'indeterminate', reason: unchecked[0]?.reason, warnings, proofs };
  }
  for (const proof of unchecked) {
    warnings.push({
      code: 'proof-not-checked',
      message: `proof ${proof.index} was not checked: ${proof.reason?.message ?? 'unsupported'}`,
      subject: proof.reason?.subject,
    });
  }
  return { status: 'ok', warnings, proofs };
}

/**
 * Verifies the embedded Data Integrity proofs of a credential (DI section 4.3) with the suites
 * of `PROOF_SUITES`: eddsa-rdfc-2022 (DI-EDDSA section 3.3; `eddsa-2022` read as its older
 * name, with a warning), eddsa-jcs-2022 (DI-EDDSA section 3.2), ecdsa-rdfc-2019 with P-256
 * (DI-ECDSA section 3.2) and Ed25519Signature2020. Never throws for a bad credential: the
 * result says `ok`, `failed` or `indeterminate`, with the reason.
 *
 * Several proofs (a proof set) are each checked against the credential without proofs. The
 * credential is `failed` when any proof fails, `ok` when at least one verifies and none fails
 * (each proof that could not be checked adds a warning), else `indeterminate`. A proof whose
 * `previousProof` names no other proof of the set, or whose chain of previous proofs loops, fails
 * whatever its type; one of a whole chain is not checked (indeterminate, `unsupported-proof-chain`).
 *
 * @example
 * const result = await verifyDataIntegrityProof(credential, {
 *   resolver, resolveVerificationMethod: resolveEmbeddedKey,
 * });
 * if (result.status === 'failed') report(result.reason?.message);
 */
export async function verifyDataIntegrityProof(
  credential: unknown,
  options: VerifyDataIntegrityOptions,
): Promise<DataIntegrityResult> {
  const missing: ProofReason = { code: 'missing-proof', message: 'the credential has no proof' };
  if (!isRecord(credential) || credential.proof === undefined) {
    return { status: 'failed', reason: missing, warnings: [], proofs: [] };
  }
  const entries = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (entries.length === 0) return { status: 'failed', reason: missing, warnings: [], proofs: [] };

  const unsecured = unsecuredDocument(credential);
  const legacy = isVcdm11(credential);
  const cache = new Map<boolean, Promise<CanonicalizeResult>>();
  const canonical: CanonicalCache = (safe) => {
    let result = cache.get(safe);
    if (result === undefined) {
      result = canonicalize(unsecured, options.resolver, { safe });
      cache.set(safe, result);
    }
    return result;
  };

  const chain = proofChainOf(entries);
  const proofs: SingleProofResult[] = [];
  for (const [index, entry] of entries.entries()) {
    const broken = chainProblem(entry, index, chain);
    if (broken !== undefined) {
      proofs.push({ index, status: 'failed', reason: broken, ...namesOf(entry), warnings: [] });
      continue;
    }
    const shape = checkProofShape(entry, index);
    if (!shape.ok) {
      const { status, reason, type, cryptosuite, verificationMethod } = shape;
      proofs.push({ index, status, reason, type, cryptosuite, verificationMethod, warnings: [] });
      continue;
    }
    proofs.push(await checkSignature(shape, index, unsecured, legacy, canonical, options));
  }
  return summarize(proofs);
}
