import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { loadAchievement } from '../../src/adapters/achievement-file.js';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';

const BASE = `name: Intro
description: Did the intro.
criteria:
  narrative: Came to both sessions.
image: badge.svg
`;

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-valid-for-'));
  await writeFile(join(dir, 'badge.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
});

async function rejection(file: string): Promise<BadgesmithError> {
  try {
    await loadAchievement(file);
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the achievement to be refused');
}

describe('loadAchievement: validFor of no time at all', () => {
  it.each(['P0D', 'P0Y', 'P0Y0M0W0D'])('%s is refused at the value, exit 65', async (zero) => {
    const file = join(dir, `zero-${zero}.yaml`);
    await writeFile(file, `${BASE}validFor: ${zero}\n`);
    const error = await rejection(file);
    expect(error.code).toBe('ERR_ACHIEVEMENT_INVALID');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      `achievement '${file}:6:11': field 'validFor' is a zero duration ('${zero}'): every badge would expire as it is issued`,
    );
    expect(error.hint).toBe(
      'give a length, e.g. `validFor: P1Y`, or remove `validFor` for badges that do not expire',
    );
  });

  it('P0Y1D and no validFor at all are read', async () => {
    const file = join(dir, 'one-day.yaml');
    await writeFile(file, `${BASE}validFor: P0Y1D\n`);
    expect((await loadAchievement(file)).spec.validFor).toBe('P0Y1D');
    const none = join(dir, 'none.yaml');
    await writeFile(none, BASE);
    expect((await loadAchievement(none)).spec.validFor).toBeUndefined();
  });
});

describe('parseYamlFile: a check beyond the schema', () => {
  it('is told where the field is (line:column of its value) and runs only on a valid file', () => {
    const text = `${BASE}tags:\n  - a\n  - b\n`;
    let seen = 0;
    const check = (spec: { tags?: string[] }) => {
      seen += 1;
      return spec.tags?.length === 2
        ? { path: ['tags', '1'], problem: 'two tags', hint: 'keep one' }
        : undefined;
    };
    expect(() => parseYamlFile(text, 'intro.yaml', 'achievement', check)).toThrow(
      new BadgesmithError('ERR_ACHIEVEMENT_INVALID', "achievement 'intro.yaml:8:5': two tags", {
        hint: 'keep one',
      }),
    );
    expect(() => parseYamlFile(`${text}nmae: x\n`, 'intro.yaml', 'achievement', check)).toThrow(
      "unknown field 'nmae'",
    );
    expect(seen).toBe(1);
  });
});
