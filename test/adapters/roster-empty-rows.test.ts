import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRosterRows, openRoster, parseRoster } from '../../src/adapters/roster.js';

const TEXT =
  'name,email,issued\n' +
  'Ada,ada@example.org,\n' +
  ',,\n' +
  ' , \t ,\u00a0\n' +
  '"","",""\n' +
  '\n' +
  'Grace,grace@example.org,\n' +
  ',,\r\n' +
  ',,\n';

const EXPECTED = [
  { row: 1, line: 2, name: 'Ada', email: 'ada@example.org' },
  { row: 2, line: 7, name: 'Grace', email: 'grace@example.org' },
];

describe('roster rows whose cells are all empty or white space', () => {
  it('parseRoster skips them like blank lines, and numbers only the real rows', () => {
    const roster = parseRoster(new TextEncoder().encode(TEXT), 'r.csv');
    expect(roster.rows).toEqual(EXPECTED);
  });

  it('openRoster and countRosterRows skip them too', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'badgesmith-empty-rows-')), 'r.csv');
    await writeFile(path, TEXT);
    const rows = [];
    for await (const row of (await openRoster(path)).rows) rows.push(row);
    expect(rows).toEqual(EXPECTED);
    expect(await countRosterRows(path)).toBe(2);
  });

  it('a row with one non-empty cell is still a row, failed for what it lacks', () => {
    const roster = parseRoster(new TextEncoder().encode('name,email\n,,\nAda,\n'), 'r.csv');
    expect(roster.rows).toEqual([
      { row: 1, line: 3, name: 'Ada', email: '', problem: 'no e-mail address' },
    ]);
  });
});
