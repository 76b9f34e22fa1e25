import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { parseRoster } from '../../src/adapters/roster.js';
import { reportCsv } from '../../src/adapters/issue-report.js';
import { countRosterRows, openRoster } from '../../src/adapters/roster.js';
import { fileStem, safeSlug } from '../../src/core/model/file-slug.js';
import { parseMapOptions } from '../../src/core/model/roster-map.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    expect(roster.ignoredColumns).toEqual(['Colour']);
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
    const error = failure(bytes('name,contact\nAda,ada@example.org\n'));
    expect(error.code).toBe('ERR_ROSTER_INVALID');
    expect(error.message).toBe("roster 'cohort.csv' has no column 'email' (or 'identifier')");
    // 'mail' is within two edits of 'email': that is a misspelt column, not a missing one.
    expect(failure(bytes('name,mail\nAda,ada@example.org\n')).message).toBe(
      "roster 'cohort.csv' has unknown column 'mail' (did you mean 'email'?); nothing was issued",
    );
  });

  it('reports a row with more cells than the header as a bad row', () => {
    const roster = parseRoster(
      bytes('name,email\nAda,ada@example.org\nBob,bob@example.org,extra\n'),
      'cohort.csv',
    );
    expect(roster.rows[1]?.problem).toBe('the row has 1 more cell(s) than the header');
  });

  it('refuses a quote never closed, naming its line, with a hint about quotes', () => {
    const error = failure(
      bytes('name,email\nAda,ada@example.org\n"Bo,bo@example.org\nCy,c@x.org\n'),
    );
    expect(error.code).toBe('ERR_ROSTER_INVALID');
    expect(error.message).toBe(
      "roster 'cohort.csv:3' is not valid csv: the quote opened on line 3 is never closed, so the rest of the file would be one cell; nothing was issued",
    );
    expect(error.hint).toContain('double each quote inside it');
  });

  it('a line broken by a stray quote is a bad row with its line; the rows after it go on', () => {
    const roster = parseRoster(
      bytes(
        'name,email\nAda,ada@example.org\nCy "C" D,cy@example.org\n"Dee"x,dee@example.org\n' +
          '"Jo ""JJ"" Smith",jo@example.org\nEve,eve@example.org\n',
      ),
      'cohort.csv',
    );
    expect(roster.rows.map((r) => [r.row, r.line, r.name, r.problem])).toEqual([
      [1, 2, 'Ada', undefined],
      [
        2,
        3,
        '',
        'line 3 is not valid csv: cell 1 holds a quote but is not in quotes (put a cell with quotes in double quotes, doubling each quote inside)',
      ],
      [
        3,
        4,
        '',
        'line 4 is not valid csv: cell 1 has text after its closing quote (put a cell with quotes in double quotes, doubling each quote inside)',
      ],
      [4, 5, 'Jo "JJ" Smith', undefined],
      [5, 6, 'Eve', undefined],
    ]);
  });

  it('refuses a broken header line', () => {
    const error = failure(bytes('name,"email"x\nAda,ada@example.org\n'));
    expect(error.message).toBe(
      "roster 'cohort.csv:1' is not valid csv: the header: cell 2 has text after its closing quote",
    );
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
          status: 'issued',
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
      'row,name,email,identifier,credential_id,files,status,reason\n' +
        `1,"'=HYPERLINK(""x"")",a@b.org,,,a.png;a.jwt,issued,\n` +
        '2,"Smith, Jo",,,,,failed,row 2: no e-mail address\n',
    );
  });
});

async function streamed(content: Uint8Array | string, map = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-'));
  const path = join(dir, 'r.csv');
  await writeFile(path, content);
  const roster = await openRoster(path, map);
  const rows = [];
  for await (const row of roster.rows) rows.push(row);
  return { rows, ignored: roster.ignoredColumns, path };
}

