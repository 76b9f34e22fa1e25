import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, runCli } from '../helpers/cli.js';

let dir = '';
let store = '';
let badge = '';
let did = '';
let stored = '';

const run = (args: string[]) => runCli(args, dir, { BADGESMITH_TRUST_STORE: store });
const command = () => `badgesmith trust remove 'arr.json' --trust-store '${store}'`;
const warning = () =>
  `warning: trust store file '${join(store, 'arr.json')}' is not a trust entry (it is not a JSON object); remove it with: ${command()}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-bad-store-'));
  store = join(dir, 'store');
  expect(runCli(['init', 'issuer', '--name', 'Store Lab'], dir).code).toBe(0);
  const issued = runCli(
    ['issue', '--achievement', 'first-badge', '--name', 'Ada', '--email', 'ada@example.org'],
    join(dir, 'issuer'),
  );
  expect(issued.code, issued.stderr).toBe(0);
  const png = (await readdir(join(dir, 'issuer', 'out'))).find((f) => f.endsWith('.png'))!;
  badge = join('issuer', 'out', png);
  const added = run(['trust', 'add', 'issuer/keys/did.json']);
  expect(added.code, added.stderr).toBe(0);
  [, did = '', stored = ''] = /^added (\S+) \(did-document, 1 key\) as (\S+)\n$/u.exec(
    added.stdout,
  ) ?? ['', '', ''];
  expect(did).toMatch(/^did:key:z/u);
  await writeFile(join(store, 'arr.json'), '[]\n');
}, 120_000);

describe("a trust store holding one '[]' file beside a good entry", () => {
  it('trust list lists the good entry, warns about the bad file, exit 0', () => {
    const list = run(['trust', 'list']);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(warning());
    expect(list.stdout).toBe(
      `${did}  did-document  ${stored}\n  key ${did}#${did.slice('did:key:'.length)}\n`,
    );
  });

  it('trust list --json lists the bad file under skipped', () => {
    const list = run(['trust', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(warning());
    const doc = JSON.parse(list.stdout) as { entries: { name: string }[]; skipped: unknown };
    expect(doc.entries.map((entry) => entry.name)).toEqual([stored]);
    expect(doc.skipped).toEqual([{ name: 'arr.json', reason: 'it is not a JSON object' }]);
  });

  it('verify trusts the good entry: VALID, exit 0, the warning on stderr', () => {
    const verify = run(['verify', badge]);
    expect(verify.stderr).toBe(warning());
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`VALID       ${badge}`);
    expect(verify.stdout).toContain(`  trusted by: trust store: ${stored}`);
  });

  it('trust remove still removes the good entry; the bad file stays, and verify cannot tell', async () => {
    const removed = run(['trust', 'remove', did]);
    expect(removed).toEqual({ code: 0, stdout: `removed ${did} (${stored})\n`, stderr: '' });
    expect(await readdir(store)).toEqual(['arr.json']);
    const list = run(['trust', 'list']);
    expect(list).toEqual({
      code: 0,
      stdout: `the trust store '${store}' has no trust entries\n`,
      stderr: warning(),
    });
    const verify = run(['verify', badge]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toBe(warning());
  });
});

describe('trust remove of the bad file, as the warning says', () => {
  it('the printed command, pasted into a shell, removes it: exit 0, no more warnings', async () => {
    const pasted = command().replace(/^badgesmith/u, `'${process.execPath}' '${bin}'`);
    const removed = spawnSync('sh', ['-c', pasted], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    expect(removed.stderr).toBe('');
    expect(removed.status).toBe(0);
    expect(removed.stdout).toBe(
      'removed arr.json (it was not a trust entry: it is not a JSON object)\n',
    );
    expect(await readdir(store)).toEqual([]);
    expect(run(['trust', 'list'])).toEqual({
      code: 0,
      stdout: `the trust store '${store}' is empty\n`,
      stderr: '',
    });
  });

  it('by its name alone, with the store from the environment', async () => {
    await writeFile(join(store, 'broken.json'), '{\n');
    expect(run(['trust', 'list']).stderr).toContain("'broken.json' --trust-store");
    expect(run(['trust', 'remove', 'broken.json'])).toEqual({
      code: 0,
      stdout: 'removed broken.json (it was not a trust entry: it is not JSON)\n',
      stderr: '',
    });
    expect(await readdir(store)).toEqual([]);
  });

  it('trust remove --help names the file a warning prints as something it removes', () => {
    const help = run(['trust', 'remove', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('warning that prints the `trust remove` command for it');
    expect(help.stdout).toContain('badgesmith trust remove broken.json --trust-store ./trust');
  });
});
