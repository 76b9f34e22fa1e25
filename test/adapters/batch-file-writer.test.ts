import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBatchFileWriter,
  TEMP_FOLDER,
  writeWhole,
  type WriteAt,
} from '../../src/adapters/batch-file-writer.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'bs-writer-'));
  await mkdir(join(out, TEMP_FOLDER));
});
afterEach(() => rm(out, { recursive: true, force: true }));

describe('writeWhole', () => {
  it('writes again after a short write, until every byte is written', () => {
    const got: number[] = [];
    const data = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
    writeWhole(7, data, (fd, buffer, offset, length) => {
      expect(fd).toBe(7);
      const n = Math.min(1000, length);
      got.push(...buffer.subarray(offset, offset + n));
      return n;
    });
    expect(Uint8Array.from(got)).toEqual(data);
  });

  it('fails when the disk takes no more, rather than leave a short file', () => {
    let calls = 0;
    const shortDisk: WriteAt = (_fd, _b, _o, length) => {
      calls += 1;
      return calls === 1 ? Math.min(1024, length) : 0;
    };
    expect(() => writeWhole(3, new Uint8Array(4096), shortDisk)).toThrow(
      'wrote 1024 of 4096 bytes: the disk took no more',
    );
  });
});

describe('createBatchFileWriter', () => {
  it('turns to the thread pool for a spell after a slow file, then blocks again', async () => {
    // A clock on which the second file takes 5 ms and every other one no time.
    let tick = 0;
    let reads = 0;
    const now = (): number => {
      reads += 1;
      if (reads === 4) tick += 5;
      return tick;
    };
    const writer = createBatchFileWriter(out, false, 'test', { slowMs: 1, poolSpell: 3, now });
    const names = Array.from({ length: 7 }, (_, i) => `f${i}.png`);
    const seen: string[] = [];
    for (const [i, name] of names.entries()) {
      await writer.write(name, `file ${i}\n`);
      seen.push(`${writer.counts.blocking}/${writer.counts.pool}`);
    }
    // Files 1-2 block (the second is slow), 3-5 go through the pool, 6-7 block again.
    expect(seen).toEqual(['1/0', '2/0', '2/1', '2/2', '2/3', '3/3', '4/3']);
    for (const [i, name] of names.entries()) {
      expect(await readFile(join(out, name), 'utf8')).toBe(`file ${i}\n`);
    }
    expect(await readdir(join(out, TEMP_FOLDER))).toEqual([]);
  });

  it('leaves no temp file behind when the rename fails, either way', async () => {
    await mkdir(join(out, 'taken.png', 'inside'), { recursive: true });
    const blocking = createBatchFileWriter(out, false, 'a', {
      slowMs: 1e9,
      poolSpell: 0,
      now: () => 0,
    });
    await expect(blocking.write('taken.png', 'x')).rejects.toThrow();
    let t = 0;
    const pooled = createBatchFileWriter(out, true, 'b', {
      slowMs: 1,
      poolSpell: 5,
      now: () => (t += 2),
    });
    await pooled.write('first.png', 'slow');
    await expect(pooled.write('taken.png', 'x')).rejects.toThrow();
    expect(pooled.counts).toEqual({ blocking: 1, pool: 1 });
    expect(await readdir(join(out, TEMP_FOLDER))).toEqual([]);
    expect(await readFile(join(out, 'first.png'), 'utf8')).toBe('slow');
  });
});
