import type { Artwork } from './achievement-file.js';
import { renderSvgToPng } from './render.js';
import type { TemplateValues } from '../core/model/template.js';

/**
 * A renderer for one template's filled-in SVGs.
 */
export function templateRasterizer(
  artwork: Artwork,
  _sample: TemplateValues,
): Promise<(svg: string) => Promise<Uint8Array>> {
  return Promise.resolve((svg: string) => renderSvgToPng(svg, artwork.file));
}
