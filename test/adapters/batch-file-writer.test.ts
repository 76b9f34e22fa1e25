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
  it('turns to the thread pool for a spell after a slow window of files, then blocks again', async () => {
    // Each file's write takes `cost()` ms on this clock: files 1-2 quick, 3-4 slow (5 ms each).
    let tick = 0;
    let file = 0;
    let reading = false;
    const now = (): number => {
      reading = !reading;
      if (!reading) tick += file >= 3 && file <= 4 ? 5 : 0;
      return tick;
    };
    const policy = { slowMs: 1, window: 2, poolSpell: 3, now };
    const writer = createBatchFileWriter(out, false, 'test', policy);
    const names = Array.from({ length: 10 }, (_, i) => `f${i}.png`);
    const seen: string[] = [];
    for (const [i, name] of names.entries()) {
      file = i + 1;
      await writer.write(name, `file ${i}\n`);
      seen.push(`${writer.counts.blocking}/${writer.counts.pool}`);
    }
    // Window 1 (files 1-2) is quick; window 2 (files 3-4) averages 5 ms: files 5-7 go through the
    // pool; 8-10 block again.
    expect(seen).toEqual(['1/0', '2/0', '3/0', '4/0', '4/1', '4/2', '4/3', '5/3', '6/3', '7/3']);
    for (const [i, name] of names.entries()) {
      expect(await readFile(join(out, name), 'utf8')).toBe(`file ${i}\n`);
    }
    expect(await readdir(join(out, TEMP_FOLDER))).toEqual([]);
  });

  it('one slow file in a window (a thread descheduled mid-write) does not turn it to the pool', async () => {
    let tick = 0;
    let file = 0;
    let reading = false;
    const now = (): number => {
      reading = !reading;
      if (!reading) tick += file === 2 ? 20 : 0.1;
      return tick;
    };
    const writer = createBatchFileWriter(out, false, 'one', {
      slowMs: 1,
      window: 32,
      poolSpell: 5,
      now,
    });
    for (let i = 1; i <= 40; i += 1) {
      file = i;
      await writer.write(`g${i}.png`, 'x');
    }
    expect(writer.counts).toEqual({ blocking: 40, pool: 0 });
  });

  it('leaves no temp file behind when the rename fails, either way', async () => {
    await mkdir(join(out, 'taken.png', 'inside'), { recursive: true });
    const blocking = createBatchFileWriter(out, false, 'a', {
      slowMs: 1e9,
      window: 1,
      poolSpell: 0,
      now: () => 0,
    });
    await expect(blocking.write('taken.png', 'x')).rejects.toThrow();
    let t = 0;
    const pooled = createBatchFileWriter(out, true, 'b', {
      slowMs: 1,
      window: 1,
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
