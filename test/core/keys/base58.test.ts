import { describe, expect, it } from 'vitest';
import {
  base58btcDecode,
  base58btcEncode,
  MAX_BASE58_CHARS,
} from '../../../src/core/keys/base58.js';

describe('base58btc', () => {
  it('round-trips bytes, leading zero bytes as leading 1s', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 255, 128, 7]);
    const text = base58btcEncode(bytes);
    expect(text.startsWith('11')).toBe(true);
    expect(base58btcDecode(text)).toEqual(bytes);
    expect(base58btcEncode(Uint8Array.of(0, 1))).toBe('12');
  });

  it('refuses characters outside the alphabet (0, O, I, l)', () => {
    for (const bad of ['0', 'O', 'I', 'l', ' '])
      expect(base58btcDecode(`2${bad}3`)).toBeUndefined();
  });

  it(`takes at most ${MAX_BASE58_CHARS} characters, so a huge value cannot stall decoding`, () => {
    const longest = base58btcEncode(new Uint8Array(187).fill(255));
    expect(longest.length).toBeLessThanOrEqual(MAX_BASE58_CHARS);
    expect(base58btcDecode(longest)?.length).toBe(187);
    expect(base58btcDecode('2'.repeat(MAX_BASE58_CHARS + 1))).toBeUndefined();
    expect(base58btcDecode('2'.repeat(5_000_000))).toBeUndefined();
  });
});
