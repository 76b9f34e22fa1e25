import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAchievement } from '../../src/adapters/achievement-file.js';
import { issueBatch, type BatchSummary, type IssueBatch } from '../../src/adapters/issue-batch.js';
import type { IssueRowReport } from '../../src/adapters/issue-report.js';
import { CHANGED_REASON } from '../../src/adapters/issue-rerun.js';
import {
  initIssuerFolder,
  loadIssuer,
  type LoadedIssuer,
} from '../../src/adapters/issuer-folder.js';
import type { RosterRow } from '../../src/adapters/roster.js';

let dir = '';
let issuer: LoadedIssuer;
let otherIssuer: LoadedIssuer;

const issued = new Date('2025-06-01T00:00:00Z');
const now = new Date('2025-06-02T00:00:00Z');
const ada: RosterRow = { row: 1, line: 2, name: 'Ada Lovelace', email: 'ada@example.org' };
const bob: RosterRow = { row: 2, line: 3, name: 'Bob B', email: 'bob@example.org' };
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#c00"/></svg>';

interface Run {
  reports: IssueRowReport[];
  warnings: string[];
  summary: BatchSummary;
}

async function run(batch: Omit<IssueBatch, 'now' | 'issued' | 'issuer'> & Partial<IssueBatch>) {
  const reports: IssueRowReport[] = [];
  const warnings: string[] = [];
  const summary = await issueBatch({
    issuer,
    issued,
    now,
    ...batch,
    onRow: (r) => reports.push(r),
    onWarning: (w) => warnings.push(w),
  });
  return { reports, warnings, summary } satisfies Run;
}

async function achievementFile(name: string, body: string): Promise<string> {
  const file = join(dir, 'achievements', `${name}.yaml`);
  await writeFile(file, body);
  return file;
}

const vector = (name: string, extra = '') =>
  `name: ${name}\ndescription: d\ncriteria:\n  narrative: n\nimage: art.svg\n${extra}`;

async function ledgerLines(outDir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(outDir, 'issue-ledger.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const out = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-rerun-'));
  await initIssuerFolder({ dir, alg: 'EdDSA', name: 'Rerun Org', force: false });
  issuer = await loadIssuer(join(dir, 'badgesmith.yaml'), () => undefined);
  const other = join(dir, 'other');
  await initIssuerFolder({ dir: other, alg: 'EdDSA', name: 'Rerun Org', force: false });
  otherIssuer = await loadIssuer(join(other, 'badgesmith.yaml'), () => undefined);
  await writeFile(join(dir, 'achievements', 'art.svg'), SVG);
  await achievementFile('vector', vector('Vector'));
});

describe('issueBatch rerun: missing files and another format', () => {
  it('writes a deleted png again under the same id and stem, and says which file was missing', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('deleted');
    const base = { achievement, format: 'png' as const, outDir, rows: [ada, bob] };
    const first = await run(base);
    const png = first.reports[0]!.files[1]!;
    expect(png).toMatch(/^ada-lovelace-[0-9a-f]{8}\.png$/u);
    await rm(join(outDir, png));
    const second = await run(base);
    expect(second.reports.map((r) => [r.status, r.reason])).toEqual([
      ['issued', `files missing: ${png}`],
      ['skipped', 'already issued'],
    ]);
    expect(second.reports[0]!.credentialId).toBe(first.reports[0]!.credentialId);
    expect(second.reports[0]!.files).toEqual(first.reports[0]!.files);
    expect((await stat(join(outDir, png))).size).toBeGreaterThan(0);
    expect(second.summary).toMatchObject({ issued: 1, again: 1, skipped: 1, changed: 0 });
    const third = await run(base);
    expect(third.reports.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });

  it('adds the svg to a png-only run with --format both, and the credential file after --no-credential-file', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('formats');
    const first = await run({ achievement, format: 'png', outDir, rows: [ada] });
    const stem = first.reports[0]!.files[1]!.replace(/\.png$/u, '');
    const both = await run({ achievement, format: 'both', outDir, rows: [ada] });
    expect(both.reports.map((r) => [r.status, r.reason, r.files])).toEqual([
      ['issued', 'adds the svg', [`${stem}.credential.jwt`, `${stem}.png`, `${stem}.svg`]],
    ]);
    const svgOnly = await run({ achievement, format: 'svg', outDir, rows: [ada] });
    expect(svgOnly.reports[0]!.status).toBe('skipped');

    const bare = out('bare');
    await run({ achievement, format: 'png', outDir: bare, rows: [ada], credentialFile: false });
    const withJwt = await run({ achievement, format: 'png', outDir: bare, rows: [ada] });
    expect(withJwt.reports.map((r) => [r.status, r.reason])).toEqual([
      ['issued', 'adds the credential file'],
    ]);
  });

  it('a dry run shows the same decision and writes nothing', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('dry');
    await run({ achievement, format: 'png', outDir, rows: [ada] });
    const before = (await readdir(outDir)).sort();
    const dry = await run({ achievement, format: 'both', outDir, rows: [ada], dryRun: true });
    expect(dry.reports.map((r) => [r.status, r.reason])).toEqual([['would-issue', 'adds the svg']]);
    expect(dry.summary.again).toBe(1);
    expect((await readdir(outDir)).sort()).toEqual(before);
  });
});

