import JsonLdContextResolver from 'jsonld/lib/ContextResolver.js';
import type { CanonicalizeResult } from './canonicalize.js';
import type { ContextResolver } from './types.js';

/**
 * A map that keeps at most `max` entries, dropping the oldest stored (the `get`/`set` jsonld asks
 * for). A get is one lookup: keys are long JSON texts, and each extra lookup compares them again.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly max: number) {}

  /** The entry stored under `key`. */
  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  /** Stores an entry, dropping the oldest one past `max`. */
  set(key: string, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return this;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#entries.size;
  }
}

/** What one {@link ContextResolver} keeps between canonicalizations. */
export interface ResolverCaches {
  /**
   * jsonld's resolved contexts, each with the active contexts processed from it, by URL (as
   * this resolver answered it) or by the JSON of an inline context. jsonld's own table for this
   * is process-wide and keyed by URL alone, so it is never used: a resolver that does not know
   * a URL must say so (OB 3.0 notes section 4.3, unknown context is indeterminate).
   */
  contexts: BoundedCache<unknown>;
  /** Canonical forms of documents that repeat, e.g. one run's proof configuration. */
  canonical: BoundedCache<CanonicalizeResult>;
  /**
   * Expanded proof configurations by their JSON without `created`; `null` when `created` does
   * not expand to a plain value there (see `canonicalizeProofConfig`).
   */
  templates: BoundedCache<ExpandedTemplate | null>;
}

/** An expanded document and where in it one string value sits. */
export interface ExpandedTemplate {
  expanded: unknown[];
  path: (string | number)[];
}

// jsonld keeps 100 resolved contexts; a run meets far fewer distinct proof configurations.
const CONTEXTS_KEPT = 100;
const CANONICAL_FORMS_KEPT = 64;

const caches = new WeakMap<ContextResolver, ResolverCaches>();

/**
 * The caches of `resolver`, made on first use and dropped with it. They assume what
 * {@link ContextResolver} promises: the same URL always gets the same answer.
 */
export function cachesOf(resolver: ContextResolver): ResolverCaches {
  let found = caches.get(resolver);
  if (found === undefined) {
    found = {
      contexts: new BoundedCache(CONTEXTS_KEPT),
      canonical: new BoundedCache(CANONICAL_FORMS_KEPT),
      templates: new BoundedCache(CANONICAL_FORMS_KEPT),
    };
    caches.set(resolver, found);
  }
  return found;
}

/**
 * A jsonld context resolver for one operation (jsonld's `contextResolver` option) whose shared
 * table is `resolver`'s own: contexts the document loader tags `static` are resolved and
 * processed once per resolver, not once per canonicalization.
 */
export function jsonldContextResolverFor(resolver: ContextResolver): JsonLdContextResolver {
  return new JsonLdContextResolver({ sharedCache: cachesOf(resolver).contexts });
}
