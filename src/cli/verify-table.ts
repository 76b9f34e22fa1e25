/**
 * `verify` output for many files: one row per file (verdict, file, reason), and the reports of
 * files that could not be used at all, so that one bad file never stops the others.
 */
import { EXIT, type BadgesmithError } from '../core/errors.js';
import {
  CHECK_ORDER,
  firstProblem,
  type CheckResult,
  type Verdict,
  type VerificationReport,
} from '../core/verify/index.js';
import type { CliContext } from './context.js';

/** A report, or the stand-in for a file that is not a usable badge (with the error). */
export type VerifyRow = VerificationReport & {
  error?: { code: string; message: string; hint?: string; exitCode: number };
};

/** The report of a file that could not be read or is not a badge: extract failed, with why. */
export function unusableRow(file: string, error: BadgesmithError): VerifyRow {
  const checks: CheckResult[] = CHECK_ORDER.map((name) =>
    name === 'extract'
      ? { name, outcome: 'failed', message: error.message }
      : { name, outcome: 'skipped', message: 'not run: the file is not a usable badge' },
  );
  return {
    file,
    verdict: 'invalid',
    checks,
    warnings: [],
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      exitCode: error.exitCode,
    },
  };
}

/** The stderr lines for an unusable file, as the CLI prints any error: message, then hint. */
export function unusableLines(file: string, error: BadgesmithError): string {
  const named = error.message.includes(file) ? error.message : `'${file}': ${error.message}`;
  const lines = [`badgesmith: error: ${named}`];
  if (error.hint !== undefined) lines.push(`hint: ${error.hint}`);
  return lines.join('\n');
}

/** The reason of a row in one line: the first failed check, else the first undecided one. */
export function reasonOf(row: VerifyRow): string {
  if (row.error !== undefined) return `unusable: ${row.error.message}`;
  const first = firstProblem(row.checks);
  if (first !== undefined) return `${first.name}: ${first.message}`;
  const { achievement, issuerName, issuer } = row.credential ?? {};
  const by = issuerName ?? issuer;
  if (achievement !== undefined)
    return by === undefined ? achievement : `${achievement}, issued by ${by}`;
  return 'every check passed';
}

/**
 * The exit code of a run: an unusable file wins (65, or 66 for one that could not be read),
 * because the answer is then incomplete; else 1 when any is NOT VALID, 2 when any CANNOT TELL.
 */
export function exitCodeOfRows(rows: readonly VerifyRow[]): number {
  const unusable = rows.find((r) => r.error !== undefined);
  if (unusable?.error !== undefined) return unusable.error.exitCode;
  if (rows.some((r) => r.verdict === 'invalid')) return EXIT.notValid;
  if (rows.some((r) => r.verdict === 'indeterminate')) return EXIT.indeterminate;
  return EXIT.ok;
}

/** Prints the rows as a table: verdict, file, reason. */
export function printTable(
  ctx: CliContext,
  rows: readonly VerifyRow[],
  words: Record<Verdict, string>,
  paint: (verdict: Verdict, text: string) => string,
): void {
  const width = Math.min(60, Math.max(4, ...rows.map((r) => (r.file ?? '').length)));
  ctx.out(`${'VERDICT'.padEnd(11)}  ${'FILE'.padEnd(width)}  REASON`);
  for (const row of rows) {
    const word = paint(row.verdict, words[row.verdict].padEnd(11));
    ctx.out(`${word}  ${(row.file ?? '').padEnd(width)}  ${reasonOf(row)}`);
  }
}
