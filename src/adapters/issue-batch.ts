import { createCredentialSigner, type ProofKind } from './credential-signer.js';
import { availableParallelism } from 'node:os';
import { BadgesmithError, isBadgesmithError } from '../core/errors.js';
import { buildAchievement } from '../core/model/achievement.js';
import { issuerProfileFrom, type OutputFormat } from '../core/model/config.js';
import { futureIssuedProblem } from '../core/model/dates.js';
import { fileStem } from '../core/model/file-slug.js';
import {
  achievementDigest,
  earnerNameDigest,
  rowDataDigest,
  rowKey,
  stableCredentialId,
} from '../core/model/roster-map.js';
import type { LoadedAchievement } from './achievement-file.js';
import type { LoadedIssuer } from './issuer-folder.js';
import { openReportWriter, type IssueRowReport } from './issue-report.js';
import { TEMP_FOLDER } from './batch-file-writer.js';
import {
  type AchievementInit,
  type RowOutcome,
  type RowTask,
  type WorkerInit,
} from './issue-worker.js';
import { LEDGER_FILE, openLedger, readLedger } from './ledger.js';
import {
  acquireOutLock,
  cleanUpRun,
  keptReportsLine,
  outputError,
  withOutputHint,
  sweepLeftovers,
} from './out-folder.js';
import { HashedSet, hexWords, IdMap, type LedgerRecord } from './id-table.js';
import {
  achievementChanged,
  CHANGED_REASON,
  expiredWarning,
  filesPresent,
  garbageWarning,
  otherIssuerError,
  repairReason,
  REISSUE_NOTE,
} from './issue-rerun.js';
import type { RosterRow } from './roster.js';
import { startWorkerPool } from './worker-pool.js';
import { join } from 'node:path';

/** One run of `issue`: who issues what to whom, in which format, and where the files go. */
export interface IssueBatch {
  issuer: LoadedIssuer;
  /** The achievement of rows that name none. */
  achievement?: LoadedAchievement;
  /** Loads an achievement a row names in its `achievement` column. */
  loadAchievement?: (ref: string) => Promise<LoadedAchievement>;
  rows: AsyncIterable<RosterRow> | Iterable<RosterRow>;
  format: OutputFormat;
  /** The proof format (default: `defaults.proof` of badgesmith.yaml). */
  proof?: ProofKind;
  outDir: string;
  /** The issue date of rows that have none of their own. */
  issued: Date;
  /** The run's clock: names the report, and dates over a day after it fail their row. */
  now: Date;
  /** Issue rows dated more than a day in the future (their badges are not valid until then). */
  allowFuture?: boolean;
  /** Worker threads; 0 issues in this thread. Default: one per core. */
  jobs?: number;
  /** Check every row and write nothing. */
  dryRun?: boolean;
  /** fsync every badge file before its rename (survives a power cut; slower). */
  fsync?: boolean;
  /**
   * Also write the credential on its own, `<name>.credential.jwt` (or `.json`), beside the
   * images that hold it baked (default true; false halves the files a run creates).
   */
  credentialFile?: boolean;
  /** Aborting stops taking rows; rows already started are finished and recorded. */
  signal?: AbortSignal;
  /** Called for each row, in roster order. */
  onRow?: (report: IssueRowReport) => void;
  /** Issue again, under the same ids and files, rows the ledger has with other data. */
  reissue?: boolean;
  /** Issue into a folder whose ledger holds another issuer's rows (everyone gets a new id). */
  newIssuer?: boolean;
  /**
   * Called with each run-wide warning (a kept report, what the clean-up left, a changed
   * achievement, unreadable ledger lines).
   */
  onWarning?: (text: string) => void;
}

/** What a run did, counted. */
export interface BatchSummary {
  total: number;
  issued: number;
  skipped: number;
  /** Of the skipped, rows the ledger has with other data (issued again with `reissue`). */
  changed: number;
  /** Of the issued, rows issued again under their id: files missing, a new format, `reissue`. */
  again: number;
  duplicates: number;
  failed: number;
  interrupted: boolean;
  /** The report files (not in a dry run). */
  report?: { csv: string; jsonl: string };
  ledger: string;
  /**
   * Set when an output error no later row escapes (a full disk, a file size limit, no
   * permission) stopped the run: the rows before it are issued and recorded, the rest are not.
   */
  stopped?: { code: 'ERR_OUTPUT_WRITE'; message: string; hint?: string };
}

/**
 * Throws ERR_USAGE_CONFLICT when the artwork cannot give the asked format: PNG artwork is baked
 * as it is and never turned into SVG.
 */
