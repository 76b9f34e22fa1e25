/**
 * PNG text chunks (PNG spec section 11.3.3): `tEXt` (Latin-1), `zTXt` (compressed Latin-1) and
 * `iTXt` (UTF-8, optionally compressed). OB bakes into iTXt without compression (notes 1.1).
 */
import { inflateSync } from 'node:zlib';
import { BadgesmithError } from '../errors.js';
import { MAX_CREDENTIAL_TEXT_BYTES } from './constants.js';
import type { PngChunk } from './png-chunks.js';

export const TEXT_CHUNK_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

/** The keyword of a text chunk (Latin-1, up to the first NUL), or undefined for other chunks. */
export function textChunkKeyword(chunk: PngChunk): string | undefined {
  if (!TEXT_CHUNK_TYPES.has(chunk.type)) return undefined;
  const nul = chunk.data.indexOf(0);
  return latin1(chunk.data.subarray(0, nul === -1 ? Math.min(chunk.data.length, 80) : nul));
}

/** The decoded text of a text chunk and what leniency that took. */
export interface DecodedText {
  text: string;
  warnings: string[];
}

function malformed(chunk: PngChunk, what: string): BadgesmithError {
  return new BadgesmithError(
    'ERR_PNG_MALFORMED',
    `${chunk.type} chunk at byte offset ${chunk.offset}: ${what}`,
    { hint: 'the credential chunk is damaged; bake the credential into the image again' },
  );
}

/**
 * Decodes the text of a `tEXt`, `zTXt` or `iTXt` chunk. A compressed chunk is inflated with a
 * hard cap of {@link MAX_CREDENTIAL_TEXT_BYTES} and a warning, because OB forbids compression.
 */
export function decodeTextChunk(chunk: PngChunk): DecodedText {
  const { data } = chunk;
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) throw malformed(chunk, 'the keyword is not 1 to 79 bytes');
  const keyword = latin1(data.subarray(0, nul));
  if (chunk.type === 'tEXt') {
    if (data.length - nul - 1 > MAX_CREDENTIAL_TEXT_BYTES) throw tooLarge(chunk);
    return { text: latin1(data.subarray(nul + 1)), warnings: [] };
  }
  if (chunk.type === 'zTXt') {
    const text = latin1(inflateCapped(chunk, data.subarray(nul + 2)));
    return { text, warnings: [`the zTXt chunk '${keyword}' is compressed; it was inflated`] };
  }
  const compressed = data[nul + 1];
  const method = data[nul + 2];
  const langEnd = data.indexOf(0, nul + 3);
  const translatedEnd = langEnd === -1 ? -1 : data.indexOf(0, langEnd + 1);
  if (compressed === undefined || method === undefined || translatedEnd === -1) {
    throw malformed(chunk, 'the language tag or translated keyword is not terminated');
  }
  if (compressed > 1) throw malformed(chunk, `compression flag ${compressed} is neither 0 nor 1`);
  let textBytes = data.subarray(translatedEnd + 1);
  const warnings: string[] = [];
  if (compressed === 1) {
    if (method !== 0) throw malformed(chunk, `unknown compression method ${method}`);
    textBytes = inflateCapped(chunk, textBytes);
    warnings.push(
      `the iTXt chunk '${keyword}' is compressed, which baking forbids; it was inflated`,
    );
  }
  if (textBytes.length > MAX_CREDENTIAL_TEXT_BYTES) throw tooLarge(chunk);
  return { text: utf8(textBytes, warnings, keyword), warnings };
}

function inflateCapped(chunk: PngChunk, bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_CREDENTIAL_TEXT_BYTES });
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(chunk);
    throw malformed(chunk, 'the compressed text does not inflate');
  }
}

function tooLarge(chunk: PngChunk): BadgesmithError {
  return new BadgesmithError(
    'ERR_IMAGE_TOO_LARGE',
    `${chunk.type} chunk at byte offset ${chunk.offset} holds more than ${MAX_CREDENTIAL_TEXT_BYTES} bytes of text`,
    { hint: 'a credential is a few kilobytes; this chunk is not a real badge' },
  );
}

function utf8(bytes: Uint8Array, warnings: string[], keyword: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    warnings.push(`the text of chunk '${keyword}' is not valid UTF-8; bad bytes were replaced`);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

// TextDecoder's 'latin1' is really windows-1252; PNG text is ISO 8859-1 (PNG spec 11.3.3.1).
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/**
 * The data of an OB baking iTXt chunk: keyword, NUL, compression flag 0, method 0, empty
 * language tag, empty translated keyword, then the UTF-8 text (notes 1.1, byte layout).
 */
export function buildItxtData(keyword: string, text: string): Uint8Array {
  const head = Uint8Array.from(keyword, (ch) => ch.charCodeAt(0) & 0xff);
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(head.length + 5 + body.length);
  out.set(head, 0);
  out.set(body, head.length + 5);
  return out;
}
