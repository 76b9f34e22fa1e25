import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/adapters/roster.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseRoster: names that show nothing or pile up marks', () => {
  it('fails braille-blank, filler, wide-space and mark-only names as "no name" naming what they hold, Zalgo with its reason', () => {
    const roster = parseRoster(
      bytes(
        'name,email\n' +
          '\u2800,braille@example.org\n' +
          '\u115f\u1160,filler@example.org\n' +
          '\u3000\u2003,wide@example.org\n' +
          '\u0301\u0301\u0301,marks@example.org\n' +
          `A${'\u0336'.repeat(500)},zalgo@example.org\n` +
          'Nguy\u1ec5n Th\u1ecb,ok@example.org\n',
      ),
      'cohort.csv',
    );
    expect(roster.rows.map((row) => [row.row, row.problem])).toEqual([
      [1, 'no name: the name has only invisible characters (U+2800)'],
      [2, 'no name: the name has only invisible characters (U+115F, U+1160)'],
      [3, 'no name'],
      [4, 'no name: the name has only combining marks (U+0301)'],
      [5, 'name has 500 combining marks on one character (character 1); a name needs at most 4'],
      [6, undefined],
    ]);
  });
});
