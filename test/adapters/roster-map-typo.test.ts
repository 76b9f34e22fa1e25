import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/adapters/roster.js';

const parse =
  (text: string, map = {}) =>
  () =>
    parseRoster(new TextEncoder().encode(text), 'r.csv', map);

describe('parseRoster: a --map value one typo away from a real column', () => {
  it('blames the --map value, suggests the real column, and hints to fix the map', () => {
    expect(parse('name,E-mail Address\nAda,ada@example.org\n', { email: 'E-mail Adress' })).toThrow(
      expect.objectContaining({
        code: 'ERR_ROSTER_INVALID',
        message:
          "--map email names no column 'E-mail Adress' in 'r.csv' (did you mean 'E-mail Address'?); nothing was issued",
        hint: 'fix the --map value (or roster.map in badgesmith.yaml): --map email="E-mail Address"',
      }),
    );
  });

  it('a misspelt column with no map still blames the column', () => {
    expect(parse('name,emial\n')).toThrow(
      "roster 'r.csv' has unknown column 'emial' (did you mean 'email'?); nothing was issued",
    );
  });
});
