import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/adapters/roster.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseRoster: a name that shows nothing', () => {
  it('fails the row with "no name", like an empty cell; a visible name next to it passes', () => {
    const roster = parseRoster(
      bytes(
        'name,email\n' +
          ',empty@example.org\n' +
          '\u200b\u200c\u200d\u2060\ufeff,zw@example.org\n' +
          '" \u200b ",mixed@example.org\n' +
          'Ada\u200b,ada@example.org\n',
      ),
      'cohort.csv',
    );
    expect(roster.rows.map((row) => [row.row, row.problem])).toEqual([
      [1, 'no name'],
      [2, 'no name: the name has only invisible characters (U+200B, U+200C, U+200D, U+2060)'],
      [3, 'no name: the name has only invisible characters (U+200B)'],
      [4, undefined],
    ]);
  });
});
