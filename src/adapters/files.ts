import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  await mkdir(folder, { recursive: true });
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
    throw new BadgesmithError('ERR_FILE_WRITE', `cannot write '${path}'`, { cause: error });
  }
}
