import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';
import { makePng } from '../core/bake/png-helpers.js';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';
const JSON_CREDENTIAL =
  '{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"name":"Café 中文"}';

let dir = '';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'badgesmith.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-bake-'));
  await writeFile(join(dir, 'ada.jwt'), `${JWT}\n`);
  await writeFile(join(dir, 'ada.json'), `${JSON_CREDENTIAL}\n`);
  await writeFile(join(dir, 'art.png'), makePng());
  await writeFile(
    join(dir, 'art.svg'),
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script><g/></svg>\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('badgesmith bake / extract (built CLI)', () => {
  it('bakes a JWT into a PNG and extracts it back', () => {
    const bake = run('bake', 'ada.jwt', '--image', 'art.png', '-o', 'out/ada.png');
    expect(bake.stderr).toBe('');
    expect(bake.stdout).toMatch(/^baked 'ada\.jwt' into 'out\/ada\.png' \(PNG, \d+ bytes\)\n$/);
    expect(bake.code).toBe(0);
    const extract = run('extract', 'out/ada.png');
    expect(extract).toEqual({ code: 0, stdout: `${JWT}\n`, stderr: '' });
  });

  it('refuses to overwrite -o without --force, and says when it replaced a credential', async () => {
    run('bake', 'ada.jwt', '--image', 'art.png', '-o', 'twice.png');
    const before = await readFile(join(dir, 'twice.png'));
    const refused = run('bake', 'ada.json', '--image', 'art.png', '-o', 'twice.png');
    expect(refused.code).toBe(73);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      "badgesmith: error: 'twice.png' already exists\nhint: choose another output path, or pass --force to replace it\n",
    );
    expect((await readFile(join(dir, 'twice.png'))).equals(before)).toBe(true);
    const forced = run(
      'bake',
      'ada.json',
      '--image',
      'twice.png',
      '-o',
      'twice.png',
      '--force',
      '--unsigned',
    );
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe("warning: 'twice.png' already held a credential; it was replaced\n");
    expect(run('extract', 'twice.png').stdout).toBe(`${JSON_CREDENTIAL}\n`);
  });

  it('bakes JSON into an SVG, tells what it cleaned, and extract --json describes it', () => {
    const bake = run('bake', 'ada.json', '--image', 'art.svg', '-o', 'ada.svg', '--unsigned');
    expect(bake.code).toBe(0);
    expect(bake.stderr).toBe('warning: removed from the artwork: <script> element (line 2)\n');
    const extract = run('extract', 'ada.svg', '--json');
    expect(extract.code).toBe(0);
    expect(extract.stderr).toBe('');
    expect(JSON.parse(extract.stdout)).toEqual({
      file: 'ada.svg',
      container: 'svg',
      location: 'SVG <openbadges:credential> body',
      spec: 'ob3',
      payloadKind: 'json',
      payload: JSON_CREDENTIAL,
      warnings: [],
    });
  });

  it('extract -o writes the payload exactly', async () => {
    run('bake', 'ada.jwt', '--image', 'art.svg', '-o', 'o.svg');
    const result = run('extract', 'o.svg', '-o', 'payload.jwt');
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: "wrote the jwt payload to 'payload.jwt'\n",
    });
    expect(await readFile(join(dir, 'payload.jwt'), 'utf8')).toBe(JWT);
  });

  it('--dry-run writes nothing', () => {
    const result = run('bake', 'ada.jwt', '--image', 'art.png', '-o', 'dry.png', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^would bake 'ada\.jwt' into 'dry\.png' \(PNG, \d+ bytes\); nothing written\n$/,
    );
    expect(existsSync(join(dir, 'dry.png'))).toBe(false);
  });

  it('exits 1 with a hint for an unbaked image', () => {
    expect(run('extract', 'art.png')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "badgesmith: no badge found in 'art.png': the png has no openbadgecredential or openbadges chunk\n" +
        'hint: bake a credential into it with `badgesmith bake`\n',
    });
  });

  it('exits 66 for a missing file, 65 for a truncated PNG or a non-image', async () => {
    const missing = run('extract', 'nope.png');
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain("badgesmith: error: badge file 'nope.png' does not exist\n");
    const png = makePng();
    await writeFile(join(dir, 'cut.png'), png.subarray(0, png.length - 20));
    const cut = run('extract', 'cut.png');
    expect(cut.code).toBe(65);
    expect(cut.stdout).toBe('');
    expect(cut.stderr).toContain(
      "badgesmith: error: 'cut.png': truncated chunk 'IDAT' at byte offset 58: it needs 24 bytes, the file ends after 16\n",
    );
    await writeFile(join(dir, 'notes.txt'), 'hello');
    expect(run('extract', 'notes.txt').code).toBe(65);
    expect(run('bake', 'ada.jwt', '--image', 'notes.txt', '-o', 'x.png').code).toBe(65);
  });

  it('refuses a JSON credential with no proof (exit 65) unless --unsigned', async () => {
    const refused = run('bake', 'ada.json', '--image', 'art.png', '-o', 'unsigned.png');
    expect(refused).toEqual({
      code: 65,
      stdout: '',
      stderr:
        "badgesmith: error: 'ada.json': the credential has no proof: sign it first (badgesmith issue)\n" +
        'hint: pass --unsigned to bake it anyway, for tests: it will never verify as valid\n',
    });
    expect(existsSync(join(dir, 'unsigned.png'))).toBe(false);
    const signed = JSON.stringify({
      ...JSON.parse(JSON_CREDENTIAL),
      proof: { type: 'DataIntegrityProof' },
    });
    await writeFile(join(dir, 'proof.json'), signed);
    expect(run('bake', 'proof.json', '--image', 'art.png', '-o', 'proof.png').code).toBe(0);
  });

  it('refuses an -o extension that does not match the image (exit 64), naming the fix', () => {
    const png = run('bake', 'ada.jwt', '--image', 'art.png', '-o', 'wrong.svg');
    expect(png).toEqual({
      code: 64,
      stdout: '',
      stderr:
        "badgesmith: error: -o 'wrong.svg' does not end in .png, but the image is PNG\n" +
        "hint: write -o 'wrong.png', or give --image an .svg artwork\n",
    });
    expect(existsSync(join(dir, 'wrong.svg'))).toBe(false);
    const svg = run('bake', 'ada.jwt', '--image', 'art.svg', '-o', 'wrong.png', '--dry-run');
    expect(svg.code).toBe(64);
    expect(svg.stderr).toContain("-o 'wrong.png' does not end in .svg, but the image is SVG");
    expect(run('bake', 'ada.jwt', '--image', 'art.png', '-o', 'UPPER.PNG').code).toBe(0);
  });

  it('is a usage error (64) without --image or -o', () => {
    const result = run('bake', 'ada.jwt', '-o', 'x.png');
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("required option '--image <file>' not specified");
  });

  it('has --help with examples', () => {
    for (const verb of ['bake', 'extract']) {
      const result = run(verb, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toContain(`badgesmith ${verb} `);
    }
  });
});
