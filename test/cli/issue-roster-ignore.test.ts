import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';
/** The line the first appended line of a config variant lands on. */
let next = 0;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-ignore-'));
  expect(run(['init', 'issuer', '--name', 'Ignore Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  const base = await readFile(join(issuer, 'badgesmith.yaml'), 'utf8');
  next = base.split('\n').length;
  const variant = (name: string, roster: string) => writeFile(join(issuer, name), base + roster);
  await variant('ignore.yaml', 'roster:\n  ignore:\n    - Issuer\n');
  await variant('not-a-list.yaml', 'roster:\n  ignore: Issuer\n');
  await variant('both.yaml', 'roster:\n  map:\n    name: Issuer\n  ignore:\n    - issuer\n');
  await writeFile(
    join(issuer, 'export.csv'),
    'name,email,Issuer,Room,Cohort\nAda Lovelace,ada@example.org,Maths Dept,B12,2025\n',
  );
}, 120_000);

const issue = (roster: string, ...more: string[]) =>
  run(['issue', '--achievement', 'first-badge', '--roster', roster, ...more], issuer);

describe('roster.ignore in badgesmith.yaml: as --ignore-column, for every roster', () => {
  it('--dry-run: Issuer is neither read nor a typo; the other columns are warned of', () => {
    const result = issue('export.csv', '--config', 'ignore.yaml', '--dry-run');
    expect([result.code, result.stderr]).toEqual([
      0,
      "warning: ignored roster columns: 'Room', 'Cohort'\n",
    ]);
    expect(result.stdout).toMatch(/^WOULD ISSUE row 1 Ada Lovelace: /u);
  });

  it('issue: the badge is written', async () => {
    const result = issue('export.csv', '--config', 'ignore.yaml', '--out', 'out-yaml');
    expect([result.code, result.stdout.includes('issued 1, skipped 0')]).toEqual([0, true]);
    expect((await readdir(join(issuer, 'out-yaml'))).some((f) => f.endsWith('.png'))).toBe(true);
  });

  it('--ignore-column adds to it', () => {
    const result = issue(
      'export.csv',
      '--config',
      'ignore.yaml',
      '--ignore-column',
      'Room',
      '--dry-run',
    );
    expect([result.code, result.stderr]).toEqual([
      0,
      "warning: ignored roster columns: 'Cohort'\n",
    ]);
  });

  it('without it, the same roster stops at Issuer with the hint naming both ways', () => {
    const result = issue('export.csv', '--dry-run');
    expect([result.code, result.stderr.split('\n')[1]]).toEqual([
      65,
      'hint: rename the column to \'issued\' or read it with --map issued="Issuer"; if it holds other data, pass --ignore-column "Issuer" (or add it to roster.ignore in badgesmith.yaml)',
    ]);
  });

  it('a roster without the column is fine; a --ignore-column it lacks is still an error', () => {
    const plain = issue('rosters/example.csv', '--config', 'ignore.yaml', '--dry-run');
    expect([plain.code, plain.stderr]).toEqual([0, '']);
    const flagged = issue(
      'rosters/example.csv',
      '--config',
      'ignore.yaml',
      '--ignore-column',
      'Room',
      '--dry-run',
    );
    expect([flagged.code, flagged.stderr.split('\n')[0]]).toEqual([
      65,
      `badgesmith: error: roster '${join(issuer, 'rosters', 'example.csv')}' has no column 'Room' (--ignore-column)`,
    ]);
  });

  it('--map reading a column it ignores: exit 64, nothing read, the yaml line named', () => {
    const config = join(issuer, 'ignore.yaml');
    expect(issue('export.csv', '--config', 'ignore.yaml', '--map', 'result=Issuer')).toEqual({
      code: 64,
      stdout: '',
      stderr:
        `badgesmith: error: --map result reads column 'Issuer', which roster.ignore ignores at '${config}:${next + 2}:7'\n` +
        `hint: a column is either read or ignored: delete 'Issuer' from roster.ignore in '${config}', or map result to another column\n`,
    });
  });

  it('a single header instead of a list: exit 65 at its line', () => {
    const config = join(issuer, 'not-a-list.yaml');
    expect(issue('export.csv', '--config', 'not-a-list.yaml', '--dry-run')).toEqual({
      code: 65,
      stdout: '',
      stderr:
        `badgesmith: error: config '${config}:${next + 1}:11': field 'roster.ignore' must be a list\n` +
        'hint: write `ignore: [Issuer]` (a list in brackets)\n',
    });
  });

  it('a header roster.map reads: exit 65 at the ignore line', () => {
    const config = join(issuer, 'both.yaml');
    expect(issue('export.csv', '--config', 'both.yaml', '--dry-run')).toEqual({
      code: 65,
      stdout: '',
      stderr:
        `badgesmith: error: config '${config}:${next + 4}:7': roster.ignore names 'issuer', the column roster.map reads as name\n` +
        "hint: a column is either read or ignored: delete 'issuer' from roster.ignore, or the `name: Issuer` line from roster.map\n",
    });
  });
});
