import { open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeControls } from '../core/model/roster-values.js';
import { pathExists } from './files.js';
import { outputError, outputErrorCode, writeAll } from './out-folder.js';

/**
 * What became of a roster row: `issued` now, `skipped` because the ledger has it from an earlier
 * run, `duplicate` of an earlier row (same earner and achievement), `failed` with a reason, or in
 * a dry run `would-issue`.
 */
export type RowStatus = 'issued' | 'skipped' | 'duplicate' | 'failed' | 'would-issue';

/** What happened to one roster row. */
export interface IssueRowReport {
  row: number;
  name: string;
  email: string;
  identifier?: string;
  credentialId?: string;
  /** Files written (or, for `skipped`, written before), relative to the output folder. */
  files: string[];
  status: RowStatus;
  /** Why a row failed or is a duplicate; on an issued row, a warning (its name is cut off). */
  reason?: string;
}

const CSV_HEADER = [
  'row',
  'name',
  'email',
  'identifier',
  'credential_id',
  'files',
  'status',
  'reason',
];

// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before
// reading a formula) is a formula to a spreadsheet; a leading ' keeps it text (OWASP CSV injection).
// Controls, bidi controls and zero-width characters are escaped as on stderr, so the report a
// person reads shows the same name as the terminal did; the JSONL keeps the exact values.
function csvCell(raw: string): string {
  const value = escapeControls(raw);
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** One report row as a CSV line (with its line break). */
export function reportCsvLine(r: IssueRowReport): string {
  const cells = [
    String(r.row),
    r.name,
    r.email,
    r.identifier ?? '',
    r.credentialId ?? '',
    r.files.join(';'),
    r.status,
    r.reason ?? '',
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}

/** The report as CSV: a header, then one line per roster row, files separated by `;`. */
export function reportCsv(rows: IssueRowReport[]): string {
  return `${CSV_HEADER.join(',')}\n${rows.map(reportCsvLine).join('')}`;
}

/** The report as JSON Lines: one object per roster row. */
export function reportJsonl(rows: IssueRowReport[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/u, 'Z')
    .replace(/[-:]/gu, '');
}

/** A report being written row by row; `finish` puts it under its real names. */
export interface ReportWriter {
  paths: { csv: string; jsonl: string };
  /** Buffers a row; `drain` writes the buffer out once it has grown. */
  add: (row: IssueRowReport) => void;
  drain: (force?: boolean) => Promise<void>;
  finish: () => Promise<{ csv: string; jsonl: string }>;
}

// A report that cannot be written is an output error of the run (exit 73), naming the file.
async function writing<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const code = outputErrorCode(error);
    if (code === undefined) throw error;
    throw outputError(code, path, error);
  }
}

/**
 * Starts `report-<UTC timestamp>.csv` and `.jsonl` in the output folder. Rows are written as they
 * come, in groups, to `<name>.partial` files that `finish` renames, so memory stays flat and a
 * crashed run leaves only `.partial` files (the next run keeps their whole lines as
 * `report-<stamp>-interrupted.csv` and `.jsonl`, see `sweepLeftovers`).
 * A second run in the same second gets a `-2`, `-3`… suffix rather than overwriting a report.
 */
export async function openReportWriter(outDir: string, now: Date): Promise<ReportWriter> {
  let base = join(outDir, `report-${stamp(now)}`);
  for (
    let n = 2;
    (await pathExists(`${base}.csv`)) || (await pathExists(`${base}.jsonl`));
    n += 1
  ) {
    base = join(outDir, `report-${stamp(now)}-${n}`);
  }
  const paths = { csv: `${base}.csv`, jsonl: `${base}.jsonl` };
  const csvPath = `${paths.csv}.partial`;
  const jsonlPath = `${paths.jsonl}.partial`;
  const csv: FileHandle = await writing(csvPath, () => open(csvPath, 'w'));
  const jsonl: FileHandle = await writing(jsonlPath, () => open(jsonlPath, 'w'));
  let csvBuffer = `${CSV_HEADER.join(',')}\n`;
  let jsonBuffer = '';
  const drain = async (force = false): Promise<void> => {
    if (!force && jsonBuffer.length < 64 * 1024) return;
    const [a, b] = [csvBuffer, jsonBuffer];
    csvBuffer = '';
    jsonBuffer = '';
    if (a !== '') await writing(csvPath, () => writeAll(csv, a));
    if (b !== '') await writing(jsonlPath, () => writeAll(jsonl, b));
  };
  const add = (row: IssueRowReport): void => {
    csvBuffer += reportCsvLine(row);
    jsonBuffer += `${JSON.stringify(row)}\n`;
  };
  const finish = async (): Promise<{ csv: string; jsonl: string }> => {
    await drain(true);
    for (const [handle, path] of [
      [csv, csvPath],
      [jsonl, jsonlPath],
    ] as const) {
      await writing(path, () => handle.sync());
      await handle.close();
    }
    await writing(paths.csv, () => rename(csvPath, paths.csv));
    await writing(paths.jsonl, () => rename(jsonlPath, paths.jsonl));
    return paths;
  };
  return { paths, add, drain, finish };
}
