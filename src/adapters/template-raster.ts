import type { Artwork } from './achievement-file.js';
import sharp from 'sharp';
import {
  inkRows,
  inksEdges,
  inksRow,
  inksSideColumns,
  maxDifference,
  type RowSpan,
} from './rgba.js';
import { createBandEncoder, type BandEncoder, type EncodedPng } from './png-band-encoder.js';
import { prepareImage, prepareSplitPng, type PreparedImage } from '../core/bake/bake-image.js';
import { renderSvgToPng, renderSvgToRaw, SVG_DENSITY, type RawImage } from './render.js';
import { fillTemplate, type TemplateValues } from '../core/model/template.js';
import { bandStacker, splitTemplateLayers } from '../core/model/template-layers.js';

// A personal image is encoded once per row: zlib level 3 renders about a third more rows a
// second than the default 6 on the bench template, for files about a quarter larger.
const PERSONAL_COMPRESSION = 3;

/**
 * A personal image ready to bake; `cut` when the name reaches an edge of the image (left, right,
 * top or bottom), so part of it is cut off (told on the split path from the band, for a row
 * drawn whole from its name layer drawn alone; a template that does not split says nothing).
 */
export type PersonalImage = PreparedImage & { cut?: boolean };

type TemplateLayers = ReturnType<typeof splitTemplateLayers>;

/** The artwork of a template achievement. */
export type TemplateArtwork = Extract<Artwork, { kind: 'template' }>;

/**
 * Draws one row's personal PNG from its template values, ready to bake; `counts` says how many
 * rows took the split path and how many were drawn whole (for tests and benchmarks).
 */
export type TemplateRenderer = ((values: TemplateValues) => Promise<PersonalImage>) & {
  counts: { split: number; whole: number };
  /** Settles once the split path is prepared: true when rows now take it. */
  ready: Promise<boolean>;
};

// Names that reach far up and down: capitals with marks, descenders, other scripts and fonts
// (CJK, Thai and Devanagari marks, Vietnamese stacked accents, emoji). The band is what they
// cover plus a margin; a row whose name inks the margin is drawn whole instead.
const PROBES = ['ÅÉÎÕÛÇ Ẫ Ậ Ỹ gjpqy|[]{}', '漢字かなカナ한국어 ฎฏญี่ปุ่น हिन्दी عربي', '😀🎉👩🏽‍🔬 ŁØß'];
// A long name: if it reaches rows the short ones did not, the text runs vertically or wraps.
const LONG_PROBE = `${'Wolfeschlegelsteinhausenbergerdorff '.repeat(8)}漢字`;
// Names drawn both ways at the start: the split must give the whole render's pixels.
const CHECKS = ['Ada Lovelace', 'Zoë Ångström-Østergaard', '李小龙', '🎉 Ana'];
/** The largest difference per channel accepted between a split and a whole render. */
export const SPLIT_TOLERANCE = 2;
// Rows drawn whole while the split path is prepared; the rest wait for it.
const DRAWN_BEFORE_READY = 4;
// Rendering several rows' names in one sharp call shares its fixed cost (about 2 ms a call).
const BATCH = 16;

/** A template cut for fast rows: its base pixels, the band the name can reach, an encoder. */
interface Layout {
  base: RawImage;
  band: RowSpan;
  /** Rows at the band's top and bottom the sample names left blank (0 at an image edge). */
  margin: { top: number; bottom: number };
  encoder: BandEncoder;
  /** Stacks the name layers of a batch of rows (the root tag read once, see bandStacker). */
  stacker: ReturnType<typeof bandStacker>;
}

const NAME = 'recipient.name';
const withName = (values: TemplateValues, name: string): TemplateValues => ({
  ...values,
  [NAME]: name,
});

function sameSize(a: RawImage, b: RawImage): boolean {
  return a.width === b.width && a.height === b.height;
}

const bandOf = (image: RawImage, band: RowSpan): Uint8Array =>
  image.data.subarray(band.top * image.width * 4, (band.top + band.rows) * image.width * 4);

async function decode(png: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await sharp(png).ensureAlpha().raw().toBuffer());
}

/**
 * Builds the fast path for one set of values (all but the name), or undefined when the template
 * does not split cleanly. Every check is made on real renders (the name's reach, what is drawn
 * above it, the split against whole renders), so a template that misleads the split only loses
 * speed, never pixels.
 */
