import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-valid-for-'));
  expect(run(['init', 'issuer', '--name', 'Expiry Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
}, 120_000);

const EARNER = ['--name', 'Ada Lovelace', '--email', 'ada@example.org'];

describe('issue with an achievement whose validFor is zero', () => {
  it.each(['P0D', 'P0Y'])(
    'validFor: %s is refused: exit 65, file:line:col, a hint',
    async (zero) => {
      const example = await readFile(join(issuer, 'achievements', 'first-badge.yaml'), 'utf8');
      const file = join(issuer, 'achievements', `zero-${zero}.yaml`);
      await writeFile(file, `validFor: ${zero}\n${example}`);
      const result = run(['issue', '--achievement', `zero-${zero}`, ...EARNER], issuer);
      expect(result.code).toBe(65);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `badgesmith: error: achievement '${file}:1:11': field 'validFor' is a zero duration ('${zero}'): every badge would expire as it is issued\n` +
          'hint: give a length, e.g. `validFor: P1Y`, or remove `validFor` for badges that do not expire\n',
      );
      expect((await readdir(issuer)).includes('out')).toBe(false);
    },
  );

  it('validFor: P1D issues a badge', async () => {
    const example = await readFile(join(issuer, 'achievements', 'first-badge.yaml'), 'utf8');
    await writeFile(join(issuer, 'achievements', 'one-day.yaml'), `validFor: P1D\n${example}`);
    const result = run(['issue', '--achievement', 'one-day', ...EARNER, '--dry-run'], issuer);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
