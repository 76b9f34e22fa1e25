import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureFolder,
  errnoReason,
  readInputFile,
  writeFileAtomic,
} from '../../src/adapters/files.js';
import { BadgesmithError } from '../../src/core/errors.js';

async function caught(promise: Promise<unknown>): Promise<BadgesmithError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected a BadgesmithError');
}

// Root ignores permission bits, so the permission case runs only for an ordinary user.
const isRoot = process.getuid?.() === 0;

describe('writeFileAtomic and ensureFolder: a folder that cannot be made', () => {
  it('a path under a regular file is ERR_FILE_WRITE (exit 73) with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-files-'));
    await writeFile(join(dir, 'afile'), 'x');
    const target = join(dir, 'afile', 'sub', 'x.svg');
    const error = await caught(writeFileAtomic(target, 'data'));
    expect(error.code).toBe('ERR_FILE_WRITE');
    expect(error.exitCode).toBe(73);
    expect(error.message).toBe(
      `cannot create folder '${join(dir, 'afile', 'sub')}': a part of the path is a file, not a folder`,
    );
    expect(error.hint).toContain('a file stands where a folder must be');
  });

  it('a folder whose name is taken by a file is ERR_FILE_WRITE naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-files-'));
    await writeFile(join(dir, 'afile'), 'x');
    const error = await caught(ensureFolder(join(dir, 'afile')));
    expect(error.code).toBe('ERR_FILE_WRITE');
    expect(error.message).toBe(
      `cannot create folder '${join(dir, 'afile')}': a file of that name is in the way`,
    );
    expect(await readFile(join(dir, 'afile'), 'utf8')).toBe('x');
  });

  it('writing over a folder with overwrite gives the reason, not a bare "cannot write"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-files-'));
    await mkdir(join(dir, 'taken'));
    const error = await caught(writeFileAtomic(join(dir, 'taken'), 'x', { overwrite: true }));
    expect(error.code).toBe('ERR_FILE_WRITE');
    expect(error.message).toBe(`cannot write '${join(dir, 'taken')}': it is a folder`);
  });

  it.skipIf(isRoot)('a read-only parent is "permission denied"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-files-'));
    const ro = join(dir, 'ro');
    await mkdir(ro);
    await chmod(ro, 0o555);
    try {
      const error = await caught(writeFileAtomic(join(ro, 'new', 'x.svg'), 'x'));
      expect(error.code).toBe('ERR_FILE_WRITE');
      expect(error.message).toBe(`cannot create folder '${join(ro, 'new')}': permission denied`);
      const direct = await caught(writeFileAtomic(join(ro, 'x.svg'), 'x'));
      expect(direct.message).toBe(`cannot write '${join(ro, 'x.svg')}': permission denied`);
    } finally {
      await chmod(ro, 0o755);
    }
  });

  it('errnoReason names common errno codes in words', () => {
    const e = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    expect(errnoReason(e('EACCES'))).toBe('permission denied');
    expect(errnoReason(e('ENOSPC'))).toBe('the disk is full');
    expect(errnoReason(e('ENOTDIR'))).toBe('a part of the path is a file, not a folder');
    expect(errnoReason(e('EWHATEVER'))).toBe('ewhatever');
  });
});

describe('input files that are not regular files, and folders that can never be made', () => {
  it('refuses a device instead of reading it forever', async () => {
    await expect(readInputFile('/dev/zero', 'badge file')).rejects.toMatchObject({
      code: 'ERR_FILE_UNREADABLE',
      message: "badge file '/dev/zero' is not a regular file (a device, socket or pipe)",
    });
  });

  it.runIf(existsSync('/proc/self'))('gives up on a folder under /proc at once', async () => {
    await expect(ensureFolder('/proc/badgesmith-nope/sub')).rejects.toMatchObject({
      code: 'ERR_FILE_WRITE',
    });
  });
});
