/**
 * A strict RFC 4180 reader that resynchronises after a bad record. A spreadsheet export with one
 * broken line (a stray quote) must not stop a whole cohort: each record is read on its own, so
 * a broken one is a bad row and the next line starts afresh. Only a quote that is never closed
 * cannot be resynchronised, since everything after it would be one cell.
 */

/** One logical record: its text without the line end, and the lines it spans (1-based). */
export interface CsvRecordText {
  text: string;
  firstLine: number;
  lastLine: number;
}

function countQuotes(line: string): number {
  let count = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) count += 1;
  return count;
}

/**
 * Splits CSV text, given in chunks, into records at line ends outside quotes (RFC 4180 section
 * 2.6: a quoted cell may hold line breaks). Empty lines are skipped; CR LF and LF both end a line.
 */
export class CsvRecordSplitter {
  private carry = '';
  private line = 0;
  private open: CsvRecordText | undefined;

  /** Feeds the next chunk; returns the records it completed. */
  push(chunk: string): CsvRecordText[] {
    const out: CsvRecordText[] = [];
    const text = this.carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.takeLine(text.slice(start, nl), out);
      start = nl + 1;
    }
    this.carry = text.slice(start);
    return out;
  }

  /**
   * Ends the input: returns the last records, and `unclosed`, the first line of a record whose
   * quote is never closed, when there is one.
   */
  end(): { records: CsvRecordText[]; unclosed?: number } {
    const records: CsvRecordText[] = [];
    if (this.carry !== '') this.takeLine(this.carry, records);
    this.carry = '';
    if (this.open !== undefined) return { records, unclosed: this.open.firstLine };
    return { records };
  }

  private takeLine(raw: string, out: CsvRecordText[]): void {
    this.line += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const odd = countQuotes(line) % 2 === 1;
    if (this.open === undefined) {
      if (line === '') return;
      const record = { text: line, firstLine: this.line, lastLine: this.line };
      if (odd) this.open = record;
      else out.push(record);
      return;
    }
    this.open.text += `\n${line}`;
    this.open.lastLine = this.line;
    if (odd) {
      out.push(this.open);
      this.open = undefined;
    }
  }
}

/** The cells of one record, or why it is not valid CSV. */
export type CsvCells = { cells: string[] } | { error: string };

/**
 * Reads the cells of one record: unquoted cells hold no quote; a quoted cell doubles its quotes
 * and is followed by a comma or the end.
 *
 * @example parseCsvRecord('"Smith, Jo",jo@example.org') // { cells: ['Smith, Jo', 'jo@example.org'] }
 */
export function parseCsvRecord(text: string): CsvCells {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      let value = '';
      at += 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote === -1)
          return { error: `the quote that opens cell ${cells.length + 1} is not closed` };
        value += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        value += '"';
        at += 1;
      }
      cells.push(value);
      if (at === text.length) return { cells };
      if (text[at] !== ',') {
        return { error: `cell ${cells.length} has text after its closing quote` };
      }
      at += 1;
    } else {
      const comma = text.indexOf(',', at);
      const value = text.slice(at, comma === -1 ? text.length : comma);
      if (value.includes('"')) {
        return { error: `cell ${cells.length + 1} holds a quote but is not in quotes` };
      }
      cells.push(value);
      if (comma === -1) return { cells };
      at = comma + 1;
    }
  }
}

/** What to tell a user whose CSV line is broken by a quote. */
export const CSV_QUOTE_HINT =
  'put a cell that holds a quote, comma or line break in double quotes and double each quote inside it, e.g. "Jo ""JJ"" Smith"';