describe('issueBatch rerun: a row or achievement with other data', () => {
  it('skips a corrected name with the reason, and --reissue issues it again under the same files', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('renamed');
    // With the name in the credential, so the reissued one shows the corrected name.
    const defaults = { ...issuer.config.defaults, recipientName: true };
    const named = { ...issuer, config: { ...issuer.config, defaults } };
    const base = { issuer: named, achievement, format: 'png' as const, outDir };
    const first = await run({ ...base, rows: [ada, bob] });
    const robert = { ...bob, name: 'Robert B' };
    const second = await run({ ...base, rows: [ada, robert] });
    expect(second.reports.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'already issued'],
      ['skipped', CHANGED_REASON],
    ]);
    expect(second.summary).toMatchObject({ skipped: 2, changed: 1, issued: 0 });
    expect(second.warnings).toEqual([]);
    const dry = await run({ ...base, rows: [ada, robert], reissue: true, dryRun: true });
    expect(dry.reports[1]!.status).toBe('would-issue');

    const jwt = join(outDir, first.reports[1]!.files[0]!);
    const oldJwt = await readFile(jwt, 'utf8');
    const third = await run({ ...base, rows: [ada, robert], reissue: true });
    expect(third.reports.map((r) => [r.status, r.reason, r.files])).toEqual([
      ['skipped', 'already issued', first.reports[0]!.files],
      ['issued', 'issued again with other data (--reissue)', first.reports[1]!.files],
    ]);
    expect(third.reports[1]!.credentialId).toBe(first.reports[1]!.credentialId);
    const newJwt = await readFile(jwt, 'utf8');
    expect(newJwt).not.toBe(oldJwt);
    const payload = JSON.parse(Buffer.from(newJwt.split('.')[1]!, 'base64url').toString()) as {
      credentialSubject: { name?: string };
    };
    expect(payload.credentialSubject.name).toBe('Robert B');
    // The ledger's last line for an id wins: the next run finds Robert B done.
    const lines = await ledgerLines(outDir);
    expect(lines.map((l) => l.row)).toEqual([1, 2, 2]);
    expect(lines[2]!.issuer).toBe(issuer.config.issuer.id);
    const fourth = await run({ ...base, rows: [ada, robert] });
    expect(fourth.reports.map((r) => r.reason)).toEqual(['already issued', 'already issued']);
  });

  it('a row date, evidence or result that changed counts as other data; the run date does not', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('fields');
    const base = { achievement, format: 'png' as const, outDir };
    await run({ ...base, rows: [ada, { ...bob, evidence: 'https://example.org/e/1' }] });
    const later = await run({
      ...base,
      issued: new Date('2025-06-02T00:00:00Z'),
      rows: [
        { ...ada, issued: new Date('2025-05-01T00:00:00Z') },
        { ...bob, evidence: 'https://example.org/e/1' },
      ],
    });
    expect(later.reports.map((r) => r.reason)).toEqual([CHANGED_REASON, 'already issued']);
    const result = await run({ ...base, rows: [ada, { ...bob, result: 'A' }] });
    expect(result.reports.map((r) => r.reason)).toEqual(['already issued', CHANGED_REASON]);
  });

  it('warns once, naming the file, when the achievement changed, and skips its rows as other data', async () => {
    const file = await achievementFile('changing', vector('Changing'));
    const outDir = out('achievement');
    const rows = [ada, bob];
    await run({ achievement: await loadAchievement(file), format: 'png', outDir, rows });
    await achievementFile('changing', vector('Changing', 'validFor: P1Y\n'));
    const second = await run({
      achievement: await loadAchievement(file),
      format: 'png',
      outDir,
      rows,
    });
    expect(second.warnings).toEqual([
      `the achievement '${file}' changed since rows of it were issued into '${outDir}': they are skipped; pass --reissue to issue them again with it`,
    ]);
    expect(second.reports.map((r) => r.reason)).toEqual([CHANGED_REASON, CHANGED_REASON]);
    expect(second.summary.changed).toBe(2);
  });

  it('treats ledger lines written before the digests as unchanged, with no warning', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('old-ledger');
    await run({ achievement, format: 'png', outDir, rows: [ada] });
    const [line] = await ledgerLines(outDir);
    const { id, key, row, files, at } = line!;
    await writeFile(
      join(outDir, 'issue-ledger.jsonl'),
      `${JSON.stringify({ id, key, row, files, at })}\n`,
    );
    const again = await run({
      achievement,
      format: 'png',
      outDir,
      rows: [{ ...ada, name: 'A L' }],
    });
    expect(again.reports.map((r) => [r.status, r.reason])).toEqual([['skipped', 'already issued']]);
    expect(again.warnings).toEqual([]);
  });
});

