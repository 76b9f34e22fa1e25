import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerIndex } from '../../src/adapters/id-table.js';
import {
  achievementChanged,
  validityOf,
  onlyRerunNotes,
  repairReason,
} from '../../src/adapters/issue-rerun.js';
import { LEDGER_FILE, readLedger, type LedgerFacts } from '../../src/adapters/ledger.js';
import { earnerNameDigest, rowKey, stableCredentialId } from '../../src/core/model/roster-map.js';

const A = '0123456789abcdef0123456789abcdef';
const B = 'fedcba9876543210fedcba9876543210';

describe('LedgerIndex records', () => {
  it('keeps the data digest and row of the last record of an id', () => {
    const index = new LedgerIndex();
    index.add('urn:uuid:1', ['a.png'], { row: 3, data: A });
    expect(index.record('urn:uuid:1')).toEqual({
      files: ['a.png'],
      row: 3,
      data: [0x01234567, 0x89abcdef, 0x01234567, 0x89abcdef],
    });
    index.add('urn:uuid:1', ['a.png', 'a.svg'], { row: 4 });
    expect(index.record('urn:uuid:1')).toEqual({ files: ['a.png', 'a.svg'], row: 4 });
    expect(index.size).toBe(1);
    expect(index.record('urn:uuid:2')).toBeUndefined();
  });

  it('finds a name under another id only, across growth of its tables', () => {
    const index = new LedgerIndex();
    for (let n = 1; n <= 3000; n++) {
      index.add(`urn:uuid:${n}`, [`p${n}.png`], {
        row: n,
        data: A,
        who: earnerNameDigest('urn:a', `Person ${n}`),
      });
    }
    const who = earnerNameDigest('urn:a', '  person   2999 ');
    expect(index.sameNameElsewhere(who, 'urn:uuid:2999')).toBeUndefined();
    expect(index.sameNameElsewhere(who, 'urn:uuid:9999')).toBe(2999);
    expect(index.sameNameElsewhere(earnerNameDigest('urn:b', 'Person 2999'), 'x')).toBeUndefined();
    expect(index.record('urn:uuid:1')?.files).toEqual(['p1.png']);
  });
});

describe('readLedger facts', () => {
  it('counts rows by issuer, tells older lines by their ids, and counts unreadable lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-ledger-facts-'));
    const key = rowKey({ email: 'ada@example.org' }, 'urn:uuid:a');
    const mine = stableCredentialId('did:key:zMine', key);
    const theirs = stableCredentialId('did:key:zOld', key);
    const line = (fields: Record<string, unknown>) =>
      JSON.stringify({ key, row: 1, files: ['x.png'], at: 'now', ...fields });
    await writeFile(
      join(dir, LEDGER_FILE),
      [
        line({ id: theirs }),
        'garbage',
        line({ id: mine, issuer: 'did:key:zMine', achievement: A }),
        '{"id":"urn:uuid:1"}',
        '',
        line({ id: mine, issuer: 'did:key:zMine', achievement: B }),
        '',
      ].join('\n'),
    );
    const { facts, done } = await readLedger(dir, 'did:key:zMine');
    expect(facts.issuers).toEqual(
      new Map([
        ['', 1],
        ['did:key:zMine', 2],
      ]),
    );
    expect(facts.lastIssuer).toBe('did:key:zMine');
    expect(facts.garbage).toEqual({ count: 2, firstLine: 2 });
    expect(facts.achievements).toEqual(new Map([['urn:uuid:a', new Set([A, B])]]));
    expect(done.size).toBe(2);
    expect(achievementChanged(facts, 'urn:uuid:a', A)).toBe(true);
    const one: LedgerFacts = { ...facts, achievements: new Map([['urn:uuid:a', new Set([A])]]) };
    expect(achievementChanged(one, 'urn:uuid:a', A)).toBe(false);
  });
});

describe('rerun reasons', () => {
  it('names files gone from the folder and formats an earlier run did not write', () => {
    const expected = ['a.credential.jwt', 'a.png', 'a.svg'];
    expect(repairReason(expected, [true, true, true], ['a.png'])).toBeUndefined();
    expect(repairReason(expected, [true, false, false], expected.slice(0, 2))).toBe(
      'files missing: a.png; adds the svg',
    );
    expect(repairReason(expected, [false, true, true], ['a.png', 'a.svg'])).toBe(
      'adds the credential file',
    );
  });

  it('tells reasons that only say why a row was issued again from ones with a warning', () => {
    expect(onlyRerunNotes('files missing: a.png, b.png; adds the svg')).toBe(true);
    expect(onlyRerunNotes('issued again with other data (--reissue)')).toBe(true);
    expect(onlyRerunNotes('adds the svg; expired on 2025-06-01T00:00:00Z already (x)')).toBe(false);
  });

  it('warns of a badge expired when issued, and not of one valid until after now', () => {
    const now = new Date('2025-06-02T00:00:00Z');
    const issued = new Date('2025-05-01T00:00:00Z');
    expect(validityOf(issued, 'P1M', now).warning).toBe(
      'expired on 2025-06-01T00:00:00Z already (issued 2025-05-01T00:00:00Z + P1M)',
    );
    expect(validityOf(issued, 'P5W', now)).toEqual({});
    expect(validityOf(issued, undefined, now)).toEqual({});
  });
});
