import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { BadgesmithError } from '../core/errors.js';
import {
  CSV_QUOTE_HINT,
  CsvRecordSplitter,
  parseCsvRecord,
  type CsvRecordText,
} from '../core/model/csv-records.js';
import { parseIssuedDate } from '../core/model/dates.js';
import { isEmailAddress } from '../core/model/identity.js';
import {
  planHeader,
  type DuplicateHeader,
  type HeaderPlan,
  type MisspeltHeader,
  type RosterMap,
} from '../core/model/roster-map.js';
import { isBlankName, languageProblem, unsafeNameProblem } from '../core/model/roster-values.js';
import { assertNoNul, assertNotUtf16, encodingError } from './roster-encoding.js';

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

/** A parsed roster: the rows, and the columns that were ignored (worth a warning). */
export interface Roster {
  rows: RosterRow[];
  ignoredColumns: string[];
}

function csvError(file: string, line: number, reason: string): BadgesmithError {
  return new BadgesmithError(
    'ERR_ROSTER_INVALID',
    `roster '${file}:${line}' is not valid csv: ${reason}`,
    {
      hint: CSV_QUOTE_HINT,
    },
  );
}

function unclosedError(file: string, line: number): BadgesmithError {
  return csvError(
    file,
    line,
    `the quote opened on line ${line} is never closed, so the rest of the file would be one cell; nothing was issued`,
  );
}

function lines(record: CsvRecordText): string {
  return record.firstLine === record.lastLine
    ? `line ${record.firstLine}`
    : `lines ${record.firstLine}-${record.lastLine}`;
}

function headerOf(record: CsvRecordText | undefined, file: string): string[] {
  if (record === undefined) return [];
  const parsed = parseCsvRecord(record.text);
  if ('error' in parsed) throw csvError(file, record.firstLine, `the header: ${parsed.error}`);
  return parsed.cells;
}

// A row of empty cells (`,,`) is what a spreadsheet export leaves after the last earner: it holds
// nobody, so it is skipped like a blank line rather than failed for having no e-mail.
function isEmptyRecord(record: CsvRecordText): boolean {
  const parsed = parseCsvRecord(record.text);
  return !('error' in parsed) && parsed.cells.every((cell) => cell.trim() === '');
}

// A record that is not valid CSV is a failed row with its line, and the next record goes on.
function rowOf(record: CsvRecordText, plan: HeaderPlan, row: number): RosterRow {
  const parsed = parseCsvRecord(record.text);
  if ('error' in parsed) {
    const problem = `${lines(record)} is not valid csv: ${parsed.error} (put a cell with quotes in double quotes, doubling each quote inside)`;
    return { row, line: record.lastLine, name: '', email: '', problem };
  }
  return toRow(parsed.cells, plan, row, record.lastLine);
}

// A misspelt header would leave its field empty on every row, silently: stop before signing.
function misspeltError(file: string, misspelt: MisspeltHeader[]): BadgesmithError {
  const columns = misspelt.map(({ header, meant }) => `'${header}' (did you mean '${meant}'?)`);
  const first = misspelt[0]!;
  const plural = misspelt.length === 1 ? 'column' : 'columns';
  return new BadgesmithError(
    'ERR_ROSTER_INVALID',
    `roster '${file}' has unknown ${plural} ${columns.join(', ')}; nothing was issued`,
    {
      hint: `rename the column to '${first.meant}' or read it with --map ${first.field}="${first.header}"; if it holds other data, pass --ignore-column "${first.header}"`,
    },
  );
}

function columnList(columns: number[]): string {
  const all = columns.map(String);
  return `columns ${all.slice(0, -1).join(', ')} and ${all.at(-1)!}`;
}

// Reading one of two columns and ignoring the other would issue from a guess: stop before signing.
function duplicateError(file: string, duplicate: DuplicateHeader): BadgesmithError {
  const { field, headers, columns } = duplicate;
  const same = new Set(headers.map((h) => h.normalize('NFC').toLowerCase())).size === 1;
  const times = headers.length === 2 ? 'twice' : `${headers.length} times`;
  const message = same
    ? `roster '${file}' has column '${headers[0]!}' ${times} (${columnList(columns)})`
    : `roster '${file}' has ${headers.length} columns for ${field}: ${headers.map((h) => `'${h}'`).join(', ')} (${columnList(columns)})`;
  return new BadgesmithError('ERR_ROSTER_INVALID', `${message}; nothing was issued`, {
    hint: `rename or delete one of them, so that only one column holds ${field}`,
  });
}

// A column close to a mapped header: the map is the typo (the user typed it a moment ago), not
// the file, so the fix offered is to the --map value.
function mapTypoError(file: string, near: MisspeltHeader): BadgesmithError {
  return new BadgesmithError(
    'ERR_ROSTER_INVALID',
    `--map ${near.field} names no column '${near.meant}' in '${file}' (did you mean '${near.header}'?); nothing was issued`,
    {
      hint: `fix the --map value (or roster.map in badgesmith.yaml): --map ${near.field}="${near.header}"`,
    },
  );
}

