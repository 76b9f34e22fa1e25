import { createPublicKey } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractBadge } from '../../src/core/bake/index.js';
import { identityMatches } from '../../src/core/model/identity.js';
import type { IdentityObject } from '../../src/core/model/types.js';
import { runCli as run } from '../helpers/cli.js';

describe('badgesmith init', () => {
  it('writes the issuer folder, the key with mode 0600, and refuses to overwrite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-init-'));
    const first = run(
      ['init', 'issuer', '--name', 'Test Org', '--email', 'badges@example.org'],
      dir,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^issuer did:key:zDn[1-9A-HJ-NP-Za-km-z]+ \(ES256\)\n/u);
    expect(first.stdout).toContain('wrote   issuer/keys/issuer.private.jwk.json');
    expect(first.stdout).toContain(
      'next: badgesmith issue --config issuer/badgesmith.yaml --achievement first-badge --roster issuer/rosters/example.csv',
    );
    const folder = join(dir, 'issuer');
    expect((await readdir(folder)).sort()).toEqual(
      ['.gitignore', 'achievements', 'badgesmith.yaml', 'keys', 'rosters', 'templates'].sort(),
    );
    expect((await readdir(join(folder, 'keys'))).sort()).toEqual([
      'did.json',
      'issuer.private.jwk.json',
      'jwks.json',
    ]);
    expect((await stat(join(folder, 'keys', 'issuer.private.jwk.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(folder, '.gitignore'), 'utf8')).toBe(
      'keys/*.private.*\nkeys/retired/*.private.*\nout/\n',
    );
    const jwks = JSON.parse(await readFile(join(folder, 'keys', 'jwks.json'), 'utf8'));
    expect(jwks.keys[0].d).toBeUndefined();
    expect(jwks.keys[0].alg).toBe('ES256');
    const config = await readFile(join(folder, 'badgesmith.yaml'), 'utf8');
    expect(config).toContain('  name: Test Org\n  email: badges@example.org\n');

    const again = run(['init', 'issuer'], dir);
    expect(again.code).toBe(73);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(
      `badgesmith: error: '${join(folder, 'badgesmith.yaml')}' already exists`,
    );
    expect(await readFile(join(folder, 'badgesmith.yaml'), 'utf8')).toBe(config);

    const forced = run(['init', 'issuer', '--force', '--alg', 'EdDSA'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^issuer did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+ \(EdDSA\)\n/u);
  });

  it('needs --issuer-id for RSA, and takes a did:web', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-init-'));
    const rsa = run(['init', 'a', '--alg', 'RS256'], dir);
    expect(rsa.code).toBe(64);
    expect(rsa.stderr).toContain('an RS256 issuer needs --issuer-id');
    const web = run(['init', 'b', '--issuer-id', 'did:web:badges.example.org'], dir);
    expect(web.code).toBe(0);
    const did = JSON.parse(await readFile(join(dir, 'b', 'keys', 'did.json'), 'utf8'));
    expect(did.id).toBe('did:web:badges.example.org');
    const https = run(
      ['init', 'c', '--alg', 'RS256', '--issuer-id', 'https://example.org/issuer'],
      dir,
    );
    expect(https.code).toBe(0);
    expect((await readdir(join(dir, 'c', 'keys'))).sort()).toEqual([
      'issuer.private.jwk.json',
      'jwks.json',
    ]);
  });
});

