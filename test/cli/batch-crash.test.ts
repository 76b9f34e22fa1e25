import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compactVerify, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { extractBadge } from '../../src/core/bake/index.js';
import { goodRows, issuerWithStaticBadge, run, start } from './batch-helpers.js';

const ROWS = 300;

// A fixed sequence of "random" kill points (a small LCG), so a failure can be replayed.
function killPoints(count: number): number[] {
  let seed = 20250601;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % ROWS;
  });
}

async function ledgerLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  return (await readFile(path, 'utf8')).split('\n').length - 1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue --roster survives SIGKILL at random points', () => {
  it('after 12 kills and a rerun: every row issued once, every file verifies, nothing partial left', async () => {
    const folder = await issuerWithStaticBadge();
    await writeFile(join(folder, 'roster.csv'), `name,email\n${goodRows(ROWS).join('\n')}\n`);
    const args = ['issue', '--achievement', 'static', '--roster', 'roster.csv', '--out', 'out'];
    const ledger = join(folder, 'out', 'issue-ledger.jsonl');
    const kills = killPoints(12);
    let killedMidRun = 0;
    for (const [i, point] of kills.entries()) {
      const child = start(
        [...args, '--jobs', String(1 + (i % 2)), '--issued', '2025-06-01'],
        folder,
      );
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const before = await ledgerLines(ledger);
      let ended = false;
      void exited.then(() => (ended = true));
      // Kill once the ledger has grown past this run's point, or at once for early points.
      while (!ended && point > 20 && (await ledgerLines(ledger)) < Math.min(point, before + 40)) {
        await sleep(2);
      }
      if (!ended) {
        child.kill('SIGKILL');
        killedMidRun += 1;
      }
      await exited;
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(10);

    const final = run([...args, '--issued', '2025-06-01', '--json'], folder);
    expect(final.stderr).toBe('');
    expect(final.code).toBe(0);
    const summary = JSON.parse(final.stdout);
    expect(summary.total).toBe(ROWS);
    expect(summary.failed).toBe(0);
    expect(summary.issued + summary.skipped).toBe(ROWS);

    const again = run([...args, '--json'], folder);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ issued: 0, skipped: ROWS, failed: 0 });

    const entries = (await readFile(ledger, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; row: number; files: string[] });
    expect(entries).toHaveLength(ROWS);
    expect(new Set(entries.map((e) => e.id)).size).toBe(ROWS);
    expect(new Set(entries.map((e) => e.row)).size).toBe(ROWS);

    const out = join(folder, 'out');
    const names = await readdir(out);
    const badgeFiles = names.filter((n) => /\.(png|credential\.jwt)$/u.test(n));
    expect(badgeFiles.sort()).toEqual(entries.flatMap((e) => e.files).sort());
    const leftovers = names.filter(
      (n) =>
        !badgeFiles.includes(n) &&
        n !== 'issue-ledger.jsonl' &&
        !/^report-[\dTZ-]+\.(csv|jsonl)$/u.test(n),
    );
    expect(leftovers).toEqual([]);

    // The last report lists every row, and agrees with the ledger on ids and files.
    const report = (await readFile(summary.report.jsonl, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            row: number;
            credentialId: string;
            files: string[];
            status: string;
          },
      );
    expect(report.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const byRow = new Map(entries.map((e) => [e.row, e]));
    for (const r of report) {
      expect(['issued', 'skipped']).toContain(r.status);
      expect(r.credentialId).toBe(byRow.get(r.row)?.id);
      expect(r.files).toEqual(byRow.get(r.row)?.files);
    }

    const jwks = JSON.parse(await readFile(join(folder, 'keys', 'jwks.json'), 'utf8'));
    const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    for (const entry of entries) {
      const [jwtFile, pngFile] = entry.files;
      const jwt = (await readFile(join(out, jwtFile!), 'utf8')).trim();
      await compactVerify(jwt, key);
      expect(decodeJwt(jwt).jti).toBe(entry.id);
      const extracted = extractBadge(await readFile(join(out, pngFile!)));
      expect(extracted.found && extracted.badge.payload).toBe(jwt);
      expect((await stat(join(out, pngFile!))).size).toBeGreaterThan(0);
    }
  }, 240_000);
});
