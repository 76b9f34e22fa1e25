import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildJwks } from '../../src/core/keys/publish.js';
import type { OpenBadgeCredential } from '../../src/core/model/types.js';
import { credentialFor, makeIssuer, signFor } from '../core/verify/fixtures.js';
import { runCli } from '../helpers/cli.js';

const AT = ['--at', '2025-06-01T12:00:00Z'];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-strict-'));
  const issuer = makeIssuer('ES256');
  // A signed badge whose subject names no one: no id, no identifier (OB 3.0 section 3.5).
  const subject = { ...credentialFor(issuer.issuerId).credentialSubject } as Record<
    string,
    unknown
  >;
  delete subject.identifier;
  const jwt = await signFor(issuer, {
    credentialSubject: subject as unknown as OpenBadgeCredential['credentialSubject'],
  });
  await writeFile(join(dir, 'nobody.jwt'), jwt);
  const jwks = buildJwks(issuer.issuerId, [
    { publicJwk: issuer.publicJwk, kid: issuer.key.kid, alg: 'ES256' },
  ]);
  await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
}, 60_000);

describe('verify --strict', () => {
  const note =
    '/credentialSubject names no recipient: OB 3.0 section 3.5 asks for an id or an identifier, so no recipient can be checked';

  it('without it, a subject naming no one is VALID with a warning, and --recipient fails', () => {
    const plain = runCli(['verify', 'nobody.jwt', '--trust', 'jwks.json', ...AT], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      '  schema      passed      matches the OB 3.0 credential shape, with 1 conformance note (warnings)\n',
    );
    expect(plain.stdout).toContain(`schema: ${note}`);
    const withRecipient = runCli(
      ['verify', 'nobody.jwt', '--trust', 'jwks.json', '--recipient', 'ada@example.org', ...AT],
      dir,
    );
    expect(withRecipient.code).toBe(1);
  });

  it('with it, the note is a schema failure: NOT VALID, exit 1', () => {
    const strict = runCli(['verify', 'nobody.jwt', '--trust', 'jwks.json', '--strict', ...AT], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(`  schema      FAILED      ${note}\n`);
  });
});
