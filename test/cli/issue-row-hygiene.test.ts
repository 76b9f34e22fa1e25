import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-row-hygiene-'));
  expect(run(['init', 'iss', '--name', 'Issuer', '--alg', 'ES256'], dir).code).toBe(0);
  await writeFile(
    join(dir, 'cohort.csv'),
    'name,email,language\n' +
      'Ada,ada@example.org,pt-BR\n' +
      'Bo,bo@example.org,!!not a tag!!\n' +
      'Cy\u001b[2J\u001b]0;pwned\u0007,cy@example.org,en\n',
  );
}, 120_000);

const ROSTER = ['issue', '--config', 'iss/badgesmith.yaml', '--achievement', 'first-badge'];

describe('roster rows with a bad language or a control character in the name', () => {
  for (const dry of [true, false]) {
    it(`fail with the reason${dry ? ' in a dry run too' : ''}, names escaped on the terminal`, () => {
      const out = dry ? 'dry' : 'real';
      const extra = dry ? ['--dry-run'] : [];
      const result = run([...ROSTER, '--roster', 'cohort.csv', '--out', out, ...extra], dir);
      expect(result.code).toBe(1);
      const all = result.stdout + result.stderr;
      expect(all).not.toContain('\u001b');
      expect(all).not.toContain('\u0007');
      expect(all).toContain(
        "FAILED row 2 (Bo): row 2: language '!!not a tag!!' is not a BCP 47 tag like en or pt-BR",
      );
      expect(all).toContain(
        'FAILED row 3 (Cy\\u001b[2J\\u001b]0;pwned\\u0007): row 3: name contains control character U+001B',
      );
      expect(all).not.toContain('template');
    });
  }

  it('refuses --name with a control character, without echoing it raw', () => {
    const result = run(
      [...ROSTER, '--name', 'Ada\u001b[2J', '--email', 'ada@example.org', '--out', 'one'],
      dir,
    );
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--name contains control character U+001B');
    expect(result.stderr).not.toContain('\u001b');
  });
});

describe('a refused issue run', () => {
  it('issue --proof di with an ES256 key: exit 65, no .partial report left in out/', async () => {
    const result = run(
      [...ROSTER, '--name', 'Ada', '--email', 'ada@example.org', '--proof', 'di', '--out', 'di'],
      dir,
    );
    expect(result.code).toBe(65);
    const left = await readdir(join(dir, 'di')).catch(() => [] as string[]);
    expect(left.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(left.filter((f) => f.startsWith('report-'))).toEqual([]);
  });
});
