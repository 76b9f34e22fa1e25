import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeImage } from '../../src/core/bake/index.js';
import { buildJwks } from '../../src/core/keys/publish.js';
import { hasShared, repoRoot, sharedPath } from '../helpers/shared.js';
import { BASE_SVG, basePng, makeIssuer, signFor } from '../core/verify/fixtures.js';
import { runCli as run } from '../helpers/cli.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const AT = ['--at', '2025-06-01T12:00:00Z'];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-verify-'));
  const issuer = makeIssuer('ES256');
  const jwt = await signFor(issuer);
  await writeFile(join(dir, 'badge.png'), bakeImage(await basePng(), jwt).bytes);
  await writeFile(join(dir, 'badge.svg'), bakeImage(Buffer.from(BASE_SVG), jwt).bytes);
  await writeFile(
    join(dir, 'expired.jwt'),
    await signFor(issuer, { validUntil: '2025-05-01T00:00:00Z' }),
  );
  await writeFile(join(dir, 'plain.png'), await basePng());
  await writeFile(
    join(dir, 'jwks.json'),
    JSON.stringify(
      buildJwks(issuer.issuerId, [
        { publicJwk: issuer.publicJwk, kid: issuer.key.kid, alg: 'ES256' },
      ]),
    ),
  );
  await writeFile(join(dir, 'bad-trust.json'), '{"hello": 1}');
}, 120_000);

describe('badgesmith verify', () => {
  it('says VALID per file, one line per check, and a summary; exit 0', () => {
    const result = run(['verify', 'badge.png', 'badge.svg', '--trust', 'jwks.json', ...AT], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('VALID       badge.png');
    expect(lines[1]).toBe("  extract     passed      PNG iTXt chunk 'openbadgecredential'");
    expect(
      lines.filter((l) => /^ {2}[a-z-]+ +(passed|FAILED|skipped|cannot tell) /u.test(l)),
    ).toHaveLength(18);
    expect(lines).toContain('VALID       badge.svg');
    expect(lines.at(-1)).toBe('2 files: 2 valid, 0 not valid, 0 cannot tell');
  });

  it('exit 1 when any file is NOT VALID; exit 2 when undecided', () => {
    const bad = run(['verify', 'badge.png', 'expired.jwt', '--trust', 'jwks.json', ...AT], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('NOT VALID   expired.jwt\n');
    expect(bad.stdout).toContain('  validity    FAILED      expired at 2025-05-01T00:00:00Z');
    const unknown = run(['verify', 'badge.png', ...AT], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/^CANNOT TELL badge\.png\n/u);
    expect(unknown.stdout).toContain('  issuer-key  cannot tell issuer ');
  });

  it('--recipient checks the hashed e-mail', () => {
    const right = run(
      [
        'verify',
        'badge.png',
        '--trust',
        'jwks.json',
        '--recipient',
        'ada.lovelace@example.org',
        ...AT,
      ],
      dir,
    );
    expect(right.code).toBe(0);
    const wrong = run(
      ['verify', 'badge.png', '--trust', 'jwks.json', '--recipient', 'eve@example.org', ...AT],
      dir,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("  recipient   FAILED      not issued to 'eve@example.org'\n");
  });

  it('--json prints one document that matches schemas/verify-report.schema.json', () => {
    const result = run(
      ['verify', 'badge.png', 'expired.jwt', 'plain.png', '--trust', 'jwks.json', '--json', ...AT],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'verify-report.schema.json'), 'utf8'),
    );
    const validate = addFormats(new Ajv2020({ strict: true, allErrors: true })).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.verifiedAt).toBe('2025-06-01T12:00:00.000Z');
    expect(doc.summary).toEqual({ valid: 1, invalid: 2, indeterminate: 0 });
    expect(doc.reports.map((r: { verdict: string }) => r.verdict)).toEqual([
      'valid',
      'invalid',
      'invalid',
    ]);
    expect(doc.reports[0].trustedBy).toBe('jwks.json');
  });

  it('bad inputs are typed errors: 66 missing file, 65 bad trust file, 64 bad --at', () => {
    const missing = run(['verify', 'nope.png', ...AT], dir);
    expect(missing.code).toBe(66);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      "badgesmith: error: badge file '" +
        join(dir, 'nope.png') +
        "' does not exist\nhint: check the path and the current folder\n",
    );
    const trust = run(['verify', 'badge.png', '--trust', 'bad-trust.json', ...AT], dir);
    expect(trust.code).toBe(65);
    expect(trust.stderr).toMatch(
      /^badgesmith: error: trust file 'bad-trust\.json' has neither "keys" nor an "id"\n/u,
    );
    const at = run(['verify', 'badge.png', '--at', 'yesterday'], dir);
    expect(at.code).toBe(64);
    expect(at.stderr).toMatch(/^badgesmith: error: --at 'yesterday' is not an ISO date-time\n/u);
  });

  it('--help has examples and the exit codes', () => {
    const help = run(['verify', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('badgesmith verify ada.png --trust issuer/keys/jwks.json');
    expect(help.stdout).toContain(
      'Exit codes: 0 every file valid, 1 a file not valid, 2 cannot tell offline; 64/65/66 see badgesmith --help',
    );
  });

  it.runIf(hasShared)('case18 through the CLI at the three clock times', () => {
    const file = sharedPath('cases', 'case18-vcjwt-nbf-2026-01-01.jwt');
    const did = 'did:key:z6Mks931aemXLmTDGrasbApX8araucPWxRhzP8iqL7XHhXeC';
    const codes = ['2025-12-31T23:59:30Z', '2025-12-31T23:50:00Z', '2026-01-01T01:00:01Z'].map(
      (at) => run(['verify', file, '--trust', did, '--at', at], dir).code,
    );
    expect(codes).toEqual([0, 1, 1]);
  });

  it('init → issue → verify with the issuer’s own did.json: VALID', async () => {
    const home = await mkdtemp(join(tmpdir(), 'badgesmith-verify-issuer-'));
    expect(run(['init', 'issuer', '--name', 'Test Org'], home).code).toBe(0);
    const folder = join(home, 'issuer');
    const issued = run(
      [
        'issue',
        '--achievement',
        'first-badge',
        '--name',
        'Ada',
        '--email',
        'ada@example.org',
        '--issued',
        '2025-06-01',
        '--out',
        'one',
      ],
      folder,
    );
    expect(issued.code).toBe(0);
    const png = (await readdir(join(folder, 'one'))).find((f) => f.endsWith('.png'))!;
    for (const trust of ['keys/did.json', 'keys/jwks.json']) {
      const result = run(
        [
          'verify',
          `one/${png}`,
          '--trust',
          trust,
          '--recipient',
          'ada@example.org',
          '--at',
          '2025-07-01T00:00:00Z',
        ],
        folder,
      );
      expect(result.stdout.split('\n')[0]).toBe(`VALID       one/${png}`);
      expect(result.code).toBe(0);
    }
  });
});
