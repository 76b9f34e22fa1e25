import { join } from 'node:path';
import type { BadgesmithError } from '../core/errors.js';
import { issuerProfileFrom } from '../core/model/config.js';
import { futureIssuedProblem } from '../core/model/dates.js';
import { fileStem } from '../core/model/file-slug.js';
import {
  earnerNameDigest,
  rowDataDigest,
  rowKey,
  stableCredentialId,
} from '../core/model/roster-map.js';
import { achievementResolver, assertFormatFits } from './batch-achievements.js';
import { TEMP_FOLDER } from './batch-file-writer.js';
import type { BatchSummary, IssueBatch } from './batch-types.js';
import { createCredentialSigner } from './credential-signer.js';
import { HashedSet, IdMap } from './id-table.js';
import { openReportWriter, type IssueRowReport } from './issue-report.js';
import {
  CHANGED_REASON,
  filesPresent,
  garbageWarning,
  otherIssuerError,
  repairReason,
  REISSUE_NOTE,
  sameRowData,
  validityOf,
} from './issue-rerun.js';
import type { AchievementInit, WorkerInit } from './issue-worker.js';
import { LEDGER_FILE, openLedger, readLedger } from './ledger.js';
import {
  acquireOutLock,
  cleanUpRun,
  keptReportsLine,
  outputError,
  asOutputError,
  sweepLeftovers,
  withOutputHint,
} from './out-folder.js';
import type { RosterRow } from './roster.js';
import { rowOrder } from './row-order.js';
import {
  IN_FLIGHT_PER_WORKER,
  plannedFiles,
  rowTask,
  startRowEngine,
  stemOf,
  type RowEngine,
} from './row-engine.js';

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

export type { BatchSummary, IssueBatch } from './batch-types.js';

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
  let engine: RowEngine | undefined;
  try {
    if (!dry) {
      const kept = keptReportsLine(outDir, await sweepLeftovers(outDir, TEMP_FOLDER));
      if (kept !== undefined) batch.onWarning?.(kept);
    }
    const issuerId = issuer.config.issuer.id;
    const ledger = dry
      ? undefined
      : await openLedger(outDir, { sync: batch.fsync === true, issuerId }).catch(
          asOutputError(summary.ledger),
        );
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
    const report = dry
      ? undefined
      : await openReportWriter(outDir, batch.now).catch(asOutputError(outDir));

    // Rows in flight that fail for the cause that stopped the run are hushed: in the report,
    // but the caller hears of the first only (the stop error says the rest).
    const order = rowOrder(summary, report, batch.onRow);
    const emit = order.emit;

    const resolve = achievementResolver(batch, facts);

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
      // A row read before the run stopped whose files were still being looked for: not begun,
      // but in the report, so the report and the summary count every row read.
      if (stopped !== undefined || fatal !== undefined) {
        order.hush(mine);
        emit(mine, { ...base, reason: `row ${row.row}: not issued: the run stopped before it` });
        return;
      }
      // Rows repaired from a file check and rows of the loop can both start the engine: once.
      starting ??= startRowEngine(batch.jobs, init);
      engine ??= await starting;
      if (!sent.has(spec.key)) {
        engine.add(spec);
        sent.add(spec.key);
      }
      const task = rowTask(mine, spec.key, id, stem, row, batch.issued);
      const job = engine
        .run(task)
        .then(async (outcome) => {
          if (outcome.error !== undefined) {
            if (outcome.output !== undefined) {
              if (stopped === undefined) {
                stopped = outputError(outcome.output.code, outcome.output.path);
              } else order.hush(mine);
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
    let starting: Promise<RowEngine> | undefined;
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
    // Whether the row before was put in the group of checks.
    let lastChecked = false;
    for await (const row of batch.rows) {
      // Rows are reported in roster order: a group of checks must not wait for the roster's end
      // behind rows issued after it (a rerun that finds its first rows done would hold back its
      // whole report, and a crash would lose it), so a group is checked once a row of another
      // kind follows it.
      if (!lastChecked && checks.length > 0) await checkGroup();
      lastChecked = false;
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
      const validity = validityOf(row.issued ?? batch.issued, resolved.spec.validFor, batch.now);
      if (validity.problem !== undefined) {
        emit(mine, { ...base, reason: `row ${row.row}: ${validity.problem}` });
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
      if (validity.warning !== undefined) planned.notes.push(validity.warning);
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
      if (!sameRowData(previous, planned.data)) {
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
      lastChecked = true;
      if (checks.length >= CHECK_GROUP) await checkGroup();
    }
    // The last group, also after a stop: its rows were read, so they are reported.
    void checkGroup();
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
