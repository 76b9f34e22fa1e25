import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';
import { issuerWithStaticBadge } from './batch-helpers.js';

let issuer = '';
const CHANGED =
  'already issued with other data (the name, dates, evidence, result, language or the achievement changed); pass --reissue to issue it again';

beforeAll(async () => {
  issuer = await issuerWithStaticBadge();
}, 120_000);

const issue = (roster: string, out: string, ...more: string[]) =>
  run(['issue', '--achievement', 'static', '--roster', roster, '--out', out, ...more], issuer);

const summary = (out: string, counts: string) =>
  new RegExp(
    `^${counts.replace(/[()]/gu, '\\$&')}; report: ${out}/report-[0-9TZ]+\\.csv \\(and \\.jsonl\\); ledger: ${out}/issue-ledger\\.jsonl\\n$`,
    'u',
  );

describe('issue rerun after the roster changed', () => {
  it('skips a corrected name with a warning and a count; --reissue issues it again', async () => {
    await writeFile(
      join(issuer, 'names.csv'),
      'name,email\nAda L,ada@example.org\nBob B,bob@example.org\n',
    );
    expect(issue('names.csv', 'out-names').code).toBe(0);
    await writeFile(
      join(issuer, 'names.csv'),
      'name,email\nAda L,ada@example.org\nRobert B,bob@example.org\n',
    );
    const rerun = issue('names.csv', 'out-names');
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toBe(`warning: row 2 (Robert B): ${CHANGED}\n`);
    expect(rerun.stdout).toMatch(
      summary(
        'out-names',
        'issued 0, skipped 2 (already issued; 1 with other data, pass --reissue to issue them again), duplicates 0, failed 0',
      ),
    );
    const dry = issue('names.csv', 'out-names', '--dry-run');
    expect(dry.stdout).toContain(`SKIPPED row 2 Robert B: ${CHANGED}, out-names/bob-b-`);

    const again = issue('names.csv', 'out-names', '--reissue');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      'warning: row 2 (Robert B): issued again with other data (--reissue)\n',
    );
    expect(again.stdout).toMatch(
      summary(
        'out-names',
        'issued 1 (1 again under their id), skipped 1 (already issued), duplicates 0, failed 0',
      ),
    );
    const last = issue('names.csv', 'out-names');
    expect(last.stderr).toBe('');
    expect(last.stdout).toMatch(
      summary('out-names', 'issued 0, skipped 2 (already issued), duplicates 0, failed 0'),
    );
  });

  it('writes a deleted badge again under its name and says so', async () => {
    await writeFile(join(issuer, 'one.csv'), 'name,email\nAda L,ada@example.org\n');
    expect(issue('one.csv', 'out-deleted').code).toBe(0);
    const png = (await readdir(join(issuer, 'out-deleted'))).find((f) => f.endsWith('.png'))!;
    await rm(join(issuer, 'out-deleted', png));
    const rerun = issue('one.csv', 'out-deleted');
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toBe(`warning: row 1 (Ada L): files missing: ${png}\n`);
    expect(rerun.stdout).toMatch(
      summary(
        'out-deleted',
        'issued 1 (1 again under their id), skipped 0 (already issued), duplicates 0, failed 0',
      ),
    );
    expect((await stat(join(issuer, 'out-deleted', png))).size).toBeGreaterThan(0);
  });
});

