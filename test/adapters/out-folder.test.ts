import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import {
  acquireOutLock,
  cleanUpRun,
  LOCK_FILE,
  outputError,
  outputErrorCode,
  sweepLeftovers,
  withOutputHint,
  writeAll,
} from '../../src/adapters/out-folder.js';
import { repoRoot } from '../helpers/shared.js';

const errno = (code: string, path?: string) =>
  Object.assign(new Error(`${code}: failed`), { code, ...(path === undefined ? {} : { path }) });

// A pid no process has: a child that has already exited.
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('output errors', () => {
  it('tells the output errors that stop a run from those of one row', () => {
    const codes = ['EFBIG', 'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE'];
    expect(codes.map((c) => outputErrorCode(errno(c)))).toEqual(codes);
    expect(outputErrorCode(errno('ENFILE'))).toBe('ENFILE');
    expect(outputErrorCode(errno('ENOENT'))).toBeUndefined();
    expect(outputErrorCode(new Error('plain'))).toBeUndefined();
    expect(outputErrorCode(undefined)).toBeUndefined();
  });

  it('names the path and the cause, exit 73, with a hint', () => {
    const efbig = outputError('EFBIG', '/o/a.png');
    expect([efbig.code, efbig.exitCode, efbig.message]).toEqual([
      'ERR_OUTPUT_WRITE',
      73,
      "cannot write '/o/a.png': the file size limit is reached (EFBIG)",
    ]);
    expect(efbig.hint).toBe(
      "raise the file size limit ('ulimit -f unlimited'), then rerun the same command",
    );
    expect(outputError('ENOSPC', '/o/b').message).toBe(
      "cannot write '/o/b': the disk is full (ENOSPC)",
    );
    expect(outputError('EROFS', '/o/b').message).toContain('the file system is read-only');
    expect(outputError('EACCES', '/o/b').message).toContain('no permission');
  });

  it('gives a hintless write error the cause as its hint (a ledger that cannot be written)', () => {
    const ledger = new BadgesmithError('ERR_FILE_WRITE', "cannot write the ledger '/o/l'", {
      cause: errno('ENOSPC'),
    });
    const hinted = withOutputHint(ledger) as BadgesmithError;
    expect([hinted.code, hinted.message, hinted.exitCode]).toEqual([
      'ERR_FILE_WRITE',
      "cannot write the ledger '/o/l'",
      73,
    ]);
    expect(hinted.hint).toBe(
      'the disk is full (ENOSPC): free some disk space, then rerun the same command (rows done are skipped)',
    );
    const bug = new Error('x');
    expect(withOutputHint(bug)).toBe(bug);
  });

  it('writes all of the data through short writes, and fails when nothing more goes', async () => {
    const got: number[] = [];
    const short = {
      write: (data: Uint8Array, offset: number, length: number) => {
        const n = Math.min(3, length);
        got.push(...data.subarray(offset, offset + n));
        return Promise.resolve({ bytesWritten: n, buffer: data });
      },
    };
    await writeAll(short as never, 'abcdefgh');
    expect(Buffer.from(got).toString()).toBe('abcdefgh');
    const full = { write: () => Promise.resolve({ bytesWritten: 0 }) };
    await expect(writeAll(full as never, 'abc')).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});

describe('the output lock', () => {
  it('is taken over by exactly one of several runs when it is stale', async () => {
    const dead = deadPid();
    for (let round = 0; round < 40; round += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'badgesmith-lock-race-'));
      await writeFile(join(dir, LOCK_FILE), `${dead}\n`);
      const tries = await Promise.allSettled(Array.from({ length: 8 }, () => acquireOutLock(dir)));
      const won = tries.filter((t) => t.status === 'fulfilled');
      const lost = tries.filter((t) => t.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const t of lost) expect(t.reason).toMatchObject({ code: 'ERR_OUTPUT_LOCKED' });
      expect((await readFile(join(dir, LOCK_FILE), 'utf8')).startsWith(`${process.pid} `)).toBe(
        true,
      );
      // Nothing moved aside is left behind.
      expect(await readdir(dir)).toEqual([LOCK_FILE]);
      await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('is taken over by exactly one of several processes when it is stale', async () => {
    const module = pathToFileURL(join(repoRoot, 'dist', 'adapters', 'out-folder.js')).href;
    const dead = deadPid();
    for (let round = 0; round < 3; round += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'badgesmith-lock-procs-'));
      await writeFile(join(dir, LOCK_FILE), `${dead}\n`);
      // Each holds what it got for a moment, so a second winner could not hide behind a release.
      const script = `const m = await import(${JSON.stringify(module)}); try { const r = await m.acquireOutLock(${JSON.stringify(dir)}); console.log('won'); await new Promise((s) => setTimeout(s, 400)); await r(); } catch (e) { console.log(e.code); }`;
      const children = Array.from({ length: 4 }, () =>
        spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' }),
      );
      const said = await Promise.all(
        children.map(
          (child) =>
            new Promise<string>((resolve) => {
              let text = '';
              child.stdout.on('data', (d: Buffer) => (text += d.toString()));
              child.on('close', () => resolve(text.trim()));
            }),
        ),
      );
      expect(said.filter((s) => s === 'won')).toHaveLength(1);
      expect(said.filter((s) => s !== 'won')).toEqual(Array(3).fill('ERR_OUTPUT_LOCKED'));
    }
  });

  it('refuses a folder where the lock goes, naming it and what to remove (exit 73)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-lock-dir-'));
    await mkdir(join(dir, LOCK_FILE));
    const error = (await acquireOutLock(dir).catch((e: unknown) => e)) as BadgesmithError;
    expect([error.code, error.exitCode]).toEqual(['ERR_FILE_EXISTS', 73]);
    expect(error.message).toBe(
      `the lock path '${join(dir, LOCK_FILE)}' is a folder, so the output folder cannot be locked`,
    );
    expect(error.hint).toBe(
      `remove it ('rm -r ${join(dir, LOCK_FILE)}'): badgesmith makes its lock file there itself`,
    );
  });

  // As root every folder is writable: the check runs as `nobody` then.
  it('says a read-only output folder is exit 73, naming the folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'badgesmith-lock-ro-'));
    await chmod(root, 0o755);
    const dir = join(root, 'out');
    await mkdir(dir);
    await chmod(dir, 0o555);
    const module = pathToFileURL(join(repoRoot, 'dist', 'adapters', 'out-folder.js')).href;
    const script = `import(${JSON.stringify(module)}).then((m) => m.acquireOutLock(${JSON.stringify(dir)})).then(() => console.log('locked'), (e) => console.log(JSON.stringify([e.code, e.exitCode, e.message])))`;
    const asRoot = process.getuid?.() === 0;
    const child = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([
      'ERR_OUTPUT_WRITE',
      73,
      `cannot write to the output folder '${dir}': no permission (EACCES on '${join(dir, LOCK_FILE)}')`,
    ]);
  });
});

