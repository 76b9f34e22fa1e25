import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { countRosterRows, openRoster, parseRoster } from '../../src/adapters/roster.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function failure(run: () => unknown): BadgesmithError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the roster to be rejected');
}

describe('parseRoster: a header that is a misspelt field is an error, not an ignored column', () => {
  it("names the file, the column and 'did you mean', with a rename-or-map hint", () => {
    const error = failure(() =>
      parseRoster(bytes('name,emial\nAda,ada@example.org\n'), 'cohort.csv'),
    );
    expect(error.code).toBe('ERR_ROSTER_INVALID');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      "roster 'cohort.csv' has unknown column 'emial' (did you mean 'email'?); nothing was issued",
    );
    expect(error.hint).toBe(
      'rename the column to \'email\' or read it with --map email="emial"; ' +
        'if it holds other data, pass --ignore-column "emial" (or add it to roster.ignore in badgesmith.yaml)',
    );
  });

  it('lists every misspelt column', () => {
    const error = failure(() =>
      parseRoster(
        bytes('Nmae,email,achievment,evidnce,Colour\nAda,ada@example.org,a,b,red\n'),
        'cohort.csv',
      ),
    );
    expect(error.message).toBe(
      "roster 'cohort.csv' has unknown columns 'Nmae' (did you mean 'name'?), " +
        "'achievment' (did you mean 'achievement'?), 'evidnce' (did you mean 'evidence'?); " +
        'nothing was issued',
    );
    expect(error.hint).toBe(
      'rename the column to \'name\' or read it with --map name="Nmae"; ' +
        'if it holds other data, pass --ignore-column "Nmae" (or add it to roster.ignore in badgesmith.yaml)',
    );
  });

  it('a column near a --map target is named before the missing mapped header, as a --map fix', () => {
    const error = failure(() =>
      parseRoster(bytes('name,E-mail Adress\nAda,ada@example.org\n'), 'cohort.csv', {
        email: 'E-mail Address',
      }),
    );
    expect(error.message).toBe(
      "--map email names no column 'E-mail Address' in 'cohort.csv' (did you mean 'E-mail Adress'?); nothing was issued",
    );
  });

  it('a real column that looks like a field is flagged too; renamed, it is ignored', () => {
    const error = failure(() =>
      parseRoster(bytes('name,email,Issuer\nAda,ada@example.org,Lab\n'), 'c.csv'),
    );
    expect(error.message).toBe(
      "roster 'c.csv' has unknown column 'Issuer' (did you mean 'issued'?); nothing was issued",
    );
    const renamed = parseRoster(
      bytes('name,email,Issuing body\nAda,ada@example.org,Lab\n'),
      'c.csv',
    );
    expect(renamed.ignoredColumns).toEqual(['Issuing body']);
    // Or kept as it is and named as other data: not read, not listed, not a typo.
    const kept = parseRoster(bytes('name,email,Issuer\nAda,ada@example.org,Lab\n'), 'c.csv', {}, [
      ' issuer ',
    ]);
    expect([kept.ignoredColumns, kept.rows.map((row) => row.problem)]).toEqual([[], [undefined]]);
  });

  it('a header close to nothing is still ignored and listed', () => {
    const roster = parseRoster(bytes('name,email,Cohort\nAda,ada@example.org,x\n'), 'c.csv');
    expect(roster.ignoredColumns).toEqual(['Cohort']);
    expect(roster.rows.map((row) => [row.name, row.email, row.problem])).toEqual([
      ['Ada', 'ada@example.org', undefined],
    ]);
  });
});

describe('openRoster and countRosterRows stop at a misspelt header before any row', () => {
  it('both reject with ERR_ROSTER_INVALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-misspelt-'));
    const path = join(dir, 'r.csv');
    await writeFile(path, 'name,email,narative\nAda,ada@example.org,did it\n');
    const expected = {
      code: 'ERR_ROSTER_INVALID',
      message: `roster '${path}' has unknown column 'narative' (did you mean 'narrative'?); nothing was issued`,
    };
    await expect(openRoster(path)).rejects.toMatchObject(expected);
    await expect(countRosterRows(path)).rejects.toMatchObject(expected);
  });
});
