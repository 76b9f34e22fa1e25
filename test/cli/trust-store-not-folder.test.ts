import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir = '';
let badge = '';

const HINT =
  'hint: the trust store must be a folder: pass --trust-store <dir>, or set BADGESMITH_TRUST_STORE to a folder\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-store-file-'));
  expect(runCli(['init', 'issuer', '--name', 'File Lab'], dir).code).toBe(0);
  const issued = runCli(
    ['issue', '--achievement', 'first-badge', '--name', 'Ada', '--email', 'ada@example.org'],
    join(dir, 'issuer'),
  );
  expect(issued.code, issued.stderr).toBe(0);
  const png = (await readdir(join(dir, 'issuer', 'out'))).find((f) => f.endsWith('.png'))!;
  badge = join('issuer', 'out', png);
  await writeFile(join(dir, 'some.csv'), 'name,email\n');
}, 120_000);

describe('a trust store path that is a file', () => {
  it('trust list (store from the environment) is exit 66 naming the path', () => {
    expect(runCli(['trust', 'list'], dir, { BADGESMITH_TRUST_STORE: 'some.csv' })).toEqual({
      code: 66,
      stdout: '',
      stderr: `badgesmith: error: trust store 'some.csv' is a file, not a folder\n${HINT}`,
    });
  });

  it('trust add and trust remove with --trust-store are exit 66, and the file is kept', async () => {
    const error = `badgesmith: error: trust store '${join(dir, 'some.csv')}' is a file, not a folder\n${HINT}`;
    const added = runCli(
      ['trust', 'add', 'issuer/keys/did.json', '--trust-store', 'some.csv'],
      dir,
    );
    expect(added).toEqual({ code: 66, stdout: '', stderr: error });
    const removed = runCli(['trust', 'remove', 'x.json', '--trust-store', 'some.csv'], dir);
    expect(removed).toEqual({ code: 66, stdout: '', stderr: error });
    expect((await readdir(dir)).sort()).toEqual(['issuer', 'some.csv']);
  });

  it('verify warns once and goes on with --trust: VALID, exit 0', () => {
    const verify = runCli(
      ['verify', badge, '--trust', 'issuer/keys/did.json', '--trust-store', 'some.csv'],
      dir,
    );
    expect(verify.stderr).toBe(
      `warning: trust store '${join(dir, 'some.csv')}' is a file, not a folder; only --trust is used (the trust store must be a folder)\n`,
    );
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`VALID       ${badge}`);
  });
});
