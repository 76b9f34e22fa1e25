import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { loadAchievement } from '../../src/adapters/achievement-file.js';
import { initIssuerFolder, loadIssuer } from '../../src/adapters/issuer-folder.js';
import { addDuration, isOverlongDuration, toDateTimeZ } from '../../src/core/model/dates.js';

const BASE = `name: Intro
description: Did the intro.
criteria:
  narrative: Came to both sessions.
image: badge.svg
`;

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-achievement-limits-'));
  await writeFile(join(dir, 'badge.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
});

async function rejection(run: () => Promise<unknown>): Promise<BadgesmithError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validFor of more than 1000 years', () => {
  it.each(['P99999999Y', 'P9000Y', 'P1001Y', 'P12013M', 'P365500D'])(
    '%s is refused at its line, exit 65',
    async (long) => {
      const file = join(dir, `long-${long}.yaml`);
      await writeFile(file, `${BASE}validFor: ${long}\n`);
      const error = await rejection(() => loadAchievement(file));
      expect(error.code).toBe('ERR_ACHIEVEMENT_INVALID');
      expect(error.exitCode).toBe(65);
      expect(error.message).toBe(
        `achievement '${file}:6:11': field 'validFor' ('${long}') is longer than 1000 years: validUntil would be past the year 9999`,
      );
      expect(error.hint).toBe(
        'give at most 1000 years, e.g. `validFor: P10Y`, or remove `validFor` for badges that do not expire',
      );
    },
  );

  it('P1000Y is read, and from an issue date a day ahead its validUntil is a four-digit year', async () => {
    const file = join(dir, 'thousand.yaml');
    await writeFile(file, `${BASE}validFor: P1000Y\n`);
    expect((await loadAchievement(file)).spec.validFor).toBe('P1000Y');
    expect(isOverlongDuration('P1000Y')).toBe(false);
    expect(isOverlongDuration('P12000M')).toBe(false);
    const until = addDuration(new Date('2026-12-05T00:00:00Z'), 'P1000Y');
    expect(toDateTimeZ(until!)).toBe('3026-12-05T00:00:00Z');
  });
});

describe('requires (stacking)', () => {
  it('is refused at its line: stacking is not supported yet', async () => {
    const file = join(dir, 'requires.yaml');
    await writeFile(file, `${BASE}requires: [first-badge, does-not-exist]\n`);
    const error = await rejection(() => loadAchievement(file));
    expect(error.code).toBe('ERR_ACHIEVEMENT_INVALID');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      `achievement '${file}:6:11': field 'requires': stacking (a badge that needs other badges first) is not supported yet`,
    );
    expect(error.hint).toBe(
      'remove `requires`; badgesmith issues this badge to every row of the roster, whatever else they hold',
    );
  });
});

describe('badgesmith.yaml: proof di with a key that is not Ed25519', () => {
  it('names the file and the line of `proof`', async () => {
    const issuer = await mkdtemp(join(tmpdir(), 'badgesmith-proof-di-'));
    await initIssuerFolder({ dir: issuer, alg: 'ES256', name: 'Lab', force: false });
    const config = join(issuer, 'badgesmith.yaml');
    const text = await readFile(config, 'utf8');
    expect(text).toContain('  proof: jwt\n');
    await writeFile(config, text.replace('  proof: jwt\n', '  proof: di\n'));
    const line = text.split('\n').findIndex((l) => l === '  proof: jwt') + 1;
    const error = await rejection(() => loadIssuer(config, () => undefined));
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      `config '${config}:${line}:10': \`proof: di\` signs with an Ed25519 key, and keys.private '${join(issuer, 'keys/issuer.private.jwk.json')}' is an ES256 key`,
    );
    expect(error.hint).toBe(
      'write `proof: jwt` under defaults, or run `badgesmith init --proof di` in a new folder for an Ed25519 issuer',
    );
  });
});
