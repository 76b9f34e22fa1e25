import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BadgesmithError } from '../core/errors.js';

/** The largest input file badgesmith reads whole (a badge image or a credential). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/**
 * Reads a whole input file, with the errors a user can act on: a missing file is exit 66, a
 * folder or an oversized file a clear message. `what` names the file's role ("roster", "image").
 */
export async function readInputFile(
  path: string,
  what = 'file',
  maxBytes = MAX_INPUT_BYTES,
): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new BadgesmithError('ERR_FILE_UNREADABLE', `${what} '${path}' is a folder, not a file`);
    }
    if (!info.isFile()) {
      // A device or a FIFO has no size to check against the cap and may never end (/dev/zero).
      throw new BadgesmithError(
        'ERR_FILE_UNREADABLE',
        `${what} '${path}' is not a regular file (a device, socket or pipe)`,
        { hint: 'save the badge to a file first, then pass that file' },
      );
    }
    if (info.size > maxBytes) {
      throw new BadgesmithError(
        'ERR_IMAGE_TOO_LARGE',
        `${what} '${path}' is ${info.size} bytes, more than the ${maxBytes} this reads`,
        { hint: 'a badge file is rarely over a few megabytes; check that this is the right file' },
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof BadgesmithError) throw error;
    if (isNodeError(error) && error.code === 'ENOENT') {
      throw new BadgesmithError('ERR_FILE_NOT_FOUND', `${what} '${path}' does not exist`, {
        hint: 'check the path and the current folder',
      });
    }
    if (isNodeError(error) && error.code === 'EACCES') {
      throw new BadgesmithError('ERR_FILE_UNREADABLE', `no permission to read ${what} '${path}'`);
    }
    throw new BadgesmithError('ERR_FILE_UNREADABLE', `cannot read ${what} '${path}'`, {
      cause: error,
    });
  }
}

/** Reads a UTF-8 text input file (see {@link readInputFile}). */
export async function readInputText(path: string, what = 'file'): Promise<string> {
  return (await readInputFile(path, what)).toString('utf8');
}

/** Whether a path exists (file or folder). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

// What a failed write or mkdir means to a user, from its errno (fs(3) and POSIX error names).
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/** Why a file operation failed, in words (e.g. 'permission denied'), from its errno code. */
export function errnoReason(error: unknown): string {
  const code = isNodeError(error) ? error.code : undefined;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return REASONS[code] ?? code.toLowerCase();
}

function writeHint(error: unknown): string {
  const code = isNodeError(error) ? error.code : undefined;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return 'choose an output folder you can write to, or fix its permissions';
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return 'a file stands where a folder must be: choose another output path, or move that file';
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'free some disk space and run again';
  return 'check the output path';
}

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir spins forever where a parent
 * answers ENOENT to every mkdir (a path under /proc), so the missing levels are made in turn and
 * the first refusal ends it.
 */
async function makeFolders(path: string): Promise<void> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const info = await stat(current);
      if (!info.isDirectory()) {
        const code = current === path ? 'EEXIST' : 'ENOTDIR';
        throw Object.assign(new Error(`'${current}' is not a folder`), { code });
      }
      break;
    } catch (error) {
      if (!isNodeError(error) || error.code !== 'ENOENT') throw error;
      const parent = dirname(current);
      missing.push(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (!isNodeError(error) || error.code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Makes a folder and its parents (nothing if it exists); a failure is ERR_FILE_WRITE (exit 73)
 * with the reason, e.g. "cannot create folder 'out': permission denied".
 */
export async function ensureFolder(path: string): Promise<void> {
  try {
    await makeFolders(resolve(path));
  } catch (error) {
    throw new BadgesmithError(
      'ERR_FILE_WRITE',
      `cannot create folder '${path}': ${errnoReason(error)}`,
      { hint: writeHint(error), cause: error },
    );
  }
}

export interface WriteOptions {
  /** File mode; private keys are written 0o600. */
  mode?: number;
  /** Replace an existing file; without it an existing file is an error. */
  overwrite?: boolean;
}

/**
 * Writes a file atomically: the bytes go to a temp name in the same folder, are flushed to disk,
 * then renamed over the target, so a crash never leaves a half-written file under the real name.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const folder = dirname(path);
  await ensureFolder(folder);
  if (options.overwrite !== true && (await pathExists(path))) {
    throw new BadgesmithError('ERR_FILE_EXISTS', `'${path}' already exists`, {
      hint: 'choose another output path, or pass --force to replace it',
    });
  }
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = options.mode ?? 0o644;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof BadgesmithError) throw error;
    throw new BadgesmithError('ERR_FILE_WRITE', `cannot write '${path}': ${errnoReason(error)}`, {
      hint: writeHint(error),
      cause: error,
    });
  }
}
