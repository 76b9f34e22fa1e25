#!/usr/bin/env node
// The workshop demo (`npm run demo`): a fresh issuer in a temp folder, the workshop roster issued
// as PNG and SVG, and every badge written verified offline. Runs the built dist/, like a user.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'badgesmith.js');
const workshop = join(root, 'examples', 'workshop');

function badgesmith(args) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: result.status ?? 70, stdout: result.stdout, stderr: result.stderr };
}

function fail(message, detail = '') {
  process.stderr.write(`demo: ${message}\n${detail}`);
  process.exit(1);
}

const dir = await mkdtemp(join(tmpdir(), 'badgesmith-demo-'));
const issuerDir = join(dir, 'issuer');
const init = badgesmith([
  'init',
  issuerDir,
  '--name',
  'Open Badges Workshop',
  '--email',
  'badges@example.org',
]);
if (init.code !== 0) fail(`init exited ${init.code}`, init.stderr);

const issue = badgesmith([
  'issue',
  '--config',
  join(issuerDir, 'badgesmith.yaml'),
  '--achievement',
  join(workshop, 'intro-to-open-badges.yaml'),
  '--roster',
  join(workshop, 'roster.csv'),
  '--format',
  'both',
  '--issued',
  '2025-06-01',
  '--out',
  join(issuerDir, 'out'),
  '--json',
]);
if (issue.code !== 0) fail(`issue exited ${issue.code}`, issue.stderr);
const summary = JSON.parse(issue.stdout);
const badges = summary.rows.flatMap((row) =>
  row.files.filter((f) => /\.(png|svg)$/u.test(f)).map((f) => join(summary.outDir, f)),
);

// Verify with the library (helper B's verifier); trust is explicit: the issuer's own DID document.
const { extractBadge } = await import(join(root, 'dist', 'core', 'bake', 'index.js'));
const { verifyExtracted, trustEntryFromJson } = await import(
  join(root, 'dist', 'core', 'verify', 'index.js')
);
const didPath = join(issuerDir, 'keys', 'did.json');
const trust = {
  entries: [trustEntryFromJson(JSON.parse(await readFile(didPath, 'utf8')), didPath)],
};
const now = new Date('2025-06-02T00:00:00Z');
let valid = 0;
for (const file of badges) {
  const report = await verifyExtracted({
    extracted: extractBadge(await readFile(file)),
    trust,
    now,
    file,
  });
  if (report.verdict === 'valid') valid += 1;
  else {
    const bad = report.checks.filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped');
    process.stderr.write(
      `NOT VALID ${file}: ${bad.map((c) => `${c.name}: ${c.message}`).join('; ')}\n`,
    );
  }
}

process.stdout.write(
  [
    `issued ${summary.issued} badges (${badges.length} files, PNG and SVG), failed ${summary.failed}`,
    `verified ${valid} of ${badges.length} VALID`,
    `files: ${summary.outDir}`,
    `report: ${summary.report.csv}`,
    '',
  ].join('\n'),
);
process.exit(valid === badges.length && summary.failed === 0 && badges.length > 0 ? 0 : 1);
