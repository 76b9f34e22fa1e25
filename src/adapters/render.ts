import sharp from 'sharp';
import { isMainThread } from 'node:worker_threads';
import { BadgesmithError } from '../core/errors.js';

/** Pixel density sharp rasterises SVG at; 144 dpi gives crisp badges at twice their CSS size. */
export const SVG_DENSITY = 144;

// Each issue worker renders one image at a time and there is one worker per core: libvips
// threads of their own would only compete with the other workers for the same cores.
if (!isMainThread) sharp.concurrency(1);

/** How to encode: zlib level 0 to 9 (default 6; 3 measured a third faster, files 25% larger). */
export interface RenderOptions {
  compressionLevel?: number;
}

/**
 * Renders an SVG (a filled-in template) to PNG bytes with sharp. Used only for personal images
 * and for SVG artwork asked for as PNG; PNG artwork is never re-encoded.
 *
 * @example const png = await renderSvgToPng('<svg xmlns="http://www.w3.org/2000/svg" .../>', 'badge.svg');
 */
export async function renderSvgToPng(
  svg: string,
  file: string,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  try {
    const buffer = await sharp(Buffer.from(svg, 'utf8'), { density: SVG_DENSITY })
      .png({ compressionLevel: options.compressionLevel ?? 6 })
      .toBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new BadgesmithError('ERR_TEMPLATE_INVALID', `cannot render svg '${file}' as png`, {
      hint: 'check that the file is well-formed svg (open it in a browser), or use --format svg',
      cause: error,
    });
  }
}

/** Decoded pixels: 8-bit RGBA rows, top to bottom, not premultiplied. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Renders an SVG to raw RGBA pixels, at the density {@link renderSvgToPng} uses. Throws
 * ERR_TEMPLATE_INVALID as it does; an image without alpha gets an opaque one.
 */
export async function renderSvgToRaw(svg: string, file: string): Promise<RawImage> {
  try {
    const { data, info } = await sharp(Buffer.from(svg, 'utf8'), { density: SVG_DENSITY })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw new BadgesmithError('ERR_TEMPLATE_INVALID', `cannot render svg '${file}'`, {
      hint: 'check that the file is well-formed svg (open it in a browser), or use --format svg',
      cause: error,
    });
  }
}
