/** Recognising a badge file by its bytes, never by its name. */
import { hasPngSignature } from './png-chunks.js';
import type { ImageKind } from './types.js';
import { declarationEnd } from './svg-scan.js';

/** How much of a text file we look at to find the `<svg` start. */
const SNIFF_CHARS = 64 * 1024;

/** Skips the XML prolog: white space, XML declaration, PIs, comments and a DOCTYPE. */
function skipProlog(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    let next = -1;
    if (text.startsWith('<?', i)) next = text.indexOf('?>', i + 2) + 2;
    else if (text.startsWith('<!--', i)) next = text.indexOf('-->', i + 4) + 3;
    else if (text.startsWith('<!DOCTYPE', i)) next = declarationEnd(text, i);
    else return i;
    if (next < 2) return -1;
    i = next;
  }
}

/**
 * The image kind of a file: `png` by the 8-byte signature; `svg` when the text (after an
 * optional UTF-8 BOM, XML declaration, comments, processing instructions, DOCTYPE and white
 * space) starts an `<svg` element.
 *
 * @example
 * ```ts
 * sniffImage(new TextEncoder().encode('<?xml version="1.0"?><svg/>')); // 'svg'
 * ```
 */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  if (hasPngSignature(bytes)) return 'png';
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, SNIFF_CHARS));
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const at = skipProlog(text);
  if (at === -1) return undefined;
  return /^<svg[\s/>]/.test(text.slice(at, at + 5)) ? 'svg' : undefined;
}
