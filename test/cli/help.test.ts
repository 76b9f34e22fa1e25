import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'badgesmith.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TABLE_ROW = '130  interrupted; nothing half-written is left behind';

describe('help and the exit-code table', () => {
  it('no command: help on stderr, exit 64; --help and help: stdout, exit 0', () => {
    const none = run();
    expect(none.code).toBe(64);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: badgesmith [options] [command]');
    for (const args of [['--help'], ['help']]) {
      const help = run(...args);
      expect(help.code).toBe(0);
      expect(help.stderr).toBe('');
      expect(help.stdout).toContain('Usage: badgesmith [options] [command]');
      expect(help.stdout).toContain(TABLE_ROW);
    }
  });

  it('a command group without its subcommand is exit 64', () => {
    const keys = run('keys');
    expect(keys.code).toBe(64);
    expect(keys.stdout).toBe('');
    expect(keys.stderr).toContain('Usage: badgesmith keys');
  });

  it("each verb's --help has one exit-code line, not the whole table", () => {
    const lines: Record<string, string> = {
      issue:
        'Exit codes: 0 all issued, 1 some rows failed (reported), 130 Ctrl-C (SIGINT), 143 SIGTERM; 64/65/66/73 see badgesmith --help\n',
      verify:
        'Exit codes: 0 every file valid, 1 a file not valid, 2 cannot tell offline; 64/65/66 see badgesmith --help\n',
      bake: 'Exit codes: 0 baked, 64 a bad flag, 65 not an image or unsigned; 66/73 see badgesmith --help\n',
    };
    for (const verb of ['init', 'issue', 'bake', 'extract', 'verify', 'roster', 'trust', 'keys']) {
      const help = run(verb, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).not.toContain(TABLE_ROW);
      expect(help.stdout.match(/^Exit codes: /gmu)).toHaveLength(1);
      const line = lines[verb];
      if (line !== undefined) expect(help.stdout.endsWith(line)).toBe(true);
    }
  });
});
