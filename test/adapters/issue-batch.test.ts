import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractBadge, readPngChunks } from '../../src/core/bake/index.js';
import { BadgesmithError } from '../../src/core/errors.js';
import { loadAchievement } from '../../src/adapters/achievement-file.js';
import { issueBatch, type IssueBatch } from '../../src/adapters/issue-batch.js';
import type { IssueRowReport } from '../../src/adapters/issue-report.js';
import {
  initIssuerFolder,
  loadIssuer,
  type LoadedIssuer,
} from '../../src/adapters/issuer-folder.js';
import { renderSvgToPng } from '../../src/adapters/render.js';

let dir = '';
let issuer: LoadedIssuer;
let artworkPng: Uint8Array;

const issued = new Date('2025-06-01T00:00:00Z');
const now = new Date('2025-06-02T00:00:00Z');

async function collect(batch: Omit<IssueBatch, 'now'>): Promise<IssueRowReport[]> {
  const reports: IssueRowReport[] = [];
  await issueBatch({ now, ...batch, onRow: (r) => reports.push(r) });
  return reports;
}
const row = { row: 1, line: 2, name: 'Ada Lovelace', email: 'ada@example.org' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-batch-'));
  await initIssuerFolder({ dir, alg: 'EdDSA', name: 'Batch Org', force: false });
  issuer = await loadIssuer(join(dir, 'badgesmith.yaml'), () => undefined);
  const png = await sharp({
    create: { width: 8, height: 8, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 1 } },
  })
    .png()
    .toBuffer();
  artworkPng = new Uint8Array(png);
  await writeFile(join(dir, 'achievements', 'art.png'), artworkPng);
  await writeFile(
    join(dir, 'achievements', 'fixed.yaml'),
    'name: Fixed\ndescription: d\ncriteria:\n  narrative: n\nimage: art.png\n',
  );
});

describe('issueBatch', () => {
  it('bakes PNG artwork without placeholders as it is: only the credential chunk is added', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'fixed.yaml'));
    const outDir = join(dir, 'out-fixed');
    const [report] = await collect({
      issuer,
      achievement,
      rows: [row],
      format: 'png',
      outDir,
      issued,
    });
    expect(report?.status).toBe('issued');
    const png = await readFile(
      join(
        outDir,
        report!.files.find((f) => f.endsWith('.png'))!,
      ),
    );
    const before = readPngChunks(artworkPng).map((c) => c.type);
    const after = readPngChunks(png).map((c) => c.type);
    expect(after.filter((t) => t !== 'iTXt')).toEqual(before);
    const idat = (bytes: Uint8Array) =>
      readPngChunks(bytes)
        .filter((c) => c.type === 'IDAT')
        .map((c) => Buffer.from(c.data).toString('hex'));
    expect(idat(png)).toEqual(idat(artworkPng));
    const extracted = extractBadge(png);
    const jwt = (await readFile(join(outDir, report!.files[0]!), 'utf8')).trim();
    expect(extracted.found && extracted.badge.payload).toBe(jwt);
  });

  it('refuses svg output from PNG artwork before issuing anything', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'fixed.yaml'));
    const attempt = issueBatch({
      issuer,
      achievement,
      rows: [row],
      format: 'both',
      outDir: join(dir, 'x'),
      issued,
      now,
    });
    await expect(attempt).rejects.toBeInstanceOf(BadgesmithError);
    await expect(attempt).rejects.toMatchObject({ code: 'ERR_USAGE_CONFLICT' });
  });

  it('reports a bad row and goes on with the next one', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'first-badge.yaml'));
    const reports = await collect({
      issuer,
      achievement,
      rows: [
        { ...row, row: 1, email: '', problem: 'no e-mail address' },
        { ...row, row: 2 },
      ],
      format: 'svg',
      outDir: join(dir, 'out-rows'),
      issued,
    });
    expect(reports.map((r) => [r.row, r.status, r.reason])).toEqual([
      [1, 'failed', 'row 1: no e-mail address'],
      [2, 'issued', undefined],
    ]);
    expect(reports[0]?.files).toEqual([]);
  });
});

