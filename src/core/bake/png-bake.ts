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

/** A PNG read and checked once, ready to take any number of credentials (one per bake). */
export interface PreparedPng {
  /** Whether the artwork held a credential chunk that every bake leaves out. */
  replaced: boolean;
  /** The artwork with `payload` spliced in, as {@link bakePng} gives it. */
  bake: (payload: string) => { bytes: Uint8Array; replaced: boolean };
}

/**
 * Parses and CRC-checks a PNG once, and splits it around the place the credential chunk goes
 * (right after IHDR), so that a batch baking one artwork for every row only builds the new chunk
 * and copies the rest. Throws what {@link readPngChunks} throws.
 *
 * @example
 * ```ts
 * const art = preparePng(png);
 * const a = art.bake(jwtA).bytes; // same bytes as bakePng(png, jwtA).bytes
 * ```
 */
export function preparePng(png: Uint8Array): PreparedPng {
  const chunks = readPngChunks(png);
  const kept = chunks.filter((chunk) => !REPLACED_KEYWORDS.has(textChunkKeyword(chunk) ?? ''));
  const [ihdr, ...rest] = kept;
  const head = concatBytes([PNG_SIGNATURE, ...(ihdr === undefined ? [] : [ihdr.raw])]);
  const tail = concatBytes(rest.map((chunk) => chunk.raw));
  return pngFromParts(head, tail, kept.length !== chunks.length);
}

/**
 * A PNG already split where the credential goes: `head` is the signature and IHDR, `tail` every
 * chunk after, with no credential chunk. For PNGs badgesmith has just encoded itself (personal
 * images), which need no parsing or CRC check; anything read from outside goes through
 * {@link preparePng}.
 */
export function preparePngParts(head: Uint8Array, tail: Uint8Array): PreparedPng {
  return pngFromParts(head, tail, false);
}

function pngFromParts(head: Uint8Array, tail: Uint8Array, replaced: boolean): PreparedPng {
  const bake = (payload: string): { bytes: Uint8Array; replaced: boolean } => {
    const credential = buildPngChunk('iTXt', buildItxtData(OB3_PNG_KEYWORD, payload));
    const bytes = new Uint8Array(head.length + credential.length + tail.length);
    bytes.set(head, 0);
    bytes.set(credential, head.length);
    bytes.set(tail, head.length + credential.length);
    return { bytes, replaced };
  };
  return { replaced, bake };
}

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
  return preparePng(png).bake(payload);
}
