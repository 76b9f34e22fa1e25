import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-blank-name-'));
  expect(run(['init', 'issuer', '--name', 'Blank Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
}, 120_000);

const HINT = "hint: pass the earner's name as it should read, e.g. --name 'Ada Lovelace'\n";

function issueTo(name: string) {
  return run(
    ['issue', '--achievement', 'first-badge', '--name', name, '--email', 'ada@example.org'],
    issuer,
  );
}

describe('issue --name that shows nothing: exit 64 with a hint, nothing written', () => {
  it.each([
    ['empty', '', '--name is empty'],
    ['spaces', '   ', '--name is empty'],
    [
      'zero-width characters',
      '\u200b\u200c\u200d\u2060\ufeff',
      '--name has only invisible characters (U+200B, U+200C, U+200D, U+2060, U+FEFF)',
    ],
    [
      'a zero-width space among spaces',
      ' \u200b ',
      '--name has only invisible characters (U+200B)',
    ],
  ])('%s', async (_what, name, message) => {
    const result = issueTo(name);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`badgesmith: error: ${message}\n${HINT}`);
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });

  it('a name with a zero-width character beside letters is issued; the line shows it escaped', () => {
    const result = issueTo('Ada\u200b Lovelace');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ISSUED row 1 Ada\\u200b Lovelace: /u);
  });
});

describe('issue --roster: a row whose name is only zero-width characters fails like an empty one', () => {
  it('FAILED with "no name", exit 1, the other row issued', async () => {
    await writeFile(
      join(issuer, 'blank.csv'),
      'name,email\n\u200b\u2060,zw@example.org\nGrace Hopper,grace@example.org\n',
    );
    const result = run(
      ['issue', '--achievement', 'first-badge', '--roster', 'blank.csv', '--out', 'roster-out'],
      issuer,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'FAILED row 1 (\\u200b\\u2060): row 1: no name: the name has only invisible characters (U+200B, U+2060)\n',
    );
    expect(result.stdout).toMatch(
      /^issued 1, skipped 0 \(already issued\), duplicates 0, failed 1;/u,
    );
  });
});

describe('init --name that shows nothing: exit 64, no folder made', () => {
  it('only zero-width characters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-blank-issuer-'));
    const result = run(['init', 'issuer', '--name', '\u200b\ufeff'], dir);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'badgesmith: error: --name has only invisible characters (U+200B, U+FEFF)\n' +
        'hint: pass the name shown on every badge, e.g. --name "Data Carpentry Lab"\n',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a bidi override (another issuer name could show than the one it holds)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-bidi-issuer-'));
    const result = run(['init', 'issuer', '--name', 'Open \u202eytisrevinU'], dir);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'badgesmith: error: --name contains bidirectional control character U+202E (right-to-left override) at character 6\n' +
        'hint: pass the name shown on every badge, e.g. --name "Data Carpentry Lab"\n',
    });
    expect(await readdir(dir)).toEqual([]);
    // An Arabic issuer name is an ordinary name.
    expect(run(['init', 'issuer', '--name', 'جامعة القاهرة'], dir).code).toBe(0);
  });
});
