import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initIssuerFolder } from '../../src/adapters/issuer-folder.js';
import { retiredStamp } from '../../src/adapters/retire-keys.js';

const NOW = new Date('2026-12-04T16:34:05.123Z');

describe('init --force keeps the old issuer', () => {
  it('stamps names sortably, without colons', () => {
    expect(retiredStamp(NOW)).toBe('20261204T163405Z');
  });

  it('moves the old key, published keys and config to keys/retired, keeps edited examples', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-retire-'));
    const first = await initIssuerFolder({ dir, alg: 'EdDSA', name: 'Lab', force: false });
    const oldKey = await readFile(join(dir, 'keys/issuer.private.jwk.json'), 'utf8');
    const oldJwks = await readFile(join(dir, 'keys/jwks.json'), 'utf8');
    const oldConfig = await readFile(join(dir, 'badgesmith.yaml'), 'utf8');
    await writeFile(join(dir, 'achievements/first-badge.yaml'), 'name: Mine\n');
    expect(first.retired).toBeUndefined();

    const second = await initIssuerFolder({
      dir,
      alg: 'ES256',
      name: 'Lab',
      force: true,
      now: NOW,
    });
    expect(second.retired).toEqual({
      moved: [
        {
          from: 'keys/issuer.private.jwk.json',
          to: 'keys/retired/20261204T163405Z-issuer.private.jwk.json',
        },
        { from: 'keys/jwks.json', to: 'keys/retired/20261204T163405Z-jwks.json' },
        { from: 'keys/did.json', to: 'keys/retired/20261204T163405Z-did.json' },
        { from: 'badgesmith.yaml', to: 'keys/retired/20261204T163405Z-badgesmith.yaml' },
      ],
      issuerId: first.config.issuer.id,
      kid: first.config.keys.kid,
    });
    const retired = join(dir, 'keys/retired');
    expect(await readFile(join(retired, '20261204T163405Z-issuer.private.jwk.json'), 'utf8')).toBe(
      oldKey,
    );
    expect(
      (await stat(join(retired, '20261204T163405Z-issuer.private.jwk.json'))).mode & 0o777,
    ).toBe(0o600);
    expect(await readFile(join(retired, '20261204T163405Z-jwks.json'), 'utf8')).toBe(oldJwks);
    expect(await readFile(join(retired, '20261204T163405Z-badgesmith.yaml'), 'utf8')).toBe(
      oldConfig,
    );
    expect(await readFile(join(dir, 'keys/issuer.private.jwk.json'), 'utf8')).not.toBe(oldKey);
    expect(second.config.issuer.id).not.toBe(first.config.issuer.id);
    expect(await readFile(join(dir, 'achievements/first-badge.yaml'), 'utf8')).toBe('name: Mine\n');
    expect(second.files.find((f) => f.path === 'achievements/first-badge.yaml')?.action).toBe(
      'kept',
    );

    // A second --force in the same second would overwrite a retired key: it is refused instead.
    await expect(
      initIssuerFolder({ dir, alg: 'ES256', name: 'Lab', force: true, now: NOW }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_WRITE' });
    expect((await readdir(retired)).length).toBe(4);
  });
});
