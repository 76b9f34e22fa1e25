import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEncodedList, statusAt } from '../../../src/core/status/index.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';

const encode = (bits: Uint8Array): string => `u${gzipSync(bits).toString('base64url')}`;

function setPositions(bits: Uint8Array): number[] {
  const set: number[] = [];
  for (let i = 0; i < bits.length * 8; i += 1) if (statusAt(bits, i) === 1) set.push(i);
  return set;
}

async function listSubject(name: string): Promise<Record<string, unknown>> {
  const path = sharedPath('fixtures', 'real', 'keys', 'status-lists', name);
  const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  return doc.credentialSubject as Record<string, unknown>;
}

describe('statusAt', () => {
  it('reads bit 0 as the most significant bit of byte 0', () => {
    const bits = Uint8Array.of(0b1000_0000, 0b0000_0001);
    expect([0, 1, 7, 8, 15].map((i) => statusAt(bits, i))).toEqual([1, 0, 0, 0, 1]);
    expect(statusAt(bits, 16)).toBeUndefined();
    expect(statusAt(bits, -1)).toBeUndefined();
  });

  it('reads multi-bit entries most significant bit first', () => {
    const bits = Uint8Array.of(0b1001_0110);
    expect([0, 1, 2, 3].map((i) => statusAt(bits, i, 2))).toEqual([2, 1, 1, 2]);
    expect(statusAt(bits, 4, 2)).toBeUndefined();
  });

  it('finds exactly the bit that was set, after a gzip and base64url round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(), (length, seed) => {
        const index = seed % (length * 8);
        const bits = new Uint8Array(length);
        bits[index >> 3] = 0x80 >> (index & 7);
        const decoded = decodeEncodedList(encode(bits));
        if (!decoded.ok) return false;
        return setPositions(decoded.bits).join() === String(index);
      }),
    );
  });
});

describe('decodeEncodedList', () => {
  it('rejects what is not multibase base64url gzip', () => {
    const gz = gzipSync(new Uint8Array(16)).toString('base64url');
    expect(decodeEncodedList(gz)).toEqual({
      ok: false,
      message: "encodedList is not multibase base64url (it must start with 'u')",
    });
    expect(decodeEncodedList(gz, { prefixOptional: true }).ok).toBe(true);
    expect(decodeEncodedList('u!!')).toEqual({
      ok: false,
      message: 'encodedList is not base64url',
    });
    expect(decodeEncodedList('uAAAA')).toEqual({
      ok: false,
      message: 'encodedList is not gzip data',
    });
    expect(decodeEncodedList(42)).toEqual({
      ok: false,
      message: 'the list has no encodedList string',
    });
  });

  it('caps the inflated size', () => {
    const bomb = encode(new Uint8Array(64 * 1024));
    expect(decodeEncodedList(bomb, { maxBytes: 16 * 1024 })).toEqual({
      ok: false,
      message: 'encodedList inflates past 16384 bytes',
    });
    expect(decodeEncodedList(bomb).ok).toBe(true);
  });
});

describe.runIf(hasShared)('the shared status lists', () => {
  it('1edtech-testlist: 16 KB, only bit 23 set', async () => {
    const decoded = decodeEncodedList((await listSubject('1edtech-testlist.json')).encodedList);
    if (!decoded.ok) throw new Error(decoded.message);
    expect([decoded.bits.length, setPositions(decoded.bits)]).toEqual([16384, [23]]);
  });

  it('vctf-e5WK8CbZ1GjycuPombrj: bits 2, 6 and 8 set', async () => {
    const subject = await listSubject('vctf-e5WK8CbZ1GjycuPombrj.json');
    const decoded = decodeEncodedList(subject.encodedList);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(setPositions(decoded.bits)).toEqual([2, 6, 8]);
  });

  it('vctf-tampered: the changed encodedList does not decode', async () => {
    const subject = await listSubject('vctf-tampered.json');
    expect(decodeEncodedList(subject.encodedList).ok).toBe(false);
  });
});
