import sharp from 'sharp';
import { BadgesmithError } from '../core/errors.js';

/** Pixel density sharp rasterises SVG at; 144 dpi gives crisp badges at twice their CSS size. */
const SVG_DENSITY = 144;

/**
 * Renders an SVG (a filled-in template) to PNG bytes with sharp. Used only for personal images
 * and for SVG artwork asked for as PNG; PNG artwork is never re-encoded.
 *
 * @example const png = await renderSvgToPng('<svg xmlns="http://www.w3.org/2000/svg" .../>', 'badge.svg');
 */
export async function renderSvgToPng(svg: string, file: string): Promise<Uint8Array> {
  try {
    const buffer = await sharp(Buffer.from(svg, 'utf8'), { density: SVG_DENSITY }).png().toBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new BadgesmithError('ERR_TEMPLATE_INVALID', `cannot render svg '${file}' as png`, {
      hint: 'check that the file is well-formed svg (open it in a browser), or use --format svg',
      cause: error,
    });
  }
}
