/**
 * The text checks a roster passes before its cells are read: UTF-16 and Latin-1 files are told
 * apart from UTF-8 with the command that converts them, and a stray NUL byte is named by line.
 */
import { BadgesmithError } from '../core/errors.js';
import type { CsvRecordText } from '../core/model/csv-records.js';

/** ERR_ROSTER_ENCODING for a roster that is not UTF-8, with the iconv command that converts it. */
export function encodingError(
  file: string,
  detail: string,
  from: 'UTF-16' | 'WINDOWS-1252',
  cause?: unknown,
): BadgesmithError {
  return new BadgesmithError(
    'ERR_ROSTER_ENCODING',
    `roster '${file}' is not utf-8 text: ${detail}`,
    {
      hint: `save it as "CSV UTF-8" from your spreadsheet, or convert it: iconv -f ${from} -t UTF-8 '${file}' > roster-utf8.csv`,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/**
 * Whether the first bytes of a file are UTF-16: a byte order mark, or (for text that is mostly
 * ASCII, as a roster is) a NUL at most even or most odd offsets, one half of each code unit.
 * A NUL here and there is not that pattern: UTF-8 with a damaged byte is not UTF-16.
 *
 * @example looksLikeUtf16(Buffer.from('name,email\n', 'utf16le')) // true
 */
export function looksLikeUtf16(start: Uint8Array): boolean {
  const [a, b] = [start[0], start[1]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return true;
  const nuls = [0, 0];
  start.forEach((byte, i) => {
    if (byte === 0) nuls[i % 2]! += 1;
  });
  const pairs = Math.floor(start.length / 2);
  return pairs > 0 && Math.max(nuls[0]!, nuls[1]!) > pairs / 2;
}

/** Throws ERR_ROSTER_ENCODING when the first bytes of a roster are UTF-16. */
export function assertNotUtf16(start: Uint8Array, file: string): void {
  if (looksLikeUtf16(start)) throw encodingError(file, 'it looks like utf-16', 'UTF-16');
}

/**
 * Throws ERR_ROSTER_ENCODING naming the line of a NUL byte in a record: it is no character a
 * name or address holds, and a cell that keeps it would be cut short by many readers.
 */
export function assertNoNul(record: CsvRecordText, file: string): void {
  const at = record.text.indexOf('\0');
  if (at === -1) return;
  const line = record.firstLine + (record.text.slice(0, at).match(/\n/gu)?.length ?? 0);
  throw new BadgesmithError(
    'ERR_ROSTER_ENCODING',
    `roster '${file}' has a NUL byte at line ${line}`,
    {
      hint: `a roster is text, and a NUL byte is not: the file may be damaged; delete the byte (e.g. tr -d '\\000' < '${file}' > roster-fixed.csv) and check line ${line}`,
    },
  );
}
