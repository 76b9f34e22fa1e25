import { BadgesmithError } from '../core/errors.js';
import { isDidKey } from '../core/keys/did-key.js';
import {
  trustEntryFromDidKey,
  trustEntryFromJson,
  type TrustEntry,
  type TrustSet,
} from '../core/verify/trust.js';
import { pathExists, readInputText } from './files.js';

/**
 * Reads one `--trust` value: a literal `did:key:…`, or the path of a did.json (DID document), a
 * jwks.json (with an `issuer` member, or kids prefixed by the issuer id) or an issuer profile.
 * A file that is none of these is ERR_TRUST_INVALID naming it.
 *
 * @example await readTrustEntry('issuer/keys/jwks.json')
 */
export async function readTrustEntry(value: string, path = value): Promise<TrustEntry> {
  if (isDidKey(value)) return trustEntryFromDidKey(value);
  // Verifying is offline (DESIGN.md): a URL or another DID method would need a fetch.
  if (/^(https?:\/\/|did:[a-z0-9]+:)/iu.test(value) && !(await pathExists(path))) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `badgesmith does not fetch '${value}': download the issuer's did.json / jwks.json and pass the file`,
      { hint: 'e.g. --trust ./issuer-jwks.json; only a did:key is taken as it is' },
    );
  }
  const text = await readInputText(path, 'trust file');
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    throw new BadgesmithError('ERR_TRUST_INVALID', `trust file '${value}' is not JSON`, {
      hint: 'pass a did.json, a jwks.json or an issuer profile JSON file',
      cause: error,
    });
  }
  return trustEntryFromJson(doc, value);
}

/** Reads every `--trust` value into one trust set; `resolvePath` maps a value to a file path. */
export async function readTrustSet(
  values: readonly string[],
  resolvePath: (value: string) => string = (value) => value,
): Promise<TrustSet> {
  const entries: TrustEntry[] = [];
  for (const value of values) entries.push(await readTrustEntry(value, resolvePath(value)));
  return { entries };
}
