import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { parseYamlFile, type YamlKind } from '../../src/adapters/yaml-files.js';

const ACHIEVEMENT = 'name: Intro\ndescription: Did the intro.\ncriteria:\n  narrative: Came.\n';
const CONFIG = 'issuer:\n  id: did:web:example.org\n  name: Lab\nkeys:\n  private: k.json\n';

function failure(text: string, kind: YamlKind): BadgesmithError {
  try {
    parseYamlFile(text, 'f.yaml', kind);
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('yaml hints say what to write, with a value of the right type', () => {
  it.each([
    [
      'achievement',
      `${ACHIEVEMENT}tags: a, b\n`,
      "achievement 'f.yaml:5:7': field 'tags' must be a list",
      'write `tags: [a, b]` (a list in brackets)',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}tags: "C#, F#"\n`,
      "achievement 'f.yaml:5:7': field 'tags' must be a list",
      'write `tags: ["C#", "F#"]` (a list in brackets)',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}level: [1]\n`,
      "achievement 'f.yaml:5:8': field 'level' must be a whole number or text",
      'write `level: 1` (one value, not a list)',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}version: 1.0\n`,
      "achievement 'f.yaml:5:10': field 'version' must be text",
      'write `version: "1.0"` (in quotes, so yaml reads it as text)',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}creditsAvailable: -1\n`,
      "achievement 'f.yaml:5:19': field 'creditsAvailable' must be 0 or more",
      'write `creditsAvailable: 3`',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}language: english\n`,
      "achievement 'f.yaml:5:11': field 'language' is not a language tag like en or en-GB",
      'write `language: en`',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}validFor: 1 year\n`,
      "achievement 'f.yaml:5:11': field 'validFor' is not a duration like P1Y, P6M, P2W or P30D (years, months, weeks, days)",
      'write `validFor: P1Y`',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}image: badge.jpg\n`,
      "achievement 'f.yaml:5:8': field 'image' must name a .png or .svg file",
      'write `image: badge.png`',
    ],
    [
      'achievement',
      `${ACHIEVEMENT}imageUrl: badge\n`,
      "achievement 'f.yaml:5:11': field 'imageUrl' must be an absolute url (https://…)",
      'write `imageUrl: https://example.org/badge.png`',
    ],
    [
      'config',
      `${CONFIG}defaults:\n  recipientName: "yes"\n`,
      "config 'f.yaml:7:18': field 'defaults.recipientName' must be true or false",
      'write `recipientName: true` or `recipientName: false`',
    ],
    [
      'config',
      `${CONFIG}defaults:\n  output: 5\n`,
      "config 'f.yaml:7:11': field 'defaults.output' must be text",
      'write `output: "5"` (in quotes, so yaml reads it as text)',
    ],
    [
      'config',
      `${CONFIG}defaults:\n  format: svgs\n`,
      "config 'f.yaml:7:11': field 'defaults.format' must be one of png, svg, both",
      'write `format: svg`',
    ],
    [
      'config',
      `${CONFIG}defaults:\n  proof: jwts\n`,
      "config 'f.yaml:7:10': field 'defaults.proof' must be one of jwt, di",
      'write `proof: jwt`',
    ],
    [
      'config',
      CONFIG.replace('did:web:example.org', 'foo'),
      "config 'f.yaml:2:7': field 'issuer.id' must be a did:web, a did:key or an https url",
      'write `id: did:web:example.org`',
    ],
  ] as const)('%s %j', (kind, text, message, hint) => {
    const error = failure(text, kind);
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(message);
    expect(error.hint).toBe(hint);
  });

  it('says an empty or non-map file is that, with the fields to write', () => {
    const empty = failure('', 'config');
    expect(empty.message).toBe("config 'f.yaml:1:1': the file is empty");
    expect(empty.hint).toBe(
      'write `issuer: { id: did:web:example.org, name: Example Lab }` and `keys: { private: keys/issuer.private.jwk.json }`, one per line, or run `badgesmith init`',
    );
    const list = failure('- name: Intro\n', 'achievement');
    expect(list.message).toBe(
      "achievement 'f.yaml:1:1': the file must be a map of fields (`name: value` lines), not a list",
    );
    expect(list.hint).toBe(
      'write at least `name: Intro to Python`, `description: <text>` and `criteria: { narrative: <what the earner did> }`, one per line',
    );
  });

  it('never suggests a field the map already has', () => {
    const anchor = failure(`base: &b Came.\n${ACHIEVEMENT}`, 'achievement');
    expect(anchor.message).toBe("achievement 'f.yaml:1:1': unknown field 'base'");
    expect(anchor.hint).toBe(
      'remove `base`: a file has no place for a value kept only for its anchor; put `&b` on the first field that has the value, then `*b` where it repeats',
    );
    const misspelt = failure(ACHIEVEMENT.replace('name:', 'nmae:'), 'achievement');
    expect(misspelt.hint).toBe('rename `nmae` to `name`');
  });
});
