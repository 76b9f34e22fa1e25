import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContextResolver } from '../../src/adapters/context-loader.js';
import { PRIVATE_JWK_MEMBERS, publicJwkOf } from '../../src/core/keys/jwk.js';
import { dataIntegrityMethodFor } from '../../src/core/keys/publication.js';
import { signDataIntegrity } from '../../src/core/proof/data-integrity/index.js';
import { credentialFor } from '../core/verify/fixtures.js';
import { runCli as run } from '../helpers/cli.js';

const DID = 'did:web:badges.example.org';
const AT = ['--at', '2025-06-01T12:00:00Z'];

/** Every member name anywhere in a JSON value. */
function memberNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(memberNames);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, inner]) => [name, ...memberNames(inner)]);
}

let dir = '';
let privateJwk: JsonWebKey;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-trust-'));
  const init = run(
    ['init', 'iss', '--alg', 'EdDSA', '--issuer-id', DID, '--name', 'Open Workshop'],
    dir,
  );
  expect(init.code, init.stderr).toBe(0);
  privateJwk = JSON.parse(await readFile(join(dir, 'iss/keys/issuer.private.jwk.json'), 'utf8'));
  const publicJwk = publicJwkOf(privateJwk);
  const signed = await signDataIntegrity(credentialFor(DID), {
    privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }),
    verificationMethod: dataIntegrityMethodFor(DID, publicJwk),
    created: new Date('2025-03-01T09:30:00Z'),
    resolver: createContextResolver(),
  });
  await writeFile(join(dir, 'badge.json'), JSON.stringify(signed));
}, 60_000);

describe('badgesmith keys export', () => {
  it('writes did.json, jwks.json and the issuer profile, with no private key member', async () => {
    const result = run(['keys', 'export', '--config', 'iss/badgesmith.yaml', '--out', 'pub'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'wrote pub/jwks.json',
        'wrote pub/issuer-profile.json',
        'wrote pub/did.json',
        'publish did.json at https://badges.example.org/.well-known/did.json',
        '',
      ].join('\n'),
    );
    expect((await readdir(join(dir, 'pub'))).sort()).toEqual([
      'did.json',
      'issuer-profile.json',
      'jwks.json',
    ]);
    const secret = privateJwk.d!;
    for (const name of ['did.json', 'issuer-profile.json', 'jwks.json']) {
      const text = await readFile(join(dir, 'pub', name), 'utf8');
      expect(text).not.toContain(secret);
      const names = memberNames(JSON.parse(text));
      for (const member of PRIVATE_JWK_MEMBERS) expect(names).not.toContain(member);
    }
    const did = JSON.parse(await readFile(join(dir, 'pub', 'did.json'), 'utf8'));
    expect(did.id).toBe(DID);
    expect(did.assertionMethod).toHaveLength(2);
    expect(did.verificationMethod[1]).toMatchObject({ type: 'Multikey', controller: DID });
    const again = run(['keys', 'export', '--config', 'iss/badgesmith.yaml', '--out', 'pub'], dir);
    expect(again.code).toBe(73);
  });

  it('keys generate writes an Ed25519 private key, mode 0600, and prints its did:key', async () => {
    const result = run(
      ['keys', 'generate', '--alg', 'EdDSA', '--out', 'new.private.jwk.json'],
      dir,
    );
    expect(result.code).toBe(0);
    const jwk = JSON.parse(await readFile(join(dir, 'new.private.jwk.json'), 'utf8'));
    expect([jwk.kty, jwk.crv, typeof jwk.d]).toEqual(['OKP', 'Ed25519', 'string']);
    expect((await stat(join(dir, 'new.private.jwk.json'))).mode & 0o777).toBe(0o600);
    expect(result.stdout).toMatch(/^did:key {5}did:key:z6Mk\w+$/mu);
  });
});

describe('badgesmith trust and verify --trust-store', () => {
  it('add, list, verify with the store, remove', () => {
    const store = ['--trust-store', 'store'];
    const empty = run(['verify', 'badge.json', ...AT, ...store], dir);
    expect(empty.code).toBe(2);

    const added = run(['trust', 'add', 'pub/did.json', ...store], dir);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(
      /^added did:web:badges\.example\.org \(did-document, 2 keys\) as did_web_badges\.example\.org-[0-9a-f]{8}\.did-document\.json\n$/u,
    );
    const name = added.stdout.trim().split(' as ')[1]!;

    const list = run(['trust', 'list', '--json', ...store], dir);
    expect(JSON.parse(list.stdout).entries).toEqual([
      {
        name,
        issuer: DID,
        kind: 'did-document',
        keys: expect.arrayContaining([
          expect.stringMatching(/^did:web:badges\.example\.org#z6Mk/u),
        ]),
      },
    ]);

    const valid = run(['verify', 'badge.json', ...AT, ...store], dir);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('VALID       badge.json');
    expect(valid.stdout).toContain(`  trusted by: trust store: ${name}`);

    // The environment variable names the store as well.
    const byEnv = run(['verify', 'badge.json', ...AT], dir, {
      BADGESMITH_TRUST_STORE: join(dir, 'store'),
    });
    expect(byEnv.code).toBe(0);

    const removed = run(['trust', 'remove', DID, ...store], dir);
    expect(removed.stdout).toBe(`removed ${DID} (${name})\n`);
    expect(run(['verify', 'badge.json', ...AT, ...store], dir).code).toBe(2);
    const missing = run(['trust', 'remove', DID, ...store], dir);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain(`'${DID}' is not in the trust store`);
  });

  it('refuses a file that is not trust, and stores nothing', async () => {
    await writeFile(join(dir, 'junk.json'), '{"hello": 1}');
    const result = run(['trust', 'add', 'junk.json', '--trust-store', 'store2'], dir);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('trust file \'junk.json\' has neither "keys" nor an "id"');
    expect(run(['trust', 'list', '--trust-store', 'store2'], dir).stdout).toContain('is empty');
  });
});

describe('--trust given a URL or a did:web', () => {
  it('is a usage error (64) saying badgesmith does not fetch, for verify and trust add', () => {
    for (const value of ['https://example.org/jwks.json', 'did:web:example.org']) {
      const verify = run(['verify', 'badge.json', '--trust', value, ...AT], dir);
      expect(verify).toEqual({
        code: 64,
        stdout: '',
        stderr:
          `badgesmith: error: badgesmith does not fetch '${value}': download the issuer's did.json / jwks.json and pass the file\n` +
          'hint: e.g. --trust ./issuer-jwks.json; only a did:key is taken as it is\n',
      });
    }
    const add = run(['trust', 'add', 'https://example.org/jwks.json'], dir, {
      BADGESMITH_TRUST_STORE: join(dir, 'url-store.json'),
    });
    expect(add.code).toBe(64);
    expect(add.stderr).toContain("badgesmith does not fetch 'https://example.org/jwks.json'");
  });
});

describe('verify --recipient ""', () => {
  it('is a usage error (64) naming the flag', () => {
    expect(run(['verify', 'badge.json', '--recipient', '', ...AT], dir)).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'badgesmith: error: --recipient is empty\n' +
        'hint: pass the e-mail or id the badge was issued to, e.g. --recipient ada@example.org\n',
    });
  });
});
