import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { ensureFolder, pathExists } from './files.js';

/** The lock file that keeps two runs out of one output folder at once. */
export const LOCK_FILE = '.badgesmith.lock';

// Output errors that are not about one row: every later row would fail the same way, so the
// run stops at the first (errno names as in errno(3)).
const OUTPUT_CAUSES: Record<string, string> = {
  EFBIG: 'the file size limit is reached',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'no permission',
  EPERM: 'no permission',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

const OUTPUT_HINTS: Record<string, string> = {
  EFBIG: "raise the file size limit ('ulimit -f unlimited'), then rerun the same command",
  ENOSPC: 'free some disk space, then rerun the same command (rows done are skipped)',
  EDQUOT: 'free some space or ask for a larger quota, then rerun the same command',
  EACCES: 'make the output folder writable (chmod u+w) or pass another --out, then rerun',
  EPERM: 'make the output folder writable (chmod u+w) or pass another --out, then rerun',
  EROFS: 'pass an --out folder on a writable disk, then rerun the same command',
  EIO: 'check the disk (dmesg), then rerun the same command',
  EMFILE: "raise the open-file limit ('ulimit -n'), or pass a smaller --jobs, then rerun",
  ENFILE: 'close other programs or pass a smaller --jobs, then rerun the same command',
};

const errnoOf = (error: unknown): string | undefined => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * The errno code of `error` when it is an output error that would stop any later row too (a full
 * disk, a file size limit, no permission, a read-only or failing disk, no file descriptors).
 */
export function outputErrorCode(error: unknown): string | undefined {
  const code = errnoOf(error);
  return code !== undefined && code in OUTPUT_CAUSES ? code : undefined;
}

/**
 * The run-stopping error for an output error `code` (see {@link outputErrorCode}) while writing
 * `path`: ERR_OUTPUT_WRITE, exit 73, naming the path and the cause, with the fix as its hint.
 */
export function outputError(code: string, path: string, cause?: unknown): BadgesmithError {
  const why = OUTPUT_CAUSES[code] ?? code.toLowerCase();
  return new BadgesmithError('ERR_OUTPUT_WRITE', `cannot write '${path}': ${why} (${code})`, {
    hint: OUTPUT_HINTS[code] ?? 'check the output folder, then rerun the same command',
    cause,
  });
}

/**
 * A `.catch` handler for opening the ledger or the report at `path`: an output error (a
 * read-only ledger, a full disk) becomes {@link outputError}, exit 73 naming it, not an
 * internal error; any other error goes on unchanged.
 *
 * @example await openLedger(out).catch(asOutputError(join(out, LEDGER_FILE)));
 */
export const asOutputError =
  (path: string) =>
  (error: unknown): never => {
    const code = outputErrorCode(error);
    throw code === undefined ? error : outputError(code, path, error);
  };

/**
 * A run error with the fix as its hint, when it has none and its cause is an errno error (the
 * ledger's "cannot write the ledger"): the cause in words and what to do. Others are unchanged.
 */
export function withOutputHint(error: Error): Error {
  if (!(error instanceof BadgesmithError) || error.hint !== undefined) return error;
  const code = errnoOf(error.cause);
  if (code === undefined) return error;
  const why = OUTPUT_CAUSES[code] ?? code.toLowerCase();
  const fix = OUTPUT_HINTS[code] ?? 'check the output folder, then rerun the same command';
  return new BadgesmithError(error.code, error.message, {
    hint: `${why} (${code}): ${fix}`,
    cause: error.cause,
  });
}

/** What a run leaves to clean up at its end: its workers, its temp folder, its lock. */
export interface RunLeftovers {
  engine?: { close: () => Promise<void> };
  temp?: string;
  release?: () => Promise<void>;
}

const causeOf = (error: unknown): string => {
  const code = errnoOf(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return `${OUTPUT_CAUSES[code] ?? code.toLowerCase()}, ${code}`;
};

/**
 * Ends a run: closes its workers, removes its temp folder, releases its lock. Each step is tried
 * whatever the others did, and none throws: what is left behind is said in one line through
 * `warn` (the next run in the folder clears it), so a clean-up never hides the run's outcome.
 */
export async function cleanUpRun(run: RunLeftovers, warn: (text: string) => void): Promise<void> {
  const left: string[] = [];
  try {
    await run.engine?.close();
  } catch (error) {
    warn(`the worker threads did not stop cleanly (${causeOf(error)})`);
  }
  if (run.temp !== undefined) {
    await rm(run.temp, { recursive: true, force: true }).catch((error: unknown) => {
      left.push(`the temp folder '${run.temp}' (${causeOf(error)})`);
    });
  }
  await run.release?.().catch((error: unknown) => {
    const path = (error as NodeJS.ErrnoException | null)?.path ?? LOCK_FILE;
    left.push(`the lock '${path}' (${causeOf(error)})`);
  });
  if (left.length > 0) {
    warn(`left behind ${left.join(' and ')}: the next run in this folder clears them`);
  }
}

/**
 * Writes all of `data` through `handle`: a write may take fewer bytes than asked without an
 * error (a file size limit, a disk filling up); the rest is written again until it fails.
 */
export async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error(`wrote ${done} of ${bytes.length} bytes`), { code: 'ENOSPC' });
    }
    done += bytesWritten;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Lock files written by this process, by token: a lock with our pid is ours only if its token
