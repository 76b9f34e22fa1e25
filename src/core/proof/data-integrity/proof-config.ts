import { createHash } from 'node:crypto';
import { canonicalize, type CanonicalizeOptions, type CanonicalizeResult } from './canonicalize.js';
import { canonicalizeProofConfig } from './proof-config-template.js';
import { cachesOf } from './resolver-cache.js';
import type { ContextResolver } from './types.js';

/** The cryptosuite badgesmith signs with (DI-EDDSA section 3.3). */
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';

/** The older name of the same algorithm, read with a warning (OB 3.0 notes section 4.3). */
export const EDDSA_2022 = 'eddsa-2022';

/** A JSON object as parsed from a credential. */
export type JsonRecord = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The credential without its `proof` (DI section 4.2 / 4.3, "unsecured document"). */
export function unsecuredDocument(credential: JsonRecord): JsonRecord {
  const copy: JsonRecord = { ...credential };
  delete copy.proof;
  return copy;
}

/**
 * The proof configuration: every proof option except `proofValue`, with the `@context` of the
 * document (DI-EDDSA section 3.3.5, "Proof Configuration (eddsa-rdfc-2022)").
 */
export function proofConfigOf(proof: JsonRecord, unsecured: JsonRecord): JsonRecord {
  const config: JsonRecord = { ...proof };
  delete config.proofValue;
  delete config['@context'];
  return { ...config, '@context': unsecured['@context'] };
}

/** SHA-256 of a UTF-8 string. */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The canonical proof configuration, kept with the resolver: one run signs (and a verifier
 * meets) the same configuration again and again, the same `created`, method and `@context`.
 * The key is the configuration's JSON, which is the whole input besides the resolver's answers.
 * A configuration new only in its `created` is not expanded again (`canonicalizeProofConfig`).
 */
async function canonicalProofConfig(
  proofConfig: JsonRecord,
  resolver: ContextResolver,
  options: CanonicalizeOptions,
): Promise<CanonicalizeResult> {
  const { canonical } = cachesOf(resolver);
  const key = `${options.safe === false ? 'lenient' : 'safe'} ${JSON.stringify(proofConfig)}`;
  const known = canonical.get(key);
  if (known !== undefined) return known;
  const result =
    options.safe === false
      ? await canonicalize(proofConfig, resolver, options)
      : await canonicalizeProofConfig(proofConfig, resolver);
  if (result.ok) canonical.set(key, result);
  return result;
}

/** What hashing produced: the canonical forms, and `hashData` = proof hash ‖ document hash. */
export interface HashDataParts {
  ok: true;
  canonicalDocument: string;
  canonicalProofConfig: string;
  hashData: Buffer;
  droppedTerms: string[];
}

/** A canonicalization failure, and whether the document or the proof configuration caused it. */
export type HashDataFailure = Exclude<CanonicalizeResult, { ok: true }> & {
  part: 'document' | 'proof';
};

/**
 * `hashData` of DI-EDDSA section 3.3.4: SHA-256(canonical proof config) ‖ SHA-256(canonical
 * document), 64 bytes, proof hash first. `canonicalDocument` may be given to reuse the
 * document's canonical form across the proofs of one credential.
 */
export async function hashDataOf(
  unsecured: JsonRecord,
  proofConfig: JsonRecord,
  resolver: ContextResolver,
  options: CanonicalizeOptions & { canonicalDocument?: CanonicalizeResult } = {},
): Promise<HashDataParts | HashDataFailure> {
  const document = options.canonicalDocument ?? (await canonicalize(unsecured, resolver, options));
  if (!document.ok) return { ...document, part: 'document' };
  const config = await canonicalProofConfig(proofConfig, resolver, options);
  if (!config.ok) return { ...config, part: 'proof' };
  return {
    ok: true,
    canonicalDocument: document.nquads,
    canonicalProofConfig: config.nquads,
    hashData: Buffer.concat([sha256(config.nquads), sha256(document.nquads)]),
    droppedTerms: [...new Set([...document.droppedTerms, ...config.droppedTerms])],
  };
}
