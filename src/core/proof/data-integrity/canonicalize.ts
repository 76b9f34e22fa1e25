import jsonld, { type ExpandOptions, type JsonLdEvent, type RemoteDocument } from 'jsonld';
import { jsonldContextResolverFor } from './resolver-cache.js';
import type { ContextResolver } from './types.js';

/** Canonical N-Quads, or why a document has none. Never thrown: callers decide what it means. */
export type CanonicalizeResult =
  | { ok: true; nquads: string; droppedTerms: string[] }
  | { ok: false; error: 'unknown-context'; url: string; message: string }
  | { ok: false; error: 'undefined-term'; term: string; message: string }
  | { ok: false; error: 'invalid-json-ld'; message: string };

/** Options of {@link canonicalize}. */
export interface CanonicalizeOptions {
  /**
   * JSON-LD safe mode (default on): a term or type no context defines fails instead of being
   * dropped unsigned. Off only for legacy VCDM 1.1 reading (OB 3.0 notes section 4.3, "Safe
   * mode"); the dropped terms are then listed in the result.
   */
  safe?: boolean;
}

// Safe-mode warnings that mean "this name is not defined by any context", with the detail that
// holds the name (jsonld 9 event codes).
const UNDEFINED_NAME_DETAIL: Record<string, string> = {
  'invalid property': 'property',
  'relative @type reference': 'type',
};

function nameOf(event: JsonLdEvent): string | undefined {
  const detail = UNDEFINED_NAME_DETAIL[event.code];
  const value = detail === undefined ? undefined : event.details?.[detail];
  return typeof value === 'string' ? value : undefined;
}

function eventOf(error: unknown): JsonLdEvent | undefined {
  if (typeof error !== 'object' || error === null || !('details' in error)) return undefined;
  const details = (error as { details?: { event?: JsonLdEvent } }).details;
  return details?.event;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').toLowerCase();
}

type Failure = Exclude<CanonicalizeResult, { ok: true }>;

/** Runs one jsonld operation with contexts from `resolver` only, and says why it failed. */
async function withContexts<T>(
  resolver: ContextResolver,
  safe: boolean,
  operation: (options: ExpandOptions) => Promise<T>,
): Promise<{ ok: true; value: T; droppedTerms: string[] } | Failure> {
  let missingUrl: string | undefined;
  const dropped = new Set<string>();

  // `tag: 'static'` lets jsonld keep the context, resolved and processed, in its shared table.
  // That table is the resolver's own (jsonldContextResolverFor), never jsonld's process-wide one
  // keyed by URL alone, where a later resolver that does not know the URL would silently get it.
  const documentLoader = (url: string): Promise<RemoteDocument> => {
    const context = resolver(url);
    if (context === undefined) {
      missingUrl = url;
      return Promise.reject(new Error(`context '${url}' is not known offline`));
    }
    return Promise.resolve({
      contextUrl: null,
      documentUrl: url,
      document: context,
      tag: 'static',
    });
  };

  try {
    const value = await operation({
      documentLoader,
      contextResolver: jsonldContextResolverFor(resolver),
      safe,
      base: null,
      ...(safe
        ? {}
        : {
            eventHandler: ({ event }: { event: JsonLdEvent }) => {
              const name = nameOf(event);
              if (name !== undefined) dropped.add(name);
            },
          }),
    });
    return { ok: true, value, droppedTerms: [...dropped] };
  } catch (error) {
    if (missingUrl !== undefined) {
      const message = `context '${missingUrl}' is not available offline`;
      return { ok: false, error: 'unknown-context', url: missingUrl, message };
    }
    const event = eventOf(error);
    const term = event === undefined ? undefined : nameOf(event);
    if (term !== undefined) {
      const message = `'${term}' is not defined by any context of the document`;
      return { ok: false, error: 'undefined-term', term, message };
    }
    const why =
      event === undefined ? oneLine(error) : `${event.code}: ${event.message.toLowerCase()}`;
    return { ok: false, error: 'invalid-json-ld', message: `not valid json-ld (${why})` };
  }
}

const RDFC = { algorithm: 'RDFC-1.0', format: 'application/n-quads' } as const;

/**
 * RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document to N-Quads, UTF-8, one quad a
 * line, each ending in LF (DI-EDDSA section 3.3, eddsa-rdfc-2022 transformation). Contexts come
 * only from `resolver`; nothing is fetched. Each context is processed once per resolver and kept
 * with it (see `cachesOf`); a URL the resolver does not know is asked again every time.
 *
 * @example
 * const result = await canonicalize(credential, resolver);
 * if (result.ok) hash(result.nquads);
 * else if (result.error === 'unknown-context') report(result.url);
 */
export async function canonicalize(
  document: unknown,
  resolver: ContextResolver,
  options: CanonicalizeOptions = {},
): Promise<CanonicalizeResult> {
  const done = await withContexts(resolver, options.safe ?? true, (jsonldOptions) =>
    jsonld.canonize(document, { ...RDFC, ...jsonldOptions }),
  );
  return done.ok ? { ok: true, nquads: done.value, droppedTerms: done.droppedTerms } : done;
}

/** JSON-LD expansion of `document` in safe mode, contexts from `resolver` only. */
export async function expandSafely(
  document: unknown,
  resolver: ContextResolver,
): Promise<{ ok: true; expanded: unknown[] } | Failure> {
  const done = await withContexts(resolver, true, (jsonldOptions) =>
    jsonld.expand(document, jsonldOptions),
  );
  return done.ok ? { ok: true, expanded: done.value } : done;
}

/**
 * {@link canonicalize} of a document already expanded in safe mode ({@link expandSafely}), which
 * jsonld then converts to RDF without expanding it again.
 */
export async function canonicalizeExpanded(
  expanded: unknown[],
  resolver: ContextResolver,
): Promise<CanonicalizeResult> {
  const done = await withContexts(resolver, true, (jsonldOptions) =>
    jsonld.canonize(expanded, { ...RDFC, ...jsonldOptions, skipExpansion: true }),
  );
  return done.ok ? { ok: true, nquads: done.value, droppedTerms: [] } : done;
}
