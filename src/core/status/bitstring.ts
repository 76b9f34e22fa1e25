import { gunzipSync } from 'node:zlib';

/**
 * The most bytes a status list may inflate to: 4 MiB, 33 million entries, far above the 16 KB
 * minimum of Bitstring Status List section 2.1, and a bound on a compression bomb.
 */
export const MAX_STATUS_LIST_BYTES = 4 * 1024 * 1024;

/** A decoded status list, or why it has none. */
export type DecodedList = { ok: true; bits: Uint8Array } | { ok: false; message: string };

/**
 * Decodes an `encodedList` (Bitstring Status List section 3.1): multibase base64url without
 * padding (prefix `u`) of the GZIP-compressed bitstring. StatusList2021 wrote the same bytes
 * without the multibase prefix; `prefixOptional` reads that form too.
 *
 * @example decodeEncodedList('uH4sIAAAAAAAA_-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA')
 */
export function decodeEncodedList(
  encodedList: unknown,
  options: { prefixOptional?: boolean; maxBytes?: number } = {},
): DecodedList {
  if (typeof encodedList !== 'string' || encodedList.length === 0) {
    return { ok: false, message: 'the list has no encodedList string' };
  }
  let body = encodedList;
  if (body.startsWith('u')) body = body.slice(1);
  else if (options.prefixOptional !== true) {
    return {
      ok: false,
      message: `encodedList is not multibase base64url (it must start with 'u')`,
    };
  }
  if (!/^[A-Za-z0-9_-]+$/u.test(body)) {
    return { ok: false, message: 'encodedList is not base64url' };
  }
  const compressed = Buffer.from(body, 'base64url');
  try {
    const bits = gunzipSync(compressed, {
      maxOutputLength: options.maxBytes ?? MAX_STATUS_LIST_BYTES,
    });
    return { ok: true, bits: new Uint8Array(bits) };
  } catch (error) {
    const tooBig = error instanceof RangeError || /buffer|length/iu.test(String(error));
    return {
      ok: false,
      message: tooBig
        ? `encodedList inflates past ${options.maxBytes ?? MAX_STATUS_LIST_BYTES} bytes`
        : 'encodedList is not gzip data',
    };
  }
}

/**
 * The status value at `index` for entries of `size` bits: index 0 is the most significant bit
 * of byte 0 (Bitstring Status List section 3.2, "left-most bit"). `undefined` when the list is
 * too short for the index.
 *
 * @example statusAt(Uint8Array.of(0b0010_0000), 2) // 1
 */
export function statusAt(bits: Uint8Array, index: number, size = 1): number | undefined {
  const first = index * size;
  if (!Number.isSafeInteger(first) || first < 0 || first + size > bits.length * 8) {
    return undefined;
  }
  let value = 0;
  for (let position = first; position < first + size; position += 1) {
    const byte = bits[position >> 3]!;
    value = value * 2 + ((byte >> (7 - (position & 7))) & 1);
  }
  return value;
}