describe('renderSvgToPng', () => {
  it('renders SVG to PNG bytes, and a broken SVG is ERR_TEMPLATE_INVALID', async () => {
    const png = await renderSvgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      'a.svg',
    );
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect((await sharp(png).metadata()).width).toBe(20);
    await expect(renderSvgToPng('<svg', 'b.svg')).rejects.toMatchObject({
      code: 'ERR_TEMPLATE_INVALID',
    });
  });
});

describe('issueBatch: ledger, stable ids, duplicates', () => {
  it('gives each row a stable id, skips what the ledger has, reports a repeated row once', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'fixed.yaml'));
    const outDir = join(dir, 'out-ledger');
    const rows = [
      { row: 1, line: 2, name: 'Ada', email: 'ada@example.org' },
      { row: 2, line: 3, name: 'Ada L.', email: ' ADA@example.org' },
      { row: 3, line: 4, name: 'Bo', email: 'bo@example.org' },
    ];
    const base = { issuer, achievement, format: 'png' as const, outDir, issued };
    const first = await collect({ ...base, rows: rows.slice(0, 1) });
    expect(first.map((r) => r.status)).toEqual(['issued']);
    const second = await collect({ ...base, rows });
    expect(second.map((r) => [r.row, r.status, r.reason])).toEqual([
      [1, 'skipped', 'already issued'],
      [2, 'duplicate', 'row 2: same earner and achievement as row 1'],
      [3, 'issued', undefined],
    ]);
    expect(second[0]?.credentialId).toBe(first[0]?.credentialId);
    expect(second[0]?.files).toEqual(first[0]?.files);
    const ledger = (await readFile(join(outDir, 'issue-ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(ledger.map((line) => (JSON.parse(line) as { row: number }).row)).toEqual([1, 3]);
    const third = await collect({ ...base, rows });
    expect(third.map((r) => r.status)).toEqual(['skipped', 'duplicate', 'skipped']);
    const files = (await readdir(outDir)).filter((f) => !f.startsWith('report-'));
    expect(files.sort()).toEqual(
      [...(first[0]?.files ?? []), ...(second[2]?.files ?? []), 'issue-ledger.jsonl'].sort(),
    );
  });

  it('with credentialFile false writes only the baked png, and a rerun still skips it', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'fixed.yaml'));
    const outDir = join(dir, 'out-no-jwt');
    const base = { issuer, achievement, format: 'png' as const, outDir, issued };
    const rows = [row, { row: 2, line: 3, name: 'Bo', email: 'bo@example.org' }];
    const first = await collect({ ...base, rows, credentialFile: false });
    expect(first.map((r) => r.status)).toEqual(['issued', 'issued']);
    expect(first.map((r) => r.files.length)).toEqual([1, 1]);
    expect(first[0]!.files[0]).toMatch(/^ada-lovelace-[0-9a-f]{8}\.png$/u);
    const files = (await readdir(outDir)).filter((f) => !f.startsWith('report-')).sort();
    expect(files).toEqual([first[0]!.files[0], first[1]!.files[0], 'issue-ledger.jsonl'].sort());
    const baked = extractBadge(await readFile(join(outDir, first[0]!.files[0]!)));
    expect(baked.found && baked.badge.payload.split('.').length).toBe(3);
    const again = await collect({ ...base, rows, credentialFile: false });
    expect(again.map((r) => [r.status, r.files])).toEqual([
      ['skipped', first[0]!.files],
      ['skipped', first[1]!.files],
    ]);
  });

  it('a dry run writes nothing and says what would be issued', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'fixed.yaml'));
    const outDir = join(dir, 'out-dry');
    const reports = await collect({
      issuer,
      achievement,
      rows: [row],
      format: 'png',
      outDir,
      issued,
      dryRun: true,
    });
    expect(reports.map((r) => r.status)).toEqual(['would-issue']);
    // Every file the real run writes for the row: the credential, then the image.
    const stem = reports[0]!.files[0]!.replace(/\.credential\.jwt$/u, '');
    expect(reports[0]!.files).toEqual([`${stem}.credential.jwt`, `${stem}.png`]);
    await expect(readdir(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
