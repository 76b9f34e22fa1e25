import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bin, issuerWithStaticBadge, run } from './batch-helpers.js';

const env = { ...process.env, CI: '1', NO_COLOR: '1' };

// `ulimit -f 64` is 32 KB in sh's 512-byte blocks (64 KB where a shell counts kilobytes): the
// static badges (2 KB) fit, a badge of 256x256 noise (over 256 KB) does not, and write(2) is cut
// short, then fails with EFBIG.
function limited(args: string[], cwd: string, blocks = 64) {
  const result = spawnSync(
    'sh',
    ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, bin, ...args],
    { cwd, encoding: 'utf8', env },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withBigBadge(): Promise<string> {
  const folder = await issuerWithStaticBadge();
  const noise = await sharp(randomBytes(256 * 256 * 4), {
    raw: { width: 256, height: 256, channels: 4 },
  })
    .png()
    .toBuffer();
  await writeFile(join(folder, 'achievements', 'big.png'), noise);
  await writeFile(
    join(folder, 'achievements', 'big.yaml'),
    'name: Big\ndescription: d\ncriteria:\n  narrative: n\nimage: big.png\n',
  );
  return folder;
}

// Rows 1-5 get the small badge, the rest the big one.
function mixedRoster(rows: number): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `Person ${i + 1},p${i + 1}@example.org,${i < 5 ? 'static' : 'big'}`,
  );
  return `name,email,achievement\n${lines.join('\n')}\n`;
}

