import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

describe('badgesmith issue --proof di', () => {
  it('an Ed25519 issuer issues PNG, SVG and credential JSON that verify VALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-di-'));
    expect(run(['init', 'iss', '--alg', 'EdDSA'], dir).code).toBe(0);
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
        '--proof',
        'di',
        '--format',
        'both',
        '--out',
        'out',
      ],
      dir,
    );
    expect(issued.code, issued.stderr).toBe(0);
    const files = (await readdir(join(dir, 'out'))).filter((f) => /\.(png|svg|json)$/u.test(f));
    expect(files.map((f) => f.replace(/^ada-lovelace-[0-9a-f]{8}/u, '*')).sort()).toEqual([
      '*.credential.json',
      '*.png',
      '*.svg',
    ]);
    const json = files.find((f) => f.endsWith('.credential.json'))!;
    const credential = JSON.parse(await readFile(join(dir, 'out', json), 'utf8'));
    const issuerId = credential.issuer.id as string;
    expect(credential.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${issuerId}#${issuerId.slice('did:key:'.length)}`,
    });
    const paths = files.map((f) => join('out', f));
    const verified = run(['verify', ...paths, '--trust', issuerId, '--trust-store', 'store'], dir);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('3 files: 3 valid, 0 not valid, 0 cannot tell');
  });

  it('an ES256 issuer cannot sign di: exit 65 with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-di-'));
    expect(run(['init', 'iss', '--alg', 'ES256'], dir).code).toBe(0);
    const result = run(
      [
        'issue',
        '--config',
        'iss/badgesmith.yaml',
        '--achievement',
        'first-badge',
        '--name',
        'Ada',
        '--email',
        'ada@example.org',
        '--proof',
        'di',
        '--out',
        'out',
      ],
      dir,
    );
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      "proof 'di' (eddsa-rdfc-2022) signs with an ed25519 key, and this issuer's key is ES256",
    );
  });
});
