import { access, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { addDuration, toDateTimeZ } from '../core/model/dates.js';
import { hexWords, type LedgerRecord } from './id-table.js';
import type { LedgerFacts } from './ledger.js';

/**
 * What a rerun decides for a row the ledger already has (issue #5): the checks are here, the
 * loop that applies them is in issue-batch.ts.
 */

/** The reason of a row the ledger has with other data, skipped unless `--reissue`. */
export const CHANGED_REASON =
  'already issued with other data (the name, dates, evidence, result, language or the achievement changed); pass --reissue to issue it again';

/** The reason note of a row issued again under its id because its data changed. */
export const REISSUE_NOTE = 'issued again with other data (--reissue)';

/**
 * Whether a row the ledger has was made from the same data as now (its digest); older ledger
 * lines have no digest and count as the same.
 */
export function sameRowData(previous: LedgerRecord, data: string): boolean {
  const words = hexWords(data);
  return (
    previous.data === undefined ||
    words === undefined ||
    previous.data.every((w, i) => w === words[i])
  );
}

/**
 * Whether every part of an issued row's reason says only why it was issued again (files
 * missing, a format added, --reissue), with no warning about the badge itself.
 */
export function onlyRerunNotes(reason: string): boolean {
  return reason
    .split('; ')
    .every((part) => part === REISSUE_NOTE || /^(files missing: |adds the )/u.test(part));
}

/**
 * The error for an output folder whose ledger's last rows were signed by another issuer (a new
 * key is a new `did:key`): every stable id would change, so the run would issue everyone again
 * beside the old badges. Undefined when the folder is this issuer's (or new).
 */
export function otherIssuerError(
  facts: LedgerFacts,
  issuerId: string,
  outDir: string,
): BadgesmithError | undefined {
  const last = facts.lastIssuer;
  if (last === undefined || last === issuerId) return undefined;
  let others = 0;
  for (const [issuer, count] of facts.issuers) if (issuer !== issuerId) others += count;
  const who = last === '' ? 'another issuer (older ledger lines do not name it)' : `'${last}'`;
  return new BadgesmithError(
    'ERR_OUTPUT_OTHER_ISSUER',
    `the ledger in '${outDir}' holds ${others} rows issued by ${who}, not by this issuer '${issuerId}'`,
    {
      hint: 'issue into a new --out folder, or pass --new-issuer to issue everyone again under the new issuer id',
    },
  );
}

/**
 * Whether the ledger has rows of this achievement id made from another version of it (its
 * name, description, criteria or validFor changed since).
 */
export function achievementChanged(
  facts: LedgerFacts,
  achievementId: string,
  digest: string,
): boolean {
  const digests = facts.achievements.get(achievementId);
  if (digests === undefined) return false;
  return [...digests].some((d) => d !== digest);
}

/** The one warning for unreadable ledger lines, or undefined when there are none. */
export function garbageWarning(facts: LedgerFacts, path: string): string | undefined {
  const { count, firstLine } = facts.garbage;
  if (count === 0) return undefined;
  const lines = count === 1 ? `1 line that is` : `${count} lines that are`;
  return `the ledger '${path}' has ${lines} no ledger entry (first: line ${firstLine}); they are ignored, so their rows are issued again`;
}

/**
 * What the validity of a row's badge says, from its issue date and the achievement's validFor
 * (computed once): `problem` when validUntil would fall past 9999-12-31, which an OB 3.0
 * DateTimeZ (four-digit years) cannot hold, so the row fails (the YAML caps validFor at 1000
 * years, but an issue date near 9999 with `--allow-future` can still overflow); `warning` when
 * the badge has expired already (a past issue date and a short validFor; OB 3.0 section 5.1
 * step 4 fails a credential after its validUntil).
 */
export function validityOf(
  issued: Date,
  validFor: string | undefined,
  now: Date,
): { problem?: string; warning?: string } {
  const until = validFor === undefined ? undefined : addDuration(issued, validFor);
  if (until === undefined) return {};
  const span = `issued ${toDateTimeZ(issued)} + validFor ${validFor}`;
  if (until.getUTCFullYear() > 9999) {
    return {
      problem: `${span} ends past 9999-12-31, which a badge's dates cannot hold; give the row an earlier issue date or the achievement a shorter validFor`,
    };
  }
  if (until.getTime() > now.getTime()) return {};
  return {
    warning: `expired on ${toDateTimeZ(until)} already (issued ${toDateTimeZ(issued)} + ${validFor})`,
  };
}

/**
 * Why a done row must be written again, or undefined when every file this run would write for it
 * is there: `files missing: x.png` for a file the ledger lists that is gone, `adds the svg` for
 * one an earlier run did not write (another `--format`, or the credential file after
 * `--no-credential-file`).
 */
export function repairReason(
  expected: readonly string[],
  present: readonly boolean[],
  recorded: readonly string[],
): string | undefined {
  const gone: string[] = [];
  const added: string[] = [];
  expected.forEach((file, i) => {
    if (present[i] === true) return;
    if (recorded.includes(file)) gone.push(file);
    else added.push(/\.(png|svg)$/u.test(file) ? file.slice(-3) : 'credential file');
  });
  const parts: string[] = [];
  if (gone.length > 0) parts.push(`files missing: ${gone.join(', ')}`);
  if (added.length > 0) parts.push(`adds the ${added.join(' and the ')}`);
  return parts.length === 0 ? undefined : parts.join('; ');
}

// One look-up a file. While they are quick (a local disk, the inodes cached) they are blocking
// existsSync calls: 200,000 of them (a rerun of a finished 100,000-row run) took 0.8 s that way
// against 3-4 s of main-thread time through the thread pool, whose queueing costs more than the
// look-up. Once a group's look-ups average over half a millisecond (a network share, a cold
// disk; one slow call can be a busy machine's preemption) the rest of the run goes through the
// thread pool, a group at a time, so the loop is never held up by a slow disk.
const SLOW_LOOKUP_MS = 0.5;
let slowDisk = false;

const lookUp = (path: string): Promise<boolean> =>
  new Promise((resolve) => access(path, (error) => resolve(error === null)));

/**
 * Which files of each row are in `outDir`: one look-up a file, blocking while they are quick,
 * else all of a group's at once on the thread pool (the caller bounds the group).
 */
export async function filesPresent(
  outDir: string,
  rows: readonly (readonly string[])[],
): Promise<boolean[][]> {
  if (!slowDisk) {
    const start = performance.now();
    let count = 0;
    const present = rows.map((files) =>
      files.map((file) => {
        count += 1;
        return existsSync(join(outDir, file));
      }),
    );
    if (performance.now() - start > SLOW_LOOKUP_MS * Math.max(count, 1)) slowDisk = true;
    return present;
  }
  return Promise.all(rows.map((files) => Promise.all(files.map((f) => lookUp(join(outDir, f))))));
}
