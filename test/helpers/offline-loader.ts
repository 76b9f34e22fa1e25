import type { ContextResolver } from '../../src/core/proof/data-integrity/index.js';

/** A did:key DID document (or, for a DID URL, its one Multikey method), resolved by hand. */
export function didKeyDocument(url: string): Record<string, unknown> {
  const did = url.split('#')[0]!;
  const multibase = did.slice('did:key:'.length);
  const method = {
    '@context': 'https://w3id.org/security/multikey/v1',
    id: `${did}#${multibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: multibase,
  };
  if (url.includes('#')) return method;
  const entry: Record<string, unknown> = { ...method };
  delete entry['@context'];
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [entry],
    assertionMethod: [method.id],
  };
}

/**
 * A jsonld document loader for @digitalbazaar/vc in interop tests: did:key by hand, contexts from
 * OUR resolver (asked at call time, so a test may set it up in beforeAll), never the network.
 */
export function offlineDocumentLoader(
  getResolver: () => ContextResolver,
): (url: string) => Promise<Record<string, unknown>> {
  return (url) => {
    const document = url.startsWith('did:key:') ? didKeyDocument(url) : getResolver()(url);
    if (document === undefined) return Promise.reject(new Error(`not offline: ${url}`));
    return Promise.resolve({ contextUrl: null, documentUrl: url, document });
  };
}
