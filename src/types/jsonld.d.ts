/**
 * The part of jsonld 9 (a CommonJS package without types) that badgesmith calls. Only
 * `canonize` and `expand` are declared, with the options we pass, and the context resolver class whose shared
 * table we own; everything else stays unreachable from TypeScript on purpose.
 */
declare module 'jsonld' {
  /** What a document loader returns (JSON-LD 1.1 API, RemoteDocument). */
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    tag?: string;
  }

  /** A warning jsonld raises while expanding or converting to RDF. */
  export interface JsonLdEvent {
    code: string;
    level: string;
    message: string;
    details?: Record<string, unknown>;
  }

  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format: 'application/n-quads';
    documentLoader: (url: string) => Promise<RemoteDocument>;
    safe: boolean;
    base?: string | null;
    eventHandler?: (input: { event: JsonLdEvent; next: () => void }) => void;
    /** jsonld documents it as internal; pinned jsonld 9.0.0 reads it in every operation. */
    contextResolver?: import('jsonld/lib/ContextResolver.js').default;
    /** The input is already expanded JSON-LD (jsonld.expand output). */
    skipExpansion?: boolean;
  }

  /** The options of `expand` we pass: those of `canonize` that apply to expansion. */
  export type ExpandOptions = Omit<CanonizeOptions, 'algorithm' | 'format' | 'skipExpansion'>;

  export interface JsonLd {
    canonize(input: unknown, options: CanonizeOptions): Promise<string>;
    expand(input: unknown, options: ExpandOptions): Promise<unknown[]>;
  }

  const jsonld: JsonLd;
  export default jsonld;
}

declare module 'jsonld/lib/ContextResolver.js' {
  /** The table a resolver shares across operations: jsonld only calls `get` and `set`. */
  export interface SharedContextCache {
    get(key: string): unknown;
    set(key: string, value: unknown): unknown;
  }

  /** jsonld 9's context resolver for one operation (lib/ContextResolver.js). */
  export default class ContextResolver {
    constructor(options: { sharedCache: SharedContextCache });
  }
}
