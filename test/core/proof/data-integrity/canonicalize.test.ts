import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import { canonicalize } from '../../../../src/core/proof/data-integrity/index.js';

const resolver = createContextResolver();
const doc = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:1',
  type: ['VerifiableCredential'],
  issuer: 'https://issuer.example',
};

describe('canonicalize', () => {
  it('gives RDFC-1.0 N-Quads, each line ending in LF', async () => {
    const result = await canonicalize(doc, resolver);
    expect(result).toEqual({
      ok: true,
      nquads:
        '<urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .\n' +
        '<urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <https://issuer.example> .\n',
      droppedTerms: [],
    });
  });

  it('names an undefined property and an undefined type (safe mode)', async () => {
    expect(await canonicalize({ ...doc, colour: 'teal' }, resolver)).toEqual({
      ok: false,
      error: 'undefined-term',
      term: 'colour',
      message: "'colour' is not defined by any context of the document",
    });
    const typed = await canonicalize({ ...doc, type: ['VerifiableCredential', 'Gizmo'] }, resolver);
    expect(typed).toMatchObject({ ok: false, error: 'undefined-term', term: 'Gizmo' });
  });

  it('names an unknown context URL, and never reuses a context another resolver knew', async () => {
    const url = 'https://ctx.example/v1';
    const knowing = createContextResolver(
      new Map([[url, { '@context': { colour: 'https://ctx.example/colour' } }]]),
    );
    const withUrl = { ...doc, '@context': [...doc['@context'], url], colour: 'teal' };
    expect((await canonicalize(withUrl, knowing)).ok).toBe(true);
    expect(await canonicalize(withUrl, resolver)).toEqual({
      ok: false,
      error: 'unknown-context',
      url,
      message: "context 'https://ctx.example/v1' is not available offline",
    });
  });

  it('outside safe mode drops undefined terms and lists them', async () => {
    const result = await canonicalize({ ...doc, colour: 'teal' }, resolver, { safe: false });
    const strict = await canonicalize(doc, resolver);
    expect(result).toEqual({ ...strict, droppedTerms: ['colour'] });
  });

  it('reports other unsafe JSON-LD as invalid, with the jsonld event code', async () => {
    const result = await canonicalize({ ...doc, id: 'relative/id' }, resolver);
    expect(result).toEqual({
      ok: false,
      error: 'invalid-json-ld',
      message: 'not valid json-ld (relative @id reference: relative @id reference found.)',
    });
  });
});
