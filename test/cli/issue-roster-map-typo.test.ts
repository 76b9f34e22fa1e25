import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-map-typo-'));
  expect(run(['init', 'issuer', '--name', 'Map Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  await writeFile(join(issuer, 'r.csv'), 'name,E-mail Address\nAda,ada@example.org\n');
}, 120_000);

const issue = (...more: string[]) =>
  run(['issue', '--achievement', 'first-badge', '--roster', 'r.csv', ...more], issuer);

describe('issue --map with a bad value', () => {
  it('a typo in the mapped header: exit 65, the --map is blamed and its fix hinted', async () => {
    expect(issue('--map', 'email=E-mail Adress')).toEqual({
      code: 65,
      stdout: '',
      stderr:
        `badgesmith: error: --map email names no column 'E-mail Adress' in '${join(issuer, 'r.csv')}' (did you mean 'E-mail Address'?); nothing was issued\n` +
        'hint: fix the --map value (or roster.map in badgesmith.yaml): --map email="E-mail Address"\n',
    });
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });

  it('the hinted --map works', () => {
    const result = issue('--map', 'email=E-mail Address', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the same field twice, and a field that is not one, are usage errors (64)', () => {
    const twice = issue('--map', 'email=A', '--map', 'email=B');
    expect(twice.code).toBe(64);
    expect(twice.stderr).toMatch(
      /^badgesmith: error: --map names field 'email' twice \('A' and 'B'\)\n/u,
    );
    const notes = issue('--map', 'notes=Issuer');
    expect(notes.code).toBe(64);
    expect(notes.stderr).toBe(
      "badgesmith: error: --map 'notes=Issuer': 'notes' is not a roster field\n" +
        'hint: map one of the fields to a column, e.g. --map email="E-mail Address"; ' +
        'the fields are name, email, identifier, achievement, issued, evidence, narrative, result, language\n',
    );
  });
});
