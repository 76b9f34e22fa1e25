import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { keyKindOf } from '../../keys/jwk.js';
import { canonicalize, type CanonicalizeResult } from './canonicalize.js';
import {
  hashDataOf,
  isRecord,
  proofConfigOf,
  unsecuredDocument,
  type JsonRecord,
} from './proof-config.js';
import { checkProofShape, type CheckableProof } from './proof-shape.js';
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

function ed25519Key(publicJwk: Parameters<typeof keyKindOf>[0]): KeyObject | undefined {
  if (keyKindOf(publicJwk) !== 'Ed25519') return undefined;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x }, format: 'jwk' });
  } catch {
    return undefined;
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
  const base = { index, type, cryptosuite, verificationMethod };
  const warnings: ProofWarning[] = [...shape.warnings];
  const done = (status: SingleProofResult['status'], reason?: ProofReason): SingleProofResult => ({
    ...base,
    status,
    ...(reason ? { reason } : {}),
    warnings,
  });
  if (legacy) {
    warnings.push({ code: 'vcdm-1.1', message: 'the credential uses the vcdm 1.1 data model' });
  }

  const config = proofConfigOf(shape.proof, unsecured);
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
  const key = ed25519Key(resolved.publicJwk);
  if (key === undefined) {
    return done('failed', {
      code: 'unsupported-key-type',
      message: `verification method '${verificationMethod}' is not an ed25519 key`,
      subject: verificationMethod,
    });
  }
  if (!verify(null, parts.hashData, key, shape.signature)) {
    return done('failed', {
      code: 'bad-signature',
      message: `the signature does not verify with '${verificationMethod}'`,
      subject: verificationMethod,
    });
  }
  return done('ok');
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
 * Verifies the embedded Data Integrity proofs of a credential (DI section 4.3; DI-EDDSA section
 * 3.3, eddsa-rdfc-2022; `eddsa-2022` read as its older name, with a warning). Never throws for
 * a bad credential: the result says `ok`, `failed` or `indeterminate`, with the reason.
 *
 * Several proofs (a proof set) are each checked against the credential without proofs. The
 * credential is `failed` when any proof fails, `ok` when at least one verifies and none fails
 * (each proof that could not be checked adds a warning), else `indeterminate`.
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

  const proofs: SingleProofResult[] = [];
  for (const [index, entry] of entries.entries()) {
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
