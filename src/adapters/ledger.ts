import { createReadStream } from 'node:fs';
import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BadgesmithError } from '../core/errors.js';
import { ensureFolder, pathExists } from './files.js';
import { writeAll } from './out-folder.js';
import { LedgerIndex, type LedgerRecordExtra } from './id-table.js';
import { stableCredentialId } from '../core/model/roster-map.js';

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
  /** The issuer id the credential was signed as (older ledgers: none). */
  issuer?: string;
  /** 32 hex digits: what the credential was made from (`rowDataDigest` in roster-map.ts). */
  data?: string;
  /** 32 hex digits: the achievement as built (`achievementDigest`). */
  achievement?: string;
  /** 32 hex digits: the achievement id and the earner's name (`earnerNameDigest`). */
  who?: string;
}

/** What a rerun learns from a ledger besides its rows. */
export interface LedgerFacts {
  /**
   * Rows by the issuer id that signed them; an older line that names none counts for the
   * `issuerId` it was read with when its id is one that issuer gives its key, else under ''.
   */
  issuers: Map<string, number>;
  /** The issuer of the last line (undefined for an empty ledger). */
  lastIssuer?: string;
  /** For each achievement id, the {@link LedgerEntry.achievement} digests its rows were made from. */
  achievements: Map<string, Set<string>>;
  /** Whole lines that are no ledger entry (not JSON, or missing fields), and the first one's number. */
  garbage: { count: number; firstLine: number };
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

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function note(facts: LedgerFacts, entry: LedgerEntry, issuerId: string | undefined): void {
  let issuer = optionalText(entry.issuer);
  // Ledgers written before the issuer was recorded: the id tells whether this issuer made it.
  if (issuer === undefined && issuerId !== undefined) {
    issuer = stableCredentialId(issuerId, entry.key) === entry.id ? issuerId : '';
  }
  if (issuer === undefined) return;
  facts.issuers.set(issuer, (facts.issuers.get(issuer) ?? 0) + 1);
  facts.lastIssuer = issuer;
  const achievement = optionalText(entry.achievement);
  const space = entry.key.indexOf(' ');
  if (achievement === undefined || space < 0) return;
  const achievementId = entry.key.slice(0, space);
  let digests = facts.achievements.get(achievementId);
  if (digests === undefined) facts.achievements.set(achievementId, (digests = new Set()));
  digests.add(achievement);
}

/**
 * Reads the ledger of an output folder (none yet: empty) into a compact index by credential id
 * (see {@link LedgerIndex}; the last line of an id wins) and the {@link LedgerFacts}. A last line
 * cut short by a crash is left out; `validBytes` says where the whole lines end. `issuerId` is
 * the issuer of this run, for older lines that do not record theirs.
 */
export async function readLedger(
  outDir: string,
  issuerId?: string,
): Promise<{ done: LedgerIndex; validBytes: number; size: number; facts: LedgerFacts }> {
  const path = join(outDir, LEDGER_FILE);
  const done = new LedgerIndex();
  const facts: LedgerFacts = {
    issuers: new Map(),
    achievements: new Map(),
    garbage: { count: 0, firstLine: 0 },
  };
  if (!(await pathExists(path))) return { done, validBytes: 0, size: 0, facts };
  const { size } = await stat(path);
  let validBytes = 0;
  let number = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    number += 1;
    const length = Buffer.byteLength(line, 'utf8') + 1;
    if (validBytes + length > size) break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    validBytes += length;
    if (isEntry(parsed)) {
      const extra: LedgerRecordExtra = {};
      if (typeof parsed.row === 'number') extra.row = parsed.row;
      const data = optionalText(parsed.data);
      if (data !== undefined) extra.data = data;
      const who = optionalText(parsed.who);
      if (who !== undefined) extra.who = who;
      done.add(parsed.id, parsed.files.map(String), extra);
      note(facts, parsed, issuerId);
    } else if (line.trim() !== '') {
      if (facts.garbage.count === 0) facts.garbage.firstLine = number;
      facts.garbage.count += 1;
    }
  }
  return { done, validBytes, size, facts };
}

/**
 * An open, append-only ledger: entries go to disk in small groups, one write each; with `sync`
 * each group is also fdatasynced.
 */
export interface Ledger {
  path: string;
  /** The rows of earlier runs (this run's rows are not added: the run dedups them itself). */
  done: LedgerIndex;
  /** What the earlier runs' lines say besides their rows (issuers, achievements, bad lines). */
  facts: LedgerFacts;
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
  options: { groupSize?: number; intervalMs?: number; sync?: boolean; issuerId?: string } = {},
): Promise<Ledger> {
  await ensureFolder(outDir);
  const path = join(outDir, LEDGER_FILE);
  const { done, validBytes, size, facts } = await readLedger(outDir, options.issuerId);
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
        // A short write (a file size limit) must fail, not drop the group's tail silently.
        await writeAll(handle, lines.join(''));
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
  return { path, done, facts, append, flush, close };
}
