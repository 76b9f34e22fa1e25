import { constants, crc32, deflateRawSync } from 'node:zlib';
import { PNG_SIGNATURE } from '../core/bake/png-chunks.js';

/**
 * A PNG encoder for images that differ from one base image only inside one band of rows. The
 * rows above and below the band are filtered and deflated once; each image then costs one band's
 * worth of filtering, deflating and checksums. The zlib stream (RFC 1950) is spliced from raw
 * deflate segments that each end on a full flush (RFC 1951 section 3.2.4: byte aligned, no
 * reference across the cut), spread over several IDAT chunks (PNG spec section 11.2.4), with the
 * Adler-32 of the whole combined from the segments'.
 */
export interface BandEncoder {
  /** The base with `layer` (RGBA, the band's size) laid over its band; undefined: see below. */
  encode: (layer: Uint8Array) => EncodedPng | undefined;
}

/** A PNG in two parts: signature and IHDR, then the rest; a credential chunk goes between. */
export interface EncodedPng {
  head: Uint8Array;
  tail: Uint8Array;
  /**
   * The layer inks the first or last column of the image, or its first or last row (a band at
   * the image's top or bottom): what it draws is cut off there.
   */
  edge: boolean;
}

/** Rows of the band deflated together; a group the name leaves alone is not deflated again. */
const GROUP_ROWS = 8;
const FLUSH = { finishFlush: constants.Z_FULL_FLUSH };
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const ALPHA_MASK = LITTLE_ENDIAN ? 0xff000000 | 0 : 0xff;

// The layer as 32-bit pixels, to skip transparent ones a word at a time (undefined: not
// aligned; the caller then copies it). Int32, not Uint32: every value then fits a small integer.
function alignedWords(layer: Uint8Array): Int32Array | undefined {
  if (layer.byteOffset % 4 !== 0 || layer.length % 4 !== 0) return undefined;
  return new Int32Array(layer.buffer, layer.byteOffset, layer.length / 4);
}

const ADLER_MOD = 65521;
const IDAT = Buffer.from('IDAT', 'latin1');
const IDAT_CRC = crc32(IDAT);
// CMF 0x78 (deflate, 32 KB window) and FLG 0x5e (default-ish level, no dictionary): 0x785e % 31 = 0.
const ZLIB_HEADER = Uint8Array.of(0x78, 0x5e);

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return (b * 65536 + a) >>> 0;
}