async function buildLayout(
  artwork: TemplateArtwork,
  layers: TemplateLayers,
  values: TemplateValues,
): Promise<Layout | undefined> {
  if (!layers.ok) return undefined;
  const render = (svg: string, v: TemplateValues) =>
    renderSvgToRaw(fillTemplate(svg, v), artwork.file);
  const base = await render(layers.base, values);
  let ink: RowSpan | undefined;
  for (const probe of PROBES) {
    const drawn = await render(layers.names, withName(values, probe));
    if (!sameSize(drawn, base)) return undefined;
    const rows = inkRows(drawn.data, drawn.width);
    if (rows === undefined) continue;
    const top = Math.min(ink?.top ?? rows.top, rows.top);
    const end = Math.max(ink === undefined ? 0 : ink.top + ink.rows, rows.top + rows.rows);
    ink = { top, rows: end - top };
  }
  if (ink === undefined) return undefined;
  const long = inkRows((await render(layers.names, withName(values, LONG_PROBE))).data, base.width);
  if (long !== undefined && (long.top < ink.top || long.top + long.rows > ink.top + ink.rows)) {
    return undefined;
  }
  const margin = Math.max(8, Math.ceil(ink.rows / 4));
  const top = Math.max(0, ink.top - margin);
  const end = Math.min(base.height, ink.top + ink.rows + margin);
  const band = { top, rows: end - top };
  // What is drawn after the name must stay out of its band: the name is laid over the base.
  const under = await render(layers.under, values);
  if (maxDifference(bandOf(under, band), bandOf(base, band)) !== 0) return undefined;
  const spec = {
    width: base.width,
    height: base.height,
    ...band,
    // No margin at an edge of the image: a whole render cuts the name there too.
    margin: {
      top: top > 0 ? ink.top - top : 0,
      bottom: end < base.height ? end - ink.top - ink.rows : 0,
    },
  };
  const geometry = { width: base.width, height: base.height, ...band, scale: SVG_DENSITY / 72 };
  const layout: Layout = {
    base,
    band,
    margin: spec.margin,
    encoder: createBandEncoder(base.data, spec, PERSONAL_COMPRESSION),
    stacker: bandStacker(fillTemplate(layers.names, values), layers.names, geometry),
  };
  const checks = CHECKS.map((name) => withName(values, name));
  const split = await renderLayers(layout, checks);
  for (const [i, v] of checks.entries()) {
    const layer = split[i];
    const png = layer === undefined ? undefined : layout.encoder.encode(layer);
    if (png === undefined) return undefined;
    const reference = await render(artwork.svg, v);
    if (!sameSize(reference, base)) return undefined;
    const pixels = await decode(Buffer.concat([png.head, png.tail]));
    if (maxDifference(pixels, reference.data) > SPLIT_TOLERANCE) return undefined;
  }
  return layout;
}

/** The name layers of several rows, cropped to the band, in one render (undefined: failed). */
async function renderLayers(
  layout: Layout,
  rows: TemplateValues[],
): Promise<(Uint8Array | undefined)[]> {
  const { base, band, stacker } = layout;
  const svg = stacker.stack(rows.map((v) => fillTemplate(stacker.body, v)));
  const drawn = await renderSvgToRaw(svg, 'template');
  const size = base.width * 4 * band.rows;
  if (drawn.width !== base.width || drawn.data.length !== size * rows.length) {
    return rows.map(() => undefined);
  }
  return rows.map((_, i) => drawn.data.subarray(i * size, (i + 1) * size));
}

type Draw = (values: TemplateValues) => Promise<PersonalImage>;

