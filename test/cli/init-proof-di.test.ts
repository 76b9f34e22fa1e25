import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli as run } from '../helpers/cli.js';

describe('badgesmith init --proof di', () => {
  it('makes an Ed25519 issuer whose badges carry Data Integrity proofs and verify VALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-init-di-'));
    const init = run(['init', 'iss', '--proof', 'di'], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout.split('\n')[0]).toMatch(/^issuer did:key:z6Mk\S+ \(EdDSA, proof di\)$/u);
    const config = parse(await readFile(join(dir, 'iss', 'badgesmith.yaml'), 'utf8')) as {
      defaults: { alg: string; proof: string };
    };
    expect(config.defaults).toMatchObject({ alg: 'EdDSA', proof: 'di' });
    const issued = run(
      [
        'issue',
        '--config',
        'iss/badgesmith.yaml',
        '--achievement',
        'first-badge',
        '--name',
        'Ada Lovelace',
        '--email',
        'ada@example.org',
        '--out',
        'out',
      ],
      dir,
    );
    expect(issued.code, issued.stderr).toBe(0);
    const files = (await readdir(join(dir, 'out'))).filter((f) => /\.(png|json)$/u.test(f));
    const json = files.find((f) => f.endsWith('.credential.json'));
    expect(json).toBeDefined();
    const credential = JSON.parse(await readFile(join(dir, 'out', json ?? ''), 'utf8')) as {
      issuer: { id: string };
      proof: { cryptosuite: string }[];
    };
    expect(credential.proof[0]?.cryptosuite).toBe('eddsa-rdfc-2022');
    const paths = files.map((f) => join('out', f));
    const verified = run(
      ['verify', ...paths, '--trust', credential.issuer.id, '--trust-store', 'store'],
      dir,
    );
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('2 files: 2 valid, 0 not valid, 0 cannot tell');
  });

  it('refuses --proof di with another --alg (exit 64), and an unknown proof', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-init-di-'));
    const clash = run(['init', 'iss', '--proof', 'di', '--alg', 'ES256'], dir);
    expect(clash).toEqual({
      code: 64,
      stdout: '',
      stderr:
        "badgesmith: error: --proof di signs with an Ed25519 key, not --alg 'ES256'\n" +
        'hint: drop --alg (--proof di makes an EdDSA key), or pass --proof jwt\n',
    });
    expect(run(['init', 'iss', '--proof', 'ld'], dir).code).toBe(64);
    expect(run(['init', 'iss', '--proof', 'DI', '--alg', 'eddsa'], dir).code).toBe(0);
  });
});
