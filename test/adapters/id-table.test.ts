import { describe, expect, it } from 'vitest';
import { HashedSet, idDigest, IdMap, LedgerIndex } from '../../src/adapters/id-table.js';

const uuid = (n: number) =>
  `urn:uuid:${n.toString(16).padStart(8, '0')}-0000-5000-8000-${'0'.repeat(11)}${n % 10}`;

describe('compact run tables', () => {
  it('keeps a urn:uuid as its own 16 bytes and hashes any other id', () => {
    expect(idDigest('urn:uuid:0b6f1c2d-1234-5abc-8def-0123456789ab')).toEqual([
      0x0b6f1c2d, 0x12345abc, 0x8def0123, 0x456789ab,
    ]);
    expect(idDigest('urn:uuid:1')).toHaveLength(4);
    expect(idDigest('urn:uuid:1')).not.toEqual(idDigest('urn:uuid:2'));
  });

  it('maps 50,000 ids to rows through several growths, and answers undefined for others', () => {
    const map = new IdMap();
    for (let n = 1; n <= 50_000; n++) map.set(uuid(n), n);
    map.set(uuid(7), 70);
    expect(map.size).toBe(50_000);
    expect([map.get(uuid(1)), map.get(uuid(7)), map.get(uuid(50_000))]).toEqual([1, 70, 50_000]);
    expect([map.get(uuid(50_001)), map.has('urn:uuid:x'), map.has(uuid(3))]).toEqual([
      undefined,
      false,
      true,
    ]);
  });

  it('has every stem added and none of 50,000 others', () => {
    const set = new HashedSet();
    for (let n = 0; n < 50_000; n++) set.add(`earner-number-${n}-0b6f1c2d`);
    let hits = 0;
    for (let n = 0; n < 50_000; n++) if (set.has(`earner-number-${n}-0b6f1c2d`)) hits++;
    let false_ = 0;
    for (let n = 50_000; n < 100_000; n++) if (set.has(`earner-number-${n}-0b6f1c2d`)) false_++;
    expect([set.size, hits, false_]).toEqual([50_000, 50_000, 0]);
  });

  it('keeps the ledger files per id (UTF-8, empty lists, a later record replacing one)', () => {
    const index = new LedgerIndex();
    for (let n = 1; n <= 20_000; n++)
      index.add(uuid(n), [`zoë-${n}.credential.jwt`, `zoë-${n}.png`]);
    index.add(uuid(2), []);
    index.add('urn:uuid:odd', ['a.svg']);
    expect(index.size).toBe(20_001);
    expect(index.files(uuid(1))).toEqual(['zoë-1.credential.jwt', 'zoë-1.png']);
    expect(index.files(uuid(20_000))).toEqual(['zoë-20000.credential.jwt', 'zoë-20000.png']);
    expect([index.files(uuid(2)), index.files('urn:uuid:odd'), index.files(uuid(20_001))]).toEqual([
      [],
      ['a.svg'],
      undefined,
    ]);
    const firsts: string[] = [];
    index.forEachFiles((files) => firsts.push(files[0] ?? '-'));
    expect(firsts.length).toBe(20_002);
    expect(firsts.slice(-2)).toEqual(['-', 'a.svg']);
  });
});
