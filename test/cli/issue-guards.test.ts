import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

const isRoot = process.getuid?.() === 0;

let dir = '';
let one = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-guards-'));
  expect(run(['init', 'one', '--name', 'Issuer One'], dir).code).toBe(0);
  one = join(dir, 'one');
  await writeFile(join(dir, 'afile'), 'not a folder\n');
}, 120_000);

const ONE_EARNER = ['--achievement', 'first-badge', '--name', 'Ada', '--email', 'ada@example.org'];

describe('an output folder that cannot be made: exit 73 with the reason, no stack trace', () => {
  it('init into a regular file, or under one', () => {
    const onFile = run(['init', 'afile', '--name', 'X'], dir);
    expect(onFile.code).toBe(73);
    expect(onFile.stdout).toBe('');
    expect(onFile.stderr).toBe(
      `badgesmith: error: cannot create folder '${join(dir, 'afile')}': a file of that name is in the way\n` +
        'hint: a file stands where a folder must be: choose another output path, or move that file\n',
    );
    const under = run(['init', 'afile/sub', '--name', 'X'], dir);
    expect(under.code).toBe(73);
    expect(under.stderr).toContain(
      `cannot create folder '${join(dir, 'afile', 'sub')}': a part of the path is a file, not a folder`,
    );
    expect(under.stderr).not.toContain('internal error');
  });

  it('issue --out under a regular file', () => {
    const result = run(['issue', ...ONE_EARNER, '--out', '../afile/sub'], one);
    expect(result.code).toBe(73);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `badgesmith: error: cannot create folder '${join(dir, 'afile', 'sub')}': a part of the path is a file, not a folder`,
    );
  });

  it('bake -o under a regular file', async () => {
    expect(run(['issue', ...ONE_EARNER, '--out', 'baked'], one).code).toBe(0);
    const files = await readdir(join(one, 'baked'));
    const jwt = join(
      'baked',
      files.find((f) => f.endsWith('.credential.jwt'))!,
    );
    const png = join(
      'baked',
      files.find((f) => f.endsWith('.png'))!,
    );
    const result = run(['bake', jwt, '--image', png, '-o', '../afile/new/x.png'], one);
    expect(result.code).toBe(73);
    expect(result.stderr).toContain(
      "badgesmith: error: cannot create folder '../afile/new': a part of the path is a file, not a folder",
    );
    expect(result.stderr).not.toContain('internal error');
  });

  it.skipIf(isRoot)(
    'init and issue --out under a read-only folder: permission denied',
    async () => {
      const ro = join(dir, 'ro');
      await mkdir(ro, { recursive: true });
      await chmod(ro, 0o555);
      try {
        const init = run(['init', 'ro/sub', '--name', 'X'], dir);
        expect(init.code).toBe(73);
        expect(init.stderr).toContain(
          `cannot create folder '${join(ro, 'sub')}': permission denied`,
        );
        const issue = run(['issue', ...ONE_EARNER, '--out', '../ro/new'], one);
        expect(issue.code).toBe(73);
        expect(issue.stderr).toContain(
          `cannot create folder '${join(ro, 'new')}': permission denied`,
        );
      } finally {
        await chmod(ro, 0o755);
      }
    },
  );
});

