import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/adapters/roster.js';

const parse =
  (text: string, map = {}) =>
  () =>
    parseRoster(new TextEncoder().encode(text), 'r.csv', map);

describe('parseRoster: a header with two columns for one field', () => {
  it('name,email,email is ERR_ROSTER_INVALID naming the column and both positions', () => {
    expect(parse('name,email,email\nAda,ada@example.org,other@example.org\n')).toThrow(
      expect.objectContaining({
        code: 'ERR_ROSTER_INVALID',
        exitCode: 65,
        message: "roster 'r.csv' has column 'email' twice (columns 2 and 3); nothing was issued",
        hint: 'rename or delete one of them, so that only one column holds email',
      }),
    );
  });

  it('three times, and two spellings of one field', () => {
    expect(parse('name,name,email,NAME\n')).toThrow(
      "roster 'r.csv' has column 'name' 3 times (columns 1, 2 and 4); nothing was issued",
    );
    expect(parse('name,E-mail,email\n')).toThrow(
      "roster 'r.csv' has 2 columns for email: 'E-mail', 'email' (columns 2 and 3); nothing was issued",
    );
  });

  it('two headers a map sends to one field', () => {
    expect(parse('Mail,name,mail\n', { email: 'Mail' })).toThrow(
      "roster 'r.csv' has column 'Mail' twice (columns 1 and 3); nothing was issued",
    );
  });
});
