import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import {
  canonicalize,
  hashDataOf,
  proofConfigOf,
  type ContextResolver,
} from '../../../../src/core/proof/data-integrity/index.js';
import {
  BoundedCache,
  cachesOf,
} from '../../../../src/core/proof/data-integrity/resolver-cache.js';

const CTX = 'https://ctx.example/colours/v1';

// A resolver over `documents` that counts how often each URL is asked for.
function countingResolver(documents: Record<string, Record<string, unknown>>): {
  resolver: ContextResolver;
  asked: Map<string, number>;
} {
  const asked = new Map<string, number>();
  const resolver: ContextResolver = (url) => {
    asked.set(url, (asked.get(url) ?? 0) + 1);
    return documents[url];
  };
  return { resolver, asked };
}

const colour = (iri: string): Record<string, unknown> => ({
  '@context': { '@protected': true, colour: iri, Paint: 'https://ctx.example/Paint' },
});

const doc = {
  '@context': ['https://www.w3.org/ns/credentials/v2', CTX],
  id: 'urn:uuid:2',
  type: ['VerifiableCredential', 'Paint'],
  issuer: 'https://issuer.example',
  colour: 'teal',
};

describe('BoundedCache', () => {
  it('keeps the most recently stored entries, at most max', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([
      3,
      undefined,
      4,
      2,
    ]);
  });
});

describe('cachesOf', () => {
  it('gives each resolver its own caches, the same ones every time', () => {
    const one = createContextResolver();
    const other = createContextResolver();
    expect(cachesOf(one)).toBe(cachesOf(one));
    expect(cachesOf(one)).not.toBe(cachesOf(other));
  });
});

describe('canonicalize with a resolver cache', () => {
  it('asks for a known context once, and for an unknown one every time, naming it', async () => {
    const { resolver, asked } = countingResolver({
      'https://www.w3.org/ns/credentials/v2': createContextResolver()(
        'https://www.w3.org/ns/credentials/v2',
      )!,
      [CTX]: colour('https://ctx.example/colour'),
    });
    const first = await canonicalize(doc, resolver);
    const second = await canonicalize({ ...doc, colour: 'navy' }, resolver);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(second.ok && second.nquads).toContain('<https://ctx.example/colour> "navy" .');
    expect(Object.fromEntries(asked)).toEqual({
      'https://www.w3.org/ns/credentials/v2': 1,
      [CTX]: 1,
    });

    const unknown = { ...doc, '@context': [...doc['@context'], 'https://ctx.example/gone'] };
    for (let i = 0; i < 2; i += 1) {
      expect(await canonicalize(unknown, resolver)).toMatchObject({
        ok: false,
        error: 'unknown-context',
        url: 'https://ctx.example/gone',
      });
    }
    expect(asked.get('https://ctx.example/gone')).toBe(2);
  });

  it('never answers one resolver with the document another resolver had for the URL', async () => {
    const vc2 = createContextResolver()('https://www.w3.org/ns/credentials/v2')!;
    const red = countingResolver({
      'https://www.w3.org/ns/credentials/v2': vc2,
      [CTX]: colour('https://red.example/colour'),
    }).resolver;
    const blue = countingResolver({
      'https://www.w3.org/ns/credentials/v2': vc2,
      [CTX]: colour('https://blue.example/colour'),
    }).resolver;
    const bare = countingResolver({ 'https://www.w3.org/ns/credentials/v2': vc2 }).resolver;
    const iris: string[] = [];
    for (const resolver of [red, blue, red, blue]) {
      const result = await canonicalize(doc, resolver);
      iris.push(
        result.ok ? (/<(https:\/\/\w+\.example\/colour)>/u.exec(result.nquads)?.[1] ?? '') : '',
      );
    }
    expect(iris).toEqual([
      'https://red.example/colour',
      'https://blue.example/colour',
      'https://red.example/colour',
      'https://blue.example/colour',
    ]);
    expect(await canonicalize(doc, bare)).toMatchObject({ error: 'unknown-context', url: CTX });
  });

  it('gives canonicalizations in flight together what it gives them one by one', async () => {
    const docs = ['teal', 'navy', 'ochre', 'plum'].map((value, i) => ({
      ...doc,
      id: `urn:uuid:${i}`,
      colour: value,
    }));
    const documents = {
      'https://www.w3.org/ns/credentials/v2': createContextResolver()(
        'https://www.w3.org/ns/credentials/v2',
      )!,
      [CTX]: colour('https://ctx.example/colour'),
    };
    const together = await Promise.all(
      docs.map((each) => canonicalize(each, countingResolver(documents).resolver)),
    );
    const shared = countingResolver(documents).resolver;
    const inFlight = await Promise.all(docs.map((each) => canonicalize(each, shared)));
    const oneByOne = [];
    for (const each of docs) oneByOne.push(await canonicalize(each, shared));
    expect(inFlight).toEqual(together);
    expect(oneByOne).toEqual(together);
    expect(together.every((result) => result.ok)).toBe(true);
  });

  it('still fails safe mode with a context a lenient pass has already processed', async () => {
    const { resolver } = countingResolver({
      [CTX]: {
        '@context': { '@colour': 'https://ctx.example/colour', name: 'https://ctx.example/name' },
      },
    });
    const odd = { '@context': CTX, '@id': 'urn:x', name: 'A' };
    expect(await canonicalize(odd, resolver, { safe: false })).toEqual({
      ok: true,
      nquads: '<urn:x> <https://ctx.example/name> "A" .\n',
      droppedTerms: [],
    });
    expect(await canonicalize(odd, resolver)).toEqual({
      ok: false,
      error: 'invalid-json-ld',
      message:
        'not valid json-ld (reserved term: terms beginning with "@" are reserved for future use and dropped.)',
    });
  });
});

