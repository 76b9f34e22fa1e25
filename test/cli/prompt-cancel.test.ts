import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { isPromptCancelled, reportFailure } from '../../src/cli/main.js';
import { bin, runCli } from '../helpers/cli.js';

/** What @inquirer/prompts 8 throws when the user leaves a prompt (its `name` is the contract). */
function exitPromptError(how: 'SIGINT' | 'EOF'): Error {
  const error = new Error(`User force closed the prompt with ${how}`);
  error.name = 'ExitPromptError';
  return error;
}

function failure(error: unknown): { code: number; text: string } {
  let text = '';
  const code = reportFailure(error, (chunk) => {
    text += chunk;
  });
  return { code, text };
}

describe('reportFailure: a prompt left with Ctrl-C or Ctrl-D', () => {
  it('is one line and exit 130, for SIGINT and for EOF', () => {
    expect(failure(exitPromptError('SIGINT'))).toEqual({
      code: 130,
      text: 'badgesmith: cancelled\n',
    });
    expect(failure(exitPromptError('EOF'))).toEqual({ code: 130, text: 'badgesmith: cancelled\n' });
  });

  it('tells cancellation apart from a bug and from a BadgesmithError', () => {
    expect(isPromptCancelled(exitPromptError('EOF'))).toBe(true);
    expect(isPromptCancelled(new Error('User force closed the prompt with SIGINT'))).toBe(false);
    expect(isPromptCancelled({ name: 'ExitPromptError' })).toBe(false);
    const bug = failure(new TypeError('x is undefined'));
    expect(bug.code).toBe(70);
    expect(bug.text).toMatch(
      /^badgesmith: internal error: this is a bug; please report it with the command you ran\nTypeError: x is undefined\n/u,
    );
    const known = failure(new BadgesmithError('ERR_FILE_NOT_FOUND', "no such file 'a.csv'"));
    expect(known).toEqual({ code: 66, text: "badgesmith: error: no such file 'a.csv'\n" });
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

interface TerminalRun {
  code: number | null;
  output: string;
}

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), waits for `prompt` to appear, then
 * types `key`. The terminal merges stdout and stderr, so `output` holds both.
 */
function atTerminal(
  args: string[],
  cwd: string,
  prompt: string,
  key: string,
): Promise<TerminalRun> {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env });
  let output = '';
  let typed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!typed && output.includes(prompt)) {
      typed = true;
      child.stdin.write(key);
    }
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no exit after typing at '${prompt}'; output so far:\n${output}`));
    }, 20_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe.skipIf(!hasScript)('Ctrl-C / Ctrl-D at a real prompt (on a pseudo-terminal)', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'badgesmith-cancel-'));
    expect(runCli(['init', 'issuer', '--name', 'Cancel Lab'], dir).code).toBe(0);
  }, 120_000);

  it('init, Ctrl-D at the issuer name: cancelled, exit 130, no folder made', async () => {
    const run = await atTerminal(['init', 'fresh'], dir, 'Issuer name', '\u0004');
    expect(run.code).toBe(130);
    expect(run.output).toContain('badgesmith: cancelled\r\n');
    expect(run.output).not.toContain('internal error');
    expect(run.output).not.toContain('ExitPromptError');
    expect(await readdir(dir)).toEqual(['issuer']);
  });

  it("issue, Ctrl-C at the earner's name: cancelled, exit 130, nothing issued", async () => {
    const run = await atTerminal(
      ['issue', '--achievement', 'first-badge'],
      join(dir, 'issuer'),
      "Earner's name",
      '\u0003',
    );
    expect(run.code).toBe(130);
    expect(run.output).toContain('badgesmith: cancelled\r\n');
    expect(run.output).not.toContain('internal error');
    expect(run.output).not.toMatch(/\n\s+at /u);
    expect((await readdir(join(dir, 'issuer'))).includes('out')).toBe(false);
  });
});
