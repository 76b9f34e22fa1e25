import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorPath, openOb2Documents } from '../../src/adapters/ob2-documents.js';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'badgesmith-ob2-docs-'));
}

describe('--ob2-documents folder', () => {
  it('map.json maps URLs to files, relative to the folder or absolute; fragments are dropped', async () => {
    const dir = await folder();
    const elsewhere = await folder();
    await writeFile(join(dir, 'issuer.json'), '{"id": "https://example.org/issuer"}');
    await writeFile(join(elsewhere, 'key.json'), '{"id": "https://example.org/key"}');
    await writeFile(
      join(dir, 'map.json'),
      JSON.stringify({
        'https://example.org/issuer': 'issuer.json',
        'https://example.org/key': join(elsewhere, 'key.json'),
      }),
    );
    const docs = await openOb2Documents(dir);
    expect(await docs.get('https://example.org/issuer#main')).toEqual({
      found: true,
      url: 'https://example.org/issuer#main',
      source: join(dir, 'issuer.json'),
      value: { id: 'https://example.org/issuer' },
    });
    expect(await docs.get('https://example.org/key')).toMatchObject({
      found: true,
      value: { id: 'https://example.org/key' },
    });
    expect(await docs.get('https://example.org/other')).toEqual({
      found: false,
      url: 'https://example.org/other',
    });
  });

  it('without map.json, a mirror: <dir>/<host>/<path>, never outside the folder', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'example.org', 'badges'), { recursive: true });
    await writeFile(join(dir, 'example.org', 'badges', 'b.json'), '{"name": "B"}');
    await writeFile(join(dir, 'example.org', 'bad.json'), '{not json');
    const docs = await openOb2Documents(dir);
    expect(await docs.get('http://example.org/badges/b.json')).toMatchObject({
      found: true,
      value: { name: 'B' },
    });
    expect(await docs.get('https://example.org/bad.json')).toEqual({
      found: true,
      url: 'https://example.org/bad.json',
      source: join(dir, 'example.org', 'bad.json'),
      problem: 'is not JSON',
    });
    expect(await docs.get('https://other.example/badges/b.json')).toMatchObject({ found: false });
    // The URL parser resolves encoded dot segments itself: the path stays under the host folder.
    expect(mirrorPath(dir, 'https://example.org/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(dir, 'example.org', 'etc', 'passwd'),
    );
    expect(mirrorPath(dir, 'https://example.org/a/..%2f..%2fsecret')).toBeUndefined();
    expect(mirrorPath(dir, 'file:///etc/passwd')).toBeUndefined();
    expect(mirrorPath(dir, 'https://example.org/a/b.json')).toBe(
      join(dir, 'example.org', 'a', 'b.json'),
    );
  });

  it('a missing folder is ERR_FILE_NOT_FOUND; a bad map.json ERR_OB2_DOCUMENTS_INVALID', async () => {
    await expect(
      openOb2Documents(join(tmpdir(), 'no-such-badgesmith-folder')),
    ).rejects.toMatchObject({
      code: 'ERR_FILE_NOT_FOUND',
      exitCode: 66,
    });
    const dir = await folder();
    await writeFile(join(dir, 'map.json'), '{"https://example.org/a": 5}');
    await expect(openOb2Documents(dir)).rejects.toMatchObject({
      code: 'ERR_OB2_DOCUMENTS_INVALID',
      message: `'${join(dir, 'map.json')}' maps 'https://example.org/a' to something other than a file name`,
      exitCode: 65,
    });
  });
});