describe('leftovers of an interrupted run', () => {
  it("keeps a dead run's partial reports, whole lines only, and removes temp files", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-sweep-'));
    await writeFile(join(dir, 'report-20250601T000000Z.csv.partial'), 'row,name\n1,A\n2,B\n3,C');
    await writeFile(
      join(dir, 'report-20250601T000000Z.jsonl.partial'),
      '{"row":1}\n{"row":2}\n{"ro',
    );
    await writeFile(join(dir, 'report-20250602T000000Z.csv.partial'), 'row,name\n');
    await writeFile(join(dir, 'report-20250602T000000Z.jsonl.partial'), '');
    await writeFile(join(dir, '.a.png.0123456789ab.tmp'), 'x');
    await writeFile(join(dir, 'keep.png'), 'x');
    await mkdir(join(dir, '.tmp-folder'));
    await writeFile(join(dir, '.tmp-folder', 't1'), 'x');
    const result = await sweepLeftovers(dir, '.tmp-folder');
    expect(result).toEqual({
      removed: 4,
      kept: [
        'report-20250601T000000Z-interrupted.csv',
        'report-20250601T000000Z-interrupted.jsonl',
      ],
    });
    expect((await readdir(dir)).sort()).toEqual([
      '.tmp-folder',
      'keep.png',
      'report-20250601T000000Z-interrupted.csv',
      'report-20250601T000000Z-interrupted.jsonl',
    ]);
    expect(await readdir(join(dir, '.tmp-folder'))).toEqual([]);
    expect(await readFile(join(dir, 'report-20250601T000000Z-interrupted.csv'), 'utf8')).toBe(
      'row,name\n1,A\n2,B\n',
    );
    expect(await readFile(join(dir, 'report-20250601T000000Z-interrupted.jsonl'), 'utf8')).toBe(
      '{"row":1}\n{"row":2}\n',
    );
    // A second interrupted report of the same second does not replace the first.
    await writeFile(join(dir, 'report-20250601T000000Z.csv.partial'), 'row,name\n9,Z\n');
    expect((await sweepLeftovers(dir)).kept).toEqual(['report-20250601T000000Z-interrupted-2.csv']);
  });
});

describe('the clean-up at the end of a run', () => {
  it('tries every step, never throws, and says in one line what it left', async () => {
    const warnings: string[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-cleanup-'));
    await mkdir(join(dir, 'tmp'));
    let closed = false;
    await cleanUpRun(
      {
        engine: {
          close: () => {
            closed = true;
            return Promise.resolve();
          },
        },
        temp: join(dir, 'tmp'),
        release: () => Promise.reject(errno('EACCES', '/o/.badgesmith.lock')),
      },
      (text) => warnings.push(text),
    );
    expect(closed).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect(warnings).toEqual([
      "left behind the lock '/o/.badgesmith.lock' (no permission, EACCES): the next run in this folder clears them",
    ]);
  });
});
