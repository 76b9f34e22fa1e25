import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssuerConfig } from '../../src/core/model/config.js';
import { countRosterRows, openRoster } from '../../src/adapters/roster.js';
import { runIgnoreColumns } from '../../src/adapters/roster-ignore.js';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';

// roster: is line 6; map.name line 8; ignore items lines 10 and 11.
const CONFIG =
  'issuer:\n  id: did:web:example.org\n  name: Org\nkeys:\n  private: k.json\n' +
  'roster:\n  map:\n    name: Full Name\n  ignore:\n    - Issuer\n    - Notes\n';

let dir = '';
let configPath = '';
let config: IssuerConfig;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-roster-ignore-'));
  configPath = join(dir, 'badgesmith.yaml');
  await writeFile(configPath, CONFIG);
  config = parseYamlFile<IssuerConfig>(CONFIG, configPath, 'config');
});

const run = (map: Record<string, string>, ignore: string[]) =>
  runIgnoreColumns(config, configPath, { map, ignore });

describe('runIgnoreColumns: roster.ignore plus --ignore-column', () => {
  it('the flag values must be in the roster; the yaml ones may be absent', async () => {
    expect(await run({}, ['Room'])).toEqual({ columns: ['Room'], ifPresent: ['Issuer', 'Notes'] });
  });

  it('no roster section: the flag values alone', async () => {
    const bare = { roster: undefined } as Pick<IssuerConfig, 'roster'>;
    expect(await runIgnoreColumns(bare, configPath, { map: {}, ignore: ['Room'] })).toEqual({
      columns: ['Room'],
      ifPresent: [],
    });
  });

  it('--map reading a column roster.ignore ignores: exit 64, the yaml line and the fix', async () => {
    await expect(run({ result: ' notes' }, [])).rejects.toMatchObject({
      code: 'ERR_USAGE_CONFLICT',
      exitCode: 64,
      message: `--map result reads column ' notes', which roster.ignore ignores at '${configPath}:11:7'`,
      hint: `a column is either read or ignored: delete 'Notes' from roster.ignore in '${configPath}', or map result to another column`,
    });
  });

  it('--ignore-column naming the column roster.map reads: the map line', async () => {
    await expect(run({}, ['full name'])).rejects.toMatchObject({
      code: 'ERR_USAGE_CONFLICT',
      message: `--ignore-column 'full name' names the column roster.map reads as name at '${configPath}:8:5'`,
      hint: 'a column is either read or ignored: drop --ignore-column "full name", or read name from another column with --map name="<header>"',
    });
  });

  it('... unless --map reads that field from another column', async () => {
    expect(await run({ name: 'Earner' }, ['Full Name'])).toEqual({
      columns: ['Full Name'],
      ifPresent: ['Issuer', 'Notes'],
    });
  });

  it('--ignore-column naming the column --map reads', async () => {
    await expect(run({ email: 'Mail' }, ['MAIL'])).rejects.toMatchObject({
      code: 'ERR_USAGE_CONFLICT',
      message: "--ignore-column 'MAIL' names the column --map email reads",
      hint: 'a column is either read or ignored: drop --ignore-column "MAIL" or --map email="Mail"',
    });
  });
});

describe('openRoster and countRosterRows take the merged list', () => {
  it('a yaml Issuer column is unread and no typo; a flag Room too; the rest warned', async () => {
    const path = join(dir, 'export.csv');
    await writeFile(
      path,
      'Full Name,email,Issuer,Room,Cohort\nAda,ada@example.org,Maths,B12,2025\nAlan,alan@example.org,CS,C3,2025\n',
    );
    const ignore = await run({}, ['Room']);
    const map = { name: 'Full Name' };
    expect(await countRosterRows(path, map, ignore)).toBe(2);
    const roster = await openRoster(path, map, ignore);
    const rows = [];
    for await (const row of roster.rows) rows.push([row.name, row.email, row.problem]);
    expect([roster.ignoredColumns, rows]).toEqual([
      ['Cohort'],
      [
        ['Ada', 'ada@example.org', undefined],
        ['Alan', 'alan@example.org', undefined],
      ],
    ]);
  });

  it('a --ignore-column the roster lacks is still an error; a yaml one is not', async () => {
    const path = join(dir, 'plain.csv');
    await writeFile(path, 'Full Name,email\nAda,ada@example.org\n');
    const map = { name: 'Full Name' };
    expect(await countRosterRows(path, map, await run({}, []))).toBe(1);
    await expect(countRosterRows(path, map, await run({}, ['Room']))).rejects.toMatchObject({
      code: 'ERR_ROSTER_INVALID',
      message: `roster '${path}' has no column 'Room' (--ignore-column)`,
    });
  });
});
