/**
 * Splits a badge template into what is the same on every badge of a run and the text elements
 * that show the earner's name, so a batch can draw the unchanging part once and only the name
 * per row (see `src/adapters/template-raster.ts`). Pure text edits: every other byte of the
 * template is kept as written.
 */
import { elementRanges, applyEdits, type ElementRange, type TextEdit } from '../bake/svg-edit.js';
import { scanTags, splitQName } from '../bake/svg-scan.js';

/** The placeholder whose value changes from row to row. */
const VARYING = 'recipient.name';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/gu;

// Elements that draw nothing themselves: a layer keeps them all, since the name may use them.
const DEFINITIONS = new Set([
  'defs',
  'style',
  'linearGradient',
  'radialGradient',
  'pattern',
  'clipPath',
  'mask',
  'filter',
  'symbol',
  'marker',
  'title',
  'desc',
  'metadata',
  'font',
  'font-face',
]);

// Not drawn, so a name inside them changes no pixel.
const UNDRAWN = new Set(['title', 'desc', 'metadata']);

// Presentation attributes that make a group draw its children as one layer (SVG 1.1 section
// 14.5, Compositing 1 section 3): a name cannot then be drawn apart from its neighbours.
const GROUP_EFFECTS = /^(opacity|filter|mask|clip-path|mix-blend-mode|isolation|style|class)$/u;

// Children whose output depends on their siblings (switch) or that follow another shape (SVG 1.1
// sections 5.8 and 10.13): a probe of the name's extent would not bound them.
const UNSPLITTABLE = new Set(['switch', 'textPath', 'tref', 'use', 'foreignObject']);

/** A template split into layers, or why it cannot be. */
export type TemplateLayers =
  | {
      ok: true;
      /** The template without the name's text elements: every pixel the name does not touch. */
      base: string;
      /** Without the name's elements and everything drawn after them: what lies under the name. */
      under: string;
      /** Only the name's elements (with the definitions and groups they sit in). */
      names: string;
    }
  | { ok: false; reason: string };

const local = (range: ElementRange): string => splitQName(range.tag.name).local;

function isInside(range: ElementRange, outer: ElementRange): boolean {
  return range.tag.start >= outer.tag.start && range.end <= outer.end && range !== outer;
}

function remove(svg: string, ranges: ElementRange[]): string {
  return applyEdits(
    svg,
    ranges.map((r): TextEdit => ({ start: r.tag.start, end: r.end, text: '' })),
  );
}

/**
 * Splits `svg` into the layers of {@link TemplateLayers}. It declines (`ok: false`) whenever the
 * name could reach pixels a band around it would not hold, or could not be drawn on its own:
 * the placeholder in an attribute or outside a `<text>`, a group effect or a `<switch>` around
 * it, text on a path, or a drawing element that holds definitions the name may use.
 */
export function splitTemplateLayers(svg: string): TemplateLayers {
  const no = (reason: string): TemplateLayers => ({ ok: false, reason });
  const tags = scanTags(svg);
  const ranges = elementRanges(tags);
  const root = ranges[0];
  if (root === undefined || local(root) !== 'svg') return no('the root element is not <svg>');
  const varying = new Set<ElementRange>();
  for (const match of svg.matchAll(PLACEHOLDER)) {
    if (match[1] !== VARYING) continue;
    const at = match.index;
    if (tags.some((tag) => tag.start <= at && at < tag.end))
      return no('the name is in an attribute');
    let innermost: ElementRange | undefined;
    for (const range of ranges) if (range.tag.end <= at && at < range.end) innermost = range;
    if (innermost === undefined) return no('the name is outside the root element');
    const chain = [
      ...innermost.ancestors.map((tag) => ranges.find((r) => r.tag === tag)!),
      innermost,
    ];
    if (chain.some((r) => UNDRAWN.has(local(r)))) continue;
    const text = chain.find((r) => local(r) === 'text');
    if (text === undefined) return no(`the name is in a <${local(innermost)}>, not a <text>`);
    varying.add(text);
  }
  if (varying.size === 0) return no('the name is drawn nowhere');
  const names = [...varying];
  for (const text of names) {
    for (const ancestor of text.ancestors.slice(1)) {
      const name = splitQName(ancestor.name).local;
      if (UNSPLITTABLE.has(name)) return no(`the name sits in a <${name}>`);
      const effect = ancestor.attributes.find((a) => GROUP_EFFECTS.test(a.name));
      if (effect !== undefined) return no(`a group around the name has '${effect.name}'`);
    }
    const inner = ranges.find((r) => isInside(r, text) && UNSPLITTABLE.has(local(r)));
    if (inner !== undefined) return no(`the name's text holds a <${local(inner)}>`);
  }
  const first = Math.min(...names.map((r) => r.tag.start));
  const inDefinitions = (r: ElementRange): boolean =>
    DEFINITIONS.has(local(r)) || r.ancestors.some((a) => DEFINITIONS.has(splitQName(a.name).local));
  const related = (r: ElementRange): boolean =>
    names.some((n) => n === r || isInside(r, n) || isInside(n, r)) || r === root;
  // Drawing elements that are not the name, nor hold it, nor sit in it.
  const others = ranges.filter((r) => !inDefinitions(r) && !related(r));
  for (const other of others) {
    if (ranges.some((r) => isInside(r, other) && inDefinitions(r))) {
      return no(`a <${local(other)}> holds definitions the name may use`);
    }
  }
  const above = others.filter((r) => r.tag.start > first);
  return {
    ok: true,
    base: remove(svg, names),
    under: remove(svg, [...names, ...above]),
    names: remove(svg, others),
  };
}

