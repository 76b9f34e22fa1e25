import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { didKeyFromPublicJwk } from '../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../src/core/keys/generate.js';
import {
  addToTrustStore,
  readTrustStore,
  removeFromTrustStore,
  trustRemoveCommand,
  trustStoreWarning,
} from '../../src/adapters/trust-store.js';
import { loadVerifierSetup } from '../../src/adapters/verifier-setup.js';

let store = '';
let did = '';
let good = '';

beforeEach(async () => {
  store = join(await mkdtemp(join(tmpdir(), 'badgesmith-store-')), 'store');
  did = didKeyFromPublicJwk(generateKeyPair('EdDSA').publicJwk);
  good = (await addToTrustStore(store, did)).stored.name;
  await writeFile(join(store, 'arr.json'), '[]\n');
  await writeFile(join(store, 'broken.json'), '{\n');
  await writeFile(join(store, 'hello.json'), '{"hello": 1}\n');
  await mkdir(join(store, 'folder.json'));
  // Not read at all: hidden files and files not named .json.
  await writeFile(join(store, '.hidden.json'), '[]\n');
  await writeFile(join(store, 'notes.txt'), 'not json\n');
});

const PROBLEMS = () => [
  { name: 'arr.json', path: join(store, 'arr.json'), reason: 'it is not a JSON object' },
  { name: 'broken.json', path: join(store, 'broken.json'), reason: 'it is not JSON' },
  { name: 'folder.json', path: join(store, 'folder.json'), reason: 'it is a folder, not a file' },
  {
    name: 'hello.json',
    path: join(store, 'hello.json'),
    reason: 'it has neither "keys" nor an "id"',
  },
];

describe('readTrustStore with files that are not trust entries', () => {
  it('returns the good entry and each bad file with its reason, in file-name order', async () => {
    const { entries, problems } = await readTrustStore(store);
    expect(entries.map((item) => [item.name, item.entry.issuerId, item.entry.source])).toEqual([
      [good, did, `trust store: ${good}`],
    ]);
    expect(problems).toEqual(PROBLEMS());
  });

  it('a missing folder is an empty store with no problems', async () => {
    expect(await readTrustStore(join(store, 'nowhere'))).toEqual({ entries: [], problems: [] });
  });

  it('trustStoreWarning names the path, the reason and the trust remove command', () => {
    expect(trustStoreWarning(PROBLEMS()[0]!)).toBe(
      `trust store file '${join(store, 'arr.json')}' is not a trust entry (it is not a JSON object); ` +
        `remove it with: badgesmith trust remove 'arr.json' --trust-store '${store}'`,
    );
  });

  it('trustRemoveCommand quotes for the shell', () => {
    const problem = { name: "it's.json", path: "/t/o'k/it's.json", reason: 'it is not JSON' };
    expect(trustRemoveCommand(problem)).toBe(
      "badgesmith trust remove 'it'\\''s.json' --trust-store '/t/o'\\''k'",
    );
  });
});

describe('the rest of the store still works beside a bad file', () => {
  it('removeFromTrustStore removes the good entry and leaves the other files', async () => {
    const gone = await removeFromTrustStore(store, did);
    expect(gone.map((item) => item.name)).toEqual([good]);
    expect((await readdir(store)).sort()).toEqual([
      '.hidden.json',
      'arr.json',
      'broken.json',
      'folder.json',
      'hello.json',
      'notes.txt',
    ]);
  });

  it('loadVerifierSetup trusts the good entry and warns once per bad file', async () => {
    const { options, warnings } = await loadVerifierSetup({ trustStore: store });
    expect(options.trust.entries.map((entry) => entry.issuerId)).toEqual([did]);
    expect(warnings).toEqual(PROBLEMS().map(trustStoreWarning));
  });
});

describe('removeFromTrustStore: a file that is not a trust entry', () => {
  it('is removed by its name, and is named in the result with its reason', async () => {
    const gone = await removeFromTrustStore(store, 'broken.json');
    expect(gone).toEqual([
      { name: 'broken.json', path: join(store, 'broken.json'), reason: 'it is not JSON' },
    ]);
    expect((await readdir(store)).sort()).toEqual(
      ['.hidden.json', 'arr.json', 'folder.json', 'hello.json', 'notes.txt', good].sort(),
    );
    expect((await readTrustStore(store)).problems.map((problem) => problem.name)).toEqual([
      'arr.json',
      'folder.json',
      'hello.json',
    ]);
  });

  it('is removed by the full path the warning prints', async () => {
    await removeFromTrustStore(store, join(store, 'arr.json'));
    expect(await readdir(store)).not.toContain('arr.json');
  });

  it('an entry is removed by its full path too', async () => {
    const gone = await removeFromTrustStore(store, join(store, good));
    expect(gone.map((item) => item.name)).toEqual([good]);
  });

  it('an empty folder named like a trust file is removed; a full one is refused', async () => {
    await removeFromTrustStore(store, 'folder.json');
    expect(await readdir(store)).not.toContain('folder.json');
    await mkdir(join(store, 'full.json'));
    await writeFile(join(store, 'full.json', 'keep.txt'), 'mine\n');
    await expect(removeFromTrustStore(store, 'full.json')).rejects.toMatchObject({
      code: 'ERR_TRUST_INVALID',
      message: `trust store folder '${join(store, 'full.json')}' is not empty, so it was not removed`,
    });
    expect(await readdir(join(store, 'full.json'))).toEqual(['keep.txt']);
  });

  it('files the store does not read, and paths outside it, are not found', async () => {
    for (const ref of ['notes.txt', '.hidden.json', join(store, '..', 'arr.json'), 'nope']) {
      await expect(removeFromTrustStore(store, ref)).rejects.toMatchObject({
        code: 'ERR_TRUST_NOT_FOUND',
      });
    }
    expect(await readdir(store)).toContain('notes.txt');
    expect(await readdir(store)).toContain('.hidden.json');
  });
});
