import { isAbsolute, join } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import type { StatusListSource } from '../core/status/index.js';
import { readInputText } from './files.js';

/** The largest status list file read; a real list credential is a few kilobytes. */
const MAX_LIST_FILE_CHARS = 8 * 1024 * 1024;

const EXAMPLE = '{"https://issuer.example/status/1": "status-1.json"}';

function invalid(message: string, hint: string, cause?: unknown): BadgesmithError {
  return new BadgesmithError('ERR_STATUS_LISTS_INVALID', message, {
    hint,
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/u, '')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a `--status-lists <dir>` folder: its `map.json` maps each status list URL (the
 * `statusListCredential` of a BitstringStatusListEntry, or the `id` of a 1EdTechRevocationList
 * entry) to a file, relative to the folder or absolute, the same convention as `--contexts`.
 * Files are parsed as JSON; one that is not JSON is kept as text, and the status check says it
 * cannot use it. Nothing is ever fetched.
 *
 * @example const lists = await loadStatusListFolder('status-lists');
 */
export async function loadStatusListFolder(folder: string): Promise<StatusListSource> {
  const mapPath = join(folder, 'map.json');
  const map = parseJson(await readInputText(mapPath, 'status list map'));
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw invalid(`'${mapPath}' is not a json object`, `write it as ${EXAMPLE}`);
  }
  const lists = new Map<string, unknown>();
  for (const [url, file] of Object.entries(map as Record<string, unknown>)) {
    if (!/^https?:\/\/\S+$/u.test(url) || typeof file !== 'string' || file === '') {
      throw invalid(`'${mapPath}' has a bad entry for '${url}'`, `each entry is ${EXAMPLE}`);
    }
    const path = isAbsolute(file) ? file : join(folder, file);
    const text = await readInputText(path, 'status list file');
    if (text.length > MAX_LIST_FILE_CHARS) {
      throw invalid(`status list file '${path}' is too large`, 'give the list credential itself');
    }
    lists.set(url, parseJson(text) ?? text);
  }
  return lists;
}
