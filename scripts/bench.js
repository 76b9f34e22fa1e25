#!/usr/bin/env node
// `npm run bench`: a generated roster issued with ES256 to a static PNG and to personal PNGs
// rendered from a template, beside two baselines measured in the same run: bare jose ES256
// signing, and the disk's own rate for files written the way `issue` writes them (probed just
// before and just after each run on the disk: DESIGN.md, "writing files runs at anything from
// 1,300 to 37,000 a second depending on the disk's mood"). The static and personal runs are
// made a second time with the output in memory (tmpfs, /dev/shm), where the disk cannot decide.
// Nothing is deleted on the disk until the end: see scripts/bench/filesystem.js for why.
// BENCH_ROWS (default 100000) and BENCH_PERSONAL_ROWS (default 5000) set the sizes;
// BENCH_TMPFS (default /dev/shm; "" for none) the memory folder.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import sharp from 'sharp';
import { filesystemNote } from './bench/filesystem.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = join(root, 'scripts', 'bench', 'run-cli.js');
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const personalRows = Number(process.env.BENCH_PERSONAL_ROWS ?? 5_000);
const probe = join(root, 'scripts', 'bench', 'disk-probe.js');

// The disk's rate for temp-and-rename files, now, in `folder` (files a second).
function diskRate(folder) {
  const result = spawnSync(process.execPath, [probe, folder, '10000'], { encoding: 'utf8' });
  const rate = Number(/DISK_FILES_PER_S (\d+)/u.exec(result.stdout)?.[1] ?? NaN);
  if (result.status !== 0 || !Number.isFinite(rate)) {
    process.stderr.write(result.stderr);
    throw new Error(`the disk probe exited ${result.status}`);
  }
  return rate;
}

async function memoryFolder() {
  const base = process.env.BENCH_TMPFS ?? '/dev/shm';
  if (base === '') return undefined;
  try {
    return await mkdtemp(join(base, 'badgesmith-bench-'));
  } catch {
    process.stderr.write(`no memory folder at '${base}': the tmpfs runs are left out\n`);
    return undefined;
  }
}

function cli(args, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [child, 'node', 'badgesmith', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  const rss = Number(/BENCH_MAX_RSS_KB (\d+)/u.exec(result.stderr)?.[1] ?? 0);
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`badgesmith ${args[0]} exited ${result.status}`);
  }
  return { seconds, rssMb: rss / 1024, stdout: result.stdout };
}

async function roster(path, count) {
  const lines = ['name,email'];
  for (let i = 1; i <= count; i += 1) lines.push(`Earner Number ${i},earner${i}@example.org`);
  await writeFile(path, `${lines.join('\n')}\n`);
}

const dir = await mkdtemp(join(tmpdir(), 'badgesmith-bench-'));
cli(['init', 'issuer', '--name', 'Bench University', '--alg', 'ES256'], dir);
const folder = join(dir, 'issuer');
const png = await sharp({
  create: { width: 400, height: 400, channels: 4, background: { r: 29, g: 78, b: 216, alpha: 1 } },
})
  .png()
  .toBuffer();
await writeFile(join(folder, 'achievements', 'art.png'), png);
await writeFile(
  join(folder, 'achievements', 'static.yaml'),
  'name: Static Badge\ndescription: A badge with one image for all.\ncriteria:\n  narrative: Did it.\nimage: art.png\n',
);
await roster(join(folder, 'big.csv'), rows);
await roster(join(folder, 'small.csv'), 1_000);
await roster(join(folder, 'personal.csv'), personalRows);

// Baseline: bare jose ES256 over a payload the size of one of our credentials, one thread.
const jwk = JSON.parse(await readFile(join(folder, 'keys', 'issuer.private.jwk.json'), 'utf8'));
const key = createPrivateKey({ key: jwk, format: 'jwk' });
const payload = { vc: 'x'.repeat(2_000), iss: 'did:example:bench' };
const baselineCount = 20_000;
let t = performance.now();
for (let i = 0; i < baselineCount; i += 1) {
  await new SignJWT({ ...payload, jti: String(i) }).setProtectedHeader({ alg: 'ES256' }).sign(key);
}
const baseline = baselineCount / ((performance.now() - t) / 1000);

const issue = (csv, achievement, out, extra = []) => {
  const before = isAbsolute(out) ? undefined : diskRate(dir);
  const run = cli(
    [
      'issue',
      '--achievement',
      achievement,
      '--roster',
      csv,
      '--out',
      out,
      '--issued',
      '2025-06-01',
      ...extra,
    ],
    folder,
  );
  const after = isAbsolute(out) ? undefined : diskRate(dir);
  return { ...run, disk: before === undefined ? undefined : [before, after] };
};
const small = issue('small.csv', 'static', 'out-small');
const big = issue('big.csv', 'static', 'out-big');
const rerun = issue('big.csv', 'static', 'out-big');
const lean = issue('big.csv', 'static', 'out-lean', ['--no-credential-file']);
const personal = issue('personal.csv', 'first-badge', 'out-personal');
const memory = await memoryFolder();
const inMemory = memory && {
  big: issue('big.csv', 'static', join(memory, 'out-big')),
  personal: issue('personal.csv', 'first-badge', join(memory, 'out-personal')),
};
if (memory) await rm(memory, { recursive: true, force: true });

const rate = (n, run) => n / run.seconds;
// Files a second the run wrote, beside the disk's rate probed just before and just after it.
// The probe writes one file at a time per thread, the batch several at once, so a run can
// write faster than the probe: the probe shows the disk's mood, it is not a ceiling.
const disk = (n, run, files) => {
  if (run.disk === undefined || files === 0) return '';
  const [before, after] = run.disk;
  const written = (files * n) / run.seconds;
  const swing =
    Math.max(before, after) / Math.min(before, after) > 2 ? ' (it changed mid-run)' : '';
  return `  ${written.toFixed(0)} files/s; disk probe ${before}/s before, ${after}/s after${swing}`;
};
const line = (label, n, run, files = 2) =>
  `${label.padEnd(38)} ${String(n).padStart(7)} rows  ${rate(n, run).toFixed(0).padStart(6)}/s  ` +
  `x${(rate(n, run) / baseline).toFixed(2)} of signing  peak ${run.rssMb.toFixed(0)} MB` +
  disk(n, run, files);
process.stdout.write(
  [
    `bare jose ES256 SignJWT (1 thread)      ${baseline.toFixed(0)}/s`,
    line('static PNG, 1,000 rows', 1_000, small),
    line('static PNG', rows, big),
    line('rerun of a finished run (skips)', rows, rerun, 0),
    line('static PNG, --no-credential-file', rows, lean, 1),
    line('personal PNG from template', personalRows, personal),
    ...(inMemory
      ? [
          line('static PNG, output in memory (tmpfs)', rows, inMemory.big),
          line('personal PNG, output in memory (tmpfs)', personalRows, inMemory.personal),
        ]
      : []),
    `peak memory ${rows} rows / 1,000 rows: x${(big.rssMb / small.rssMb).toFixed(2)}`,
    '(times include process start, the roster check pass and writing every file. A row writes',
    ' 2 files, the badge and its credential, 1 with --no-credential-file. The disk probe writes',
    ' temp-and-rename files one at a time per core: it shows how fast the disk was just then)',
    ...[filesystemNote(dir)].filter((note) => note !== ''),
    '',
  ].join('\n'),
);
await rm(dir, { recursive: true, force: true });
