import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goodRows, issuerWithStaticBadge, run } from './batch-helpers.js';

// Five bad rows spread through 1,000 good ones, each with the reason it must be reported with.
const BAD: [number, string, string][] = [
  [101, 'No Mail,', 'no e-mail address'],
  [302, 'Bad Mail,not-an-address', "e-mail 'not-an-address' is not an address"],
  [503, ',nameless@example.org', 'no name'],
  [
    704,
    'Bad Date,bd@example.org,31/12/2025',
    "issued date '31/12/2025' is not YYYY-MM-DD or an ISO date-time with a zone",
  ],
  [
    1005,
    'Extra Cells,ex@example.org,2025-06-01,surplus',
    'the row has 1 more cell(s) than the header',
  ],
];

function roster(): string {
  const good = goodRows(1000).map((line) => `${line},`);
  const lines: string[] = [];
  let next = 0;
  for (let row = 1; row <= 1005; row += 1) {
    const bad = BAD.find(([at]) => at === row);
    lines.push(bad === undefined ? good[next++]! : bad[1]);
  }
  return `name,email,issued\n${lines.join('\n')}\n`;
}

const failedLines = BAD.map(([row, line, reason]) => {
  const name = line.split(',')[0] || '-';
  return `FAILED row ${row} (${name}): row ${row}: ${reason}`;
});

let folder = '';

beforeAll(async () => {
  folder = await issuerWithStaticBadge();
  await writeFile(join(folder, 'cohort.csv'), roster());
}, 120_000);

describe('a roster with 5 bad rows among 1,000 good ones', () => {
  const args = [
    'issue',
    '--achievement',
    'static',
    '--roster',
    'cohort.csv',
    '--issued',
    '2025-06-01',
  ];

  it('--dry-run names the same 5 rows, writes nothing, exits 1', async () => {
    const result = run([...args, '--out', 'dry', '--dry-run'], folder);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(failedLines);
    const out = result.stdout.trim().split('\n');
    expect(out.filter((line) => line.startsWith('WOULD ISSUE row '))).toHaveLength(1000);
    expect(out.at(-1)).toBe(
      'dry run: would issue 1000, skipped 0 (already issued), duplicates 0, failed 5; nothing written',
    );
    await expect(stat(join(folder, 'dry'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('issues 1,000 badges, reports the 5 rows with their reasons, exits 1', async () => {
    const result = run([...args, '--out', 'out'], folder);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(failedLines);
    expect(result.stdout).toMatch(
      /^issued 1000, skipped 0 \(already issued\), duplicates 0, failed 5; report: out\/report-\d{8}T\d{6}Z\.csv \(and \.jsonl\); ledger: out\/issue-ledger\.jsonl\n$/u,
    );
    const files = await readdir(join(folder, 'out'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(1000);
    expect(files.filter((f) => f.endsWith('.credential.jwt'))).toHaveLength(1000);
    const jsonl = files.find((f) => f.startsWith('report-') && f.endsWith('.jsonl'))!;
    const report = (await readFile(join(folder, 'out', jsonl), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { row: number; status: string; reason?: string });
    expect(report).toHaveLength(1005);
    expect(report.filter((r) => r.status === 'failed').map((r) => [r.row, r.reason])).toEqual(
      BAD.map(([row, , reason]) => [row, `row ${row}: ${reason}`]),
    );
    const csv = await readFile(join(folder, 'out', jsonl.replace(/\.jsonl$/u, '.csv')), 'utf8');
    expect(csv).toContain(`\n70,'=cmd|' /C calc'!A70,p70@example.org,,urn:uuid:`);
    expect(files.some((f) => f.startsWith('zoe-50-'))).toBe(true);
  });
});
