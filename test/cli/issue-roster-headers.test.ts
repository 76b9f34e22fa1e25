import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-headers-'));
  expect(run(['init', 'issuer', '--name', 'Header Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  await writeFile(join(issuer, 'typo.csv'), 'name,emial\nAda Lovelace,ada@example.org\n');
  await writeFile(
    join(issuer, 'issuer-column.csv'),
    'name,email,Issuer\nAda Lovelace,ada@example.org,Maths Dept\n',
  );
  await writeFile(
    join(issuer, 'extra.csv'),
    'name,email,Cohort,Room\nAda Lovelace,ada@example.org,2025,B12\n',
  );
}, 120_000);

const issue = (roster: string, ...more: string[]) =>
  run(['issue', '--achievement', 'first-badge', '--roster', roster, ...more], issuer);

const TYPO =
  "badgesmith: error: roster '%s' has unknown column 'emial' (did you mean 'email'?); nothing was issued\n" +
  'hint: rename the column to \'email\' or read it with --map email="emial"; ' +
  'if it holds other data, pass --ignore-column "emial" (or add it to roster.ignore in badgesmith.yaml)\n';

describe('issue --roster with a misspelt header: exit 65 before anything is signed', () => {
  it('issue: the file, the column and the suggestion; no out/ folder', async () => {
    const result = issue('typo.csv');
    expect(result).toEqual({
      code: 65,
      stdout: '',
      stderr: TYPO.replace('%s', join(issuer, 'typo.csv')),
    });
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });

  it('issue --dry-run reports the same', () => {
    expect(issue('typo.csv', '--dry-run')).toEqual({
      code: 65,
      stdout: '',
      stderr: TYPO.replace('%s', join(issuer, 'typo.csv')),
    });
  });

  it('--map reads the misspelt column as the hint says', () => {
    const result = issue('typo.csv', '--map', 'email=emial', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^WOULD ISSUE row 1 Ada Lovelace: /u);
  });
});

describe('issue --roster with headers close to no field: a warning, then the rows', () => {
  it('--dry-run warns once naming them, exit 0', () => {
    const result = issue('extra.csv', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("warning: ignored roster columns: 'Cohort', 'Room'\n");
    expect(result.stdout).toMatch(/^WOULD ISSUE row 1 Ada Lovelace: /u);
  });
});

describe('issue --ignore-column: an export column that only looks like a field', () => {
  it('without it, Issuer is taken for a typo of issued; with it, the run reads no Issuer', async () => {
    const refused = issue('issuer-column.csv', '--dry-run');
    expect([refused.code, refused.stderr.split('\n')[1]]).toEqual([
      65,
      'hint: rename the column to \'issued\' or read it with --map issued="Issuer"; if it holds other data, pass --ignore-column "Issuer" (or add it to roster.ignore in badgesmith.yaml)',
    ]);
    const issued = issue('issuer-column.csv', '--ignore-column', 'Issuer', '--out', 'out-ignore');
    expect([issued.code, issued.stderr]).toEqual([0, '']);
    expect(issued.stdout).toContain('issued 1, skipped 0');
    expect((await readdir(join(issuer, 'out-ignore'))).some((f) => f.endsWith('.png'))).toBe(true);
  });

  it('an --ignore-column the roster does not have is an error naming it', () => {
    const result = issue(
      'issuer-column.csv',
      '--ignore-column',
      'Issuer',
      '--ignore-column',
      'Notes',
    );
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([
      65,
      `badgesmith: error: roster '${join(issuer, 'issuer-column.csv')}' has no column 'Notes' (--ignore-column)`,
    ]);
  });
});
