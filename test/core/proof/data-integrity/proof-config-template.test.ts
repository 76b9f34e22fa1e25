import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import {
  canonicalize,
  hashDataOf,
  proofConfigOf,
  type ContextResolver,
} from '../../../../src/core/proof/data-integrity/index.js';
import {
  canonicalizeProofConfig,
  valuePathBetween,
  withValueAt,
} from '../../../../src/core/proof/data-integrity/proof-config-template.js';
import { cachesOf } from '../../../../src/core/proof/data-integrity/resolver-cache.js';

const OB = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];
const unsecured = {
  '@context': OB,
  id: 'urn:uuid:4',
  type: ['VerifiableCredential'],
  issuer: 'https://issuer.example',
};
const proof = (created: unknown): Record<string, unknown> => ({
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created,
  verificationMethod: 'https://issuer.example#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  proofPurpose: 'assertionMethod',
});

async function whole(config: Record<string, unknown>, resolver: ContextResolver): Promise<string> {
  const result = await canonicalize(config, resolver);
  if (!result.ok) throw new Error(result.message);
  return result.nquads;
}

describe('valuePathBetween and withValueAt', () => {
  const left = [{ a: [{ '@value': 'x', '@type': 'T' }], b: [{ '@id': 'urn:b' }] }];
  const right = [{ a: [{ '@value': 'y', '@type': 'T' }], b: [{ '@id': 'urn:b' }] }];

  it('finds the one @value that differs, and puts another value there', () => {
    const path = valuePathBetween(left, right, 'x', 'y');
    expect(path).toEqual([0, 'a', 0]);
    expect(withValueAt(left, path!, 'z')).toEqual([
      { a: [{ '@value': 'z', '@type': 'T' }], b: [{ '@id': 'urn:b' }] },
    ]);
    expect(left[0]!.a[0]!['@value']).toBe('x');
  });

  it('finds nothing when anything else differs, or the value is an @id', () => {
    const typed = [{ ...right[0], a: [{ '@value': 'y', '@type': 'U' }] }];
    const more = [{ ...right[0], c: [] }];
    const ids = valuePathBetween([{ '@id': 'x' }], [{ '@id': 'y' }], 'x', 'y');
    expect([
      valuePathBetween(left, typed, 'x', 'y'),
      valuePathBetween(left, more, 'x', 'y'),
      valuePathBetween(left, left, 'x', 'y'),
      ids,
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('canonicalizeProofConfig', () => {
  it('gives what canonicalising the whole configuration gives, for any created string', async () => {
    const resolver = createContextResolver();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.constantFrom(
            '2000-01-01T00:00:00Z',
            '2000-01-01T00:00:01Z',
            '',
            'did:key:z6Mk',
            '@id',
          ),
        ),
        async (created) => {
          const config = proofConfigOf(proof(created), unsecured);
          const parts = await hashDataOf(unsecured, config, resolver);
          const result = await canonicalizeProofConfig(config, resolver);
          const expected = await whole(config, resolver);
          expect(result).toEqual({ ok: true, nquads: expected, droppedTerms: [] });
          expect(parts.ok && parts.canonicalProofConfig).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
    expect(cachesOf(resolver).templates.size).toBe(1);
  });

  it('canonicalises the whole configuration when created is an IRI there', async () => {
    const CTX = 'https://ctx.example/iri-created/v1';
    const terms = {
      '@context': {
        ex: 'https://ex.example/',
        DataIntegrityProof: 'https://w3id.org/security#DataIntegrityProof',
        type: '@type',
        created: { '@id': 'http://purl.org/dc/terms/created', '@type': '@id' },
        note: 'https://ex.example/note',
      },
    };
    const resolver: ContextResolver = (url) => (url === CTX ? terms : undefined);
    for (const created of ['ex:today', 'https://elsewhere.example/t', 'ex:tomorrow']) {
      const config = { '@context': CTX, type: 'DataIntegrityProof', created, note: 'n' };
      expect(await canonicalizeProofConfig(config, resolver)).toEqual({
        ok: true,
        nquads: await whole(config, resolver),
        droppedTerms: [],
      });
    }
    const key = JSON.stringify({ '@context': CTX, type: 'DataIntegrityProof', note: 'n' });
    expect(cachesOf(resolver).templates.get(key)).toBeNull();
    const today = await canonicalizeProofConfig(
      { '@context': CTX, type: 'DataIntegrityProof', created: 'ex:today', note: 'n' },
      resolver,
    );
    expect(today.ok && today.nquads).toContain('<https://ex.example/today>');
  });

  it('keeps no template for a configuration that fails, and says why as before', async () => {
    const resolver = createContextResolver();
    const config = proofConfigOf({ ...proof('2025-03-01T09:30:00Z'), shoeSize: 42 }, unsecured);
    expect(await canonicalizeProofConfig(config, resolver)).toMatchObject({
      ok: false,
      error: 'undefined-term',
      term: 'shoeSize',
    });
    expect(cachesOf(resolver).templates.size).toBe(0);
  });

  it('keeps one template per method and context, each giving its own canonical form', async () => {
    const resolver = createContextResolver();
    const other = { ...proof('2025-03-01T09:30:00Z'), verificationMethod: 'did:key:z6MkOther' };
    for (const each of [proof('2025-03-01T09:30:00Z'), other, proof('2025-03-02T09:30:00Z')]) {
      const config = proofConfigOf(each, unsecured);
      const result = await canonicalizeProofConfig(config, resolver);
      expect(result.ok && result.nquads).toBe(await whole(config, resolver));
    }
    expect(cachesOf(resolver).templates.size).toBe(2);
  });
});
