import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEDGER_FILE, openLedger, readLedger } from '../../src/adapters/ledger.js';
import { acquireOutLock } from '../../src/adapters/out-folder.js';

const entry = (n: number) => ({
  id: `urn:uuid:${n}`,
  key: `a email:${n}@example.org`,
  row: n,
  files: [`x-${n}.credential.jwt`],
  at: '2025-06-01T00:00:00.000Z',
});

describe('ledger', () => {
  it('appends whole lines, and cuts off a line torn by a crash before appending', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-ledger-'));
    const path = join(dir, LEDGER_FILE);
    await writeFile(path, `${JSON.stringify(entry(1))}\n{"id":"urn:uuid:2","ke`);
    const before = await readLedger(dir);
    expect(before.done.size).toBe(1);
    expect(before.done.files('urn:uuid:1')).toEqual(['x-1.credential.jwt']);
    expect(before.done.has('urn:uuid:2')).toBe(false);
    const ledger = await openLedger(dir, { groupSize: 2 });
    await ledger.append(entry(3));
    await ledger.close();
    expect(await readFile(path, 'utf8')).toBe(
      `${JSON.stringify(entry(1))}\n${JSON.stringify(entry(3))}\n`,
    );
    const after = (await readLedger(dir)).done;
    expect([after.size, after.has('urn:uuid:1'), after.has('urn:uuid:3')]).toEqual([2, true, true]);
  });

  it('keeps a second run out of the folder while the first holds the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-lock-'));
    const release = await acquireOutLock(dir);
    await writeFile(join(dir, '.badgesmith.lock'), '1\n');
    await expect(acquireOutLock(dir)).rejects.toMatchObject({ code: 'ERR_OUTPUT_LOCKED' });
    await release();
    await writeFile(join(dir, '.badgesmith.lock'), '999999999\n');
    const again = await acquireOutLock(dir);
    await again();
  });
});