// is here (otherwise it is a dead run's whose pid came round again). A token is added before
// its file is created, so a second take-over in this process never sees ours as stale.
const held = new Set<string>();

// A lock file too new to have its pid yet (created, not yet written) is not taken for stale.
const FRESH_MS = 10_000;

function lockedBy(outDir: string, path: string, pid: number): BadgesmithError {
  const who = Number.isInteger(pid) ? `another issue run (pid ${pid})` : 'another issue run';
  return new BadgesmithError('ERR_OUTPUT_LOCKED', `${who} is writing to '${outDir}'`, {
    hint: `wait for it to end, or if it is gone, delete '${path}'`,
  });
}

// The lock holds `<pid> <token>`; a lock of an older version holds the pid alone.
function parseLock(text: string): { pid: number; token: string } {
  const [pid = '', token = ''] = text.trim().split(/\s+/u);
  return { pid: Number.parseInt(pid, 10), token };
}

const readLock = async (path: string) => parseLock(await readFile(path, 'utf8').catch(() => ''));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves a stale lock (its content `stale`) out of the way, under a guard file made with `wx`: of
 * several runs taking it over at once one holds the guard, sees the lock still stale, renames it
 * away and deletes it; the others wait and find the winner's lock. Renaming without the guard
 * could move a fresh lock that replaced the stale one since it was read.
 */