describe('issueBatch rerun: another issuer', () => {
  it("stops before signing in a folder of another issuer's rows; --new-issuer issues everyone again", async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('rotated');
    await run({ achievement, format: 'png', outDir, rows: [ada, bob] });
    const before = (await readdir(outDir)).sort();
    const oldId = issuer.config.issuer.id;
    const newId = otherIssuer.config.issuer.id;
    const attempt = run({ issuer: otherIssuer, achievement, format: 'png', outDir, rows: [ada] });
    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_OUTPUT_OTHER_ISSUER',
      message: `the ledger in '${outDir}' holds 2 rows issued by '${oldId}', not by this issuer '${newId}'`,
      hint: 'issue into a new --out folder, or pass --new-issuer to issue everyone again under the new issuer id',
    });
    expect((await readdir(outDir)).sort()).toEqual(before);
    const dry = run({
      issuer: otherIssuer,
      achievement,
      format: 'png',
      outDir,
      rows: [ada],
      dryRun: true,
    });
    await expect(dry).rejects.toMatchObject({ code: 'ERR_OUTPUT_OTHER_ISSUER' });

    const rotated = await run({
      issuer: otherIssuer,
      achievement,
      format: 'png',
      outDir,
      rows: [ada, bob],
      newIssuer: true,
    });
    expect(rotated.reports.map((r) => [r.status, r.reason])).toEqual([
      ['issued', undefined],
      ['issued', undefined],
    ]);
    // Once the new issuer's rows are the last ones, its reruns go on as usual.
    const after = await run({
      issuer: otherIssuer,
      achievement,
      format: 'png',
      outDir,
      rows: [ada, bob],
    });
    expect(after.reports.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });

  it('tells older ledger lines of another issuer by their ids', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('rotated-old');
    await run({ achievement, format: 'png', outDir, rows: [ada] });
    const [line] = await ledgerLines(outDir);
    const { id, key, row, files, at } = line!;
    await writeFile(
      join(outDir, 'issue-ledger.jsonl'),
      `${JSON.stringify({ id, key, row, files, at })}\n`,
    );
    const mine = await run({ achievement, format: 'png', outDir, rows: [ada] });
    expect(mine.reports[0]!.status).toBe('skipped');
    const attempt = run({ issuer: otherIssuer, achievement, format: 'png', outDir, rows: [ada] });
    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_OUTPUT_OTHER_ISSUER',
      message: `the ledger in '${outDir}' holds 1 rows issued by another issuer (older ledger lines do not name it), not by this issuer '${otherIssuer.config.issuer.id}'`,
    });
  });
});

