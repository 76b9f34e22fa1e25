/** Extracting a credential from any badge file: a baked PNG or SVG, or a bare credential. */
import { BadgesmithError } from '../errors.js';
import { isCompactJws, looksLikeCredential, parseJsonObject, specOfText } from './payload.js';
import { extractPng } from './png-extract.js';
import { sniffImage } from './sniff.js';
import { extractSvg } from './svg-extract.js';
import type { ExtractResult } from './types.js';

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function unknownFile(): BadgesmithError {
  return new BadgesmithError(
    'ERR_IMAGE_UNKNOWN',
    'the file is not a png, an svg, a credential json or a compact jws',
    { hint: 'give a baked badge image (.png or .svg), or a credential file (.json, .jwt)' },
  );
}

/**
 * An unsecured JWT (RFC 7519 section 6: `alg` none, empty signature part) is still read as a
 * JWT, so that verify fails its proof check rather than calling the file unknown.
 */
function isUnsecuredJwt(text: string): boolean {
  const match = /^([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*\.$/.exec(text);
  if (match === null) return false;
  const header = parseJsonObject(Buffer.from(match[1] ?? '', 'base64url').toString('utf8'));
  return header !== undefined && typeof header.alg === 'string';
}

/**
 * Finds the credential in a badge file. A bare `.json` credential or compact JWS text file is
 * returned as it is (container `json` / `jwt`). Never throws for a merely unbaked image; throws
 * BadgesmithError for malformed input: ERR_IMAGE_UNKNOWN, ERR_PNG_MALFORMED, ERR_PNG_CRC,
 * ERR_SVG_MALFORMED, ERR_IMAGE_TOO_LARGE.
 *
 * @example
 * ```ts
 * const result = extractBadge(await readFile('badge.png'));
 * if (result.found) console.log(result.badge.payload);
 * ```
 */
export function extractBadge(bytes: Uint8Array): ExtractResult {
  const kind = sniffImage(bytes);
  if (kind === 'png') return extractPng(bytes);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw unknownFile();
  if (kind === 'svg') return extractSvg(text);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    const object = parseJsonObject(trimmed);
    if (object === undefined || !looksLikeCredential(object)) throw unknownFile();
    return { found: true, others: 0, badge: bare('json', trimmed) };
  }
  if (isCompactJws(trimmed)) return { found: true, others: 0, badge: bare('jwt', trimmed) };
  if (isUnsecuredJwt(trimmed)) return { found: true, others: 0, badge: bare('jwt', trimmed) };
  throw unknownFile();
}

function bare(container: 'json' | 'jwt', text: string) {
  return {
    container,
    location:
      container === 'json' ? 'the file itself (credential JSON)' : 'the file itself (compact JWS)',
    spec: specOfText(text),
    payload: text,
    payloadKind: container,
    warnings: [],
  };
}
