import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import type { AchievementSpec } from '../../src/core/model/achievement.js';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';

function failure(text: string, kind: 'achievement' | 'config' = 'achievement'): BadgesmithError {
  try {
    parseYamlFile(text, 'achievements/intro.yaml', kind);
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

const GOOD = `name: Intro
description: Did the intro.
criteria:
  narrative: Came to both sessions.
template: ../templates/badge.svg
achievementType: Badge
language: en-GB
validFor: P1Y
`;

describe('achievement YAML', () => {
  it('reads a valid file', () => {
    const spec = parseYamlFile<AchievementSpec>(GOOD, 'intro.yaml', 'achievement');
    expect(spec.name).toBe('Intro');
    expect(spec.criteria).toEqual({ narrative: 'Came to both sessions.' });
    expect(spec.validFor).toBe('P1Y');
  });

  it('names file:line:column and says what to add for a missing name', () => {
    const error = failure('description: Did the intro.\ncriteria:\n  narrative: x\n');
    expect(error.code).toBe('ERR_ACHIEVEMENT_INVALID');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      "achievement 'achievements/intro.yaml:1:1': missing required field 'name'",
    );
    expect(error.hint).toBe('add `name: <text>`');
  });

  it('points at the wrong value and says what the pattern means, not the regex', () => {
    const error = failure(GOOD.replace('achievementType: Badge', 'achievementType: Sticker'));
    expect(error.message).toBe(
      "achievement 'achievements/intro.yaml:6:18': field 'achievementType' is not an OB 3.0 achievement type",
    );
    expect(error.hint).toBe(
      'write `achievementType: Badge`, or another OB 3.0 type (Certificate, Course, Competency, MicroCredential, …), or your own as `ext:YourTerm`',
    );
  });

  it('points at a nested missing field', () => {
    const error = failure(`${GOOD}alignment:\n  - targetName: Teamwork\n`);
    expect(error.message).toBe(
      "achievement 'achievements/intro.yaml:10:5': missing required field 'alignment.0.targetUrl'",
    );
    expect(error.hint).toBe('add `targetUrl: https://example.org/framework/skill`');
  });

  it('points at an unknown field key', () => {
    const error = failure(`${GOOD}colour: blue\n`);
    expect(error.message).toBe("achievement 'achievements/intro.yaml:9:1': unknown field 'colour'");
    expect(error.hint).toBe('remove `colour` or check its spelling');
  });

  it('names a misspelt key where it is, with the field it was meant to be', () => {
    const error = failure(GOOD.replace('name: Intro', 'nmae: Intro'));
    expect(error.message).toBe(
      "achievement 'achievements/intro.yaml:1:1': unknown field 'nmae' (did you mean 'name'?)",
    );
    expect(error.hint).toBe('rename `nmae` to `name`');
    const nested = failure(GOOD.replace('  narrative:', '  narative:'));
    expect(nested.message).toBe(
      "achievement 'achievements/intro.yaml:4:3': unknown field 'criteria.narative' (did you mean 'narrative'?)",
    );
  });

  it('reports a YAML syntax error with its position', () => {
    const error = failure('name: Intro\ndescription: "unterminated\ncriteria: x\n');
    expect(error.code).toBe('ERR_YAML_SYNTAX');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      "'achievements/intro.yaml:4:1': yaml syntax error: Missing closing \"quote",
    );
    expect(error.hint).toBe(
      'check indentation and quoting at that line; quote values that contain `: ` or `#`',
    );
    const nested = failure('description: x\nname: Intro: Advanced\n');
    expect(nested.code).toBe('ERR_YAML_SYNTAX');
    expect(nested.message).toMatch(/^'achievements\/intro\.yaml:2:7': yaml syntax error: /u);
  });

  it('gives a config its own code', () => {
    const error = failure('issuer:\n  name: Org\nkeys:\n  private: k.json\n', 'config');
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toBe(
      "config 'achievements/intro.yaml:2:3': missing required field 'issuer.id'",
    );
    expect(error.hint).toBe('add `id: did:web:example.org`');
  });
});
