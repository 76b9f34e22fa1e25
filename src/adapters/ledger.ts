import { createReadStream } from 'node:fs';
import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BadgesmithError } from '../core/errors.js';
import { ensureFolder, pathExists } from './files.js';
import { LedgerIndex } from './id-table.js';

/** The ledger's file name inside the output folder. */
export const LEDGER_FILE = 'issue-ledger.jsonl';

/** One issued credential, as the ledger records it after its files are in place. */
export interface LedgerEntry {
  /** The stable credential id (`urn:uuid`, version 5). */
  id: string;
  /** The row key: achievement id and earner. */
  key: string;
  row: number;
  /** Files written, relative to the output folder. */
  files: string[];
  at: string;
}

function isEntry(value: unknown): value is LedgerEntry {
  const v = value as Partial<LedgerEntry> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.key === 'string' &&
    Array.isArray(v.files)
  );
}

/**
 * Reads the ledger of an output folder (none yet: empty) into a compact index by credential id
 * (the ids and file names only, see {@link LedgerIndex}). A last line cut short by a crash is
 * left out; `validBytes` says where the whole lines end.
 */
export async function readLedger(
  outDir: string,
): Promise<{ done: LedgerIndex; validBytes: number; size: number }> {
  const path = join(outDir, LEDGER_FILE);
  const done = new LedgerIndex();
  if (!(await pathExists(path))) return { done, validBytes: 0, size: 0 };
  const { size } = await stat(path);
  let validBytes = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const length = Buffer.byteLength(line, 'utf8') + 1;
    if (validBytes + length > size) break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    validBytes += length;
    if (isEntry(parsed)) done.add(parsed.id, parsed.files.map(String));
  }
  return { done, validBytes, size };
}

/**
 * An open, append-only ledger: entries go to disk in small groups, one write each; with `sync`
 * each group is also fdatasynced.
 */
export interface Ledger {
  path: string;
  /** The rows of earlier runs (this run's rows are not added: the run dedups them itself). */
  done: LedgerIndex;
  /** Records an issued row; written with the next group. */
  append: (entry: LedgerEntry) => Promise<void>;
  /** Writes what is buffered (and fdatasyncs it with `sync`). */
  flush: () => Promise<void>;
  /** Writes what is buffered, fdatasyncs the file (always) and closes it. */
  close: () => Promise<void>;
}

/**
 * Opens the ledger of `outDir` for appending. A line torn by a crash is cut off first, so the
 * file stays one JSON object per line. Entries are written every `groupSize` rows or
 * `intervalMs`, whichever comes first; a crash loses at most that group, whose rows are then
 * issued again under the same ids and file names. Each group is fdatasynced only with `sync`
 * (`issue --fsync`, which also syncs every badge file): without it the badge files are not on
 * the disk either, so syncing their ledger lines would promise nothing more after a power cut,
 * and a process crash loses nothing the kernel was given.
 */
export async function openLedger(
  outDir: string,
  options: { groupSize?: number; intervalMs?: number; sync?: boolean } = {},
): Promise<Ledger> {
  await ensureFolder(outDir);
  const path = join(outDir, LEDGER_FILE);
  const { done, validBytes, size } = await readLedger(outDir);
  if (validBytes < size) await truncate(path, validBytes);
  const handle: FileHandle = await open(path, 'a');
  const groupSize = options.groupSize ?? 64;
  const intervalMs = options.intervalMs ?? 200;
  let buffer: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const lines = buffer;
    buffer = [];
    writing = writing.then(async () => {
      if (lines.length === 0 || failure !== undefined) return;
      try {
        await handle.write(lines.join(''));
        if (options.sync === true) await handle.datasync();
      } catch (error) {
        failure = new BadgesmithError('ERR_FILE_WRITE', `cannot write the ledger '${path}'`, {
          cause: error,
        });
      }
    });
    return writing.then(() => {
      if (failure !== undefined) throw failure;
    });
  };
  const append = (entry: LedgerEntry): Promise<void> => {
    if (failure !== undefined) return Promise.reject(failure);
    buffer.push(`${JSON.stringify(entry)}\n`);
    // The group goes to disk in the background; a write error is kept and thrown by the next
    // append or by close, so the run stops rather than go on without a ledger.
    if (buffer.length >= groupSize) void flush().catch(() => undefined);
    else timer ??= setTimeout(() => void flush().catch(() => undefined), intervalMs);
    return Promise.resolve();
  };
  const close = async (): Promise<void> => {
    try {
      await flush();
      if (failure === undefined) await handle.datasync();
    } finally {
      await handle.close();
    }
  };
  return { path, done, append, flush, close };
}