describe('hashDataOf with a resolver cache', () => {
  const resolver = createContextResolver();
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: '2025-03-01T09:30:00Z',
    verificationMethod: 'https://issuer.example#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    proofPurpose: 'assertionMethod',
  };
  const unsecured = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:3',
    type: ['VerifiableCredential'],
    issuer: 'https://issuer.example',
  };

  it('keeps one canonical proof configuration per distinct configuration', async () => {
    const { canonical } = cachesOf(resolver);
    const before = canonical.size;
    const first = await hashDataOf(unsecured, proofConfigOf(proof, unsecured), resolver);
    const again = await hashDataOf(unsecured, proofConfigOf(proof, unsecured), resolver);
    const later = { ...proof, created: '2025-03-01T09:30:01Z' };
    const other = await hashDataOf(unsecured, proofConfigOf(later, unsecured), resolver);
    expect(canonical.size).toBe(before + 2);
    if (!first.ok || !again.ok || !other.ok) throw new Error('expected canonical forms');
    expect(again.canonicalProofConfig).toBe(first.canonicalProofConfig);
    expect(other.canonicalProofConfig).toContain('"2025-03-01T09:30:01Z"');
    expect(other.hashData.subarray(0, 32).equals(first.hashData.subarray(0, 32))).toBe(false);
    expect(other.hashData.subarray(32).equals(first.hashData.subarray(32))).toBe(true);
  });

  it('keeps no failure, and a lenient form never stands in for a safe one', async () => {
    const { canonical } = cachesOf(resolver);
    const odd = proofConfigOf({ ...proof, shoeSize: 42 }, unsecured);
    const before = canonical.size;
    const lenient = await hashDataOf(unsecured, odd, resolver, { safe: false });
    expect(lenient.ok && lenient.droppedTerms).toEqual(['shoeSize']);
    for (let i = 0; i < 2; i += 1) {
      expect(await hashDataOf(unsecured, odd, resolver)).toMatchObject({
        ok: false,
        error: 'undefined-term',
        term: 'shoeSize',
        part: 'proof',
      });
    }
    expect(canonical.size).toBe(before + 1);
  });
});
