import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-q-'));
}, 60_000);

describe('-q says only what went wrong', () => {
  it('init -q prints nothing and still writes the issuer folder', async () => {
    const result = runCli(['-q', 'init', 'iss', '--name', 'Quiet U'], dir);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', '']);
    expect((await readdir(join(dir, 'iss'))).sort()).toEqual([
      '.gitignore',
      'achievements',
      'badgesmith.yaml',
      'keys',
      'rosters',
      'templates',
    ]);
  }, 60_000);

  it('issue -q: one earner prints nothing; a roster prints only its FAILED rows', async () => {
    const iss = join(dir, 'iss');
    const one = runCli(
      [
        '-q',
        'issue',
        '--achievement',
        'first-badge',
        '--name',
        'Bo Two',
        '--email',
        'bo@example.org',
      ].concat(['--out', 'out', '--issued', '2025-06-01']),
      iss,
    );
    expect([one.code, one.stdout, one.stderr]).toEqual([0, '', '']);
    await writeFile(join(iss, 'r.csv'), 'name,email\nAda One,ada@example.org\n,nob@example.org\n');
    const roster = runCli(
      ['-q', 'issue', '--achievement', 'first-badge', '--roster', 'r.csv', '--out', 'out'].concat([
        '--issued',
        '2025-06-01',
      ]),
      iss,
    );
    expect([roster.code, roster.stdout, roster.stderr]).toEqual([
      1,
      '',
      'FAILED row 2 (-): row 2: no name\n',
    ]);
    const files = (await readdir(join(iss, 'out'))).filter((f) => f.endsWith('.png'));
    // The ids come from the issuer's fresh did:key, so only the names' part is known.
    expect(files.sort()).toEqual([
      expect.stringMatching(/^ada-one-[0-9a-f]{8}\.png$/u),
      expect.stringMatching(/^bo-two-[0-9a-f]{8}\.png$/u),
    ]);
  }, 60_000);
});
