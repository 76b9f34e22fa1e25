import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readTrustStore, removeFromTrustStore } from '../../src/adapters/trust-store.js';

let base = '';
let store = '';

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'badgesmith-store-links-'));
  store = join(base, 'store');
  await mkdir(store);
});

describe('removeFromTrustStore: symbolic links in the store', () => {
  it('a dangling link is listed as a problem and removed by its name', async () => {
    await symlink(join(base, 'nonexistent'), join(store, 'dangling.json'));
    const { problems } = await readTrustStore(store);
    expect(problems).toEqual([
      { name: 'dangling.json', path: join(store, 'dangling.json'), reason: 'it does not exist' },
    ]);
    const gone = await removeFromTrustStore(store, 'dangling.json');
    expect(gone.map((item) => item.name)).toEqual(['dangling.json']);
    expect(await readdir(store)).toEqual([]);
    expect(await readdir(base)).toEqual(['store']);
  });

  it('a link to a full folder is removed; the folder and its file stay', async () => {
    await mkdir(join(base, 'elsewhere'));
    await writeFile(join(base, 'elsewhere', 'keep.txt'), 'mine\n');
    await symlink(join(base, 'elsewhere'), join(store, 'linked.json'));
    const gone = await removeFromTrustStore(store, 'linked.json');
    expect(gone.map((item) => item.name)).toEqual(['linked.json']);
    expect(await readdir(store)).toEqual([]);
    expect(await readdir(join(base, 'elsewhere'))).toEqual(['keep.txt']);
  });
});
