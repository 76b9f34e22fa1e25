import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { parseRoster } from '../../src/adapters/roster.js';
import { reportCsv } from '../../src/adapters/issue-report.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function failure(input: Uint8Array): BadgesmithError {
  try {
    parseRoster(input, 'cohort.csv');
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the roster to be rejected');
}

describe('parseRoster', () => {
  it('reads rows with optional columns, header case-insensitive, BOM ignored', () => {
    const roster = parseRoster(
      bytes(
        '\uFEFFName, Email ,Issued,Evidence,Colour\nZoë 🎉,zoe@example.org,2025-06-01,https://x.org/e,red\n',
      ),
      'cohort.csv',
    );
    expect(roster.ignoredColumns).toEqual(['colour']);
    expect(roster.rows).toEqual([
      {
        row: 1,
        line: 2,
        name: 'Zoë 🎉',
        email: 'zoe@example.org',
        issued: new Date('2025-06-01T00:00:00Z'),
        evidence: 'https://x.org/e',
      },
    ]);
  });

  it('reports a row without e-mail by its number and keeps the others', () => {
    const roster = parseRoster(
      bytes('name,email\nAda,ada@example.org\n\nBob,\nCy,not-an-address\nDi\n'),
      'cohort.csv',
    );
    const rows = roster.rows.map((r) => [r.row, r.line, r.name, r.problem]);
    expect(rows).toEqual([
      [1, 2, 'Ada', undefined],
      [2, 4, 'Bob', 'no e-mail address'],
      [3, 5, 'Cy', "e-mail 'not-an-address' is not an address"],
      [4, 6, 'Di', 'no e-mail address'],
    ]);
  });

  it('flags a bad issued date on the row', () => {
    const roster = parseRoster(
      bytes('name,email,issued\nAda,ada@example.org,yesterday\n'),
      'r.csv',
    );
    expect(roster.rows[0]?.problem).toBe(
      "issued date 'yesterday' is not YYYY-MM-DD or an ISO date-time with a zone",
    );
  });

  it('rejects a roster without an email column', () => {
    const error = failure(bytes('name,mail\nAda,ada@example.org\n'));
    expect(error.code).toBe('ERR_ROSTER_INVALID');
    expect(error.message).toBe("roster 'cohort.csv' has no 'email' column");
  });

  it('rejects a ragged line with its line number', () => {
    const error = failure(bytes('name,email\nAda,ada@example.org\nBob,bob@example.org,extra\n'));
    expect(error.code).toBe('ERR_ROSTER_INVALID');
    expect(error.message).toMatch(/^roster 'cohort\.csv:3' is not valid csv: /u);
  });

  it('rejects text that is not UTF-8', () => {
    const error = failure(Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(error.code).toBe('ERR_ROSTER_ENCODING');
  });
});

describe('reportCsv', () => {
  it('quotes cells and defuses spreadsheet formulas', () => {
    expect(
      reportCsv([
        {
          row: 1,
          name: '=HYPERLINK("x")',
          email: 'a@b.org',
          files: ['a.png', 'a.jwt'],
          status: 'ok',
        },
        {
          row: 2,
          name: 'Smith, Jo',
          email: '',
          files: [],
          status: 'failed',
          reason: 'row 2: no e-mail address',
        },
      ]),
    ).toBe(
      'row,name,email,credential_id,files,status,reason\n' +
        `1,"'=HYPERLINK(""x"")",a@b.org,,a.png;a.jwt,ok,\n` +
        '2,"Smith, Jo",,,,failed,row 2: no e-mail address\n',
    );
  });
});
