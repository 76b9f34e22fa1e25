import { CsvError, parse } from 'csv-parse/sync';
import { BadgesmithError } from '../core/errors.js';
import { parseIssuedDate } from '../core/model/dates.js';
import { isEmailAddress } from '../core/model/identity.js';
import { readInputFile } from './files.js';

/** The columns a roster may have; `name` and `email` are required. */
export const ROSTER_COLUMNS = [
  'name',
  'email',
  'issued',
  'evidence',
  'narrative',
  'result',
] as const;

/** One earner from a roster. `problem` says why the row cannot be issued, if it cannot. */
export interface RosterRow {
  /** 1-based number of the data row (the header is not counted). */
  row: number;
  /** The line in the file the row starts on. */
  line: number;
  name: string;
  email: string;
  issued?: Date;
  evidence?: string;
  narrative?: string;
  result?: string;
  problem?: string;
}

/** A parsed roster: the rows, and the columns that were ignored (worth a warning). */
export interface Roster {
  rows: RosterRow[];
  ignoredColumns: string[];
}

function cell(record: Record<string, string>, column: string): string | undefined {
  const value = record[column]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function problemOf(
  name: string,
  email: string,
  issuedText: string | undefined,
): string | undefined {
  if (email === '') return 'no e-mail address';
  if (!isEmailAddress(email)) return `e-mail '${email}' is not an address`;
  if (name === '') return 'no name';
  if (issuedText !== undefined && parseIssuedDate(issuedText) === undefined) {
    return `issued date '${issuedText}' is not YYYY-MM-DD or an ISO date-time with a zone`;
  }
  return undefined;
}

function toRow(record: Record<string, string>, row: number, line: number): RosterRow {
  const name = cell(record, 'name') ?? '';
  const email = cell(record, 'email') ?? '';
  const issuedText = cell(record, 'issued');
  const result: RosterRow = { row, line, name, email };
  const problem = problemOf(name, email, issuedText);
  if (problem !== undefined) result.problem = problem;
  const issued = issuedText === undefined ? undefined : parseIssuedDate(issuedText);
  if (issued !== undefined) result.issued = issued;
  for (const column of ['evidence', 'narrative', 'result'] as const) {
    const value = cell(record, column);
    if (value !== undefined) result[column] = value;
  }
  return result;
}

/**
 * Parses a roster CSV (UTF-8, first line = column names, case-insensitive). A file that cannot be
 * read as a table is ERR_ROSTER_INVALID; a bad row is not an error here: it comes back with a
 * `problem`, so the run can report it and go on with the others.
 *
 * @example parseRoster('name,email\nAda,ada@example.org\n', 'cohort.csv').rows[0]?.email
 */
export function parseRoster(bytes: Uint8Array, file: string): Roster {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new BadgesmithError('ERR_ROSTER_ENCODING', `roster '${file}' is not utf-8 text`, {
      hint: 'save the file as "CSV UTF-8" from your spreadsheet',
      cause: error,
    });
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    const parsed: unknown = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
      skip_empty_lines: true,
      relax_column_count_less: true,
      info: true,
    });
    records = parsed as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    const line =
      error instanceof CsvError && typeof error.lines === 'number' ? `:${error.lines}` : '';
    const reason = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /u, '') : '';
    throw new BadgesmithError(
      'ERR_ROSTER_INVALID',
      `roster '${file}${line}' is not valid csv: ${reason}`,
      {
        hint: 'every line needs as many comma-separated cells as the header; quote cells with commas',
        cause: error,
      },
    );
  }
  for (const required of ['name', 'email']) {
    if (!header.includes(required)) {
      throw new BadgesmithError(
        'ERR_ROSTER_INVALID',
        `roster '${file}' has no '${required}' column`,
        {
          hint: 'the first line must name the columns, e.g. `name,email`',
        },
      );
    }
  }
  const known = new Set<string>(ROSTER_COLUMNS);
  return {
    rows: records.map(({ record, info }, index) => toRow(record, index + 1, info.lines)),
    ignoredColumns: header.filter((name) => !known.has(name)),
  };
}

/** Reads and parses a roster file (see {@link parseRoster}). */
export async function readRoster(path: string): Promise<Roster> {
  return parseRoster(await readInputFile(path, 'roster'), path);
}
