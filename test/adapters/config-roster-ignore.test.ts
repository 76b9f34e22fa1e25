import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';

// Lines 1-5; roster: is line 6.
const BASE = 'issuer:\n  id: did:web:example.org\n  name: Org\nkeys:\n  private: k.json\n';

function failure(text: string): BadgesmithError {
  try {
    parseYamlFile(text, 'badgesmith.yaml', 'config');
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

const shown = (error: BadgesmithError) => [error.code, error.exitCode, error.message, error.hint];

describe('badgesmith.yaml roster.ignore', () => {
  it('a list of headers parses, beside roster.map', () => {
    const text = `${BASE}roster:\n  map:\n    email: E-mail Address\n  ignore:\n    - Issuer\n    - Notes\n`;
    expect(parseYamlFile<{ roster: unknown }>(text, 'badgesmith.yaml', 'config').roster).toEqual({
      map: { email: 'E-mail Address' },
      ignore: ['Issuer', 'Notes'],
    });
  });

  it('an empty list parses (nothing ignored)', () => {
    const text = `${BASE}roster:\n  ignore: []\n`;
    expect(parseYamlFile<{ roster: unknown }>(text, 'badgesmith.yaml', 'config').roster).toEqual({
      ignore: [],
    });
  });

  it('a single header, not a list: must be a list, at its line, with the list to write', () => {
    expect(shown(failure(`${BASE}roster:\n  ignore: Issuer\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:7:11': field 'roster.ignore' must be a list",
      'write `ignore: [Issuer]` (a list in brackets)',
    ]);
  });

  it('an item that is not text (an unquoted year): named by its place, the fix quoted', () => {
    expect(shown(failure(`${BASE}roster:\n  ignore:\n    - Issuer\n    - 2024\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:9:7': field 'roster.ignore.1' must be text",
      'write `ignore: ["Issuer", "Notes"]`',
    ]);
  });

  it('an empty header is empty; one of spaces is blank', () => {
    expect(shown(failure(`${BASE}roster:\n  ignore:\n    - ""\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:8:7': field 'roster.ignore.0' is empty",
      'write `ignore: ["Issuer", "Notes"]`',
    ]);
    expect(shown(failure(`${BASE}roster:\n  ignore:\n    - Issuer\n    - "   "\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:9:7': field 'roster.ignore.1' is blank",
      'write the header of a column that holds other data, or delete the item',
    ]);
  });

  it('a header roster.map reads cannot be ignored: the ignore line is named, and both fixes', () => {
    const text = `${BASE}roster:\n  map:\n    email: E-mail Address\n  ignore:\n    - Notes\n    - e-mail address \n`;
    expect(shown(failure(text))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:11:7': roster.ignore names 'e-mail address', the column roster.map reads as email",
      "a column is either read or ignored: delete 'e-mail address' from roster.ignore, or the `email: E-mail Address` line from roster.map",
    ]);
  });

  it("a field's own header cannot be ignored while that field reads it", () => {
    expect(shown(failure(`${BASE}roster:\n  ignore:\n    - Notes\n    - EMAIL\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:9:7': roster.ignore names 'EMAIL', the header badgesmith reads as the email field",
      "a column of that name is always read: delete 'EMAIL' from roster.ignore, or read email from another column with roster.map (`email: <header>`)",
    ]);
    // Once roster.map reads e-mail from another column, a column named 'email' may hold other data.
    const moved = `${BASE}roster:\n  map:\n    email: Contact\n  ignore:\n    - email\n`;
    expect(parseYamlFile<{ roster: unknown }>(moved, 'badgesmith.yaml', 'config').roster).toEqual({
      map: { email: 'Contact' },
      ignore: ['email'],
    });
  });

  it('a misspelt key beside it is still a did-you-mean', () => {
    expect(shown(failure(`${BASE}roster:\n  ignroe:\n    - Issuer\n`))).toEqual([
      'ERR_CONFIG_INVALID',
      65,
      "config 'badgesmith.yaml:7:3': unknown field 'roster.ignroe' (did you mean 'ignore'?)",
      'rename `ignroe` to `ignore`',
    ]);
  });
});
