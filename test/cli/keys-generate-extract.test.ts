import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-keys-generate-'));
});

describe('keys generate', () => {
  it('defaults to ES256 outside an issuer folder, says so, and prints an absolute --out as given', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'badgesmith-keys-elsewhere-'));
    const out = join(elsewhere, 'k.private.jwk.json');
    const result = run(['keys', 'generate', '--out', out], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: --alg not given: ES256, the default\n');
    expect(result.stdout.split('\n')[0]).toBe(`wrote ${out} (ES256, private: keep it secret)`);
    const jwk = JSON.parse(await readFile(out, 'utf8'));
    expect([jwk.kty, jwk.crv]).toEqual(['EC', 'P-256']);
  });

  it('prints a relative --out that climbs far as the shorter absolute path', async () => {
    const deep = join(dir, ...Array<string>(8).fill('level'));
    await mkdir(deep, { recursive: true });
    const elsewhere = await mkdtemp(join(tmpdir(), 'badgesmith-keys-far-'));
    const out = relative(deep, join(elsewhere, 'k.json'));
    expect(out.startsWith('../../../../../../../../../')).toBe(true);
    const result = run(['keys', 'generate', '--alg', 'EdDSA', '--out', out], deep);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      `wrote ${join(elsewhere, 'k.json')} (EdDSA, private: keep it secret)`,
    );
  });

  it("takes the issuer folder's defaults.alg, and prints a relative --out from here", async () => {
    const issuer = join(dir, 'ed');
    expect(run(['init', 'ed', '--alg', 'EdDSA'], dir).code).toBe(0);
    const result = run(['keys', 'generate', '--out', 'keys/next.private.jwk.json'], issuer);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: --alg not given: EdDSA, defaults.alg of badgesmith.yaml\n');
    expect(result.stdout.split('\n')[0]).toBe(
      'wrote keys/next.private.jwk.json (EdDSA, private: keep it secret)',
    );
    const jwk = JSON.parse(await readFile(join(issuer, 'keys/next.private.jwk.json'), 'utf8'));
    expect([jwk.kty, jwk.crv]).toEqual(['OKP', 'Ed25519']);
    const explicit = run(['keys', 'generate', '--alg', 'es256', '--out', 'x.json'], issuer);
    expect(explicit.stderr).toBe('');
    expect(explicit.stdout.split('\n')[0]).toBe('wrote x.json (ES256, private: keep it secret)');
  });

  it('says in --help what the default is', () => {
    const help = run(['keys', 'generate', '--help'], dir);
    expect(help.stdout).toContain(
      'Without --alg the key has the algorithm of defaults.alg in ./badgesmith.yaml (an issuer\nfolder), else ES256',
    );
  });
});

describe('extract -o <folder>', () => {
  it('says at once that it is a folder and what to pass, before reading the badge', async () => {
    await mkdir(join(dir, 'payloads'));
    await writeFile(join(dir, 'x.png'), 'not read');
    for (const extra of [[], ['--force']]) {
      const result = run(['extract', 'x.png', '-o', 'payloads', ...extra], dir);
      expect(result).toEqual({
        code: 64,
        stdout: '',
        stderr:
          "badgesmith: error: -o 'payloads' is a folder\nhint: give a file name for the payload, e.g. -o payloads/credential.jwt\n",
      });
    }
  });
});
