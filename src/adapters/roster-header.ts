import { BadgesmithError } from '../core/errors.js';
import { CSV_QUOTE_HINT, parseCsvRecord, type CsvRecordText } from '../core/model/csv-records.js';
import {
  planHeader,
  type DuplicateHeader,
  type HeaderPlan,
  type IgnoreList,
  type MisspeltHeader,
  type RosterMap,
} from '../core/model/roster-map.js';

/** ERR_ROSTER_INVALID for a roster that cannot be read as CSV, naming the file and line. */
export function csvError(file: string, line: number, reason: string): BadgesmithError {
  return new BadgesmithError(
    'ERR_ROSTER_INVALID',
    `roster '${file}:${line}' is not valid csv: ${reason}`,
    {
      hint: CSV_QUOTE_HINT,
    },
  );
}

function headerOf(record: CsvRecordText | undefined, file: string): string[] {
  if (record === undefined) return [];
  const parsed = parseCsvRecord(record.text);
  if ('error' in parsed) throw csvError(file, record.firstLine, `the header: ${parsed.error}`);
  return parsed.cells;
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
      hint: `rename the column to '${first.meant}' or read it with --map ${first.field}="${first.header}"; if it holds other data, pass --ignore-column "${first.header}" (or add it to roster.ignore in badgesmith.yaml)`,
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
  ignore: IgnoreList,
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

/**
 * Reads a roster's header record (undefined: the file is empty) and decides which column holds
 * which field; a header no run could issue from safely (a duplicate, a misspelt or missing
 * column) is ERR_ROSTER_INVALID, thrown before any row is read.
 */
export function headerPlanOf(
  record: CsvRecordText | undefined,
  map: RosterMap,
  file: string,
  ignore: IgnoreList,
): HeaderPlan {
  return planOrThrow(headerOf(record, file), map, file, ignore);
}
