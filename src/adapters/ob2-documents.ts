/**
 * The `--ob2-documents <dir>` folder: local copies of what OB 2.0 URLs serve (notes section 6,
 * "Offline use"). Two ways to lay it out, tried in this order:
 *
 * 1. `map.json` in the folder: `{ "<url>": "<file>" }`, files relative to the folder (or
 *    absolute), the same convention as `--contexts`.
 * 2. A mirror: `https://example.org/badges/robotics.json` is `<dir>/example.org/badges/robotics.json`
 *    (the scheme is dropped; the host stays, so one issuer's files never answer for another's).
 *
 * Nothing is ever fetched. Files are read lazily, once each, and at most 8 MiB each.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { documentKey, type Ob2Documents, type Ob2Lookup } from '../core/verify/ob2/index.js';
import { readInputFile, readInputText } from './files.js';

/** The largest single document read from the folder. */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

function invalid(message: string, hint: string, cause?: unknown): BadgesmithError {
  return new BadgesmithError('ERR_OB2_DOCUMENTS_INVALID', message, {
    hint,
    ...(cause === undefined ? {} : { cause }),
  });
}

async function readMap(dir: string): Promise<Map<string, string> | undefined> {
  const path = join(dir, 'map.json');
  try {
    await stat(path);
  } catch {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = JSON.parse((await readInputText(path, 'documents map')).replace(/^\uFEFF/u, ''));
  } catch (error) {
    if (error instanceof BadgesmithError) throw error;
    throw invalid(`'${path}' is not JSON`, 'write map.json as { "<url>": "<file>" }', error);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid(`'${path}' is not a JSON object`, 'write map.json as { "<url>": "<file>" }');
  }
  const map = new Map<string, string>();
  for (const [url, file] of Object.entries(doc)) {
    if (typeof file !== 'string' || file === '') {
      throw invalid(
        `'${path}' maps '${url}' to something other than a file name`,
        'give a file path as each value',
      );
    }
    map.set(documentKey(url), isAbsolute(file) ? file : join(dir, file));
  }
  return map;
}

/** The mirror path of a URL inside `dir`, or undefined when it would leave the folder. */
export function mirrorPath(dir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const segments = decodeURIComponent(parsed.pathname)
    .split('/')
    .filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\'))) return undefined;
  const path = resolve(dir, parsed.host, ...segments);
  const inside = relative(resolve(dir), path);
  return inside === '' || inside.startsWith('..') || inside.split(sep)[0] !== parsed.host
    ? undefined
    : path;
}

/**
 * Opens an OB 2.0 documents folder. Throws ERR_FILE_NOT_FOUND when it does not exist and
 * ERR_OB2_DOCUMENTS_INVALID for a bad map.json; a bad document is reported when it is used.
 *
 * @example const documents = await openOb2Documents('issuer-copies');
 */
export async function openOb2Documents(dir: string): Promise<Ob2Documents> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new BadgesmithError('ERR_FILE_NOT_FOUND', `documents folder '${dir}' does not exist`, {
      hint: 'check the --ob2-documents path',
    });
  }
  if (!info.isDirectory()) {
    throw invalid(
      `--ob2-documents '${dir}' is not a folder`,
      'give the folder that holds map.json or the mirrored files',
    );
  }
  const map = await readMap(dir);
  const cache = new Map<string, Promise<Ob2Lookup>>();
  const load = async (url: string): Promise<Ob2Lookup> => {
    const key = documentKey(url);
    const path = map?.get(key) ?? mirrorPath(dir, key);
    if (path === undefined) return { found: false, url };
    try {
      await stat(path);
    } catch {
      return { found: false, url };
    }
    const source = relative(dir, path).startsWith('..') ? path : join(dir, relative(dir, path));
    try {
      const bytes = await readInputFile(path, 'document', MAX_DOCUMENT_BYTES);
      const value: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/u, ''));
      return { found: true, url, source, value };
    } catch (error) {
      const problem = error instanceof BadgesmithError ? error.message : 'is not JSON';
      return { found: true, url, source, problem };
    }
  };
  return {
    origin: dir,
    get: (url) => {
      const key = documentKey(url);
      let entry = cache.get(key);
      if (entry === undefined) {
        entry = load(url);
        cache.set(key, entry);
      }
      return entry;
    },
  };
}