async function streamFailure(content: Uint8Array | string): Promise<BadgesmithError> {
  try {
    await streamed(content);
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the roster to be rejected');
}

describe('openRoster (streaming) and the kinds of CSV a spreadsheet writes', () => {
  it('reads UTF-8 with a BOM and CRLF line ends', async () => {
    const { rows } = await streamed(
      '\uFEFFname,email\r\nAda,ada@example.org\r\nBo,bo@example.org\r\n',
    );
    expect(rows.map((r) => [r.row, r.name, r.email])).toEqual([
      [1, 'Ada', 'ada@example.org'],
      [2, 'Bo', 'bo@example.org'],
    ]);
  });

  it('keeps quoted commas and line breaks inside one cell', async () => {
    const { rows } = await streamed(
      'name,email,narrative\n"Smith, Jo",jo@example.org,"line one\nline two, ""quoted"""\nCy,cy@example.org,\n',
    );
    expect(rows[0]?.name).toBe('Smith, Jo');
    expect(rows[0]?.narrative).toBe('line one\nline two, "quoted"');
    expect(rows[1]).toMatchObject({ row: 2, line: 4, name: 'Cy' });
  });

  it('maps headers with --map field="Header" and reads every per-row field', async () => {
    const map = parseMapOptions(['email="E-mail Address"', 'name=Full Name', "result='Grade'"]);
    expect(map).toEqual({ email: 'E-mail Address', name: 'Full Name', result: 'Grade' });
    const { rows, ignored } = await streamed(
      'Full Name,e-mail address,Grade,issued,evidence,narrative,language,achievement,Notes\n' +
        'Ada,ada@example.org,A+,2025-06-01,https://x.org/e,did it,fr,first-badge,n\n',
      map,
    );
    expect(ignored).toEqual(['Notes']);
    expect(rows[0]).toEqual({
      row: 1,
      line: 2,
      name: 'Ada',
      email: 'ada@example.org',
      result: 'A+',
      issued: new Date('2025-06-01T00:00:00Z'),
      evidence: 'https://x.org/e',
      narrative: 'did it',
      language: 'fr',
      achievement: 'first-badge',
    });
  });

  it('names a mapped header the file lacks', async () => {
    await expect(
      (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-'));
        await writeFile(join(dir, 'r.csv'), 'name,mail\nAda,a@b.org\n');
        await openRoster(join(dir, 'r.csv'), { email: 'E-mail Address' });
      })(),
    ).rejects.toMatchObject({
      code: 'ERR_ROSTER_INVALID',
      message: expect.stringContaining("'E-mail Address' (mapped to email)"),
    });
  });

  it('takes an identifier instead of an e-mail', async () => {
    const { rows } = await streamed('name,identifier\nAda,did:example:ada\nBo,\n');
    expect(rows.map((r) => [r.identifier, r.problem])).toEqual([
      ['did:example:ada', undefined],
      [undefined, 'no e-mail address'],
    ]);
  });

  it('rejects UTF-16 (with or without BOM) and Latin-1 text, saying how to convert', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name,email\n', 'utf16le'),
    ]);
    const bare = Buffer.from('name,email\nAda,a@b.org\n', 'utf16le');
    const latin1 = Buffer.from('name,email\nJos\xe9,jose@example.org\n', 'latin1');
    for (const [input, detail, from] of [
      [utf16, 'it looks like utf-16', 'UTF-16'],
      [bare, 'it looks like utf-16', 'UTF-16'],
      [latin1, 'it looks like latin-1 or windows-1252', 'WINDOWS-1252'],
    ] as const) {
      const error = await streamFailure(input);
      expect(error.code).toBe('ERR_ROSTER_ENCODING');
      expect(error.message.endsWith(`is not utf-8 text: ${detail}`)).toBe(true);
      expect(error.hint).toContain(`iconv -f ${from} -t UTF-8`);
      expect(() => parseRoster(input, 'x.csv')).toThrow(/is not utf-8 text/u);
    }
  });

  it('counts the rows of a whole file, and stops on broken CSV', async () => {
    const { path } = await streamed('name,email\nA,a@b.org\n');
    await writeFile(path, 'name,email\nA,a@b.org\n"B,b@b.org\n');
    await expect(countRosterRows(path)).rejects.toMatchObject({ code: 'ERR_ROSTER_INVALID' });
    await writeFile(path, 'name,email\nA,a@b.org\n\nB,b@b.org\n');
    expect(await countRosterRows(path)).toBe(2);
  });
});

describe('file names from earner names', () => {
  it('never leave the folder, fold unicode, avoid reserved names, resolve collisions stably', () => {
    expect(safeSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(safeSlug('..\\..\\boot.ini')).toBe('boot-ini');
    expect(safeSlug('Zoë 🎉')).toBe(safeSlug('Zoe\u0308 🎉'));
    expect(safeSlug('CON')).toBe('con-badge');
    expect(safeSlug('🎉')).toBe('badge');
    const id = 'urn:uuid:0b6f1c2d-aaaa-5bbb-8ccc-123456789abc';
    const taken = new Set<string>();
    const first = fileStem('../Zoë 🎉', id, taken);
    expect(first).toBe('zoe-0b6f1c2d');
    taken.add(first);
    expect(fileStem('Zoë', id, taken)).toBe('zoe-0b6f1c2daaaa');
    expect(fileStem('Zoë', id, taken)).toBe('zoe-0b6f1c2daaaa');
  });
});

describe('row checks on language and names', () => {
  it('fails a row whose language is not a BCP 47 tag, or whose name holds a control character', () => {
    const roster = parseRoster(
      bytes(
        'name,email,language\nAda,ada@example.org,pt-BR\nBo,bo@example.org,!!not a tag!!\n' +
          'Cy\u001b[2J,cy@example.org,en\nDee\u007f,dee@example.org,\n',
      ),
      'cohort.csv',
    );
    expect(roster.rows.map((r) => [r.row, r.language, r.problem])).toEqual([
      [1, 'pt-BR', undefined],
      [2, '!!not a tag!!', "language '!!not a tag!!' is not a BCP 47 tag like en or pt-BR"],
      [3, 'en', 'name contains control character U+001B'],
      [4, undefined, 'name contains control character U+007F'],
    ]);
  });
});
