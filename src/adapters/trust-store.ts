import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { isDidKey } from '../core/keys/did-key.js';
import { buildDidDocument } from '../core/keys/publish.js';
import { trustEntryFromJson, type TrustEntry } from '../core/verify/trust.js';
import { pathExists, readInputText, writeFileAtomic } from './files.js';
import { readTrustEntry } from './trust-files.js';

/**
 * The trust store folder: `explicit` (`--trust-store <dir>`), else `BADGESMITH_TRUST_STORE`,
 * else `$XDG_CONFIG_HOME/badgesmith/trust`, else `~/.config/badgesmith/trust`.
 *
 * @example trustStoreDir(process.env) // '/home/ada/.config/badgesmith/trust'
 */
export function trustStoreDir(env: NodeJS.ProcessEnv, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const override = env.BADGESMITH_TRUST_STORE;
  if (override !== undefined && override !== '') return override;
  const config = env.XDG_CONFIG_HOME;
  const base = config !== undefined && config !== '' ? config : join(homedir(), '.config');
  return join(base, 'badgesmith', 'trust');
}

/** One stored file: its name in the store, and the issuer and keys it vouches for. */
export interface StoredTrust {
  name: string;
  entry: TrustEntry;
}

/**
 * The file name an entry is stored under: a readable slug of the issuer id, a hash of the full id
 * (two ids with the same slug never collide) and the kind, e.g.
 * `did_web_badges.example.org-1a2b3c4d.did-document.json`.
 */
export function storedNameOf(entry: TrustEntry): string {
  const slug = entry.issuerId.replace(/[^A-Za-z0-9.-]+/gu, '_').slice(0, 80);
  const hash = createHash('sha256').update(entry.issuerId, 'utf8').digest('hex').slice(0, 8);
  return `${slug}-${hash}.${entry.kind}.json`;
}

// A store path that is a file (a typo in BADGESMITH_TRUST_STORE) cannot hold entries; it is
// named, so the user can fix the setting, instead of failing later on readdir or mkdir.
async function assertStoreFolder(dir: string): Promise<boolean> {
  let info: Stats;
  try {
    info = await stat(dir);
  } catch {
    return false;
  }
  if (info.isDirectory()) return true;
  throw new BadgesmithError(
    'ERR_TRUST_STORE_NOT_FOLDER',
    `trust store '${dir}' is a file, not a folder`,
    {
      hint: 'the trust store must be a folder: pass --trust-store <dir>, or set BADGESMITH_TRUST_STORE to a folder',
    },
  );
}

async function storedFiles(dir: string): Promise<string[]> {
  if (!(await assertStoreFolder(dir))) return [];
  const names = await readdir(dir);
  return names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
}

/** A `.json` file in the trust store that is not a trust entry: skipped, and why. */
export interface TrustStoreProblem {
  name: string;
  path: string;
  reason: string;
  /** A folder with something in it: `trust remove` refuses it, so the user deletes it. */
  fullFolder?: true;
}

/** What {@link readTrustStore} found: the entries, and the files it skipped. */
export interface TrustStoreContents {
  entries: StoredTrust[];
  problems: TrustStoreProblem[];
}

// The reader's message names the file; the warning names it already, so the reason says "it".
function reasonOf(error: BadgesmithError, path: string): string {
  const named = `trust file '${path}'`;
  return error.message.includes(named) ? error.message.replace(named, 'it') : error.message;
}

// lstat: a link to a folder is removed by `trust remove` like a file.
async function isFullFolder(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory() && (await readdir(path)).length > 0;
  } catch {
    return false;
  }
}

/**
 * Every entry of the trust store, in file-name order; a missing folder is an empty store, a file
 * in its place ERR_TRUST_STORE_NOT_FOLDER. A file
 * that is not a trust entry (not JSON, not a did.json / jwks.json / profile, unreadable) is
 * skipped and listed in `problems`, so one stray file does not stop every `verify`.
 */
export async function readTrustStore(dir: string): Promise<TrustStoreContents> {
  const entries: StoredTrust[] = [];
  const problems: TrustStoreProblem[] = [];
  for (const name of await storedFiles(dir)) {
    const path = join(dir, name);
    try {
      const entry = await readTrustEntry(path);
      entries.push({ name, entry: { ...entry, source: `trust store: ${name}` } });
    } catch (error) {
      if (!(error instanceof BadgesmithError)) throw error;
      const problem: TrustStoreProblem = { name, path, reason: reasonOf(error, path) };
      if (await isFullFolder(path)) problem.fullFolder = true;
      problems.push(problem);
    }
  }
  return { entries, problems };
}

// POSIX shell single quotes, so the command in a warning can be pasted as it is.
function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