function planOrThrow(
  header: string[],
  map: RosterMap,
  file: string,
  ignore: readonly string[],
): HeaderPlan {
  const plan = planHeader(header, map, ignore);
  if (plan.duplicates.length > 0) throw duplicateError(file, plan.duplicates[0]!);
  const mapTypo = plan.misspelt.find((near) => map[near.field]?.trim() === near.meant);
  if (mapTypo !== undefined) throw mapTypoError(file, mapTypo);
  if (plan.misspelt.length > 0) throw misspeltError(file, plan.misspelt);
  if (plan.missing.length > 0) {
    throw new BadgesmithError(
      'ERR_ROSTER_INVALID',
      `roster '${file}' has no column ${plan.missing.join(', ')}`,
      {
        hint: 'the first line must name the columns, e.g. `name,email`; map others with --map email="E-mail Address"',
      },
    );
  }
  return plan;
}

function problemOf(row: RosterRow, issuedText: string | undefined, extra: number) {
  if (extra > 0) return `the row has ${extra} more cell(s) than the header`;
  if (row.email === '' && row.identifier === undefined) return 'no e-mail address';
  if (row.email !== '' && !isEmailAddress(row.email)) {
    return `e-mail '${row.email}' is not an address`;
  }
  if (isBlankName(row.name)) return 'no name';
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
 * Parses a roster CSV held in memory (UTF-8 with or without BOM, any line ends); blank lines and
 * rows whose cells are all empty are skipped and not numbered. A file that
 * cannot be read as a table is ERR_ROSTER_INVALID; a bad row is not an error here: it comes back
 * with a `problem`, so the run can report it and go on with the others.
 *
 * @example parseRoster(new TextEncoder().encode('name,email\nAda,ada@example.org\n'), 'r.csv')
 */
export function parseRoster(
  bytes: Uint8Array,
  file: string,
  map: RosterMap = {},
  ignore: readonly string[] = [],
): Roster {
  assertNotUtf16(bytes.subarray(0, 4096), file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw encodingError(file, 'it looks like latin-1 or windows-1252', 'WINDOWS-1252', error);
  }
  const splitter = new CsvRecordSplitter();
  const records = splitter.push(text);
  const last = splitter.end();
  records.push(...last.records);
  if (last.unclosed !== undefined) throw unclosedError(file, last.unclosed);
  for (const record of records) assertNoNul(record, file);
  const [header, ...data] = records;
  const plan = planOrThrow(headerOf(header, file), map, file, ignore);
  return {
    rows: data
      .filter((record) => !isEmptyRecord(record))
      .map((record, i) => rowOf(record, plan, i + 1)),
    ignoredColumns: plan.ignored,
  };
}

/** A roster opened for streaming: its header plan, then its rows one by one. */
export interface RosterStream {
  ignoredColumns: string[];
  /** Bytes of the file read so far, for progress. */
  bytesRead: () => number;
  rows: AsyncGenerator<RosterRow>;
}

async function* decodedText(path: string, file: string, counter: { bytes: number }) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Buffer;
    if (first) assertNotUtf16(bytes.subarray(0, 4096), file);
    first = false;
    try {
      yield decoder.decode(bytes, { stream: true });
    } catch (error) {
      throw encodingError(file, 'it looks like latin-1 or windows-1252', 'WINDOWS-1252', error);
    }
    counter.bytes += bytes.length;
  }
  yield decoder.decode();
}

async function assertFile(path: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) {
      throw new BadgesmithError('ERR_FILE_UNREADABLE', `roster '${path}' is a folder, not a file`);
    }
  } catch (error) {
    if (error instanceof BadgesmithError) throw error;
    throw new BadgesmithError('ERR_FILE_NOT_FOUND', `roster '${path}' does not exist`, {
      hint: 'check the path and the current folder',
    });
  }
}

/**
 * Opens a roster for streaming: memory stays flat however long the file is. Reads the header
 * (throws ERR_ROSTER_INVALID / ERR_ROSTER_ENCODING as {@link parseRoster} does), then yields
 * rows as the file is read.
 *
 * @example for await (const row of (await openRoster('cohort.csv')).rows) console.log(row.name);
 */
export async function openRoster(
  path: string,
  map: RosterMap = {},
  ignore: readonly string[] = [],
): Promise<RosterStream> {
  await assertFile(path);
  const counter = { bytes: 0 };
  const records = (async function* () {
    const splitter = new CsvRecordSplitter();
    const checked = function* (records: CsvRecordText[]) {
      for (const record of records) {
        assertNoNul(record, path);
        yield record;
      }
    };
    for await (const text of decodedText(path, path, counter)) yield* checked(splitter.push(text));
    const last = splitter.end();
    yield* checked(last.records);
    if (last.unclosed !== undefined) throw unclosedError(path, last.unclosed);
  })();
  const first = await records.next();
  const plan = planOrThrow(
    headerOf(first.done === true ? undefined : first.value, path),
    map,
    path,
    ignore,
  );
  async function* rows(): AsyncGenerator<RosterRow> {
    let row = 0;
    for await (const record of records) {
      if (isEmptyRecord(record)) continue;
      row += 1;
      yield rowOf(record, plan, row);
    }
  }
  return { ignoredColumns: plan.ignored, bytesRead: () => counter.bytes, rows: rows() };
}

/**
 * Reads a whole roster through once, checking its encoding and CSV syntax, and counts its data
 * rows; a run does this first so that a broken line stops it before anything is issued.
 */
export async function countRosterRows(
  path: string,
  map: RosterMap = {},
  ignore: readonly string[] = [],
): Promise<number> {
  const roster = await openRoster(path, map, ignore);
  let count = 0;
  for await (const row of roster.rows) count += row.row > 0 ? 1 : 0;
  return count;
}
