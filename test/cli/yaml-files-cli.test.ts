import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';
let example = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-yaml-cli-'));
  expect(run(['init', 'issuer', '--name', 'Yaml Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  example = await readFile(join(issuer, 'achievements/first-badge.yaml'), 'utf8');
}, 120_000);

const ISSUE = ['issue', '--name', 'Ada Lovelace', '--email', 'ada@example.org', '--achievement'];

describe('issue with a hostile or wrong achievement yaml (built CLI)', () => {
  it('an alias bomb is exit 65 naming the file and line, with no stack trace', async () => {
    let text = `${example}lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
    for (let i = 1; i <= 6; i += 1) {
      text += `lol${i}: &a${i} [${Array<string>(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    }
    const file = join(issuer, 'achievements/bomb.yaml');
    await writeFile(file, text);
    const line = text.split('\n').length - 6;
    const result = run([...ISSUE, 'bomb'], issuer);
    expect(result.code).toBe(65);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^badgesmith: error: '${file}:${line}:\\d+': yaml aliases expand too far`, 'u'),
    );
    expect(result.stderr).not.toMatch(/internal error|ReferenceError|\n\s+at /u);
  });

  it.each(['P99999999Y', 'P9000Y'])(
    'validFor %s is refused at its line in --dry-run and in the real run alike',
    async (long) => {
      const file = join(issuer, `achievements/long-${long}.yaml`);
      const text = `${example.replace(/^validFor:.*\n/mu, '')}validFor: ${long}\n`;
      await writeFile(file, text);
      const line = text.split('\n').length - 1;
      const message = `badgesmith: error: achievement '${file}:${line}:11': field 'validFor' ('${long}') is longer than 1000 years: validUntil would be past the year 9999\n`;
      for (const extra of [['--dry-run'], []]) {
        const result = run([...ISSUE, `long-${long}`, ...extra], issuer);
        expect(result.code).toBe(65);
        expect(result.stdout).toBe('');
        expect(result.stderr.startsWith(message)).toBe(true);
        expect(result.stderr).not.toMatch(/WOULD ISSUE|internal error|Invalid time value/u);
      }
    },
  );
});
