import { join } from 'node:path';
import { pathExists, writeFileAtomic } from './files.js';

/** What happened to one roster row. */
export interface IssueRowReport {
  row: number;
  name: string;
  email: string;
  credentialId?: string;
  /** Files written, relative to the output folder. */
  files: string[];
  status: 'ok' | 'failed';
  reason?: string;
}

const CSV_HEADER = ['row', 'name', 'email', 'credential_id', 'files', 'status', 'reason'];

// A cell starting with = + - @ is a formula to a spreadsheet; a leading ' keeps it text.
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** The report as CSV: one line per roster row, files separated by `;`. */
export function reportCsv(rows: IssueRowReport[]): string {
  const lines = rows.map((r) =>
    [
      String(r.row),
      r.name,
      r.email,
      r.credentialId ?? '',
      r.files.join(';'),
      r.status,
      r.reason ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}

/** The report as JSON Lines: one object per roster row. */
export function reportJsonl(rows: IssueRowReport[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/u, 'Z')
    .replace(/[-:]/gu, '');
}

/**
 * Writes `report-<UTC timestamp>.csv` and `.jsonl` into the output folder and returns both paths.
 * A second run in the same second gets a `-2`, `-3`… suffix rather than overwriting a report.
 */
export async function writeIssueReport(
  outDir: string,
  rows: IssueRowReport[],
  now: Date,
): Promise<{ csv: string; jsonl: string }> {
  let base = join(outDir, `report-${stamp(now)}`);
  for (
    let n = 2;
    (await pathExists(`${base}.csv`)) || (await pathExists(`${base}.jsonl`));
    n += 1
  ) {
    base = join(outDir, `report-${stamp(now)}-${n}`);
  }
  const paths = { csv: `${base}.csv`, jsonl: `${base}.jsonl` };
  await writeFileAtomic(paths.csv, reportCsv(rows));
  await writeFileAtomic(paths.jsonl, reportJsonl(rows));
  return paths;
}
