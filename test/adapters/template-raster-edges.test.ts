import { describe, expect, it } from 'vitest';
import { EXAMPLE_TEMPLATE } from '../../src/adapters/issuer-folder-examples.js';
import { templateRasterizer, type TemplateArtwork } from '../../src/adapters/template-raster.js';
import type { TemplateValues } from '../../src/core/model/template.js';

const artwork: TemplateArtwork = { kind: 'template', file: 'badge.svg', svg: EXAMPLE_TEMPLATE };
const values = (name: string, issued = '2025-06-01'): TemplateValues => ({
  'recipient.name': name,
  'achievement.name': 'First Badge',
  'issuer.name': 'Test University',
  issued,
});
// A stack of marks far taller than the 400-unit badge: a column off the top of the image.
const ZALGO = `A${'\u0301\u0308\u0302'.repeat(170)}`;
// Descenders and capitals: they reach below the baseline and up to the cap height.
const NAME = 'Jay Gypsy';

/** A strip 400 by 100 units with the name's baseline at `y`. */
const strip = (y: number): TemplateArtwork => ({
  kind: 'template',
  file: 'strip.svg',
  svg:
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">' +
    '<rect width="400" height="100" fill="#fff"/>' +
    `<text x="200" y="${y}" font-family="sans-serif" font-size="22" text-anchor="middle">` +
    '{{recipient.name}}</text></svg>',
});

describe('personal PNG: a name that runs off the top or the bottom is told as cut', () => {
  it('on a row drawn whole before the split is ready (its name layer drawn alone)', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    const [up, kept] = await Promise.all([render(values(ZALGO)), render(values('Ada Lovelace'))]);
    expect(render.counts.whole).toBe(2);
    expect([up.cut, kept.cut]).toEqual([true, undefined]);
    await render.ready;
  });

  it('on a row drawn whole once the split is ready: past the band, the whole layer tells', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    expect(await render.ready).toBe(true);
    const [up, ownDate, kept] = await Promise.all([
      render(values(ZALGO)),
      render(values(ZALGO, '2024-01-31')),
      render(values('Ada Lovelace', '2024-01-31')),
    ]);
    expect(render.counts).toEqual({ split: 0, whole: 3 });
    expect([up.cut, ownDate.cut, kept.cut]).toEqual([true, true, undefined]);
  });

  it('on the split path, for a name set at the very top or bottom of the image', async () => {
    const renders = await Promise.all(
      [12, 60, 98].map((y) => templateRasterizer(strip(y), values('first row'))),
    );
    expect(await Promise.all(renders.map((r) => r.ready))).toEqual([true, true, true]);
    const images = await Promise.all(renders.map((render) => render(values(NAME))));
    expect(renders.map((r) => r.counts)).toEqual([
      { split: 1, whole: 0 },
      { split: 1, whole: 0 },
      { split: 1, whole: 0 },
    ]);
    expect(images.map((image) => image.cut)).toEqual([true, undefined, true]);
  });

  it('on a row drawn whole from the band (its own date), at the top or bottom of the image', async () => {
    const renders = await Promise.all(
      [12, 60, 98].map((y) => templateRasterizer(strip(y), values('first row'))),
    );
    expect(await Promise.all(renders.map((r) => r.ready))).toEqual([true, true, true]);
    const images = await Promise.all(renders.map((render) => render(values(NAME, '2024-01-31'))));
    expect(renders.map((r) => r.counts.whole)).toEqual([1, 1, 1]);
    expect(images.map((image) => image.cut)).toEqual([true, undefined, true]);
  });
});