describe('badgesmith issue', () => {
  let folder = '';
  let publicJwk: Record<string, string> = {};

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-issue-'));
    expect(run(['init', 'issuer', '--name', 'Test Org'], dir).code).toBe(0);
    folder = join(dir, 'issuer');
    publicJwk = JSON.parse(await readFile(join(folder, 'keys', 'jwks.json'), 'utf8')).keys[0];
  });

  it('issues one earner given by flags: signed JWT, baked PNG, report', async () => {
    const result = run(
      [
        'issue',
        '--achievement',
        'first-badge',
        '--name',
        'Zoë <Ada>',
        '--email',
        'Zoe@Example.org',
        '--issued',
        '2025-06-01',
        '--out',
        'one',
      ],
      folder,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ISSUED row 1 Zoë <Ada>: one\/zoe-ada-[0-9a-f]{8}\.credential\.jwt, one\/zoe-ada-[0-9a-f]{8}\.png\n/u,
    );
    expect(result.stdout).toMatch(
      /issued 1, skipped 0 \(already issued\), duplicates 0, failed 0; report: one\/report-\d{8}T\d{6}Z\.csv \(and \.jsonl\); ledger: one\/issue-ledger\.jsonl\n$/u,
    );
    const files = (await readdir(join(folder, 'one'))).sort();
    expect(files).toHaveLength(5);
    expect(files).toContain('issue-ledger.jsonl');
    const png = files.find((f) => f.endsWith('.png'))!;
    const jwt = (
      await readFile(
        join(
          folder,
          'one',
          files.find((f) => f.endsWith('.jwt'))!,
        ),
        'utf8',
      )
    ).trim();

    const key = createPublicKey({ key: publicJwk, format: 'jwk' });
    const verified = await compactVerify(jwt, key);
    expect(verified.protectedHeader.alg).toBe('ES256');
    const claims = decodeJwt(jwt);
    expect(claims.validFrom).toBe('2025-06-01T00:00:00Z');
    expect(claims.nbf).toBe(Date.UTC(2025, 5, 1) / 1000);
    const subject = claims.credentialSubject as { identifier: IdentityObject[]; name?: string };
    expect(subject.name).toBeUndefined();
    expect(identityMatches(subject.identifier[0]!, 'zoe@example.org')).toBe(true);

    const extracted = extractBadge(await readFile(join(folder, 'one', png)));
    expect(extracted.found && extracted.badge.payload).toBe(jwt);

    const report = (
      await readFile(
        join(
          folder,
          'one',
          files.find((f) => f.startsWith('report-') && f.endsWith('.jsonl'))!,
        ),
        'utf8',
      )
    )
      .trim()
      .split('\n')
      .map((line): unknown => JSON.parse(line));
    const jwtFile = files.find((f) => f.endsWith('.credential.jwt'))!;
    expect(report).toEqual([
      {
        row: 1,
        name: 'Zoë <Ada>',
        email: 'Zoe@Example.org',
        credentialId: claims.jti,
        files: [jwtFile, png],
        status: 'issued',
      },
    ]);
  });

  it('issues a roster with one bad row: reports it, issues the rest, exits 1', async () => {
    await writeFile(
      join(folder, 'rosters', 'bad.csv'),
      'name,email\nAda Lovelace,ada@example.org\nNo Mail,\nAlan Turing,alan@example.org\n',
    );
    const result = run(
      [
        'issue',
        '--achievement',
        'achievements/first-badge.yaml',
        '--roster',
        'rosters/bad.csv',
        '--format',
        'svg',
        '--out',
        'batch',
      ],
      folder,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('FAILED row 2 (No Mail): row 2: no e-mail address\n');
    expect(result.stdout).toMatch(
      /^issued 2, skipped 0 \(already issued\), duplicates 0, failed 1; report: batch\/report-\d{8}T\d{6}Z\.csv/u,
    );
    const files = await readdir(join(folder, 'batch'));
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(0);
    const csv = await readFile(
      join(
        folder,
        'batch',
        files.find((f) => f.endsWith('.csv'))!,
      ),
      'utf8',
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('row,name,email,identifier,credential_id,files,status,reason');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('2,No Mail,,,,,failed,row 2: no e-mail address');
    expect(lines[1]).toMatch(
      /^1,Ada Lovelace,ada@example\.org,,urn:uuid:[0-9a-f-]{36},ada-lovelace-[0-9a-f]{8}\.credential\.jwt;ada-lovelace-[0-9a-f]{8}\.svg,issued,$/u,
    );
    const svg = await readFile(
      join(
        folder,
        'batch',
        files.find((f) => f.startsWith('ada-') && f.endsWith('.svg'))!,
      ),
      'utf8',
    );
    expect(svg).toContain('>Ada Lovelace</text>');
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
  });

  it('--dry-run checks every row and writes nothing', async () => {
    await writeFile(
      join(folder, 'rosters', 'dry.csv'),
      'name,email\nAda Lovelace,ada@example.org\nNo Mail,\n',
    );
    const args = ['issue', '--achievement', 'first-badge', '--roster', 'rosters/dry.csv'];
    const result = run([...args, '--out', 'dry', '--dry-run'], folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('FAILED row 2 (No Mail): row 2: no e-mail address\n');
    expect(result.stdout).toMatch(
      /^WOULD ISSUE row 1 Ada Lovelace: dry\/(ada-lovelace-[0-9a-f]{8})\.credential\.jwt, dry\/\1\.png\ndry run: would issue 1, skipped 0 \(already issued\), duplicates 0, failed 1; nothing written\n$/u,
    );
    await expect(stat(join(folder, 'dry'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('without a name or roster, names the missing flag (exit 64)', () => {
    const result = run(
      ['issue', '--achievement', 'first-badge', '--email', 'a@example.org'],
      folder,
    );
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("badgesmith: error: missing --name: the earner's name");
  });

  it('stops on an invalid achievement with its position (exit 65)', async () => {
    await writeFile(
      join(folder, 'achievements', 'broken.yaml'),
      'description: x\ncriteria:\n  narrative: y\ntemplate: ../templates/badge.svg\n',
    );
    const result = run(
      ['issue', '--achievement', 'broken', '--name', 'A', '--email', 'a@example.org'],
      folder,
    );
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      `achievement '${join(folder, 'achievements', 'broken.yaml')}:1:1': missing required field 'name'`,
    );
    expect(result.stderr).toContain('hint: add `name: <text>`');
  });
});