describe('issue refuses a key that is not the issuer’s, before signing anything (exit 65)', () => {
  let config = '';

  beforeAll(async () => {
    expect(run(['init', 'two', '--name', 'Issuer Two'], dir).code).toBe(0);
    config = await readFile(join(one, 'badgesmith.yaml'), 'utf8');
    await copyFile(
      join(dir, 'two', 'keys', 'issuer.private.jwk.json'),
      join(one, 'keys', 'two.private.jwk.json'),
    );
    await chmod(join(one, 'keys', 'two.private.jwk.json'), 0o600);
  });

  it("keys.private pointing at another issuer's key, also with --dry-run", async () => {
    const yaml = config.replace('keys/issuer.private.jwk.json', 'keys/two.private.jwk.json');
    await writeFile(join(one, 'swapped.yaml'), yaml);
    const twoId = /id: (did:key:\S+)/u.exec(
      await readFile(join(dir, 'two', 'badgesmith.yaml'), 'utf8'),
    )![1];
    for (const extra of [[], ['--dry-run']]) {
      const result = run(
        ['issue', '--config', 'swapped.yaml', ...ONE_EARNER, '--out', 'swapped', ...extra],
        one,
      );
      expect(result.code).toBe(65);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `badgesmith: error: private key '${join(one, 'keys', 'two.private.jwk.json')}' does not belong to issuer '`,
      );
      expect(result.stderr).toContain(`: it is the key of '${twoId}'\n`);
    }
    await expect(readdir(join(one, 'swapped'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a kid that is another DID', async () => {
    const yaml = config.replace(/^ {2}kid: .*$/mu, '  kid: did:key:z6MkotherOther#z6MkotherOther');
    await writeFile(join(one, 'badkid.yaml'), yaml);
    const result = run(['issue', '--config', 'badkid.yaml', ...ONE_EARNER, '--dry-run'], one);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain("keys.kid 'did:key:z6MkotherOther#z6MkotherOther' is not '");
  });

  it('keys.private pointing at the public jwks.json names the file and says it is public', async () => {
    const yaml = config.replace('keys/issuer.private.jwk.json', 'keys/jwks.json');
    await writeFile(join(one, 'public.yaml'), yaml);
    const result = run(['issue', '--config', 'public.yaml', ...ONE_EARNER, '--dry-run'], one);
    expect(result.code).toBe(65);
    expect(result.stderr).toBe(
      `badgesmith: error: private key '${join(one, 'keys', 'jwks.json')}' is a JWKS (published public keys): it holds no private key\n` +
        "hint: point keys.private at the private key file 'keys/issuer.private.jwk.json' that `badgesmith init` or `badgesmith keys generate` wrote\n",
    );
  });
});

describe('a roster with a broken CSV line', () => {
  it('fails that row with its line and issues the others (exit 1)', async () => {
    await writeFile(
      join(one, 'stray.csv'),
      'name,email\nAda,ada@example.org\nCy "C" D,cy@example.org\nEve,eve@example.org\n',
    );
    const result = run(
      ['issue', '--achievement', 'first-badge', '--roster', 'stray.csv', '--out', 'stray'],
      one,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'FAILED row 2 (-): row 2: line 3 is not valid csv: cell 1 holds a quote but is not in quotes (put a cell with quotes in double quotes, doubling each quote inside)\n',
    );
    expect(result.stdout).toMatch(
      /^issued 2, skipped 0 \(already issued\), duplicates 0, failed 1;/u,
    );
  });

  it('refuses the whole file, issuing nothing, when a quote is never closed (exit 65)', async () => {
    await writeFile(
      join(one, 'open.csv'),
      'name,email\nAda,ada@example.org\n"Cy,cy@example.org\nEve,eve@example.org\n',
    );
    const result = run(
      ['issue', '--achievement', 'first-badge', '--roster', 'open.csv', '--out', 'open'],
      one,
    );
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      `roster '${join(one, 'open.csv')}:3' is not valid csv: the quote opened on line 3 is never closed`,
    );
    expect(result.stderr).toContain('hint: put a cell that holds a quote');
    await expect(readdir(join(one, 'open'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('issue dates in the future', () => {
  it('a roster row dated 2099 fails with the reason; the others go on; --allow-future issues it', async () => {
    await writeFile(
      join(one, 'future.csv'),
      'name,email,issued\nAda,ada@example.org,2099-01-01\nBob,bob@example.org,2025-01-01\n',
    );
    const args = ['issue', '--achievement', 'first-badge', '--roster', 'future.csv'];
    const result = run([...args, '--out', 'future'], one);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^FAILED row 1 \(Ada\): row 1: issued date 2099-01-01T00:00:00Z is in the future \(now is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): the badge would not be valid before then; pass --allow-future to issue it\n$/u,
    );
    expect(result.stdout).toMatch(
      /^issued 1, skipped 0 \(already issued\), duplicates 0, failed 1;/u,
    );
    const allowed = run([...args, '--out', 'future-ok', '--allow-future'], one);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^issued 2, /u);
  });

  it('--issued in the future is a usage error (exit 64) unless --allow-future', () => {
    const flag = run(['issue', ...ONE_EARNER, '--issued', '2099-01-01', '--dry-run'], one);
    expect(flag.code).toBe(64);
    expect(flag.stderr).toContain(
      "badgesmith: error: --issued '2099-01-01': issued date 2099-01-01T00:00:00Z is in the future",
    );
    expect(flag.stderr).toContain('pass --allow-future');
    const allowed = run(
      ['issue', ...ONE_EARNER, '--issued', '2099-01-01', '--dry-run', '--allow-future'],
      one,
    );
    expect(allowed.code).toBe(0);
  });
});

describe('init refuses values issue would reject (exit 64)', () => {
  it('--url that is not a web address, --name empty; nothing is written', async () => {
    const url = run(['init', 'i4', '--url', 'notaurl'], dir);
    expect(url.code).toBe(64);
    expect(url.stderr).toBe(
      "badgesmith: error: --url 'notaurl' is not a web address\n" +
        'hint: pass an absolute https url, e.g. --url https://lab.example.edu\n',
    );
    const name = run(['init', 'i9', '--name', ''], dir);
    expect(name.code).toBe(64);
    expect(name.stderr).toContain('badgesmith: error: --name is empty\n');
    await expect(readdir(join(dir, 'i4'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readdir(join(dir, 'i9'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a bad issuer.url in badgesmith.yaml gets an issuer example in its hint', async () => {
    const config = await readFile(join(one, 'badgesmith.yaml'), 'utf8');
    await writeFile(
      join(one, 'badurl.yaml'),
      config.replace('  name: Issuer One\n', '  name: Issuer One\n  url: notaurl\n'),
    );
    const result = run(['issue', '--config', 'badurl.yaml', ...ONE_EARNER, '--dry-run'], one);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain("field 'issuer.url' must be an absolute url (https://…)");
    expect(result.stderr).toContain('hint: write `url: https://example.org`\n');
  });
});
