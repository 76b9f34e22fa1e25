import { describe, expect, it } from 'vitest';
import { createBandEncoder } from '../../src/adapters/png-band-encoder.js';

const width = 7;
const height = 40;
const stride = width * 4;
const base = new Uint8Array(stride * height).fill(255);
const inkAt = (rows: number, row: number, pixel: number): Uint8Array => {
  const layer = new Uint8Array(stride * rows);
  layer[row * stride + pixel * 4 + 3] = 200;
  return layer;
};

describe("createBandEncoder: a band at the image's top or bottom", () => {
  it('says edge when the layer inks the first row of a band that starts the image', () => {
    const encoder = createBandEncoder(
      base,
      { width, height, top: 0, rows: 20, margin: { top: 0, bottom: 2 } },
      3,
    );
    expect(encoder.encode(inkAt(20, 0, 3))!.edge).toBe(true);
    expect(encoder.encode(inkAt(20, 1, 3))!.edge).toBe(false);
  });

  it('says edge when the layer inks the last row of a band that ends the image', () => {
    const encoder = createBandEncoder(
      base,
      { width, height, top: 20, rows: 20, margin: { top: 2, bottom: 0 } },
      3,
    );
    expect(encoder.encode(inkAt(20, 19, 3))!.edge).toBe(true);
    expect(encoder.encode(inkAt(20, 18, 3))!.edge).toBe(false);
  });

  it('a band clear of both edges never says edge for its rows, only for its side columns', () => {
    const encoder = createBandEncoder(
      base,
      { width, height, top: 10, rows: 20, margin: { top: 0, bottom: 0 } },
      3,
    );
    expect(encoder.encode(inkAt(20, 0, 3))!.edge).toBe(false);
    expect(encoder.encode(inkAt(20, 19, 3))!.edge).toBe(false);
    expect(encoder.encode(inkAt(20, 5, 0))!.edge).toBe(true);
  });
});
