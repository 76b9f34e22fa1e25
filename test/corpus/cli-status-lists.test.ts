import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../helpers/shared.js';
import { runCli as run } from '../helpers/cli.js';

const REAL = sharedPath('fixtures', 'real');
const ISSUER = 'https://1edtech.edu/issuers/565049';
const KEY = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
const LIST_URL =
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';
const BADGE = join(REAL, 'ob3', '1edtech-bit-string-list-credential-status-revoked.json');

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-status-cli-'));
  const profile = {
    id: ISSUER,
    type: ['Profile'],
    verificationMethod: [
      { id: `${ISSUER}#${KEY}`, type: 'Multikey', controller: ISSUER, publicKeyMultibase: KEY },
    ],
  };
  await writeFile(join(dir, 'issuer.json'), JSON.stringify(profile));
  await writeFile(
    join(dir, 'map.json'),
    JSON.stringify({ [LIST_URL]: join(REAL, 'keys', 'status-lists', '1edtech-testlist.json') }),
  );
});

describe.runIf(hasShared)('verify --status-lists (built CLI)', () => {
  const common = (): string[] => [
    'verify',
    BADGE,
    '--trust',
    join(dir, 'issuer.json'),
    '--contexts',
    join(REAL, 'keys', 'contexts'),
    '--at',
    '2026-12-04T00:00:00Z',
  ];

  it('a revoked badge is NOT VALID (exit 1), naming the index', () => {
    const result = run([...common(), '--status-lists', dir], dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(
      `status      FAILED      revoked: index 23 of '${LIST_URL}' is set`,
    );
    expect(result.stdout.split('\n')[0]).toMatch(/^NOT VALID /u);
  });

  it('without the list it cannot tell (exit 2), never "not revoked"', () => {
    const result = run(common(), dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain(
      `status      cannot tell status list '${LIST_URL}' is not available offline; pass --status-lists`,
    );
  });

  it('a bad map.json is an input error (exit 65)', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'badgesmith-status-bad-'));
    await writeFile(join(bad, 'map.json'), '[]');
    const result = run([...common(), '--status-lists', bad], dir);
    expect([result.code, result.stdout]).toEqual([65, '']);
    expect(result.stderr).toContain(`'${join(bad, 'map.json')}' is not a json object`);
  });
});
