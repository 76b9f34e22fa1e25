import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeImage } from '../../src/core/bake/index.js';
import { buildJwks } from '../../src/core/keys/publish.js';
import { BASE_SVG, basePng, makeIssuer, signFor } from '../core/verify/fixtures.js';
import { signOb2 } from '../core/verify/ob2/helpers.js';
import { runCli } from '../helpers/cli.js';
import { hasShared, repoRoot, sharedPath } from '../helpers/shared.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const bin = join(repoRoot, 'bin', 'badgesmith.js');
const AT = ['--at', '2025-06-01T12:00:00Z'];
let dir = '';

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ISSUER = 'https://example.org/organization.json';
const KEY = 'https://example.org/keys/1.json';

/** An OB 2.0 issuer of our own, as a mirror folder: <dir>/docs/example.org/... */
async function writeOb2World(root: string, publicKeyPem: string): Promise<void> {
  const docs = join(root, 'docs', 'example.org');
  await mkdir(join(docs, 'keys'), { recursive: true });
  const json = (value: object) => JSON.stringify(value, null, 1);
  await writeFile(
    join(docs, 'organization.json'),
    json({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Issuer',
      id: ISSUER,
      name: 'Org',
      url: 'https://example.org',
      email: 'a@example.org',
      publicKey: KEY,
    }),
  );
  await writeFile(
    join(docs, 'keys', '1.json'),
    json({ type: 'CryptographicKey', id: KEY, owner: ISSUER, publicKeyPem }),
  );
  await writeFile(
    join(docs, 'badge.json'),
    json({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'BadgeClass',
      id: 'https://example.org/badge.json',
      name: 'Robotics',
      description: 'A robot',
      image: 'https://example.org/b.png',
      criteria: 'https://example.org/c',
      issuer: ISSUER,
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-verify-dir-'));
  const issuer = makeIssuer('ES256');
  const jwt = await signFor(issuer);
  const badges = join(dir, 'badges');
  await mkdir(join(badges, 'old'), { recursive: true });
  await writeFile(join(badges, 'ada.png'), bakeImage(await basePng(), jwt).bytes);
  await writeFile(join(badges, 'ada.svg'), bakeImage(Buffer.from(BASE_SVG), jwt).bytes);
  await writeFile(
    join(badges, 'expired.jwt'),
    await signFor(issuer, { validUntil: '2025-05-01T00:00:00Z' }),
  );
  await writeFile(join(badges, 'plain.png'), await basePng());
  await writeFile(join(badges, 'notes.txt'), 'not a badge by name');
  await writeFile(join(badges, '.hidden.png'), 'hidden files are not walked');
  await symlink(join(badges, 'ada.png'), join(badges, 'link.png'));
  await symlink(join(badges, 'gone.png'), join(badges, 'dangling.png'));
  await writeFile(
    join(dir, 'jwks.json'),
    JSON.stringify(
      buildJwks(issuer.issuerId, [
        { publicJwk: issuer.publicJwk, kid: issuer.key.kid, alg: 'ES256' },
      ]),
    ),
  );
  if (hasShared) {
    const privatePem = readFileSync(
      sharedPath('fixtures', 'real', 'keys', 'mozval-rsa-private.pem'),
      'utf8',
    );
    const publicPem = readFileSync(
      sharedPath('fixtures', 'real', 'keys', 'mozval-rsa-public.pem'),
      'utf8',
    );
    await writeOb2World(dir, publicPem);
    const assertion = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://example.org/assertions/7',
      recipient: { type: 'email', hashed: false, identity: 'ada@example.org' },
      badge: 'https://example.org/badge.json',
      verification: { type: 'signed', creator: KEY },
      issuedOn: '2024-01-01T00:00:00Z',
    };
    await writeFile(join(badges, 'old', 'ob2.jws'), signOb2(assertion, privatePem));
  }
});

describe.runIf(hasShared)('badgesmith verify <dir>', () => {
  const args = ['verify', 'badges', '--trust', 'jwks.json', '--ob2-documents', 'docs', ...AT];

  it('walks the folder into a table of file, verdict and reason, with totals', () => {
    const result = run(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "skipped 1 file(s) that are not badges by name, e.g. 'badges/notes.txt'\n" +
        "skipped 2 symbolic link(s) in folders, which are not followed, e.g. 'badges/dangling.png'; name the file itself to verify it\n",
    );
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'VERDICT      FILE                REASON',
      'VALID        badges/ada.png      Welding 1 — Café ®, issued by Example College',
      'VALID        badges/ada.svg      Welding 1 — Café ®, issued by Example College',
      'NOT VALID    badges/expired.jwt  validity: expired at 2025-05-01T00:00:00Z, the time is 2025-06-01T12:00:00Z',
      'VALID        badges/old/ob2.jws  Robotics, issued by Org',
      'NOT VALID    badges/plain.png    extract: the png has no openbadgecredential or openbadges chunk',
      '5 files: 3 valid, 2 not valid, 0 cannot tell',
    ]);
  });

  it('-q prints only the files that are not valid: no notes on what the folder also held', () => {
    const result = run(['-q', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^NOT VALID +badges\/expired\.jwt: validity: expired at /u),
      expect.stringMatching(/^NOT VALID +badges\/plain\.png: extract: /u),
    ]);
  });
  it('--json gives one entry per file and matches schemas/verify-report.schema.json', () => {
    const result = run([...args, '--json']);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'verify-report.schema.json'), 'utf8'),
    );
    const validate = ajv.compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.reports.map((r: { file: string; verdict: string }) => [r.file, r.verdict])).toEqual([
      ['badges/ada.png', 'valid'],
      ['badges/ada.svg', 'valid'],
      ['badges/expired.jwt', 'invalid'],
      ['badges/old/ob2.jws', 'valid'],
      ['badges/plain.png', 'invalid'],
    ]);
    expect(doc.reports[3].credential.proofFormat).toBe('OB 2.0 signed');
    expect(doc.summary).toEqual({ valid: 3, invalid: 2, indeterminate: 0 });
  });

  it('an unusable file in the folder is its own row; the exit code is 65', async () => {
    const extra = await mkdtemp(join(tmpdir(), 'badgesmith-verify-dir-bad-'));
    await writeFile(join(extra, 'a-good.jwt'), readFileSync(join(dir, 'badges', 'expired.jwt')));
    await writeFile(join(extra, 'b-bad.png'), '{"not": "a badge"}');
    const result = run(['verify', extra, ...AT, '--json']);
    expect(result.code).toBe(65);
    const doc = JSON.parse(result.stdout);
    expect(doc.reports).toHaveLength(2);
    expect(doc.reports[1]).toMatchObject({
      verdict: 'invalid',
      error: { code: 'ERR_IMAGE_UNKNOWN', exitCode: 65 },
    });
    expect(doc.reports[1].checks[0]).toEqual({
      name: 'extract',
      outcome: 'failed',
      message: 'the file is not a png, an svg, a credential json or a compact jws',
    });
  });

  it('without the OB 2.0 documents that badge cannot be decided: exit 2 alone', () => {
    const result = run(['verify', 'badges/old', ...AT]);
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')[1]).toBe(
      "CANNOT TELL  badges/old/ob2.jws  schema: the assertion's shape is right; the BadgeClass or issuer needs 'https://example.org/badge.json' (give them with --ob2-documents)",
    );
  });

  it('a bad --ob2-documents map.json is exit 65 naming it', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'badgesmith-docs-'));
    await writeFile(join(bad, 'map.json'), '["not", "an", "object"]');
    const result = run(['verify', 'badges/old', '--ob2-documents', bad, ...AT]);
    expect(result.code).toBe(65);
    expect(result.stderr).toBe(
      `badgesmith: error: '${join(bad, 'map.json')}' is not a JSON object\nhint: write map.json as { "<url>": "<file>" }\n`,
    );
  });
});

describe('badgesmith verify <dir> with nothing to check', () => {
  it('an empty folder, or one of only links and pipes, is exit 66, not a pass', async () => {
    const base = await mkdtemp(join(tmpdir(), 'badgesmith-empty-'));
    await mkdir(join(base, 'empty'));
    await mkdir(join(base, 'odd'));
    await symlink(join(base, 'nowhere.png'), join(base, 'odd', 'link.png'));
    const made = spawnSync('mkfifo', [join(base, 'odd', 'pipe.json')]);
    const empty = runCli(['verify', 'empty'], base);
    expect(empty.code).toBe(66);
    expect(empty.stderr).toBe(
      "badgesmith: error: no badge files (.png, .svg, .json, .jwt, .jws) under 'empty'\n" +
        'hint: check the folder; symbolic links inside folders are not followed, name files directly\n',
    );
    const odd = runCli(['verify', 'odd'], base);
    expect(odd.code).toBe(66);
    expect(odd.stderr).toContain(
      `under 'odd' (${made.status === 0 ? 2 : 1} other entries skipped)`,
    );
  });
});