async function moveStaleLock(path: string, stale: string): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await (await open(guard, 'wx')).close();
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error;
    // Another run is taking it over; a guard left by a take-over that crashed goes after a while.
    const info = await lstat(guard).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > FRESH_MS)
      await rm(guard, { force: true });
    else await sleep(5);
    return;
  }
  try {
    // Under the guard no other run removes the lock, and none can make one while it is there.
    if ((await readFile(path, 'utf8').catch(() => undefined)) !== stale) return;
    const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
    await rename(path, aside);
    await rm(aside, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

function lockFailure(outDir: string, path: string, error: unknown): BadgesmithError {
  if (error instanceof BadgesmithError) return error;
  const code = errnoOf(error);
  if (code !== undefined && code in OUTPUT_CAUSES) {
    return new BadgesmithError(
      'ERR_OUTPUT_WRITE',
      `cannot write to the output folder '${outDir}': ${OUTPUT_CAUSES[code]} (${code} on '${path}')`,
      { hint: OUTPUT_HINTS[code] ?? 'check the output folder', cause: error },
    );
  }
  return new BadgesmithError('ERR_OUTPUT_LOCKED', `cannot lock the output folder '${outDir}'`, {
    hint: `check '${path}' (${code ?? String(error)}); delete it if no other badgesmith run is going`,
    cause: error,
  });
}

async function tryLock(outDir: string, path: string, token: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await writeAll(handle, `${process.pid} ${token}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error;
  }
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) return false;
  if (!info.isFile()) {
    throw new BadgesmithError(
      'ERR_FILE_EXISTS',
      `the lock path '${path}' is ${info.isDirectory() ? 'a folder' : 'not a file'}, so the output folder cannot be locked`,
      { hint: `remove it ('rm -r ${path}'): badgesmith makes its lock file there itself` },
    );
  }
  const content = await readFile(path, 'utf8').catch(() => '');
  const { pid, token: theirs } = parseLock(content);
  if (!Number.isInteger(pid)) {
    if (Date.now() - info.mtimeMs < FRESH_MS) throw lockedBy(outDir, path, Number.NaN);
  } else if (pid === process.pid ? held.has(theirs) : isAlive(pid)) {
    throw lockedBy(outDir, path, pid);
  }
  await moveStaleLock(path, content);
  return false;
}

/**
 * Takes the output folder's lock (a file holding our pid, created with `wx`), so two runs never
 * write one ledger. A lock left by a process that no longer runs is renamed away, then taken with
 * `wx` again, so of two runs taking it over at once exactly one gets it. Returns the release,
 * which removes the lock only while it is still ours. A folder that cannot be written is
 * ERR_OUTPUT_WRITE (exit 73) naming it.
 */
export async function acquireOutLock(outDir: string): Promise<() => Promise<void>> {
  await ensureFolder(outDir);
  const path = join(outDir, LOCK_FILE);
  const token = randomBytes(8).toString('hex');
  held.add(token);
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if (await tryLock(outDir, path, token)) {
        return async () => {
          held.delete(token);
          if ((await readLock(path)).token === token) await rm(path, { force: true });
        };
      }
    }
  } catch (error) {
    held.delete(token);
    throw lockFailure(outDir, path, error);
  }
  held.delete(token);
  throw new BadgesmithError('ERR_OUTPUT_LOCKED', `cannot lock the output folder '${outDir}'`, {
    hint: `delete '${path}' if no other badgesmith run is going`,
  });
}

// Our temp names: `.<target>.<12 hex>.tmp` (files.ts and the issue worker), stale locks moved
// aside, and reports that a crashed run did not finish; the run that holds the lock owns them.
const LEFTOVER = /^(\..+\.[0-9a-f]{12}\.tmp|\.badgesmith\.lock\.(.+\.stale|takeover))$/u;
const PARTIAL_REPORT = /^(report-.+)\.(csv|jsonl)\.partial$/u;

/** What {@link sweepLeftovers} did. */
export interface SweepResult {
  /** How many files went. */
  removed: number;
  /** Reports of interrupted runs kept under their new names (`report-<stamp>-interrupted.csv`). */
  kept: string[];
}

// The whole lines of a partial report: a last line cut short by the crash is dropped.
function wholeLines(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

async function freeName(outDir: string, stem: string, ext: string): Promise<string> {
  let name = `${stem}-interrupted.${ext}`;
  for (let n = 2; await pathExists(join(outDir, name)); n += 1) {
    name = `${stem}-interrupted-${n}.${ext}`;
  }
  return name;
}

/**
 * Keeps a dead run's partial report (rows it recorded in the ledger are in no other report)
 * under `<stem>-interrupted.<ext>`, its whole lines only; one that holds no row goes.
 */
async function keepPartialReport(outDir: string, name: string, stem: string, ext: string) {
  const path = join(outDir, name);
  const text = wholeLines(await readFile(path, 'utf8'));
  const rows = ext === 'csv' ? text.split('\n').length - 2 : text.split('\n').length - 1;
  if (rows <= 0) {
    await rm(path, { force: true });
    return undefined;
  }
  const target = await freeName(outDir, stem, ext);
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(Buffer.byteLength(text, 'utf8'));
  } finally {
    await handle.close();
  }
  await rename(path, join(outDir, target));
  return target;
}

/**
 * Cleans what an interrupted run left behind in `outDir`: temp files go (and the temp folder
 * `temp` is made again, empty); its partial reports are kept as `report-<stamp>-interrupted.csv`
 * and `.jsonl` (whole lines only), since rows that run put in the ledger are in no other report.
 */
export async function sweepLeftovers(outDir: string, temp?: string): Promise<SweepResult> {
  const result: SweepResult = { removed: 0, kept: [] };
  if (temp !== undefined) {
    const folder = join(outDir, temp);
    if (await pathExists(folder)) result.removed += (await readdir(folder)).length;
    await rm(folder, { recursive: true, force: true });
    await ensureFolder(folder);
  }
  for (const name of await readdir(outDir)) {
    const partial = PARTIAL_REPORT.exec(name);
    if (partial !== null) {
      const kept = await keepPartialReport(outDir, name, partial[1]!, partial[2]!);
      if (kept === undefined) result.removed += 1;
      else result.kept.push(kept);
      continue;
    }
    if (!LEFTOVER.test(name)) continue;
    await rm(join(outDir, name), { force: true });
    result.removed += 1;
  }
  return result;
}

/** The one stderr line that says which interrupted runs' reports were kept, if any. */
export function keptReportsLine(outDir: string, sweep: SweepResult): string | undefined {
  if (sweep.kept.length === 0) return undefined;
  const names = sweep.kept.map((name) => `'${join(outDir, name)}'`).join(', ');
  return `kept the report of an interrupted run as ${names}`;
}
