/** Baking a credential into a badge image of either kind. */
import { BadgesmithError } from '../errors.js';
import { isCompactJws, parseJsonObject, payloadOf } from './payload.js';
import { preparePng, preparePngParts, type PreparedPng } from './png-bake.js';
import { sniffImage } from './sniff.js';
import { bakeSvg } from './svg-bake.js';
import type { BakePayload, ImageKind } from './types.js';

/** Checks a credential text before it goes into an image; outer white space is dropped. */
function checkedPayload(text: string): BakePayload {
  const payload = payloadOf(text.replace(/^\uFEFF/, '').trim());
  if (payload.kind === 'json' && parseJsonObject(payload.text) === undefined) {
    throw new BadgesmithError('ERR_CREDENTIAL_INVALID', 'the credential is not valid json', {
      hint: 'bake a credential made by `badgesmith issue`, or check the file with a JSON linter',
    });
  }
  if (payload.kind === 'jwt' && !isCompactJws(payload.text)) {
    throw new BadgesmithError(
      'ERR_CREDENTIAL_INVALID',
      'the credential is neither json nor a compact jws',
      {
        hint: 'a VC-JWT looks like header.payload.signature in base64url; a credential json starts with {',
      },
    );
  }
  return payload;
}

/** What a bake gives: the baked bytes, their kind, and what was replaced or cleaned out. */
export interface BakedImage {
  bytes: Uint8Array;
  kind: ImageKind;
  replaced: boolean;
  warnings: string[];
}

/** An artwork read once, ready to bake any number of credentials (see {@link prepareImage}). */
export interface PreparedImage {
  kind: ImageKind;
  bake: (payload: string) => BakedImage;
}

function preparedPngImage(png: PreparedPng): PreparedImage {
  return {
    kind: 'png',
    bake: (payload) => {
      const baked = png.bake(checkedPayload(payload).text);
      const warnings = baked.replaced ? ['replaced the credential already baked into the png'] : [];
      return { bytes: baked.bytes, kind: 'png', replaced: baked.replaced, warnings };
    },
  };
}

/**
 * A PNG badgesmith has just encoded, given split after IHDR (see {@link preparePngParts}), ready
 * to bake like {@link prepareImage}'s; nothing is parsed again.
 */
export function prepareSplitPng(head: Uint8Array, tail: Uint8Array): PreparedImage {
  return preparedPngImage(preparePngParts(head, tail));
}

/**
 * Reads an artwork once (PNG: parsed and CRC-checked, split where the credential goes), for a
 * batch that bakes the same image for every row; `bake` gives what {@link bakeImage} gives.
 * Throws ERR_IMAGE_UNKNOWN for neither PNG nor SVG, and what the PNG reader throws.
 *
 * @example
 * ```ts
 * const art = prepareImage(await readFile('art.png'));
 * for (const jwt of jwts) await writeFile(name(jwt), art.bake(jwt).bytes);
 * ```
 */
export function prepareImage(bytes: Uint8Array): PreparedImage {
  const kind = sniffImage(bytes);
  if (kind === 'png') return preparedPngImage(preparePng(bytes));
  if (kind === 'svg') {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return {
      kind,
      bake: (payload) => {
        const baked = bakeSvg(text, checkedPayload(payload));
        const warnings = baked.replaced
          ? ['replaced the credential already baked into the svg']
          : [];
        warnings.push(...baked.removed.map((what) => `removed from the artwork: ${what}`));
        return {
          bytes: new TextEncoder().encode(baked.text),
          kind,
          replaced: baked.replaced,
          warnings,
        };
      },
    };
  }
  throw new BadgesmithError(
    'ERR_IMAGE_UNKNOWN',
    'the image to bake into is neither a png nor an svg',
    {
      hint: 'bake into a .png or .svg badge image',
    },
  );
}

/**
 * Bakes a credential (compact JWS or credential JSON; outer white space is dropped) into a PNG
 * or SVG image, recognised by its bytes. `replaced` says an earlier credential was taken out;
 * `warnings` says so in words, and lists what was cleaned out of SVG artwork.
 *
 * @example
 * ```ts
 * const { bytes, kind } = bakeImage(await readFile('art.png'), jwt);
 * ```
 */
export function bakeImage(bytes: Uint8Array, payload: string): BakedImage {
  // The credential is checked before the image, as it always was: a bad one is named first.
  checkedPayload(payload);
  return prepareImage(bytes).bake(payload);
}