// badgesmith leaves a full folder alone (its contents are not ours to judge); the user may not.
function fullFolderRemoval(path: string): string {
  return `rm -r ${shellQuoted(path)}`;
}

/**
 * The command that removes a skipped trust store file; it names the store, so it works however
 * the store was chosen (flag, environment or default).
 *
 * @example trustRemoveCommand({ name: 'a.json', path: '/t/a.json', reason: 'it is not JSON' })
 * // "badgesmith trust remove 'a.json' --trust-store '/t'"
 */
export function trustRemoveCommand(problem: TrustStoreProblem): string {
  const dir = resolve(dirname(problem.path));
  return `badgesmith trust remove ${shellQuoted(problem.name)} --trust-store ${shellQuoted(dir)}`;
}

/**
 * The warning for a skipped trust store file, as `trust list` and `verify` print it after
 * `warning: `, with the command that removes it (`rm -r` for a folder with files in it, which
 * `trust remove` refuses).
 *
 * @example trustStoreWarning({ name: 'a.json', path: '/t/a.json', reason: 'it is not JSON' })
 */
export function trustStoreWarning(problem: TrustStoreProblem): string {
  if (problem.fullFolder === true) {
    return `trust store folder '${problem.path}' is not a trust entry (it is a folder with files in it); look inside it, then delete it yourself: ${fullFolderRemoval(problem.path)}`;
  }
  return `trust store file '${problem.path}' is not a trust entry (${problem.reason}); remove it with: ${trustRemoveCommand(problem)}`;
}

/**
 * Adds one trust file (did.json, jwks.json, issuer profile) or a literal `did:key:…` to the
 * store, after checking it reads as trust (ERR_TRUST_INVALID otherwise). An entry of the same
 * issuer and kind is replaced.
 */
export async function addToTrustStore(
  dir: string,
  value: string,
  path = value,
): Promise<{ stored: StoredTrust; replaced: boolean }> {
  let text: string;
  let entry: TrustEntry;
  if (isDidKey(value)) {
    entry = await readTrustEntry(value);
    const key = entry.keys[0]!;
    const doc = buildDidDocument(entry.issuerId, [{ publicJwk: key.publicJwk, kid: key.kid! }]);
    entry = trustEntryFromJson(doc, value);
    text = `${JSON.stringify(doc, null, 2)}\n`;
  } else {
    entry = await readTrustEntry(value, path);
    text = await readInputText(path, 'trust file');
  }
  await assertStoreFolder(dir);
  const name = storedNameOf(entry);
  const target = join(dir, name);
  const replaced = await pathExists(target);
  await writeFileAtomic(target, text, { overwrite: true });
  return { stored: { name, entry: { ...entry, source: `trust store: ${name}` } }, replaced };
}

/** What {@link removeFromTrustStore} removed: an entry, or a file that was not one. */
export type RemovedTrust = StoredTrust | TrustStoreProblem;

// A folder named like a trust file goes only when it is empty: its contents are not ours to
// judge, so a full one is left for the user to look into. A symbolic link is removed itself
// (lstat), dangling or not: its target is not in the store.
async function removeStoreFile(problem: TrustStoreProblem): Promise<void> {
  if (!(await lstat(problem.path)).isDirectory()) {
    await rm(problem.path);
    return;
  }
  try {
    await rmdir(problem.path);
  } catch {
    throw new BadgesmithError(
      'ERR_TRUST_INVALID',
      `trust store folder '${problem.path}' is not empty, so it was not removed`,
      { hint: `look inside it, then delete it yourself: ${fullFolderRemoval(problem.path)}` },
    );
  }
}

/**
 * Removes entries by stored file name, by that file's path, or by issuer id (every kind of that
 * issuer); a file that is not a trust entry (the ones `readTrustStore` lists in `problems`) is
 * removed by its name or path. Nothing matching is ERR_TRUST_NOT_FOUND.
 *
 * @example await removeFromTrustStore(dir, 'did:web:badges.example.org')
 */
export async function removeFromTrustStore(dir: string, ref: string): Promise<RemovedTrust[]> {
  const { entries, problems } = await readTrustStore(dir);
  const named = (name: string): boolean => resolve(dir, ref) === resolve(dir, name);
  const gone = entries.filter((item) => named(item.name) || item.entry.issuerId === ref);
  const broken = problems.filter((problem) => named(problem.name));
  if (gone.length === 0 && broken.length === 0) {
    throw new BadgesmithError('ERR_TRUST_NOT_FOUND', `'${ref}' is not in the trust store`, {
      hint: `run \`badgesmith trust list\` to see the stored names and issuer ids (store: '${dir}')`,
    });
  }
  for (const item of gone) await rm(join(dir, item.name));
  for (const problem of broken) await removeStoreFile(problem);
  return [...gone, ...broken];
}
