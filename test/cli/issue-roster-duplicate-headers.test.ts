import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-dup-'));
  expect(run(['init', 'issuer', '--name', 'Dup Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  await writeFile(join(issuer, 'dup.csv'), 'name,email,email\nAda,ada@example.org,b@example.org\n');
  await writeFile(join(issuer, 'mapped.csv'), 'Who,email,WHO\nAda,ada@example.org,Grace\n');
}, 120_000);

const issue = (roster: string, ...more: string[]) =>
  run(['issue', '--achievement', 'first-badge', '--roster', roster, ...more], issuer);

describe('issue --roster with two columns for one field: exit 65 before anything is signed', () => {
  it.each([[[]], [['--dry-run']]])('name,email,email %j', async (more: string[]) => {
    expect(issue('dup.csv', ...more)).toEqual({
      code: 65,
      stdout: '',
      stderr:
        `badgesmith: error: roster '${join(issuer, 'dup.csv')}' has column 'email' twice (columns 2 and 3); nothing was issued\n` +
        'hint: rename or delete one of them, so that only one column holds email\n',
    });
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });

  it('two headers that --map sends to name', async () => {
    const result = issue('mapped.csv', '--map', 'name=Who');
    expect(result.code).toBe(65);
    expect(result.stderr).toContain("has column 'Who' twice (columns 1 and 3)");
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });
});
