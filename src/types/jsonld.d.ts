/**
 * The part of jsonld 9 (a CommonJS package without types) that badgesmith calls. Only
 * `canonize` is declared, with the options we pass; everything else stays unreachable from
 * TypeScript on purpose.
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
  }

  export interface JsonLd {
    canonize(input: unknown, options: CanonizeOptions): Promise<string>;
  }

  const jsonld: JsonLd;
  export default jsonld;
}