export function assertFormatFits(achievement: LoadedAchievement, format: OutputFormat): void {
  if (achievement.artwork.kind === 'png' && format !== 'png') {
    throw new BadgesmithError(
      'ERR_USAGE_CONFLICT',
      `--format '${format}' needs svg artwork, and '${achievement.artwork.file}' is png`,
      { hint: 'use --format png, or give the achievement an svg `template:`' },
    );
  }
}

type Resolved = { spec: AchievementInit; digest: string } | { error: string };

function reasonOf(error: unknown): string {
  if (isBadgesmithError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

const WORKER_URL = new URL('./issue-worker.js', import.meta.url);

// Rows given to each worker before the run waits for one to finish. Enough that a worker always
// has the next group of names queued while sharp draws the current one (16 a render) and files
// are written on the thread pool; each holds a few kilobytes until its files are written.
const IN_FLIGHT_PER_WORKER = 32;

// Tests run the TypeScript sources, where no compiled worker exists: they issue in-process.
const canUseWorkers = !import.meta.url.endsWith('.ts');

async function makeIssuer(batch: IssueBatch, init: WorkerInit) {
  const wanted = batch.jobs ?? availableParallelism();
  if (wanted < 1 || !canUseWorkers) {
    const { createRowIssuer } = await import('./issue-worker.js');
    const local = createRowIssuer(init);
    return {
      add: (spec: AchievementInit) => local.addAchievement(spec),
      run: (task: RowTask) => local.issue(task),
      close: () => Promise.resolve(),
      size: 1,
    };
  }
  const pool = startWorkerPool<RowTask, RowOutcome>(
    WORKER_URL,
    { badgesmithIssue: init },
    wanted,
    (tasks) => ({ type: 'tasks', tasks }),
    // A row leaves only short-lived garbage: a small young generation keeps each worker's
    // memory flat and near what a short run uses, at the cost of more (cheap) scavenges. The
    // old-generation cap makes V8 collect before it grows its heap: a worker holds a few rows'
    // credentials (kilobytes each) and the template; image bytes live outside the heap. With it
    // the peak for 100,000 static rows went from x1.54 to x1.37 that of 1,000 rows.
    { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
  );
  return {
    add: (spec: AchievementInit) => pool.broadcast({ type: 'achievement', spec }),
    run: pool.run,
    close: pool.close,
    size: pool.size,
  };
}

// Rows whose ledger lines are checked for their files together: up to three stats each at once.
const CHECK_GROUP = 64;
// Groups whose stats may be under way while the loop reads on.
const CHECKS_AHEAD = 4;

// A row on its way to the workers, with what its ledger line will record.
interface Planned {
  mine: number;
  base: IssueRowReport;
  row: RosterRow;
  spec: AchievementInit;
  id: string;
  stem: string;
  data: string;
  achievement: string;
  /** Said in the row's reason: why it is issued again, warnings. */
  notes: string[];
  /** Issued again under its id and stem (files missing, a new format, --reissue). */
  again?: boolean;
}

// Older ledger lines have no data digest: they count as made from the same data.
function sameData(previous: LedgerRecord, data: string): boolean {
  const words = hexWords(data);
  return (
    previous.data === undefined ||
    words === undefined ||
    previous.data.every((w, i) => w === words[i])
  );
}

const stemOf = (files: readonly string[]): string =>
  (files[0] ?? '').replace(/\.(credential\.jwt|credential\.json|png|svg)$/u, '');

// The files a dry run names for a row, as the worker writes them: the credential, then images.
function plannedFiles(stem: string, init: WorkerInit): string[] {
  const files = init.credentialFile
    ? [`${stem}${init.proof === 'di' ? '.credential.json' : '.credential.jwt'}`]
    : [];
  if (init.format !== 'svg') files.push(`${stem}.png`);
  if (init.format !== 'png') files.push(`${stem}.svg`);
  return files;
}

/**
 * Issues one credential per roster row, streaming: each row gets a stable id (issuer, achievement,
 * earner), rows the ledger has are skipped, a repeated row is reported as a duplicate, the rest
 * are signed, drawn, baked and written by worker threads. The ledger records each row once its
 * files are in place; the report lists every row in roster order. A bad row is reported and the
 * run goes on.
 */
export async function issueBatch(batch: IssueBatch): Promise<BatchSummary> {
  const { issuer, format, outDir } = batch;
  if (batch.achievement !== undefined) assertFormatFits(batch.achievement, format);
  const profile = issuerProfileFrom(issuer.config);
  const summary: BatchSummary = {
    total: 0,
    issued: 0,
    skipped: 0,
    changed: 0,
    again: 0,
    duplicates: 0,
    failed: 0,
    interrupted: false,
    ledger: join(outDir, LEDGER_FILE),
  };
  const dry = batch.dryRun === true;
  const release = dry ? undefined : await acquireOutLock(outDir);
  let engine: Awaited<ReturnType<typeof makeIssuer>> | undefined;
  try {
    if (!dry) {
      const kept = keptReportsLine(outDir, await sweepLeftovers(outDir, TEMP_FOLDER));
      if (kept !== undefined) batch.onWarning?.(kept);
    }
    const issuerId = issuer.config.issuer.id;
    const ledger = dry
      ? undefined
      : await openLedger(outDir, { sync: batch.fsync === true, issuerId });
    const { done, facts } = ledger ?? (await readLedger(outDir, issuerId));
    const garbage = garbageWarning(facts, summary.ledger);
    if (garbage !== undefined) batch.onWarning?.(garbage);
    // Before anything is signed: a new key's rows would all get new ids beside the old badges.
    const otherIssuer =
      batch.newIssuer === true ? undefined : otherIssuerError(facts, issuerId, outDir);
    if (otherIssuer !== undefined) throw otherIssuer;
    // Compact tables, not Maps of strings: a 100,000-row run keeps its memory near a short one's.
    const taken = new HashedSet();
    done.forEachFiles((files) => taken.add(stemOf(files)));
    const seen = new IdMap();
    const achievements = new Map<string, Promise<Resolved>>();
    const init: WorkerInit = {
      profile,
      privateJwk: issuer.signingKey.privateKey.export({ format: 'jwk' }),
      alg: issuer.signingKey.alg,
      kid: issuer.signingKey.kid,
      proof: batch.proof ?? issuer.config.defaults.proof,
      format,
      outDir,
      includeName: issuer.config.defaults.recipientName,
      fsync: batch.fsync === true,
      credentialFile: batch.credentialFile !== false,
    };
    // A key that cannot make this proof is refused here, before any worker starts.
    createCredentialSigner(issuer.signingKey, init.proof ?? 'jwt', profile.id);
    // Opened only after the checks above, so a refused run leaves no empty `.partial` reports.
    const report = dry ? undefined : await openReportWriter(outDir, batch.now);

    const waiting = new Map<number, IssueRowReport>();
    let nextOut = 0;
    const quiet = new Set<number>();
    const emit = (seq: number, row: IssueRowReport): void => {
      waiting.set(seq, row);
      for (let r = waiting.get(nextOut); r !== undefined; r = waiting.get(nextOut)) {
        waiting.delete(nextOut);
        nextOut += 1;
        if (r.status === 'issued' || r.status === 'would-issue') summary.issued += 1;
        else if (r.status === 'skipped') summary.skipped += 1;
        else if (r.status === 'duplicate') summary.duplicates += 1;
        else summary.failed += 1;
        report?.add(r);
        // Rows in flight that failed for the cause that stopped the run are in the report,
        // but the caller hears of the first only (the stop error says the rest).
        if (quiet.has(nextOut - 1)) quiet.delete(nextOut - 1);
        else batch.onRow?.(r);
      }
    };

    const resolve = (ref: string | undefined): Promise<Resolved> => {
      const key = ref ?? '';
      let found = achievements.get(key);
      if (found === undefined) {
        found = (async (): Promise<Resolved> => {
          try {
            const loaded =
              ref === undefined || batch.loadAchievement === undefined
                ? batch.achievement
                : await batch.loadAchievement(ref);
            if (loaded === undefined) {
              return { error: "no achievement: pass --achievement or add an 'achievement' column" };
            }
            assertFormatFits(loaded, format);
            const built = buildAchievement(loaded.spec, {
              issuerId: issuer.config.issuer.id,
              slug: loaded.slug,
            });
            const spec: AchievementInit = { key, built, artwork: loaded.artwork };
            if (loaded.spec.validFor !== undefined) spec.validFor = loaded.spec.validFor;
            const digest = achievementDigest(built, spec.validFor);
            if (achievementChanged(facts, built.id, digest)) {
              const then =
                batch.reissue === true
                  ? 'they are issued again with it'
                  : 'they are skipped; pass --reissue to issue them again with it';
              batch.onWarning?.(
                `the achievement '${loaded.file}' changed since rows of it were issued into '${outDir}': ${then}`,
              );
            }
            return { spec, digest };
          } catch (error) {
            return { error: reasonOf(error) };
          }
        })();
        achievements.set(key, found);
      }
      return found;
    };

    const sent = new Set<string>();
    const inflight = new Set<Promise<void>>();
    let fatal: Error | undefined;
    // The first output error that any later row would meet too: no new row is started.
    let stopped: BadgesmithError | undefined;
    let seq = 0;

    // Signs, draws and writes a row (in a dry run, only says what it would write).
    const dispatch = async (p: Planned): Promise<void> => {
      const { mine, base, row, spec, id, stem } = p;
      if (dry) {
        if (p.again === true) summary.again += 1;
        const reason = p.notes.length === 0 ? {} : { reason: p.notes.join('; ') };
        emit(mine, { ...base, status: 'would-issue', files: plannedFiles(stem, init), ...reason });
        return;
      }
      // Rows repaired from a file check and rows of the loop can both start the engine: once.
      starting ??= makeIssuer(batch, init);
      engine ??= await starting;
      if (!sent.has(spec.key)) {
        engine.add(spec);
        sent.add(spec.key);
      }
      const task: RowTask = {
        seq: mine,
        achievement: spec.key,
        id,
        stem,
        name: row.name,
        email: row.email,
        issued: (row.issued ?? batch.issued).toISOString(),
      };
      for (const field of ['identifier', 'evidence', 'narrative', 'result', 'language'] as const) {
        const value = row[field];
        if (value !== undefined) task[field] = value;
      }
      const job = engine
        .run(task)
        .then(async (outcome) => {
          if (outcome.error !== undefined) {
            if (outcome.output !== undefined) {
              if (stopped === undefined) {
                stopped = outputError(outcome.output.code, outcome.output.path);
              } else quiet.add(mine);
            }
            emit(mine, {
              ...base,
              files: outcome.files,
              reason: `row ${row.row}: ${outcome.error}`,
            });
            return;
          }
          const at = new Date().toISOString();
          await ledger?.append({
            id,
            key: rowKey(row, spec.built.id),
            row: row.row,
            files: outcome.files,
            at,
            issuer: issuerId,
            data: p.data,
            achievement: p.achievement,
            who: earnerNameDigest(spec.built.id, row.name),
          });
          if (p.again === true) summary.again += 1;
          const notes = outcome.warning === undefined ? p.notes : [...p.notes, outcome.warning];
          const reason = notes.length === 0 ? {} : { reason: notes.join('; ') };
          emit(mine, { ...base, status: 'issued', files: outcome.files, ...reason });
        })
        .catch((error: unknown) => {
          fatal ??= error instanceof Error ? error : new Error(String(error));
        })
        .finally(() => inflight.delete(job));
      inflight.add(job);
      if (inflight.size >= engine.size * IN_FLIGHT_PER_WORKER) await Promise.race(inflight);
    };

    // Rows the ledger has with the same data: one stat for each file this run would write, a
    // group at a time; a row with all of them is skipped, one missing any is written again.
    let checks: { planned: Planned; recorded: string[]; expected: string[] }[] = [];
    // The stats of a group run on the thread pool while the loop reads on; the groups' rows are
    // decided in order, at most CHECKS_AHEAD groups behind the loop.
    let starting: ReturnType<typeof makeIssuer> | undefined;
    let decided: Promise<void> = Promise.resolve();
    const ahead: Promise<void>[] = [];
    const checkGroup = (): Promise<void> => {
      const group = checks;
      checks = [];
      if (group.length === 0) return decided;
      const present = filesPresent(
        outDir,
        group.map((c) => c.expected),
      );
      decided = decided
        .then(async () => decide(group, await present))
        .catch((error: unknown) => {
          fatal ??= error instanceof Error ? error : new Error(String(error));
        });
      const mine = decided.finally(() => ahead.splice(ahead.indexOf(mine), 1));
      ahead.push(mine);
      return ahead.length > CHECKS_AHEAD ? ahead[0]! : Promise.resolve();
    };
    const decide = async (group: typeof checks, present: boolean[][]): Promise<void> => {
      for (const [i, { planned, recorded, expected }] of group.entries()) {
        const repair = repairReason(expected, present[i]!, recorded);
        if (repair === undefined) {
          const { mine, base } = planned;
          emit(mine, { ...base, status: 'skipped', files: recorded, reason: 'already issued' });
          continue;
        }
        planned.again = true;
        planned.notes.unshift(repair);
        await dispatch(planned);
      }
    };
    for await (const row of batch.rows) {
      if (batch.signal?.aborted === true) {
        summary.interrupted = true;
        break;
      }
      if (fatal !== undefined || stopped !== undefined) break;
      // Every row, not only issued ones: a rerun that skips 100,000 rows would otherwise hold
      // the whole report in memory (drain writes only once 64 KB are buffered).
      await report?.drain();
      const mine = seq;
      seq += 1;
      summary.total += 1;
      const base: IssueRowReport = {
        row: row.row,
        name: row.name,
        email: row.email,
        files: [],
        status: 'failed',
      };
      if (row.identifier !== undefined) base.identifier = row.identifier;
      if (row.problem !== undefined) {
        emit(mine, { ...base, reason: `row ${row.row}: ${row.problem}` });
        continue;
      }
      const future =
        batch.allowFuture === true
          ? undefined
          : futureIssuedProblem(row.issued ?? batch.issued, batch.now);
      if (future !== undefined) {
        emit(mine, {
          ...base,
          reason: `row ${row.row}: ${future}; pass --allow-future to issue it`,
        });
        continue;
      }
      const resolved = await resolve(row.achievement);
      if ('error' in resolved) {
        emit(mine, { ...base, reason: `row ${row.row}: ${resolved.error}` });
        continue;
      }
      const id = stableCredentialId(issuer.config.issuer.id, rowKey(row, resolved.spec.built.id));
      base.credentialId = id;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        const reason = `row ${row.row}: same earner and achievement as row ${earlier}`;
        emit(mine, { ...base, status: 'duplicate', reason });
        continue;
      }
      seen.set(id, row.row);
      const issuedAt = row.issued ?? batch.issued;
      const planned: Planned = {
        mine,
        base,
        row,
        spec: resolved.spec,
        id,
        stem: '',
        data: rowDataDigest(row, resolved.digest),
        achievement: resolved.digest,
        notes: [],
      };
      const expired = expiredWarning(issuedAt, resolved.spec.validFor, batch.now);
      if (expired !== undefined) planned.notes.push(expired);
      const previous = done.record(id);
      if (previous === undefined || previous.files.length === 0) {
        const earlier =
          batch.newIssuer === true
            ? undefined
            : done.sameNameElsewhere(earnerNameDigest(resolved.spec.built.id, row.name), id);
        if (earlier !== undefined) {
          planned.notes.push(
            `the ledger has the same name under another e-mail or identifier (row ${earlier} of an earlier run): check it is not the same person`,
          );
        }
        planned.stem = fileStem(row.name, id, taken);
        taken.add(planned.stem);
        await dispatch(planned);
        continue;
      }
      planned.stem = stemOf(previous.files);
      if (!sameData(previous, planned.data)) {
        if (batch.reissue !== true) {
          summary.changed += 1;
          emit(mine, { ...base, status: 'skipped', files: previous.files, reason: CHANGED_REASON });
          continue;
        }
        planned.again = true;
        planned.notes.unshift(REISSUE_NOTE);
        await dispatch(planned);
        continue;
      }
      // Rows the ledger has wait in a group whose files are looked for all at once.
      checks.push({
        planned,
        recorded: previous.files,
        expected: plannedFiles(planned.stem, init),
      });
      if (checks.length >= CHECK_GROUP) await checkGroup();
    }
    if (fatal === undefined && stopped === undefined) void checkGroup();
    await decided;
    await Promise.all(inflight);
    if (fatal !== undefined) throw withOutputHint(fatal);
    await ledger?.close().catch((error: Error) => Promise.reject(withOutputHint(error)));
    if (stopped !== undefined) {
      summary.stopped = { code: 'ERR_OUTPUT_WRITE', message: stopped.message };
      if (stopped.hint !== undefined) summary.stopped.hint = stopped.hint;
    }
    if (report !== undefined && stopped === undefined) summary.report = await report.finish();
    else if (report !== undefined) {
      // The stop's cause is the run's error; a report that cannot be put in place (a folder
      // made read-only) stays `.partial`, and the next run keeps it (sweepLeftovers).
      const finished = await report.finish().catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        batch.onWarning?.(`the report stays as '${report.paths.csv}.partial' and .jsonl: ${why}`);
        return undefined;
      });
      if (finished !== undefined) summary.report = finished;
    }
    return summary;
  } finally {
    // Never turns the run's own outcome into another error: what cannot go is named instead.
    await cleanUpRun(
      {
        ...(engine === undefined ? {} : { engine }),
        ...(dry ? {} : { temp: join(outDir, TEMP_FOLDER) }),
        ...(release === undefined ? {} : { release }),
      },
      (text) => batch.onWarning?.(text),
    );
  }
}
