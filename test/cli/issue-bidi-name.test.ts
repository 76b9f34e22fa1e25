import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, runCli as run } from '../helpers/cli.js';

let issuer = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-bidi-name-'));
  expect(run(['init', 'issuer', '--name', 'Bidi Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
}, 120_000);

// A new address each time: the same earner twice would be skipped as already issued.
let earners = 0;
const issueTo = (name: string) => {
  earners += 1;
  const email = `earner${earners}@example.org`;
  return run(['issue', '--achievement', 'first-badge', '--name', name, '--email', email], issuer);
};

const HINT = "hint: pass the earner's name as plain text, e.g. --name 'Ada Lovelace'\n";

describe('issue --name with a bidi control: exit 64 naming it, nothing written', () => {
  it.each([
    ['an override', 'Ada \u202eecalevoL', 'U+202E (right-to-left override) at character 5'],
    ['an isolate', '\u2066Ada\u2069', 'U+2066 (left-to-right isolate) at character 1'],
    ['an embedding', 'Ada\u202b', 'U+202B (right-to-left embedding) at character 4'],
  ])('%s', async (_what, name, which) => {
    const result = issueTo(name);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: `badgesmith: error: --name contains bidirectional control character ${which}\n${HINT}`,
    });
    expect((await readdir(issuer)).includes('out')).toBe(false);
  });

  it.each([
    ['an RLM', 'Ada\u200f Lovelace'],
    ['a Hebrew name', 'עדה לאבלייס'],
    ['an Arabic name', 'أدا لوفلايس'],
  ])('%s is issued', (_what, name) => {
    const result = issueTo(name);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`ISSUED row 1 ${name}: `)).toBe(true);
  });
});

describe('issue --roster: a row with a bidi control fails with the reason, the run goes on', () => {
  it('FAILED (the control escaped on the terminal), exit 1, the others issued', async () => {
    await writeFile(
      join(issuer, 'bidi.csv'),
      'name,email\nAda \u202eecalevoL,ada@example.org\nGrace Hopper,grace@example.org\nעדה,hebrew@example.org\n',
    );
    const result = run(
      ['issue', '--achievement', 'first-badge', '--roster', 'bidi.csv', '--out', 'roster-out'],
      issuer,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'FAILED row 1 (Ada \\u202eecalevoL): row 1: name contains bidirectional control character U+202E (right-to-left override) at character 5\n',
    );
    expect(result.stdout).toMatch(
      /^issued 2, skipped 0 \(already issued\), duplicates 0, failed 1;/u,
    );
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`); each time the output shows the next
 * awaited text, types its keys. The terminal merges stdout and stderr.
 */
function atTerminal(args: string[], cwd: string, steps: [string, string][]) {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env });
  let output = '';
  let step = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const next = steps[step];
    if (next !== undefined && output.includes(next[0])) {
      step += 1;
      child.stdin.write(next[1]);
    }
  });
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no exit after step ${step}; output so far:\n${output}`));
    }, 20_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe.skipIf(!hasScript)("the earner's name prompt (on a pseudo-terminal)", () => {
  it('refuses a name with an override and asks again; Ctrl-C then leaves, nothing issued', async () => {
    const written = async () =>
      (await readdir(issuer)).includes('out') ? readdir(join(issuer, 'out')) : [];
    const before = await written();
    const result = await atTerminal(['issue', '--achievement', 'first-badge'], issuer, [
      ["Earner's name", 'Ada\u202eX\r'],
      ['at character 4', '\u0003'],
    ]);
    // The terminal is 80 columns wide, so the message wraps: read it without the line breaks.
    expect(result.output.replace(/\r?\n/gu, '')).toContain(
      'the name contains bidirectional control character U+202E (right-to-left override) at character 4',
    );
    expect(result.output).not.toContain("Earner's e-mail");
    expect(result.code).toBe(130);
    expect(await written()).toEqual(before);
  });
});
