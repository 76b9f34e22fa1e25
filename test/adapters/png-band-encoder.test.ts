import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBandEncoder } from '../../src/adapters/png-band-encoder.js';
import { readPngChunks } from '../../src/core/bake/png-chunks.js';

const width = 7;
const height = 40;
const stride = width * 4;

// A base with every byte different from its neighbours, so a wrong row or filter shows.
const base = Uint8Array.from({ length: stride * height }, (_, i) => (i * 37 + (i >> 5)) & 0xff);

/** Decodes our PNGs independently: zlib checks the Adler-32, filters 0 and 2 undone here. */
function decode(png: Uint8Array): Uint8Array {
  const chunks = readPngChunks(png); // checks every CRC
  const data = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflateSync(data);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const up = y === 0 ? 0 : out[(y - 1) * stride + x]!;
      out[y * stride + x] = filter === 2 ? (value + up) & 0xff : value;
    }
    expect([0, 2]).toContain(filter);
  }
  return out;
}

const spec = { width, height, top: 10, rows: 20, margin: { top: 3, bottom: 3 } };

describe('createBandEncoder', () => {
  it('gives the base itself for a transparent layer, checksums and all', () => {
    const encoder = createBandEncoder(base, spec, 3);
    const png = encoder.encode(new Uint8Array(stride * spec.rows))!;
    expect(decode(Buffer.concat([png.head, png.tail]))).toEqual(base);
  });

  it('lays an opaque and a half-transparent pixel over the band, and nothing else changes', () => {
    const encoder = createBandEncoder(base, spec, 3);
    const layer = new Uint8Array(stride * spec.rows);
    layer.set([10, 20, 30, 255], 5 * stride + 8); // band row 5, pixel 2
    layer.set([200, 100, 0, 128], 12 * stride + 4); // band row 12, pixel 1
    const png = encoder.encode(layer)!;
    const want = base.slice();
    want.set([10, 20, 30, 255], (spec.top + 5) * stride + 8);
    const at = (spec.top + 12) * stride + 4;
    const under = base.subarray(at, at + 4);
    const fa = 128 / 255;
    const fb = (under[3]! / 255) * (1 - fa);
    const mix = (c: number, v: number) => Math.round((v * fa + under[c]! * fb) / (fa + fb));
    want.set([mix(0, 200), mix(1, 100), mix(2, 0), Math.round((fa + fb) * 255)], at);
    expect(decode(Buffer.concat([png.head, png.tail]))).toEqual(want);
  });

  it('composites every alpha over opaque and translucent base pixels as the float formula does', () => {
    // An opaque base takes the integer path, the given base (alphas of all kinds) the float one.
    const opaque = base.map((v, i) => (i % 4 === 3 ? 255 : v));
    for (const under of [opaque, base]) {
      const encoder = createBandEncoder(under, spec, 3);
      const layer = new Uint8Array(stride * spec.rows);
      // Rows 3 to 16 of the band (clear of its margins), every alpha from 1 to 255 in turn.
      for (let i = 0; i < 14 * width; i++) {
        const at = (3 * width + i) * 4;
        layer.set([(i * 53) & 0xff, (i * 101) & 0xff, (i * 7) & 0xff, 1 + ((i * 13) % 255)], at);
      }
      const want = under.slice();
      for (let p = 0; p < width * spec.rows; p++) {
        const a = layer[p * 4 + 3]!;
        if (a === 0) continue;
        const at = spec.top * stride + p * 4;
        const fa = a / 255;
        const fb = (want[at + 3]! / 255) * (1 - fa);
        const alpha = fa + fb;
        for (let c = 0; c < 3; c++) {
          want[at + c] = Math.round((layer[p * 4 + c]! * fa + want[at + c]! * fb) / alpha);
        }
        want[at + 3] = Math.round(alpha * 255);
      }
      expect(
        decode(Buffer.concat([encoder.encode(layer)!.head, encoder.encode(layer)!.tail])),
      ).toEqual(want);
    }
  });

  it("says when the layer inks the image's first or last column (a name cut off there)", () => {
    const encoder = createBandEncoder(base, spec, 3);
    const at = (row: number, pixel: number) => row * stride + pixel * 4 + 3;
    for (const [pixel, edge] of [
      [0, true],
      [3, false],
      [width - 1, true],
    ] as const) {
      const layer = new Uint8Array(stride * spec.rows);
      layer[at(8, pixel)] = 200;
      expect(encoder.encode(layer)!.edge).toBe(edge);
    }
  });

  it('refuses a layer that inks a margin row (it may reach past the band)', () => {
    const encoder = createBandEncoder(base, spec, 3);
    for (const row of [0, 2, 17, 19]) {
      const layer = new Uint8Array(stride * spec.rows);
      layer[row * stride + 3] = 1;
      expect(encoder.encode(layer)).toBeUndefined();
    }
    const inside = new Uint8Array(stride * spec.rows);
    inside[3 * stride + 3] = 1;
    inside[16 * stride + 3] = 1;
    expect(encoder.encode(inside)).toBeDefined();
  });

  it('splices a band at the very top or bottom of the image', () => {
    for (const top of [0, height - 8]) {
      const edge = { ...spec, top, rows: 8, margin: { top: 0, bottom: 0 } };
      const layer = new Uint8Array(stride * 8);
      layer.set([1, 2, 3, 255], 0);
      layer.set([4, 5, 6, 255], 7 * stride);
      const png = createBandEncoder(base, edge, 1).encode(layer)!;
      const want = base.slice();
      want.set([1, 2, 3, 255], top * stride);
      want.set([4, 5, 6, 255], (top + 7) * stride);
      expect(decode(Buffer.concat([png.head, png.tail]))).toEqual(want);
    }
  });
});
