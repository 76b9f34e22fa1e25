import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerWithStaticBadge, run } from './batch-helpers.js';

let folder = '';

// What a spreadsheet export leaves after the last earner: rows of empty cells.
const ROSTER = 'name,email\nAda,ada@example.org\n,,\nGrace,grace@example.org\n , \n,,\r\n';

const args = ['issue', '--achievement', 'static', '--roster', 'r.csv', '--issued', '2025-06-01'];

beforeAll(async () => {
  folder = await issuerWithStaticBadge();
  await writeFile(join(folder, 'r.csv'), ROSTER);
}, 120_000);

describe('a roster with rows of empty cells', () => {
  it('--dry-run skips them: 2 would issue, none failed, exit 0', () => {
    const result = run([...args, '--out', 'dry', '--dry-run'], folder);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringMatching(/^WOULD ISSUE row 1 Ada: /u),
      expect.stringMatching(/^WOULD ISSUE row 2 Grace: /u),
      'dry run: would issue 2, skipped 0 (already issued), duplicates 0, failed 0; nothing written',
    ]);
  });

  it('a real run issues the 2 earners, exit 0, and the report has 2 rows', async () => {
    const result = run([...args, '--out', 'out'], folder);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^issued 2, skipped 0 \(already issued\), duplicates 0, failed 0;/u,
    );
    const report = (await readdir(join(folder, 'out'))).find((name) => name.endsWith('.csv'))!;
    const lines = (await readFile(join(folder, 'out', report), 'utf8')).trim().split('\n');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '1,Ada,ada@example.org',
      '2,Grace,grace@example.org',
    ]);
  });
});
