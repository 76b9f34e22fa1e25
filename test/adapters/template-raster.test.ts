import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TEMPLATE } from '../../src/adapters/issuer-folder-examples.js';
import { renderSvgToRaw } from '../../src/adapters/render.js';
import {
  SPLIT_TOLERANCE,
  templateRasterizer,
  type TemplateArtwork,
} from '../../src/adapters/template-raster.js';
import { extractBadge } from '../../src/core/bake/index.js';
import { fillTemplate, type TemplateValues } from '../../src/core/model/template.js';

const artwork: TemplateArtwork = { kind: 'template', file: 'badge.svg', svg: EXAMPLE_TEMPLATE };
const values = (name: string, issued = '2025-06-01'): TemplateValues => ({
  'recipient.name': name,
  'achievement.name': 'First Badge',
  'issuer.name': 'Test University',
  issued,
});
// A compact JWS in shape only: baking checks the form, not the signature.
const JWS = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

async function pixels(png: Uint8Array): Promise<Buffer> {
  return sharp(png).ensureAlpha().raw().toBuffer();
}

async function whole(svg: string, v: TemplateValues): Promise<Uint8Array> {
  return (await renderSvgToRaw(fillTemplate(svg, v), 'badge.svg')).data;
}

/**
 * Compares a fast-path image with the whole render: every channel within the tolerance, and the
 * only pixels that differ at all are the name's own (where the whole render differs from the
 * badge drawn without a name).
 */
function compare(got: Uint8Array, want: Uint8Array, blank: Uint8Array) {
  let most = 0;
  let offName = 0;
  let differing = 0;
  for (let i = 0; i < want.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(got[i + c]! - want[i + c]!));
    if (d === 0) continue;
    differing += 1;
    most = Math.max(most, d);
    const named = [0, 1, 2, 3].some((c) => want[i + c] !== blank[i + c]);
    if (!named) offName += 1;
  }
  return { most, offName, differing, length: got.length };
}

const NAMES = {
  latin: 'Ada Lovelace',
  accented: 'Zoë Ångström-Ñúñez Çelik',
  cjk: '山田 太郎',
  emoji: 'Ana 🎉🦄',
  long: `${'Maximiliana Wolfeschlegelsteinhausenbergerdorff '.repeat(4)}the Third`,
};

describe('personal PNG, split path', () => {
  it('gives the whole render pixels for Latin, accented, CJK, emoji and very long names', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    expect(await render.ready).toBe(true);
    const blank = await whole(EXAMPLE_TEMPLATE, values(''));
    const images = await Promise.all(Object.values(NAMES).map((name) => render(values(name))));
    expect(render.counts).toEqual({ split: 5, whole: 0 });
    for (const [i, name] of Object.values(NAMES).entries()) {
      const baked = images[i]!.bake(JWS).bytes;
      const got = await pixels(baked);
      const result = compare(got, await whole(EXAMPLE_TEMPLATE, values(name)), blank);
      expect({ name, ...result, most: result.most <= SPLIT_TOLERANCE }).toEqual({
        name,
        most: true,
        offName: 0,
        differing: result.differing,
        length: 800 * 800 * 4,
      });
      const extracted = extractBadge(baked);
      expect(extracted.found && extracted.badge.payload).toBe(JWS);
    }
    expect(SPLIT_TOLERANCE).toBe(2);
  });

  it('draws the first rows whole while the split is prepared, and makes later rows wait for it', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    // Asked before `ready` settles: four go whole at once, the other six take the split path.
    const names = Array.from({ length: 10 }, (_, i) => `Early Earner ${i}`);
    const images = await Promise.all(names.map((name) => render(values(name))));
    expect(await render.ready).toBe(true);
    expect(render.counts).toEqual({ split: 6, whole: 4 });
    const last = names.length - 1;
    const got = await pixels(images[last]!.bake(JWS).bytes);
    const blank = await whole(EXAMPLE_TEMPLATE, values(''));
    const result = compare(got, await whole(EXAMPLE_TEMPLATE, values(names[last]!)), blank);
    expect({ most: result.most <= SPLIT_TOLERANCE, offName: result.offName }).toEqual({
      most: true,
      offName: 0,
    });
  });

  it('draws a name taller than its band whole, so it is never cut', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    expect(await render.ready).toBe(true);
    const tall = `Zalgo${'\u0301\u0308\u0302'.repeat(12)} e${'\u0316\u0317'.repeat(12)}`;
    const baked = (await render(values(tall))).bake(JWS).bytes;
    expect(render.counts).toEqual({ split: 0, whole: 1 });
    expect(
      Buffer.compare(await pixels(baked), Buffer.from(await whole(EXAMPLE_TEMPLATE, values(tall)))),
    ).toBe(0);
  });

  it('draws whole a row whose other values differ from the first row (its own issue date)', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    expect(await render.ready).toBe(true);
    const own = values('Ada Lovelace', '2024-01-31');
    const baked = (await render(own)).bake(JWS).bytes;
    expect(render.counts).toEqual({ split: 0, whole: 1 });
    expect(
      Buffer.compare(await pixels(baked), Buffer.from(await whole(EXAMPLE_TEMPLATE, own))),
    ).toBe(0);
  });

  it('tells a name cut off at the sides on a row drawn whole, as on the split path', async () => {
    const render = await templateRasterizer(artwork, values('first row'));
    expect(await render.ready).toBe(true);
    const long = values(NAMES.long, '2024-01-31'); // its own date: drawn whole
    const short = values('Ada Lovelace', '2024-01-31');
    const [cut, kept, split] = await Promise.all([
      render(long),
      render(short),
      render(values(NAMES.long)),
    ]);
    expect(render.counts).toEqual({ split: 1, whole: 2 });
    expect([cut.cut, kept.cut, split.cut]).toEqual([true, undefined, true]);
  });

  it('draws every row whole when the template does not split (the name in an attribute)', async () => {
    const svg = EXAMPLE_TEMPLATE.replace('<svg ', '<svg data-name="{{recipient.name}}" ');
    const render = await templateRasterizer({ ...artwork, svg }, values('x'));
    expect(await render.ready).toBe(false);
    await render(values('Ada Lovelace'));
    expect(render.counts).toEqual({ split: 0, whole: 1 });
  });

  it('draws a name laid under later artwork whole (a ribbon drawn over the name)', async () => {
    const ribbon =
      '<rect x="0" y="180" width="400" height="20" fill="#b91c1c" opacity="0.5"/>\n</svg>';
    const svg = EXAMPLE_TEMPLATE.replace('</svg>', ribbon);
    const render = await templateRasterizer({ ...artwork, svg }, values('x'));
    expect(await render.ready).toBe(false);
    const baked = (await render(values('Ada Lovelace'))).bake(JWS).bytes;
    expect(render.counts).toEqual({ split: 0, whole: 1 });
    const want = await whole(svg, values('Ada Lovelace'));
    expect(Buffer.compare(await pixels(baked), Buffer.from(want))).toBe(0);
  });
});
