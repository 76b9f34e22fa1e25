import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, parseCsvRecord } from '../../../src/core/model/csv-records.js';

function split(text: string, chunk = text.length || 1) {
  const splitter = new CsvRecordSplitter();
  const records = [];
  for (let at = 0; at < text.length; at += chunk)
    records.push(...splitter.push(text.slice(at, at + chunk)));
  const last = splitter.end();
  return { records: [...records, ...last.records], unclosed: last.unclosed };
}

function quoteCell(cell: string): string {
  return /[",\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell;
}

describe('parseCsvRecord', () => {
  it('reads plain, quoted, empty and trailing cells', () => {
    expect(parseCsvRecord('a,"b, c","d ""e""",,')).toEqual({
      cells: ['a', 'b, c', 'd "e"', '', ''],
    });
    expect(parseCsvRecord('')).toEqual({ cells: [''] });
  });

  it('names a stray quote and text after a closing quote', () => {
    expect(parseCsvRecord('Cy "C" D,cy@example.org')).toEqual({
      error: 'cell 1 holds a quote but is not in quotes',
    });
    expect(parseCsvRecord('ok,"Dee"x,dee@example.org')).toEqual({
      error: 'cell 2 has text after its closing quote',
    });
  });

  it('reads back any cells written with RFC 4180 quoting', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(parseCsvRecord(cells.map(quoteCell).join(','))).toEqual({ cells });
      }),
    );
  });
});

describe('CsvRecordSplitter', () => {
  it('splits at line ends outside quotes, skips empty lines, takes CRLF, in any chunking', () => {
    const text = 'name,email\r\n\r\n"Smith,\nJo",jo@x.org\nCy "C" D,cy@x.org\nlast,l@x.org';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      expect(split(text, chunk)).toEqual({
        records: [
          { text: 'name,email', firstLine: 1, lastLine: 1 },
          { text: '"Smith,\nJo",jo@x.org', firstLine: 3, lastLine: 4 },
          { text: 'Cy "C" D,cy@x.org', firstLine: 5, lastLine: 5 },
          { text: 'last,l@x.org', firstLine: 6, lastLine: 6 },
        ],
        unclosed: undefined,
      });
    }
  });

  it('reports the line of a quote never closed', () => {
    expect(split('name,email\nAda,a@x.org\n"Dee,d@x.org\nEve,e@x.org\n').unclosed).toBe(3);
  });
});