/** Where a layer is cut: a band of whole pixel rows of an image `width` by `height` pixels. */
export interface BandGeometry {
  /** Image size in pixels, as the whole template renders. */
  width: number;
  height: number;
  /** First row of the band and its height, in pixels. */
  top: number;
  rows: number;
  /** Pixels per SVG user unit of the outer document (the render density over 72 dpi). */
  scale: number;
}

// The layer's root start tag, sized to the whole image, and what is inside the root.
function sizedRoot(layer: string, band: BandGeometry): { open: string; body: string } {
  const s = band.scale;
  const root = elementRanges(scanTags(layer))[0]!;
  const sized = root.tag.attributes.filter((a) => !/^(x|y|width|height)$/u.test(a.name));
  const attributes = sized.map((a) => layer.slice(a.start, a.end)).join(' ');
  const open =
    `<${root.tag.name} ${attributes} x="0" y="0" width="${band.width / s}" height="${band.height / s}"` +
    (root.tag.selfClosing ? '/>' : '>');
  return { open, body: layer.slice(root.tag.end, root.end) };
}

function stacked(copies: { open: string; body: string }[], band: BandGeometry): string {
  const w = band.width / band.scale;
  const h = band.rows / band.scale;
  const view = `viewBox="0 ${band.top / band.scale} ${w} ${h}"`;
  const inner = copies.map(
    ({ open, body }, i) =>
      `<svg x="0" y="${i * h}" width="${w}" height="${h}" ${view}>${open}${body}</svg>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h * copies.length}">` +
    `${inner.join('')}</svg>`
  );
}

/**
 * One SVG that draws `layers.length` copies of the band of a layer, stacked: copy `i` is rows
 * `top` to `top + rows` of `layers[i]` rendered whole, placed at `i * rows`. Each copy is the
 * layer's own root element, sized to the whole image, inside an `<svg>` whose viewBox crops it,
 * so lengths in percent and the root's viewBox resolve as in a whole render.
 */
export function stackBands(layers: string[], band: BandGeometry): string {
  return stacked(
    layers.map((layer) => sizedRoot(layer, band)),
    band,
  );
}

/**
 * {@link stackBands} for the rows of a batch, whose layers differ only inside the template's
 * root element: the root tag is read once from `layer` (filled with the batch's shared values),
 * `body` is what the unfilled layer holds inside its root, and the stacker takes that body
 * filled for each row. Filling the body alone gives the same text as filling the layer and
 * cutting it, since a placeholder never spans a tag.
 */
export function bandStacker(
  layer: string,
  unfilled: string,
  band: BandGeometry,
): { body: string; stack: (bodies: string[]) => string } {
  const { open } = sizedRoot(layer, band);
  const { body } = sizedRoot(unfilled, band);
  return {
    body,
    stack: (bodies) =>
      stacked(
        bodies.map((b) => ({ open, body: b })),
        band,
      ),
  };
}
