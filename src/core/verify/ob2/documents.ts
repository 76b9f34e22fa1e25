/**
 * Local copies of the documents an OB 2.0 badge links to (assertion, BadgeClass, issuer Profile,
 * CryptographicKey, RevocationList), looked up by URL. OB 2.0 verification fetches these (notes
 * section 6); badgesmith never does, so the user hands them over (`--ob2-documents <dir>`).
 */

/** What a lookup found: the parsed JSON, or why the file could not be used. */
export type Ob2Lookup =
  | { found: true; url: string; source: string; value: unknown }
  | { found: true; url: string; source: string; value?: undefined; problem: string }
  | { found: false; url: string };

/** A read-only set of local documents, by URL. */
export interface Ob2Documents {
  /** Looks up the copy of `url`; never fetches. */
  get(url: string): Promise<Ob2Lookup>;
  /** Where the documents come from, for messages (e.g. the folder path). */
  readonly origin: string;
}

/** The URL as a lookup key: no fragment. Scheme and host are compared exactly as written. */
export function documentKey(url: string): string {
  const hash = url.indexOf('#');
  return (hash === -1 ? url : url.slice(0, hash)).trim();
}

/** No documents at all: every lookup misses (verification then names the URLs it needs). */
export const NO_OB2_DOCUMENTS: Ob2Documents = {
  origin: 'no --ob2-documents folder',
  get: (url) => Promise.resolve({ found: false, url }),
};

/**
 * Documents held in memory, by URL; handy for tests and for callers that fetched them already.
 *
 * @example
 * ```ts
 * const docs = ob2DocumentsFromEntries('memory', [['https://example.org/issuer.json', issuer]]);
 * ```
 */
export function ob2DocumentsFromEntries(
  origin: string,
  entries: Iterable<readonly [string, unknown]>,
): Ob2Documents {
  const map = new Map<string, unknown>();
  for (const [url, value] of entries) map.set(documentKey(url), value);
  return {
    origin,
    get: (url) => {
      const key = documentKey(url);
      return Promise.resolve(
        map.has(key)
          ? { found: true, url, source: `${origin}: ${key}`, value: map.get(key) }
          : { found: false, url },
      );
    },
  };
}
