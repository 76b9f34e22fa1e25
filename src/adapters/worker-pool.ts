import { Worker, type ResourceLimits } from 'node:worker_threads';

/** A fixed set of worker threads that each take tasks and answer one result per task. */
export interface WorkerPool<TTask, TResult> {
  size: number;
  /** Runs a task on the least busy worker. */
  run: (task: TTask) => Promise<TResult>;
  /** Sends a message to every worker (in order with the tasks sent after it). */
  broadcast: (message: unknown) => void;
  close: () => Promise<void>;
}

interface Slot<TTask, TResult> {
  worker: Worker;
  pending: Map<number, { resolve: (r: TResult) => void; reject: (e: unknown) => void }>;
  /** Tasks given in this turn of the event loop, posted together at its end. */
  queued: TTask[];
}

/**
 * Starts `size` workers from the module at `url`, each given `workerData`. Tasks and results
 * carry a `seq` number that pairs them. The tasks a worker is given in one turn of the event
 * loop go in one message, built by `wrap`; a worker may answer with one result or an array of
 * them. A message costs each side about a tenth of a millisecond (0.2-0.4 ms a row, measured),
 * more than signing a small credential. A worker that dies rejects its pending tasks and every
 * later one: the run then stops with that error rather than hang. `resourceLimits` caps each
 * worker's V8 heap (e.g. a small young generation, so memory stays flat over a long run).
 *
 * @example const pool = startWorkerPool<RowTask, RowOutcome>(url, data, 2, (tasks) => ({ type: 'tasks', tasks }));
 */
export function startWorkerPool<TTask extends { seq: number }, TResult extends { seq: number }>(
  url: URL,
  workerData: unknown,
  size: number,
  wrap: (tasks: TTask[]) => unknown,
  resourceLimits?: ResourceLimits,
): WorkerPool<TTask, TResult> {
  let failure: Error | undefined;
  const slots: Slot<TTask, TResult>[] = [];
  const fail = (slot: Slot<TTask, TResult>, error: Error): void => {
    failure ??= error;
    for (const { reject } of slot.pending.values()) reject(error);
    slot.pending.clear();
  };
  for (let i = 0; i < size; i += 1) {
    const worker = new Worker(url, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
    const slot: Slot<TTask, TResult> = { worker, pending: new Map(), queued: [] };
    worker.on('message', (message: TResult | TResult[]) => {
      for (const result of Array.isArray(message) ? message : [message]) {
        const waiter = slot.pending.get(result.seq);
        slot.pending.delete(result.seq);
        waiter?.resolve(result);
      }
    });
    worker.on('error', (error) => fail(slot, error));
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(slot, new Error(`a worker thread stopped (exit ${code})`));
    });
    slots.push(slot);
  }
  const run = (task: TTask): Promise<TResult> => {
    if (failure !== undefined) return Promise.reject(failure);
    let best = slots[0]!;
    for (const slot of slots) if (slot.pending.size < best.pending.size) best = slot;
    return new Promise<TResult>((resolve, reject) => {
      best.pending.set(task.seq, { resolve, reject });
      best.queued.push(task);
      if (best.queued.length === 1) setImmediate(post, best);
    });
  };
  const post = (slot: Slot<TTask, TResult>): void => {
    if (slot.queued.length === 0) return;
    const tasks = slot.queued;
    slot.queued = [];
    slot.worker.postMessage(wrap(tasks));
  };
  // A broadcast goes after the tasks given before it, so every worker sees one order.
  const broadcast = (message: unknown): void => {
    for (const slot of slots) {
      post(slot);
      slot.worker.postMessage(message);
    }
  };
  const close = async (): Promise<void> => {
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  };
  return { size, run, broadcast, close };
}
