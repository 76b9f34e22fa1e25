#!/usr/bin/env node
// `npm run bench`: a generated roster issued with ES256 to a static PNG and to personal PNGs
// rendered from a template, beside bare jose ES256 signing measured in the same run.
// BENCH_ROWS (default 100000) and BENCH_PERSONAL_ROWS (default 5000) set the sizes.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import sharp from 'sharp';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = join(root, 'scripts', 'bench', 'run-cli.js');
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const personalRows = Number(process.env.BENCH_PERSONAL_ROWS ?? 5_000);

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

const issue = (csv, achievement, out, extra = []) =>
  cli(
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
const small = issue('small.csv', 'static', 'out-small');
const big = issue('big.csv', 'static', 'out-big');
const rerun = issue('big.csv', 'static', 'out-big');
const lean = issue('big.csv', 'static', 'out-lean', ['--no-credential-file']);
const personal = issue('personal.csv', 'first-badge', 'out-personal');

const rate = (n, run) => n / run.seconds;
const line = (label, n, run) =>
  `${label.padEnd(34)} ${String(n).padStart(7)} rows  ${rate(n, run).toFixed(0).padStart(6)}/s  ` +
  `x${(rate(n, run) / baseline).toFixed(2)} of baseline  peak ${run.rssMb.toFixed(0)} MB`;
process.stdout.write(
  [
    `bare jose ES256 SignJWT (1 thread)  ${baseline.toFixed(0)}/s`,
    line('static PNG, 1,000 rows', 1_000, small),
    line('static PNG', rows, big),
    line('rerun of a finished run (skips)', rows, rerun),
    line('static PNG, --no-credential-file', rows, lean),
    line('personal PNG from template', personalRows, personal),
    `peak memory ${rows} rows / 1,000 rows: x${(big.rssMb / small.rssMb).toFixed(2)}`,
    '(times include process start, the roster check pass and writing every file)',
    '',
  ].join('\n'),
);
await rm(dir, { recursive: true, force: true });
