import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';

const BASE = 'issuer:\n  id: did:web:example.org\n  name: Org\nkeys:\n  private: k.json\n';

const FIELDS =
  'name, email, identifier, achievement, issued, evidence, narrative, result, language';

describe('badgesmith.yaml roster.map with a key that is not a roster field', () => {
  it('a near miss is named at its line, with did-you-mean and the fields', () => {
    const text = `${BASE}roster:\n  map:\n    name: Full Name\n    emial: E-mail Address\n`;
    expect(() => parseYamlFile(text, 'badgesmith.yaml', 'config')).toThrow(
      expect.objectContaining({
        code: 'ERR_CONFIG_INVALID',
        message:
          "config 'badgesmith.yaml:9:5': unknown key 'roster.map.emial' (did you mean 'email'?)",
        hint: `rename \`emial\` to \`email\`; \`roster.map\` takes ${FIELDS}`,
      }),
    );
  });

  it('a key close to no field is named with the fields only', () => {
    const text = `${BASE}roster:\n  map:\n    cohort: Group\n`;
    expect(() => parseYamlFile(text, 'badgesmith.yaml', 'config')).toThrow(
      expect.objectContaining({
        message: "config 'badgesmith.yaml:8:5': unknown key 'roster.map.cohort'",
        hint: `\`roster.map\` takes ${FIELDS}`,
      }),
    );
  });

  it('a map of real fields parses', () => {
    const text = `${BASE}roster:\n  map:\n    email: E-mail Address\n`;
    expect(parseYamlFile<{ roster: unknown }>(text, 'badgesmith.yaml', 'config').roster).toEqual({
      map: { email: 'E-mail Address' },
    });
  });
});
