import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStatusListFolder } from '../../src/adapters/status-lists.js';
import { BadgesmithError } from '../../src/core/errors.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-status-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('loadStatusListFolder', () => {
  it('maps each URL to its parsed file; a file that is not JSON is kept as text', async () => {
    const dir = await folder({
      'map.json': JSON.stringify({
        'https://a.example/list/1': 'one.json',
        'https://a.example/list/2': 'two.jwt',
      }),
      'one.json': '\uFEFF{"type":["VerifiableCredential"]}',
      'two.jwt': 'eyJ.eyJ.sig',
    });
    const lists = await loadStatusListFolder(dir);
    expect([...lists.entries()]).toEqual([
      ['https://a.example/list/1', { type: ['VerifiableCredential'] }],
      ['https://a.example/list/2', 'eyJ.eyJ.sig'],
    ]);
  });

  it.each([
    [{ 'map.json': '[]' }, 'is not a json object'],
    [{ 'map.json': '{"not-a-url": "x.json"}' }, "has a bad entry for 'not-a-url'"],
    [{ 'map.json': '{"https://a.example/l": 3}' }, "has a bad entry for 'https://a.example/l'"],
  ])('rejects a bad map.json as ERR_STATUS_LISTS_INVALID (%j)', async (files, text) => {
    const dir = await folder(files);
    const error = await loadStatusListFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadgesmithError);
    expect((error as BadgesmithError).code).toBe('ERR_STATUS_LISTS_INVALID');
    expect((error as BadgesmithError).message).toContain(text);
  });

  it('a missing map.json or list file is a missing input', async () => {
    const empty = await folder({});
    const error = await loadStatusListFolder(empty).catch((e: unknown) => e);
    expect((error as BadgesmithError).code).toBe('ERR_FILE_NOT_FOUND');
    const dangling = await folder({ 'map.json': '{"https://a.example/l": "gone.json"}' });
    const again = await loadStatusListFolder(dangling).catch((e: unknown) => e);
    expect((again as BadgesmithError).code).toBe('ERR_FILE_NOT_FOUND');
  });
});
