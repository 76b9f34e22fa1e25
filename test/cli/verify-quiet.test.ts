import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildJwks } from '../../src/core/keys/publish.js';
import { makeIssuer, signFor } from '../core/verify/fixtures.js';
import { runCli } from '../helpers/cli.js';

const AT = ['--at', '2025-06-01T12:00:00Z'];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-quiet-'));
  const issuer = makeIssuer('ES256');
  await mkdir(join(dir, 'folder'));
  await writeFile(join(dir, 'good.jwt'), await signFor(issuer));
  await writeFile(join(dir, 'folder', 'good.jwt'), await signFor(issuer));
  await writeFile(
    join(dir, 'expired.jwt'),
    await signFor(issuer, { validUntil: '2025-05-01T00:00:00Z' }),
  );
  const jwks = buildJwks(issuer.issuerId, [
    { publicJwk: issuer.publicJwk, kid: issuer.key.kid, alg: 'ES256' },
  ]);
  await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
}, 60_000);

describe('verify -q', () => {
  it('prints nothing for VALID files, one line naming the failed check for the others', () => {
    const result = runCli(
      ['-q', 'verify', 'good.jwt', 'expired.jwt', '--trust', 'jwks.json', ...AT],
      dir,
    );
    expect(result).toEqual({
      code: 1,
      stdout:
        'NOT VALID  expired.jwt: validity: expired at 2025-05-01T00:00:00Z, the time is 2025-06-01T12:00:00Z\n',
      stderr: '',
    });
  });

  it('prints nothing at all when every file is VALID, a folder included (exit 0)', () => {
    const result = runCli(
      ['verify', '-q', 'good.jwt', 'folder', '--trust', 'jwks.json', ...AT],
      dir,
    );
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('says CANNOT TELL with the first undecided check when no key is trusted', () => {
    const result = runCli(['-q', 'verify', 'good.jwt', ...AT], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^CANNOT TELL {2}good\.jwt: [a-z-]+: .+\n$/u);
  });

  it('an unusable file is one NOT VALID line too, with nothing on stderr (exit 65)', async () => {
    await writeFile(join(dir, 'empty.json'), '');
    const result = runCli(['-q', 'verify', 'empty.json'], dir);
    expect(result.code).toBe(65);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^NOT VALID {2}empty\.json: extract: .+\n$/u);
  });
});