describe('issue rerun after the achievement changed', () => {
  it('warns once naming the file, then a line for each of the first 20 rows and a count', async () => {
    const file = join(issuer, 'achievements', 'edited.yaml');
    const yaml = (description: string) =>
      `name: Edited\ndescription: ${description}\ncriteria:\n  narrative: n\nimage: art.png\n`;
    await writeFile(file, yaml('first text'));
    const lines = Array.from({ length: 22 }, (_, i) => `P ${i + 1},p${i + 1}@example.org`);
    await writeFile(join(issuer, 'many.csv'), `name,email\n${lines.join('\n')}\n`);
    const args = [
      'issue',
      '--achievement',
      'edited',
      '--roster',
      'many.csv',
      '--out',
      'out-edited',
    ];
    expect(run(args, issuer).code).toBe(0);
    await writeFile(file, yaml('corrected text'));
    const rerun = run(args, issuer);
    expect(rerun.code).toBe(0);
    const warnings = rerun.stderr.trimEnd().split('\n');
    expect(warnings[0]).toBe(
      `warning: the achievement '${file}' changed since rows of it were issued into '${join(issuer, 'out-edited')}': they are skipped; pass --reissue to issue them again with it`,
    );
    expect(warnings.slice(1, 21)).toEqual(
      lines.slice(0, 20).map((_, i) => `warning: row ${i + 1} (P ${i + 1}): ${CHANGED}`),
    );
    expect(warnings.slice(21)).toEqual([
      'warning: 2 more rows already issued with other data; the report lists them',
    ]);
    expect(rerun.stdout).toMatch(
      summary(
        'out-edited',
        'issued 0, skipped 22 (already issued; 22 with other data, pass --reissue to issue them again), duplicates 0, failed 0',
      ),
    );
    const again = run([...args, '--reissue'], issuer);
    expect(again.code).toBe(0);
    expect(again.stderr.trimEnd().split('\n')).toEqual([
      `warning: the achievement '${file}' changed since rows of it were issued into '${join(issuer, 'out-edited')}': they are issued again with it`,
      ...lines
        .slice(0, 20)
        .map(
          (_, i) => `warning: row ${i + 1} (P ${i + 1}): issued again with other data (--reissue)`,
        ),
      'warning: 2 more rows issued again under their id; the report lists them',
    ]);
  });
});

describe('issue rerun after the key changed', () => {
  it('names issuer.id in the key-mismatch hint, then stops a run into the old folder: exit 64', async () => {
    await writeFile(
      join(issuer, 'keyed.csv'),
      'name,email\nAda L,ada@example.org\nBo,bo@example.org\n',
    );
    expect(issue('keyed.csv', 'out-keyed').code).toBe(0);
    const generated = run(
      ['keys', 'generate', '--alg', 'ES256', '--out', 'keys/new.private.jwk.json'],
      issuer,
    );
    expect(generated.code).toBe(0);
    const configPath = join(issuer, 'badgesmith.yaml');
    const config = await readFile(configPath, 'utf8');
    const oldId = /^ {2}id: (\S+)$/mu.exec(config)![1]!;
    await writeFile(
      configPath,
      config.replace('keys/issuer.private.jwk.json', 'keys/new.private.jwk.json'),
    );
    const mismatch = issue('keyed.csv', 'out-keyed');
    expect(mismatch.code).toBe(65);
    const hint =
      /^hint: .*set issuer\.id to '(did:key:z[1-9A-HJ-NP-Za-km-z]+)' and keys\.kid to match/mu.exec(
        mismatch.stderr,
      );
    expect(hint).not.toBeNull();
    const newId = hint![1]!;
    expect(newId).not.toBe(oldId);

    await writeFile(
      configPath,
      config
        .replace('keys/issuer.private.jwk.json', 'keys/new.private.jwk.json')
        .replace(`id: ${oldId}`, `id: ${newId}`)
        .replace(/^ {2}kid: .*\n/mu, ''),
    );
    const before = (await readdir(join(issuer, 'out-keyed'))).sort();
    const refused = issue('keyed.csv', 'out-keyed');
    expect(refused.code).toBe(64);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `badgesmith: error: the ledger in '${join(issuer, 'out-keyed')}' holds 2 rows issued by '${oldId}', not by this issuer '${newId}'\n` +
        'hint: issue into a new --out folder, or pass --new-issuer to issue everyone again under the new issuer id\n',
    );
    expect((await readdir(join(issuer, 'out-keyed'))).sort()).toEqual(before);

    const rotated = issue('keyed.csv', 'out-keyed', '--new-issuer');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      summary('out-keyed', 'issued 2, skipped 0 (already issued), duplicates 0, failed 0'),
    );
  });
});