/** The split path: rows queue while a render runs, then go together (up to {@link BATCH}). */
function splitDrawer(layout: Layout, whole: Draw, counts: { split: number }): Draw {
  type Waiting = { values: TemplateValues; done: (png: Promise<PersonalImage>) => void };
  let queue: Waiting[] = [];
  let busy = false;
  const finish = (waiting: Waiting, layer: Uint8Array | undefined): void => {
    let png: EncodedPng | undefined;
    try {
      png = layer === undefined ? undefined : layout.encoder.encode(layer);
    } catch (error) {
      waiting.done(Promise.reject(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    if (png === undefined) {
      waiting.done(whole(waiting.values));
      return;
    }
    counts.split += 1;
    const image: PersonalImage = prepareSplitPng(png.head, png.tail);
    if (png.edge) image.cut = true;
    waiting.done(Promise.resolve(image));
  };
  const pump = (): void => {
    if (busy || queue.length === 0) return;
    const batch = queue.slice(0, BATCH);
    queue = queue.slice(BATCH);
    busy = true;
    void renderLayers(
      layout,
      batch.map((w) => w.values),
    )
      .catch(() => batch.map(() => undefined))
      .then((layers) => batch.forEach((waiting, i) => finish(waiting, layers[i])))
      .finally(() => {
        busy = false;
        pump();
      });
  };
  return (values) =>
    new Promise<PersonalImage>((resolve, reject) => {
      queue.push({ values, done: (png) => void png.then(resolve, reject) });
      pump();
    });
}

/**
 * A renderer for one template's personal PNGs. Rows whose values other than the name are the
 * sample's take the split path when the template allows it: the base is drawn once, and per row
 * only the name's text, cropped to the band it can reach, several rows per render, laid over the
 * base and encoded with the base's rows deflated once. Every other row is drawn whole; so is a
 * row whose name reaches the band's margins, so a name is never cut. The split is prepared in
 * the background (about a third of a second of renders and checks): the first few rows that
 * come before it is ready are drawn whole, later ones wait for it. `ready` says whether it
 * will be used.
 */
export function templateRasterizer(
  artwork: TemplateArtwork,
  sample: TemplateValues,
): Promise<TemplateRenderer> {
  const counts = { split: 0, whole: 0 };
  const keyOf = (values: TemplateValues) => JSON.stringify(withName(values, ''));
  const sampleKey = keyOf(sample);
  const layers = splitTemplateLayers(artwork.svg);
  let layout: Layout | undefined;
  // Whether the name is cut off at an edge of the image: its layer drawn alone inks the first or
  // last column or row. Once the split is ready, a band render (a few ms) tells it unless the
  // name inks the band's margins: it may then go on past the band, and only the whole layer
  // shows where it ends (a stack of marks running off the top). Before, the whole layer (a
  // third of a whole render).
  const reachesEdge = async (values: TemplateValues): Promise<boolean> => {
    if (!layers.ok) return false;
    const wholeLayer = () =>
      renderSvgToRaw(fillTemplate(layers.names, values), artwork.file).then(
        (drawn) => inksEdges(drawn.data, drawn.width),
        () => false,
      );
    const prepared = layout;
    if (prepared === undefined) return wholeLayer();
    const [data] = await renderLayers(prepared, [values]).catch(() => [undefined]);
    if (data === undefined) return false;
    const { band, margin, base } = prepared;
    const { width } = base;
    for (let y = 0; y < band.rows; y++) {
      const inMargin = y < margin.top || y >= band.rows - margin.bottom;
      if (inMargin && inksRow(data, width, y)) return wholeLayer();
    }
    const atTop = band.top === 0 && inksRow(data, width, 0);
    const atBottom = band.top + band.rows === base.height && inksRow(data, width, band.rows - 1);
    return atTop || atBottom || inksSideColumns(data, width);
  };
  const whole: Draw = async (values) => {
    counts.whole += 1;
    const image: PersonalImage = prepareImage(
      await renderSvgToPng(fillTemplate(artwork.svg, values), artwork.file, {
        compressionLevel: PERSONAL_COMPRESSION,
      }),
    );
    if (await reachesEdge(values)) image.cut = true;
    return image;
  };
  let split: Draw | undefined;
  let settled = false;
  const ready: Promise<boolean> = buildLayout(artwork, layers, sample)
    .catch(() => undefined)
    .then((built) => {
      layout = built;
      if (built !== undefined) split = splitDrawer(built, whole, counts);
      settled = true;
      return built !== undefined;
    });
  let early = 0;
  const render = (values: TemplateValues): Promise<PersonalImage> => {
    if (keyOf(values) !== sampleKey) return whole(values);
    if (split !== undefined) return split(values);
    // While the split is prepared, a short run's few rows are drawn whole at once; later rows
    // wait for it: a whole render costs as much CPU as several rows on the split path, and the
    // wait is about one preparation (a third of a second on the bench template).
    if (settled || early < DRAWN_BEFORE_READY) {
      if (!settled) early += 1;
      return whole(values);
    }
    return ready.then(() => (split === undefined ? whole(values) : split(values)));
  };
  return Promise.resolve(Object.assign(render, { counts, ready }));
}
