/**
 * Following the links of an OB 2.0 badge (assertion → BadgeClass → issuer Profile → key and
 * revocation list) through embedded objects or the user's local documents, and remembering each
 * URL that was needed but not there, so that an `indeterminate` check can name them all.
 */
import { documentKey, type Ob2Documents } from './documents.js';
import { isObject, str, type Json } from './json.js';

/** A linked document, and where it came from (a file, or embedded in its parent). */
export interface Linked {
  doc: Json;
  /** The local file (or `embedded in …`) it was read from. */
  source: string;
  url?: string;
}

/** Why a link could not be followed: not available offline, or unusable. */
export interface Unresolved {
  missing: boolean;
  message: string;
}

/** One verification's view of the documents: lookups, the URLs it lacked, its warnings. */
export class Ob2Links {
  readonly needed: string[] = [];
  readonly warnings: string[] = [];

  constructor(readonly documents: Ob2Documents) {}

  /**
   * Follows `value` (an IRI, or an embedded object) to a document. An embedded object with
   * nothing but an `id` is a reference, so it is looked up like an IRI.
   */
  async follow(value: unknown, what: string, parent: string): Promise<Linked | Unresolved> {
    if (isObject(value) && Object.keys(value).some((k) => k !== 'id' && k !== 'type')) {
      return {
        doc: value,
        source: `embedded in ${parent}`,
        ...(str(value.id) ? { url: str(value.id) } : {}),
      };
    }
    const url = isObject(value) ? str(value.id) : str(value);
    if (url === undefined)
      return { missing: false, message: `${what} is neither a URL nor an object` };
    const lookup = await this.documents.get(url);
    if (!lookup.found) {
      if (!this.needed.includes(url)) this.needed.push(url);
      return { missing: true, message: `${what} '${url}' is not among the local documents` };
    }
    if (lookup.value === undefined || !isObject(lookup.value)) {
      const problem = 'problem' in lookup ? lookup.problem : 'is not a JSON object';
      return {
        missing: false,
        message: `the local copy of ${what} '${url}' (${lookup.source}) ${problem}`,
      };
    }
    const id = str(lookup.value.id);
    if (id !== undefined && documentKey(id) !== documentKey(url)) {
      this.warnings.push(`the local copy of '${url}' (${lookup.source}) gives its id as '${id}'`);
    }
    return { doc: lookup.value, source: lookup.source, url };
  }
}

/** Whether a follow() answer is a document. */
export function isLinked(value: Linked | Unresolved): value is Linked {
  return 'doc' in value;
}