/** The Adler-32 of X followed by Y, from adler(X), adler(Y) and Y's length. */
function adlerCombine(x: number, y: number, yLength: number): number {
  const x1 = x & 0xffff;
  const x2 = x >>> 16;
  const y1 = y & 0xffff;
  const y2 = y >>> 16;
  const n = yLength % ADLER_MOD;
  const s1 = (x1 + y1 + ADLER_MOD - 1) % ADLER_MOD;
  const s2 = (x2 + y2 + ((n * ((x1 + ADLER_MOD - 1) % ADLER_MOD)) % ADLER_MOD)) % ADLER_MOD;
  return (s2 * 65536 + s1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(
    crc32(out.subarray(8, 8 + data.length), crc32(out.subarray(4, 8))),
    8 + data.length,
  );
  return out;
}

function idat(data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.set(IDAT, 4);
  out.set(data, 8);
  out.writeUInt32BE(crc32(data, IDAT_CRC), 8 + data.length);
  return out;
}

/**
 * Filters RGBA rows with the Up filter (PNG spec section 9.2, type 2), the first row with None
 * (type 0): each segment then decodes the same whatever the rows before it hold, so the band
 * can change freely.
 */
function filtered(rows: Uint8Array, stride: number): Uint8Array {
  const count = rows.length / stride;
  const out = new Uint8Array(count * (stride + 1));
  for (let y = 0; y < count; y++) {
    const at = y * (stride + 1);
    const row = y * stride;
    out[at] = y === 0 ? 0 : 2;
    if (y === 0) {
      out.set(rows.subarray(0, stride), at + 1);
      continue;
    }
    for (let x = 0; x < stride; x++)
      out[at + 1 + x] = (rows[row + x]! - rows[row - stride + x]!) & 0xff;
  }
  return out;
}

/** The rows of the band, straight RGBA, and the band rows a name must leave blank. */
export interface BandSpec {
  width: number;
  height: number;
  top: number;
  rows: number;
  /** Rows at the band's top and bottom that must stay free of ink (0: no check that side). */
  margin: { top: number; bottom: number };
}

/**
 * Prepares an encoder for `base` (8-bit straight RGBA, `width` by `height`) whose band of rows
 * changes. `encode` lays a layer (the band's RGBA, mostly transparent) over the base band
 * (Porter-Duff source-over, Compositing 1 section 9.1.4) and gives the PNG, or undefined when
 * the layer inks a margin row: what it draws may go on past the band. Band rows are stored
 * unfiltered (type 0), so a pixel the layer leaves alone costs nothing to check-sum: the band's
 * Adler-32 is the base band's, corrected by each changed byte times its distance to the end.
 * `level` is the zlib level of the band.
 */
export function createBandEncoder(base: Uint8Array, spec: BandSpec, level: number): BandEncoder {
  const { width, height, top, rows, margin } = spec;
  const stride = width * 4;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const above = filtered(base.subarray(0, top * stride), stride);
  const bandEnd = (top + rows) * stride;
  const below = filtered(base.subarray(bandEnd), stride);
  const head = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr)]);
  const first = idat(Buffer.concat([ZLIB_HEADER, deflateRawSync(above, { level: 6, ...FLUSH })]));
  const last = idat(deflateRawSync(below, { level: 6 }));
  const iend = chunk('IEND', new Uint8Array(0));
  const adlerAbove = adler32(above);
  const adlerBelow = adler32(below);
  const line = stride + 1;
  const n = rows * line;
  const plain = new Uint8Array(n);
  for (let y = 0; y < rows; y++) {
    plain.set(base.subarray((top + y) * stride, (top + y + 1) * stride), y * line + 1);
  }
  const plainAdler = adler32(plain);
  // The base band deflated in groups of rows: a group the layer leaves alone is copied as is.
  const groups: Uint8Array[] = [];
  for (let y = 0; y < rows; y += GROUP_ROWS) {
    const group = plain.subarray(y * line, Math.min(rows, y + GROUP_ROWS) * line);
    groups.push(deflateRawSync(group, { level, ...FLUSH }));
  }
  const out = new Uint8Array(n);
  const lastFree = rows - margin.bottom;
  // The band's rows that are the image's own first and last row (-1: the band is clear of it).
  const imageTop = top === 0 ? 0 : -1;
  const imageBottom = top + rows === height ? rows - 1 : -1;

  const encode = (layer: Uint8Array): EncodedPng | undefined => {
    out.set(plain);
    let d1 = 0;
    let d2 = 0;
    let inkTop = -1;
    let inkEnd = -1;
    let edge = false;
    const words = alignedWords(layer) ?? alignedWords(new Uint8Array(layer))!;
    for (let y = 0; y < rows; y++) {
      const first = y * width;
      let inked = false;
      for (let p = 0; p < width; p++) {
        if ((words[first + p]! & ALPHA_MASK) === 0) continue;
        inked = true;
        if (p === 0 || p === width - 1) edge = true;
        const from = (first + p) * 4;
        const at = y * line + 1 + p * 4;
        const a = layer[from + 3]!;
        const under = out[at + 3]!;
        if (under === 255) {
          // Over an opaque pixel the result stays opaque, and each channel is
          // round((src * a + old * (255 - a)) / 255), here in integers: the sum is never
          // a half away from a multiple of 255 (255 is odd), so this rounds as the general
          // formula below does.
          const rest = 255 - a;
          for (let c = 0; c < 3; c++) {
            const old = out[at + c]!;
            const sum = layer[from + c]! * a + old * rest + 128;
            const value = (sum + (sum >> 8)) >> 8;
            out[at + c] = value;
            d1 += value - old;
            d2 += (n - at - c) * (value - old);
          }
          continue;
        }
        const fa = a / 255;
        const fb = (under / 255) * (1 - fa);
        const alpha = fa + fb;
        for (let c = 0; c < 4; c++) {
          const old = out[at + c]!;
          const value =
            c === 3
              ? Math.round(alpha * 255)
              : Math.round((layer[from + c]! * fa + old * fb) / alpha);
          out[at + c] = value;
          d1 += value - old;
          d2 += (n - at - c) * (value - old);
        }
      }
      if (!inked) continue;
      if (y < margin.top || y >= lastFree) return undefined;
      if (y === imageTop || y === imageBottom) edge = true;
      if (inkTop === -1) inkTop = y;
      inkEnd = y + 1;
      d2 %= ADLER_MOD;
    }
    const s1 = ((((plainAdler & 0xffff) + d1) % ADLER_MOD) + ADLER_MOD) % ADLER_MOD;
    const s2 = ((((plainAdler >>> 16) + d2) % ADLER_MOD) + ADLER_MOD) % ADLER_MOD;
    const bandAdler = (s2 * 65536 + s1) >>> 0;
    const g0 = inkTop === -1 ? groups.length : Math.floor(inkTop / GROUP_ROWS);
    const g1 = inkTop === -1 ? groups.length : Math.ceil(inkEnd / GROUP_ROWS);
    const changed = out.subarray(g0 * GROUP_ROWS * line, Math.min(rows, g1 * GROUP_ROWS) * line);
    const middle = idat(
      Buffer.concat([
        ...groups.slice(0, g0),
        ...(g1 > g0 ? [deflateRawSync(changed, { level, ...FLUSH })] : []),
        ...groups.slice(g1),
      ]),
    );
    let adler = adlerCombine(adlerAbove, bandAdler, n);
    adler = adlerCombine(adler, adlerBelow, below.length);
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32BE(adler, 0);
    return { head, tail: Buffer.concat([first, middle, last, idat(trailer), iend]), edge };
  };
  return { encode };
}
