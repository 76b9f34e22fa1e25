import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildJwks } from '../../src/core/keys/publish.js';
import { makeIssuer, signFor } from '../core/verify/fixtures.js';
import { runCli } from '../helpers/cli.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-unsigned-'));
  const issuer = makeIssuer('ES256');
  const signed = await signFor(issuer);
  const payload = signed.split('.')[1] ?? '';
  const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
  await writeFile(join(dir, 'none.jwt'), `${header}.${payload}.\n`);
  const jwks = buildJwks(issuer.issuerId, [
    { publicJwk: issuer.publicJwk, kid: issuer.key.kid, alg: 'ES256' },
  ]);
  await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
}, 60_000);

describe('verify an alg none JWT', () => {
  it('reads it as a JWT and fails the proof check: NOT VALID, exit 1', () => {
    const result = runCli(
      ['verify', 'none.jwt', '--trust', 'jwks.json', '--at', '2025-06-01T12:00:00Z'],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('NOT VALID   none.jwt\n');
    expect(result.stdout).toContain(
      '  proof       FAILED      unsigned JWT (alg none) is never accepted\n',
    );
  });
});
