/**
 * A strict reader and a writer of PNG chunks (PNG spec, 3rd edition, section 5). Every length
 * and every CRC is checked, and each chunk keeps its original bytes so that baking copies the
 * image through unchanged.
 */
import { BadgesmithError } from '../errors.js';
import { crc32 } from './crc32.js';

/** The 8-byte PNG signature (PNG spec section 5.2). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** The largest PNG we read (the same cap as the file reader). */
export const MAX_PNG_BYTES = 64 * 1024 * 1024;

/** PNG spec section 5.3: a chunk length must not exceed 2^31 - 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk of a PNG file. */
export interface PngChunk {
  /** The four-letter type, e.g. `IHDR`, `iTXt`. */
  type: string;
  /** Byte offset of the chunk's length field in the file. */
  offset: number;
  /** The chunk data (without length, type and CRC). */
  data: Uint8Array;
  /** The whole chunk as it is in the file: length, type, data and CRC. */
  raw: Uint8Array;
}

/** Whether the bytes start with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function malformed(message: string): BadgesmithError {
  return new BadgesmithError('ERR_PNG_MALFORMED', message, {
    hint: 'the file is damaged or cut short; export the image again from its source',
  });
}

function chunkTypeName(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function isChunkType(bytes: Uint8Array): boolean {
  // PNG spec section 5.3: type bytes are ASCII letters only.
  return bytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

/**
 * Reads every chunk of a PNG, from the signature to `IEND`. Throws ERR_PNG_MALFORMED (with the
 * byte offset and chunk) for a bad signature, a truncated chunk or a missing `IEND`, ERR_PNG_CRC
 * for a chunk whose CRC does not match, and ERR_IMAGE_TOO_LARGE past {@link MAX_PNG_BYTES}.
 *
 * @example
 * ```ts
 * readPngChunks(bytes).map((c) => c.type); // ['IHDR', 'IDAT', 'IEND']
 * ```
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (bytes.length > MAX_PNG_BYTES) {
    throw new BadgesmithError(
      'ERR_IMAGE_TOO_LARGE',
      `the png is ${bytes.length} bytes, more than the ${MAX_PNG_BYTES} this reads`,
      { hint: 'a badge image is rarely over a few megabytes; check that this is the right file' },
    );
  }
  if (!hasPngSignature(bytes)) throw malformed('the file does not start with the png signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < bytes.length) {
    if (bytes.length - offset < 12) {
      throw malformed(
        `truncated chunk header at byte offset ${offset}: ${bytes.length - offset} bytes left, a chunk needs at least 12`,
      );
    }
    const length = view.getUint32(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = chunkTypeName(typeBytes);
    if (!isChunkType(typeBytes)) {
      throw malformed(`bad chunk type at byte offset ${offset + 4}: ${JSON.stringify(type)}`);
    }
    if (length > MAX_CHUNK_LENGTH) {
      throw malformed(`chunk '${type}' at byte offset ${offset} declares length ${length}`);
    }
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw malformed(
        `truncated chunk '${type}' at byte offset ${offset}: it needs ${12 + length} bytes, the file ends after ${bytes.length - offset}`,
      );
    }
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(typeBytes, data);
    if (stored !== computed) {
      throw new BadgesmithError(
        'ERR_PNG_CRC',
        `chunk '${type}' at byte offset ${offset} has crc ${hex(stored)}, its content gives ${hex(computed)}`,
        { hint: 'the file was damaged or edited by hand; export the image again from its source' },
      );
    }
    chunks.push({ type, offset, data, raw: bytes.subarray(offset, end) });
    offset = end;
    if (type === 'IEND') break;
  }
  assertStructure(chunks);
  return chunks;
}

function assertStructure(chunks: PngChunk[]): void {
  const first = chunks[0];
  if (first === undefined) throw malformed('the png has no chunks after its signature');
  if (first.type !== 'IHDR') {
    throw malformed(
      `the first chunk is '${first.type}' at byte offset ${first.offset}, not 'IHDR'`,
    );
  }
  if (chunks[chunks.length - 1]?.type !== 'IEND') {
    throw malformed('the png ends without an IEND chunk (the file is cut short)');
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Builds one chunk: length, type, data and the CRC over type and data. */
export function buildPngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  const typeBytes = Uint8Array.from(type, (ch) => ch.charCodeAt(0));
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(typeBytes, data));
  return out;
}

/** Joins byte runs into one array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