const ledgerRows = async (out: string): Promise<number[]> =>
  (await readFile(join(out, 'issue-ledger.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { row: number }).row)
    .sort((a, b) => a - b);

async function reportRows(out: string): Promise<{ row: number; status: string }[]> {
  const names = (await readdir(out)).filter((n) => /^report-.*\.jsonl$/u.test(n));
  expect(names).toHaveLength(1);
  return (await readFile(join(out, names[0]!), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { row: number; status: string });
}

const noLeftovers = async (out: string) =>
  (await readdir(out)).filter(
    (n) => n.startsWith('.') || n.endsWith('.partial') || n.endsWith('.tmp'),
  );

describe('issue stops at the first output error (a file size limit)', { timeout: 90_000 }, () => {
  for (const jobs of [[], ['--jobs', '0']]) {
    it(`a roster${jobs.length > 0 ? ' with --jobs 0' : ''}: exit 73, one cause, the rows before it kept, a rerun does the rest`, async () => {
      const folder = await withBigBadge();
      await writeFile(join(folder, 'roster.csv'), mixedRoster(80));
      const args = ['issue', '--roster', 'roster.csv', '--out', 'out', '--issued', '2025-06-01'];
      const first = limited([...args, ...jobs], folder);
      expect(first.code).toBe(73);
      const out = join(folder, 'out');
      const lines = first.stderr.trimEnd().split('\n');
      const error = lines.at(-2)!;
      expect(error).toMatch(
        new RegExp(
          `^badgesmith: error: cannot write '${out}/person-\\d+-[0-9a-f]{8}\\.png': the file size limit is reached \\(EFBIG\\)$`,
        ),
      );
      expect(lines.at(-1)).toBe(
        "hint: raise the file size limit ('ulimit -f unlimited'), then rerun the same command",
      );
      expect(lines.filter((l) => l.startsWith('FAILED '))).toHaveLength(1);
      expect(first.stderr).not.toContain('internal error');
      expect(first.stderr).not.toMatch(/^\s+at /mu);
      expect(first.stdout).toMatch(/^STOPPED after \d+ of 80 rows: issued 5, /u);

      // The ledger has the five rows done, the report says the same, nothing is left behind.
      expect(await ledgerRows(out)).toEqual([1, 2, 3, 4, 5]);
      const report = await reportRows(out);
      expect(report.filter((r) => r.status === 'issued').map((r) => r.row)).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(report.filter((r) => r.status !== 'issued').every((r) => r.status === 'failed')).toBe(
        true,
      );
      expect(report.length).toBeLessThan(80);
      expect(await noLeftovers(out)).toEqual([]);
      // No badge image cut short is in place: every png is a whole one of a ledger row.
      const pngs = (await readdir(out)).filter((n) => n.endsWith('.png'));
      expect(pngs).toHaveLength(5);

      const again = run([...args, '--json'], folder);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ issued: 75, skipped: 5, failed: 0 });
      expect(await ledgerRows(out)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    });
  }

  it('a single --name issue: exit 73 naming the file, nothing in the ledger, a rerun issues it', async () => {
    const folder = await withBigBadge();
    const args = ['issue', '--achievement', 'big', '--name', 'Ada L', '--email', 'ada@example.org'];
    const first = limited([...args, '--out', 'out'], folder);
    expect(first.code).toBe(73);
    const out = join(folder, 'out');
    expect(first.stderr).toMatch(
      new RegExp(
        `\nbadgesmith: error: cannot write '${out}/ada-l-[0-9a-f]{8}\\.png': the file size limit is reached \\(EFBIG\\)\nhint: `,
        'u',
      ),
    );
    expect(first.stderr).not.toContain('internal error');
    expect(await readFile(join(out, 'issue-ledger.jsonl'), 'utf8')).toBe('');
    expect(await noLeftovers(out)).toEqual([]);
    const again = run([...args, '--out', 'out', '--json'], folder);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ issued: 1, failed: 0 });
  });

  it('a ledger the limit cuts short: exit 73 with the cause as hint, a rerun issues the rest once', async () => {
    const folder = await issuerWithStaticBadge();
    const rows = Array.from({ length: 40 }, (_, i) => `Person ${i + 1},p${i + 1}@example.org`);
    await writeFile(join(folder, 'roster.csv'), `name,email\n${rows.join('\n')}\n`);
    const args = ['issue', '--achievement', 'static', '--roster', 'roster.csv', '--out', 'out'];
    // 8 blocks: 4 KB, past the ledger's first group of lines.
    const first = limited([...args, '--jobs', '0'], folder, 8);
    expect(first.code).toBe(73);
    const out = join(folder, 'out');
    expect(first.stderr).toContain(
      `badgesmith: error: cannot write the ledger '${join(out, 'issue-ledger.jsonl')}'\nhint: the file size limit is reached (EFBIG): raise the file size limit`,
    );
    expect(first.stderr).not.toContain('internal error');
    const again = run([...args, '--json'], folder);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as { issued: number; skipped: number };
    expect(summary.issued + summary.skipped).toBe(40);
    expect(await ledgerRows(out)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

describe('issue and the output folder', { timeout: 60_000 }, () => {
  it('a folder where the lock goes: exit 73 naming it and what to remove', async () => {
    const folder = await issuerWithStaticBadge();
    await mkdir(join(folder, 'out', '.badgesmith.lock'), { recursive: true });
    const result = run(
      [
        'issue',
        '--achievement',
        'static',
        '--name',
        'Ada',
        '--email',
        'a@example.org',
        '--out',
        'out',
      ],
      folder,
    );
    const lock = join(folder, 'out', '.badgesmith.lock');
    expect(result.code).toBe(73);
    expect(result.stderr).toBe(
      `badgesmith: error: the lock path '${lock}' is a folder, so the output folder cannot be locked\nhint: remove it ('rm -r ${lock}'): badgesmith makes its lock file there itself\n`,
    );
  });

  it("keeps a killed run's partial report as report-<stamp>-interrupted, and says so", async () => {
    const folder = await issuerWithStaticBadge();
    const out = join(folder, 'out');
    await mkdir(out);
    await writeFile(join(out, 'report-20250601T000000Z.csv.partial'), 'row,name\n1,A\n2,B');
    await writeFile(join(out, 'report-20250601T000000Z.jsonl.partial'), '{"row":1}\n{"ro');
    const result = run(
      [
        'issue',
        '--achievement',
        'static',
        '--name',
        'Ada',
        '--email',
        'a@example.org',
        '--out',
        'out',
      ],
      folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: kept the report of an interrupted run as '${join(out, 'report-20250601T000000Z-interrupted.csv')}', '${join(out, 'report-20250601T000000Z-interrupted.jsonl')}'\n`,
    );
    expect(await readFile(join(out, 'report-20250601T000000Z-interrupted.csv'), 'utf8')).toBe(
      'row,name\n1,A\n',
    );
    expect(await readFile(join(out, 'report-20250601T000000Z-interrupted.jsonl'), 'utf8')).toBe(
      '{"row":1}\n',
    );
  });

  it('a dry run of a roster with no rows says so', async () => {
    const folder = await issuerWithStaticBadge();
    await writeFile(join(folder, 'empty.csv'), 'name,email\n');
    const result = run(
      ['issue', '--achievement', 'static', '--roster', 'empty.csv', '--dry-run'],
      folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('the roster has no rows\n');
    expect(result.stdout).toMatch(/^dry run: would issue 0, /u);
  });
});

// As root every folder is writable: these runs are made as `nobody`, in a folder it owns.
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : {};

async function ownedByUser(folder: string): Promise<void> {
  if (!asRoot) return;
  const top = dirname(folder);
  await chmod(top, 0o755);
  const walk = async (path: string): Promise<void> => {
    await chown(path, 65534, 65534);
    if ((await stat(path)).isDirectory()) {
      for (const name of await readdir(path)) await walk(join(path, name));
    }
  };
  await walk(top);
}

function runAsUser(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, HOME: cwd },
    ...user,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue into a folder it cannot write', { timeout: 60_000 }, () => {
  it('a read-only ledger in a writable folder: exit 73 naming the ledger, no internal error', async () => {
    const folder = await issuerWithStaticBadge();
    const out = join(folder, 'out');
    await mkdir(out);
    await writeFile(join(out, 'issue-ledger.jsonl'), '');
    await ownedByUser(folder);
    await chmod(join(out, 'issue-ledger.jsonl'), 0o444);
    const args = ['issue', '--achievement', 'static', '--name', 'Ada', '--email', 'a@example.org'];
    const result = runAsUser([...args, '--out', 'out'], folder);
    expect(result.code).toBe(73);
    expect(result.stderr).toMatch(
      new RegExp(
        `^badgesmith: error: cannot write '${join(out, 'issue-ledger.jsonl')}': no permission \\(EACCES\\)\nhint: `,
        'u',
      ),
    );
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:/u);
    expect((await readdir(out)).sort()).toEqual(['issue-ledger.jsonl']);
  });

  it('a read-only output folder: exit 73 naming the folder, no internal error', async () => {
    const folder = await issuerWithStaticBadge();
    const out = join(folder, 'out');
    await mkdir(out);
    await ownedByUser(folder);
    await chmod(out, 0o555);
    const result = runAsUser(
      [
        'issue',
        '--achievement',
        'static',
        '--name',
        'Ada',
        '--email',
        'a@example.org',
        '--out',
        'out',
      ],
      folder,
    );
    expect(result.code).toBe(73);
    expect(result.stderr).toBe(
      `badgesmith: error: cannot write to the output folder '${out}': no permission (EACCES on '${join(out, '.badgesmith.lock')}')\nhint: make the output folder writable (chmod u+w) or pass another --out, then rerun\n`,
    );
  });

  it('a folder made read-only mid-run: stops at the first row, says what it left, a rerun finishes', async () => {
    const folder = await issuerWithStaticBadge();
    const rows = Array.from({ length: 3000 }, (_, i) => `Person ${i + 1},p${i + 1}@example.org`);
    await writeFile(join(folder, 'roster.csv'), `name,email\n${rows.join('\n')}\n`);
    const out = join(folder, 'out');
    await mkdir(out);
    await ownedByUser(folder);
    const args = ['issue', '--achievement', 'static', '--roster', 'roster.csv', '--out', 'out'];
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: folder,
      env: { ...env, HOME: folder },
      ...user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const ledger = join(out, 'issue-ledger.jsonl');
    // Once the first rows are in the ledger, the folder turns read-only under the run.
    for (let i = 0; i < 2000; i += 1) {
      const size = await stat(ledger).then(
        (s) => s.size,
        () => 0,
      );
      if (size > 0) break;
      await sleep(5);
    }
    await chmod(out, 0o555);
    const code = await exited;
    await chmod(out, 0o755);
    expect(code).toBe(73);
    expect(stdout).toMatch(/^STOPPED after \d+ of 3000 rows: issued \d+, /u);
    expect(stderr).not.toContain('internal error');
    expect(stderr).toMatch(
      new RegExp(
        `\nbadgesmith: error: cannot write '${out}/[^']+': no permission \\(EACCES\\)\nhint: make the output folder writable`,
        'u',
      ),
    );
    expect(stderr).toContain(
      `warning: left behind the temp folder '${join(out, '.badgesmith-tmp')}' (no permission, EACCES) and the lock '${join(out, '.badgesmith.lock')}' (no permission, EACCES): the next run in this folder clears them`,
    );
    expect(stderr.split('\n').filter((l) => l.startsWith('FAILED '))).toHaveLength(1);
    const done = (await readFile(ledger, 'utf8')).split('\n').length - 1;
    expect(done).toBeGreaterThan(0);

    const again = runAsUser([...args, '--json'], folder);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /^warning: kept the report of an interrupted run as '[^']+-interrupted\.csv', '[^']+-interrupted\.jsonl'\n$/u,
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      issued: 3000 - done,
      skipped: done,
      failed: 0,
    });
    expect((await readdir(out)).filter((n) => n.startsWith('.') || n.endsWith('.partial'))).toEqual(
      [],
    );
  }, 120_000);
});

describe('a rerun stopped by an output error', { timeout: 90_000 }, () => {
  it('reports every row it read: the done rows skipped, the one that failed, the rest counted', async () => {
    const folder = await withBigBadge();
    const args = ['issue', '--roster', 'roster.csv', '--out', 'out', '--issued', '2025-06-01'];
    await writeFile(join(folder, 'roster.csv'), mixedRoster(5));
    expect(run(args, folder).code).toBe(0);
    await writeFile(join(folder, 'roster.csv'), mixedRoster(80));
    const rerun = limited(args, folder);
    expect(rerun.code).toBe(73);
    const out = join(folder, 'out');
    const names = (await readdir(out)).filter((n) => /^report-.*\.jsonl$/u.test(n)).sort();
    expect(names).toHaveLength(2);
    const rows = (await readFile(join(out, names[1]!), 'utf8'))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { row: number; status: string });
    // Rows 1-5 were done; the first big row failed, and so did every row read behind it.
    expect(rows.slice(0, 5).map((r) => r.status)).toEqual(Array(5).fill('skipped'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(new Set(rows.slice(5).map((r) => r.status))).toEqual(new Set(['failed']));
    const summary = rerun.stdout.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(
      new RegExp(
        `^STOPPED after ${rows.length} of 80 rows: issued 0, skipped 5 .*failed ${rows.length - 5}`,
        'u',
      ),
    );
    expect(await ledgerRows(out)).toEqual([1, 2, 3, 4, 5]);
  });
});
