import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, runCli } from '../helpers/cli.js';

const ROWS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function linesOf(path: string): Promise<number> {
  try {
    return (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
  } catch {
    return 0;
  }
}

/** Starts `issue --roster` on the SVG example (slow to draw), signals it mid-run, waits. */
async function interrupted(signal: 'SIGINT' | 'SIGTERM', times = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-interrupt-'));
  expect(runCli(['init', 'iss'], dir).code).toBe(0);
  const rows = Array.from({ length: ROWS }, (_, i) => `Person ${i + 1},p${i + 1}@example.org`);
  await writeFile(join(dir, 'roster.csv'), `name,email\n${rows.join('\n')}\n`);
  const args = [
    'issue',
    '--config',
    'iss/badgesmith.yaml',
    '--achievement',
    'first-badge',
    '--roster',
    'roster.csv',
    '--out',
    'out',
    '--jobs',
    '1',
    '--issued',
    '2025-06-01',
  ];
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const ledger = join(dir, 'out', 'issue-ledger.jsonl');
  while ((await linesOf(ledger)) < 3) await sleep(5);
  child.kill(signal);
  // A second Ctrl-C while the started rows are finished (an impatient user).
  for (let i = 1; i < times; i++) {
    await sleep(20);
    child.kill(signal);
  }
  const code = await exited;
  return { dir, args, code, stdout, stderr };
}

describe('issue --roster interrupted', () => {
  for (const [signal, exit, times] of [
    ['SIGINT', 130, 1],
    ['SIGTERM', 143, 1],
    ['SIGINT', 130, 3],
  ] as const) {
    it(`${signal} x${times}: report of the rows done, how to finish, exit ${exit}`, async () => {
      const run = await interrupted(signal, times);
      if (times > 1)
        expect(run.stderr).toContain(`${signal} again: finishing the rows already started`);
      const temp = join(run.dir, 'out', '.badgesmith-tmp');
      await expect(readdir(temp)).rejects.toThrow('ENOENT');
      expect((await readdir(join(run.dir, 'out'))).filter((f) => f.endsWith('.partial'))).toEqual(
        [],
      );
      expect(run.code).toBe(exit);
      const said =
        /^interrupted after (\d+) of 3000 rows; rerun the same command to finish \(already issued rows are skipped\)$/mu.exec(
          run.stderr,
        );
      expect(said, run.stderr).not.toBeNull();
      const done = Number(said?.[1]);
      expect(done).toBeGreaterThanOrEqual(3);
      expect(done).toBeLessThan(ROWS);
      const summary =
        /^INTERRUPTED after (\d+) of 3000 rows: issued (\d+), .*report: (\S+) \(and \.jsonl\)/mu.exec(
          run.stdout,
        );
      expect(summary, run.stdout).not.toBeNull();
      expect(Number(summary?.[1])).toBe(done);
      const report = await readFile(join(run.dir, summary?.[3] ?? ''), 'utf8');
      expect(report.trimEnd().split('\n')).toHaveLength(done + 1);
      expect(await linesOf(join(run.dir, 'out', 'issue-ledger.jsonl'))).toBe(done);
      const rest = runCli([...run.args, '--dry-run'], run.dir);
      expect(rest.stdout).toContain(`dry run: would issue ${ROWS - done}, skipped ${done} `);
    }, 120_000);
  }
});