describe('issueBatch rerun: row warnings', () => {
  it('issues a badge that has already expired with a warning giving the dates', async () => {
    const file = await achievementFile('short', vector('Short', 'validFor: P7D\n'));
    const achievement = await loadAchievement(file);
    const old = { ...ada, issued: new Date('2025-01-01T00:00:00Z') };
    const { reports } = await run({
      achievement,
      format: 'png',
      outDir: out('expired'),
      rows: [old, bob],
    });
    expect(reports.map((r) => [r.status, r.reason])).toEqual([
      ['issued', 'expired on 2025-01-08T00:00:00Z already (issued 2025-01-01T00:00:00Z + P7D)'],
      ['issued', undefined],
    ]);
  });

  it('warns when the ledger has the same name under another e-mail, naming the earlier row', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('same-name');
    await run({ achievement, format: 'png', outDir, rows: [ada, bob] });
    const moved = { ...bob, row: 5, name: ' bob  b', email: 'bob@new.example.org' };
    const { reports } = await run({ achievement, format: 'png', outDir, rows: [ada, moved] });
    expect(reports.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'already issued'],
      [
        'issued',
        'the ledger has the same name under another e-mail or identifier (row 2 of an earlier run): check it is not the same person',
      ],
    ]);
  });

  it('warns once about ledger lines that are no entry, with their count and the first line', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('garbage');
    await run({ achievement, format: 'png', outDir, rows: [ada] });
    await appendFile(join(outDir, 'issue-ledger.jsonl'), 'not json\n{"id":1}\n\n');
    const again = await run({ achievement, format: 'png', outDir, rows: [ada, bob] });
    expect(again.warnings).toEqual([
      `the ledger '${join(outDir, 'issue-ledger.jsonl')}' has 2 lines that are no ledger entry (first: line 2); they are ignored, so their rows are issued again`,
    ]);
    expect(again.reports.map((r) => r.status)).toEqual(['skipped', 'issued']);
  });
});

describe('issueBatch rerun: the report keeps up', () => {
  it('rows found done are reported as soon as a new row follows them, not at the roster end', async () => {
    const achievement = await loadAchievement(join(dir, 'achievements', 'vector.yaml'));
    const outDir = out('keeps-up');
    const person = (i: number): RosterRow => ({
      row: i,
      line: i + 1,
      name: `Person ${i}`,
      email: `p${i}@example.org`,
    });
    await run({ achievement, format: 'png', outDir, rows: [1, 2, 3].map(person) });
    // A rerun of a longer roster: rows 1-3 are done (a group of checks smaller than a full one),
    // then come new rows. Before, rows 1-3 waited for the roster's end, and every row behind them.
    let read = 0;
    let readAtFirstReport = -1;
    async function* roster(): AsyncGenerator<RosterRow> {
      for (let i = 1; i <= 40; i += 1) {
        read += 1;
        yield person(i);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const reports: IssueRowReport[] = [];
    const summary = await issueBatch({
      issuer,
      issued,
      now,
      achievement,
      format: 'png',
      outDir,
      rows: roster(),
      onRow: (r) => {
        if (readAtFirstReport < 0) readAtFirstReport = read;
        reports.push(r);
      },
    });
    expect(readAtFirstReport).toBeGreaterThan(0);
    expect(readAtFirstReport).toBeLessThan(40);
    expect(reports.map((r) => r.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(summary).toMatchObject({ total: 40, issued: 37, skipped: 3, failed: 0 });
  });
});

describe('issueBatch: dates a badge cannot hold', () => {
  it('a row whose validUntil would pass 9999-12-31 fails with the reason; an earlier one is issued', async () => {
    const file = await achievementFile('long', vector('Long', 'validFor: P999Y\n'));
    const achievement = await loadAchievement(file);
    const late: RosterRow = { ...ada, issued: new Date('9500-01-01T00:00:00Z') };
    const result = await run({
      achievement,
      format: 'png',
      outDir: out('late'),
      rows: [late, bob],
      allowFuture: true,
    });
    expect(result.reports.map((r) => [r.status, r.reason])).toEqual([
      [
        'failed',
        "row 1: issued 9500-01-01T00:00:00Z + validFor P999Y ends past 9999-12-31, which a badge's dates cannot hold; give the row an earlier issue date or the achievement a shorter validFor",
      ],
      ['issued', undefined],
    ]);
  });
});
