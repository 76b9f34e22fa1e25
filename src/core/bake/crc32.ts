/**
 * CRC-32 as the PNG specification defines it (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320,
 * PNG spec section 5.5). Our own, because the image libraries we have drop text chunks.
 */

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of the given byte runs, taken as one sequence (a PNG chunk's CRC covers its type
 * and its data).
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('IEND')); // 0xae426082
 * ```
 */
export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      c = (TABLE[(c ^ (part[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}
