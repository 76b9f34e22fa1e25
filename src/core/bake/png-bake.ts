/**
 * Baking into PNG (notes 1.1): one uncompressed iTXt chunk, keyword `openbadgecredential`, right
 * after IHDR. Every other chunk is copied byte for byte; the image data is never re-encoded.
 */
import { OB2_PNG_KEYWORD, OB3_PNG_KEYWORD } from './constants.js';
import { buildPngChunk, concatBytes, PNG_SIGNATURE, readPngChunks } from './png-chunks.js';
import { buildItxtData, textChunkKeyword } from './png-text.js';

/**
 * Keywords whose chunks a bake removes. The OB 3.0 one because the spec allows only one
 * (notes 1.1); the OB 2.0 one too, because a file holding an old OB 2.0 badge and a new OB 3.0
 * one is ambiguous: two verifiers could read two different credentials from it.
 */
const REPLACED_KEYWORDS = new Set([OB3_PNG_KEYWORD, OB2_PNG_KEYWORD]);

/**
 * Bakes a credential text (compact JWS or credential JSON, stored as given) into a PNG. Any
 * `iTXt`/`tEXt`/`zTXt` chunk keyed `openbadgecredential` or `openbadges` is removed first
 * (`replaced: true`), so the result holds exactly one credential chunk.
 *
 * @example
 * ```ts
 * const { bytes, replaced } = bakePng(png, jwt);
 * ```
 */
export function bakePng(
  png: Uint8Array,
  payload: string,
): { bytes: Uint8Array; replaced: boolean } {
  const chunks = readPngChunks(png);
  const kept = chunks.filter((chunk) => !REPLACED_KEYWORDS.has(textChunkKeyword(chunk) ?? ''));
  const credential = buildPngChunk('iTXt', buildItxtData(OB3_PNG_KEYWORD, payload));
  const [ihdr, ...rest] = kept;
  const parts = [PNG_SIGNATURE, ...(ihdr === undefined ? [] : [ihdr.raw]), credential];
  parts.push(...rest.map((chunk) => chunk.raw));
  return { bytes: concatBytes(parts), replaced: kept.length !== chunks.length };
}
