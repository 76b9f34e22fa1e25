import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/adapters/roster.js';

describe('parseRoster: a name with a bidi control fails its row; the others stay', () => {
  it('an override and an isolate fail with the code point and position; marks and RTL pass', () => {
    const roster = parseRoster(
      new TextEncoder().encode(
        'name,email\n' +
          'Ada \u202eecalevoL,ada@example.org\n' +
          '\u2067Bob,bob@example.org\n' +
          'Cy\u200f Young,cy@example.org\n' +
          'Di\u061c Ross,di@example.org\n' +
          'عدا,ada@example.net\n' +
          'עדה,ada@example.com\n',
      ),
      'cohort.csv',
    );
    expect(roster.rows.map((row) => [row.row, row.name, row.problem])).toEqual([
      [
        1,
        'Ada \u202eecalevoL',
        'name contains bidirectional control character U+202E (right-to-left override) at character 5',
      ],
      [
        2,
        '\u2067Bob',
        'name contains bidirectional control character U+2067 (right-to-left isolate) at character 1',
      ],
      [3, 'Cy\u200f Young', undefined],
      [4, 'Di\u061c Ross', undefined],
      [5, 'عدا', undefined],
      [6, 'עדה', undefined],
    ]);
  });

  it('a name of only bidi controls shows nothing: no name, naming the controls', () => {
    const roster = parseRoster(
      new TextEncoder().encode('name,email\n\u202e\u2066,x@example.org\n'),
      'c.csv',
    );
    expect(roster.rows[0]?.problem).toBe(
      'no name: the name has only invisible characters (U+202E, U+2066)',
    );
  });
});
