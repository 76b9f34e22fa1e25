import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerIdAnswer } from '../../src/cli/commands/init.js';
import { answerProblem } from '../../src/cli/prompts.js';
import { bin, runCli } from '../helpers/cli.js';

describe('prompt answers', () => {
  it('a required answer of spaces is refused; others are checked trimmed', () => {
    expect(answerProblem('   ', { required: true })).toBe('an answer is needed (not only spaces)');
    expect(answerProblem('', { required: true })).toBe('an answer is needed (not only spaces)');
    expect(answerProblem('   ', {})).toBe(true);
    expect(answerProblem(' first-badge ', { required: true })).toBe(true);
    const seen: string[] = [];
    answerProblem('  x  ', { validate: (v) => (seen.push(v), true) });
    expect(seen).toEqual(['x']);
  });

  it('the issuer id prompt takes empty, did:web, did:key and https ids only', () => {
    expect(issuerIdAnswer('')).toBe(true);
    expect(issuerIdAnswer('did:web:example.org')).toBe(true);
    expect(issuerIdAnswer('https://example.org/issuer')).toBe(true);
    expect(issuerIdAnswer('foo')).toBe(
      "'foo' is not a did:web:…, did:key:… or https://… id (e.g. did:web:example.org)",
    );
    expect(issuerIdAnswer('http://example.org')).not.toBe(true);
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`); each step waits for its text to appear
 * after the previous step's and then types its keys. Returns the exit code and all output.
 */
function atTerminal(
  args: string[],
  cwd: string,
  steps: [waitFor: string, keys: string][],
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env });
  let output = '';
  let from = 0;
  let step = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const next = steps[step];
    if (next === undefined) return;
    const found = output.indexOf(next[0], from);
    if (found >= 0) {
      from = found + next[0].length;
      step += 1;
      child.stdin.write(next[1]);
    }
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`stuck at step ${step}; output so far:\n${output}`));
    }, 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe.skipIf(!hasScript)('prompts ask again (on a pseudo-terminal)', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'badgesmith-prompt-answers-'));
    expect(runCli(['init', 'issuer', '--name', 'Prompt Lab'], dir).code).toBe(0);
  }, 120_000);

  it('init: issuer id foo is refused at the prompt and asked again', async () => {
    const flags = ['--name', 'Lab', '--alg', 'ES256', '--url', 'https://lab.example.org'];
    const run = await atTerminal(['init', 'fresh', ...flags, '--email', 'a@example.org'], dir, [
      ['Issuer id', 'foo\r'],
      ["'foo' is not a did:web", 'did:web:lab.example.org\r'],
    ]);
    expect(run.output).not.toContain('pass --issuer-id');
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, 'fresh', 'badgesmith.yaml'), 'utf8')).toContain(
      '  id: did:web:lab.example.org\n',
    );
  });

  it('issue: an achievement of spaces is refused at the prompt and asked again', async () => {
    const flags = ['--name', 'Ada Lovelace', '--email', 'ada@example.org'];
    const run = await atTerminal(['issue', ...flags], join(dir, 'issuer'), [
      ['Achievement', '   \r'],
      ['an answer is needed (not only spaces)', 'first-badge\r'],
    ]);
    expect(run.output).not.toContain('is a folder');
    expect(run.code).toBe(0);
  });
});
