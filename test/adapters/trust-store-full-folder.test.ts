import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  readTrustStore,
  removeFromTrustStore,
  trustStoreWarning,
} from '../../src/adapters/trust-store.js';
import { loadVerifierSetup } from '../../src/adapters/verifier-setup.js';

let store = '';

beforeEach(async () => {
  store = join(await mkdtemp(join(tmpdir(), 'badgesmith-full-folder-')), "o'k store");
  await mkdir(join(store, 'full.json'), { recursive: true });
  await writeFile(join(store, 'full.json', 'keep.txt'), 'mine\n');
  await mkdir(join(store, 'empty.json'));
});

describe('a folder with files in it, named like a trust file', () => {
  it('is a problem marked fullFolder; an empty folder is not marked', async () => {
    const { problems } = await readTrustStore(store);
    expect(problems).toEqual([
      { name: 'empty.json', path: join(store, 'empty.json'), reason: 'it is a folder, not a file' },
      {
        name: 'full.json',
        path: join(store, 'full.json'),
        reason: 'it is a folder, not a file',
        fullFolder: true,
      },
    ]);
  });

  it('its warning gives the shell-quoted rm -r advice, not a trust remove that refuses', async () => {
    const { problems } = await readTrustStore(store);
    const quoted = `'${join(store, 'full.json').replaceAll("'", "'\\''")}'`;
    expect(trustStoreWarning(problems[1]!)).toBe(
      `trust store folder '${join(store, 'full.json')}' is not a trust entry (it is a folder with files in it); look inside it, then delete it yourself: rm -r ${quoted}`,
    );
    expect(trustStoreWarning(problems[0]!)).toContain('remove it with: badgesmith trust remove');
    const { warnings } = await loadVerifierSetup({ trustStore: store });
    expect(warnings).toEqual(problems.map(trustStoreWarning));
  });

  it('trust remove still refuses it, with the same advice, and leaves its file', async () => {
    const quoted = `'${join(store, 'full.json').replaceAll("'", "'\\''")}'`;
    await expect(removeFromTrustStore(store, 'full.json')).rejects.toMatchObject({
      code: 'ERR_TRUST_INVALID',
      hint: `look inside it, then delete it yourself: rm -r ${quoted}`,
    });
    expect(await readdir(join(store, 'full.json'))).toEqual(['keep.txt']);
  });
});
