import type { BatchSummary } from './batch-types.js';
import type { IssueRowReport } from './issue-report.js';

/** Puts the rows of a run back in roster order as they settle, counting and reporting each. */
export interface RowOrder {
  /** The row of sequence number `seq` is settled: it goes out once every earlier row has. */
  emit: (seq: number, row: IssueRowReport) => void;
  /** Row `seq` goes in the counts and the report, but not to `onRow` (a stop error says it). */
  hush: (seq: number) => void;
}

/**
 * Rows settle out of order (workers finish when they finish); the summary, the report and
 * `onRow` see them in roster order. Only rows not yet in order are held.
 *
 * @example const order = rowOrder(summary, report, batch.onRow); order.emit(0, row);
 */
export function rowOrder(
  summary: BatchSummary,
  report: { add: (row: IssueRowReport) => void } | undefined,
  onRow: ((row: IssueRowReport) => void) | undefined,
): RowOrder {
  const waiting = new Map<number, IssueRowReport>();
  const hushed = new Set<number>();
  let next = 0;
  const emit = (seq: number, row: IssueRowReport): void => {
    waiting.set(seq, row);
    for (let r = waiting.get(next); r !== undefined; r = waiting.get(next)) {
      waiting.delete(next);
      const at = next;
      next += 1;
      if (r.status === 'issued' || r.status === 'would-issue') summary.issued += 1;
      else if (r.status === 'skipped') summary.skipped += 1;
      else if (r.status === 'duplicate') summary.duplicates += 1;
      else summary.failed += 1;
      report?.add(r);
      if (!hushed.delete(at)) onRow?.(r);
    }
  };
  return { emit, hush: (seq) => void hushed.add(seq) };
}
