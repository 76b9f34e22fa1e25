import { availableParallelism } from 'node:os';
import type { AchievementInit, RowOutcome, RowTask, WorkerInit } from './issue-worker.js';
import type { RosterRow } from './roster.js';
import { startWorkerPool } from './worker-pool.js';

/** What a batch's rows are issued by: worker threads, or this thread (`jobs: 0`, tests). */
export interface RowEngine {
  add: (spec: AchievementInit) => void;
  run: (task: RowTask) => Promise<RowOutcome>;
  close: () => Promise<void>;
  size: number;
}

const WORKER_URL = new URL('./issue-worker.js', import.meta.url);

/**
 * Rows given to each worker before the run waits for one to finish. Enough that a worker always
 * has the next group of names queued while sharp draws the current one (16 a render) and its
 * files are being written; each holds a few kilobytes until its files are written.
 */
export const IN_FLIGHT_PER_WORKER = 32;

// Tests run the TypeScript sources, where no compiled worker exists: they issue in-process.
const canUseWorkers = !import.meta.url.endsWith('.ts');

/**
 * Starts the engine of a run: `jobs` worker threads (default one per core), or the row issuer in
 * this thread for `jobs: 0` and for tests, which run the TypeScript sources.
 *
 * @example const engine = await startRowEngine(undefined, init); engine.add(spec); await engine.run(task);
 */
export async function startRowEngine(
  jobs: number | undefined,
  init: WorkerInit,
): Promise<RowEngine> {
  const wanted = jobs ?? availableParallelism();
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

/** The file stem of a row the ledger has, from the first of its files. */
export const stemOf = (files: readonly string[]): string =>
  (files[0] ?? '').replace(/\.(credential\.jwt|credential\.json|png|svg)$/u, '');

/** The files a row gets, as the worker writes them: the credential, then the images. */
export function plannedFiles(stem: string, init: WorkerInit): string[] {
  const files = init.credentialFile
    ? [`${stem}${init.proof === 'di' ? '.credential.json' : '.credential.jwt'}`]
    : [];
  if (init.format !== 'svg') files.push(`${stem}.png`);
  if (init.format !== 'png') files.push(`${stem}.svg`);
  return files;
}

/**
 * The task a worker gets for a roster row: its sequence number, achievement, stable id and file
 * stem, and the row's own values (its issue date, else the run's).
 */
export function rowTask(
  seq: number,
  achievement: string,
  id: string,
  stem: string,
  row: RosterRow,
  issued: Date,
): RowTask {
  const task: RowTask = {
    seq,
    achievement,
    id,
    stem,
    name: row.name,
    email: row.email,
    issued: (row.issued ?? issued).toISOString(),
  };
  for (const field of ['identifier', 'evidence', 'narrative', 'result', 'language'] as const) {
    const value = row[field];
    if (value !== undefined) task[field] = value;
  }
  return task;
}
