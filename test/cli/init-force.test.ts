import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

describe('badgesmith init --force', () => {
  it('keeps the old key in keys/retired and warns that old badges name the old issuer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-init-force-'));
    expect(run(['init', 'issuer'], dir).code).toBe(0);
    const oldKey = await readFile(join(dir, 'issuer/keys/issuer.private.jwk.json'), 'utf8');
    const oldConfig = await readFile(join(dir, 'issuer/badgesmith.yaml'), 'utf8');
    const oldId = /^ {2}id: (\S+)$/mu.exec(oldConfig)?.[1];
    const oldKid = /^ {2}kid: (\S+)$/mu.exec(oldConfig)?.[1];
    expect(oldId).toMatch(/^did:key:/u);

    const forced = run(['init', 'issuer', '--force'], dir);
    expect(forced.code).toBe(0);
    const stamp = /as issuer\/keys\/retired\/(\d{8}T\d{6}Z)-issuer\.private\.jwk\.json\n/u.exec(
      forced.stderr,
    )?.[1];
    expect(stamp).toBeDefined();
    expect(forced.stderr).toBe(
      [
        `warning: kept the old issuer/keys/issuer.private.jwk.json as issuer/keys/retired/${stamp}-issuer.private.jwk.json`,
        `warning: kept the old issuer/keys/jwks.json as issuer/keys/retired/${stamp}-jwks.json`,
        `warning: kept the old issuer/keys/did.json as issuer/keys/retired/${stamp}-did.json`,
        `warning: kept the old issuer/badgesmith.yaml as issuer/keys/retired/${stamp}-badgesmith.yaml`,
        `warning: badges signed with the old key still name the old issuer '${oldId}' and kid '${oldKid}'; keep publishing the old jwks.json / did.json so they still verify`,
        '',
      ].join('\n'),
    );
    expect(forced.stdout).toContain('kept    issuer/achievements/first-badge.yaml\n');
    const retired = join(dir, 'issuer/keys/retired');
    expect((await readdir(retired)).sort()).toEqual(
      [
        `${stamp}-badgesmith.yaml`,
        `${stamp}-did.json`,
        `${stamp}-issuer.private.jwk.json`,
        `${stamp}-jwks.json`,
      ].sort(),
    );
    expect(await readFile(join(retired, `${stamp}-issuer.private.jwk.json`), 'utf8')).toBe(oldKey);
    expect(await readFile(join(dir, 'issuer/.gitignore'), 'utf8')).toContain(
      'keys/retired/*.private.*\n',
    );
  });
});
