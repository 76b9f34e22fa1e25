import { parseCsvRecord, type CsvRecordText } from '../core/model/csv-records.js';
import { parseIssuedDate } from '../core/model/dates.js';
import { isEmailAddress } from '../core/model/identity.js';
import type { HeaderPlan } from '../core/model/roster-map.js';
import {
  blankNameProblem,
  isBlankName,
  languageProblem,
  unsafeNameProblem,
} from '../core/model/roster-values.js';

/** One earner from a roster. `problem` says why the row cannot be issued, if it cannot. */
export interface RosterRow {
  /** 1-based number of the data row (the header is not counted). */
  row: number;
  /** The line in the file the row ends on. */
  line: number;
  name: string;
  /** The e-mail as written, or '' when the row has only an identifier. */
  email: string;
  identifier?: string;
  /** An achievement slug or file, for rosters that mix achievements. */
  achievement?: string;
  issued?: Date;
  evidence?: string;
  narrative?: string;
  result?: string;
  language?: string;
  problem?: string;
}

function lines(record: CsvRecordText): string {
  return record.firstLine === record.lastLine
    ? `line ${record.firstLine}`
    : `lines ${record.firstLine}-${record.lastLine}`;
}

/**
 * Whether a record holds nobody: a row of empty cells (`,,`) is what a spreadsheet export leaves
 * after the last earner, so it is skipped like a blank line rather than failed for having no e-mail.
 */
export function isEmptyRecord(record: CsvRecordText): boolean {
  const parsed = parseCsvRecord(record.text);
  return !('error' in parsed) && parsed.cells.every((cell) => cell.trim() === '');
}

function problemOf(row: RosterRow, issuedText: string | undefined, extra: number) {
  if (extra > 0) return `the row has ${extra} more cell(s) than the header`;
  if (row.email === '' && row.identifier === undefined) return 'no e-mail address';
  if (row.email !== '' && !isEmailAddress(row.email)) {
    return `e-mail '${row.email}' is not an address`;
  }
  if (isBlankName(row.name)) {
    // Say which invisible characters the cell holds: the registrar cannot see them.
    const why = blankNameProblem('the name', row.name);
    return why === undefined || why === 'the name is empty' ? 'no name' : `no name: ${why}`;
  }
  const unsafe = unsafeNameProblem('name', row.name);
  if (unsafe !== undefined) return unsafe;
  if (row.language !== undefined) {
    const language = languageProblem(row.language);
    if (language !== undefined) return language;
  }
  if (issuedText !== undefined && parseIssuedDate(issuedText) === undefined) {
    return `issued date '${issuedText}' is not YYYY-MM-DD or an ISO date-time with a zone`;
  }
  return undefined;
}

function toRow(cells: string[], plan: HeaderPlan, row: number, line: number): RosterRow {
  const values: Partial<Record<string, string>> = {};
  plan.fields.forEach((field, i) => {
    const value = cells[i]?.trim();
    if (field !== undefined && value !== undefined && value !== '') values[field] = value;
  });
  const result: RosterRow = { row, line, name: values.name ?? '', email: values.email ?? '' };
  for (const field of ['identifier', 'achievement', 'evidence', 'narrative', 'result'] as const) {
    const value = values[field];
    if (value !== undefined) result[field] = value;
  }
  if (values.language !== undefined) result.language = values.language;
  const issued = values.issued === undefined ? undefined : parseIssuedDate(values.issued);
  if (issued !== undefined) result.issued = issued;
  const problem = problemOf(result, values.issued, cells.length - plan.fields.length);
  if (problem !== undefined) result.problem = problem;
  return result;
}

/**
 * The roster row a data record holds, under the header's plan. A record that is not valid CSV is
 * a failed row with its line, and the next record goes on.
 */
export function rowOf(record: CsvRecordText, plan: HeaderPlan, row: number): RosterRow {
  const parsed = parseCsvRecord(record.text);
  if ('error' in parsed) {
    const problem = `${lines(record)} is not valid csv: ${parsed.error} (put a cell with quotes in double quotes, doubling each quote inside)`;
    return { row, line: record.lastLine, name: '', email: '', problem };
  }
  return toRow(parsed.cells, plan, row, record.lastLine);
}
