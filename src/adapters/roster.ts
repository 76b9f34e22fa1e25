import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { BadgesmithError } from '../core/errors.js';
import { CsvRecordSplitter, type CsvRecordText } from '../core/model/csv-records.js';
import type { IgnoreList, RosterMap } from '../core/model/roster-map.js';
import { assertNoNul, assertNotUtf16, encodingError } from './roster-encoding.js';
import { csvError, headerPlanOf } from './roster-header.js';
import { isEmptyRecord, rowOf, type RosterRow } from './roster-row.js';

export type { RosterRow } from './roster-row.js';

/** A parsed roster: the rows, and the columns that were ignored (worth a warning). */
export interface Roster {
  rows: RosterRow[];
  ignoredColumns: string[];
}

function unclosedError(file: string, line: number): BadgesmithError {
  return csvError(
    file,
    line,
    `the quote opened on line ${line} is never closed, so the rest of the file would be one cell; nothing was issued`,
  );
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
  ignore: IgnoreList = [],
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
  const plan = headerPlanOf(header, map, file, ignore);
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
  ignore: IgnoreList = [],
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
  const plan = headerPlanOf(first.done === true ? undefined : first.value, map, path, ignore);
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
  ignore: IgnoreList = [],
): Promise<number> {
  const roster = await openRoster(path, map, ignore);
  let count = 0;
  for await (const row of roster.rows) count += row.row > 0 ? 1 : 0;
  return count;
}
