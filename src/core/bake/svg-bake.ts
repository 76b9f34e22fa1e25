/**
 * Baking into SVG (notes 1.2): `xmlns:openbadges` on the root and one `<openbadges:credential>`
 * directly after the `<svg>` start tag; a JWT in `verify` (element empty), JSON in CDATA. The
 * text is edited in place, so the prolog (BOM, XML declaration, DOCTYPE, comments) and the
 * artwork's formatting stay exactly as they were.
 */
import { BadgesmithError } from '../errors.js';
import { OB3_SVG_ELEMENT, OB3_SVG_NAMESPACE, OB3_SVG_PREFIX } from './constants.js';
import { applyEdits, elementRanges, type ElementRange, type TextEdit } from './svg-edit.js';
import { cleanArtwork, cleanInstructions } from './svg-hygiene.js';
import { badgeKindOf, readSvg } from './svg-read.js';
import { scanTags, splitQName, type ScannedInstruction } from './svg-scan.js';
import type { BakePayload } from './types.js';

const BOM = '\uFEFF';
const QNAME = `${OB3_SVG_PREFIX}:${OB3_SVG_ELEMENT}`;
const DECLARATION = `xmlns:${OB3_SVG_PREFIX}`;

/** The namespace URI a prefix resolves to at an element (its own attributes included). */
function namespaceOf(range: ElementRange, prefix: string): string | undefined {
  const name = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (const tag of [range.tag, ...[...range.ancestors].reverse()]) {
    const declared = tag.attributes.find((a) => a.name === name);
    if (declared !== undefined) return declared.value;
  }
  return prefix === '' ? '' : undefined;
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A CDATA section cannot hold `]]>`; split it across two sections (XML 1.0 section 2.7). */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

function credentialElement(payload: BakePayload, declareHere: boolean): string {
  const declaration = declareHere ? ` ${DECLARATION}="${OB3_SVG_NAMESPACE}"` : '';
  if (payload.kind === 'jwt') {
    return `<${QNAME}${declaration} verify="${escapeAttribute(payload.text)}"></${QNAME}>`;
  }
  return `<${QNAME}${declaration}>${cdata(payload.text)}</${QNAME}>`;
}

function usesPrefix(range: ElementRange): boolean {
  const names = [range.tag.name, ...range.tag.attributes.map((a) => a.name)];
  return names.some((name) => splitQName(name).prefix === OB3_SVG_PREFIX);
}

/**
 * Bakes a credential into an SVG text. An existing OB 3.0 credential element (or OB 2.0
 * assertion, or one under a wrong OB 3.0 namespace) is removed first (`replaced: true`); scripts,
 * event handlers, script links and references that leave the file (svg-hygiene.ts) are removed
 * from the artwork and listed in `removed`.
 *
 * @example
 * ```ts
 * const { text } = bakeSvg(svgText, payloadOf(jwt));
 * ```
 */
export function bakeSvg(
  svg: string,
  payload: BakePayload,
): { text: string; replaced: boolean; removed: string[] } {
  const bom = svg.startsWith(BOM) ? BOM : '';
  const body = svg.slice(bom.length);
  const reading = readSvg(body);
  const instructions: ScannedInstruction[] = [];
  const ranges = elementRanges(scanTags(body, instructions));
  const root = ranges[0];
  if (root === undefined || reading.rootLocal !== 'svg') {
    throw new BadgesmithError(
      'ERR_SVG_MALFORMED',
      `the root element is <${reading.rootLocal}>, not <svg>`,
      {
        hint: 'bake into an svg image',
      },
    );
  }
  const existing = ranges.slice(1).filter((range) => {
    const { prefix, local } = splitQName(range.tag.name);
    return badgeKindOf(namespaceOf(range, prefix) ?? '', local) !== undefined;
  });
  const isInsideExisting = (range: ElementRange): boolean =>
    existing.some((e) => range.tag.start >= e.tag.start && range.tag.start < e.end);
  const artwork = ranges.slice(1).filter((range) => !isInsideExisting(range));
  const hygiene = cleanArtwork(body, artwork);
  const rootHygiene = cleanArtwork(body, [root]);
  const stylesheets = cleanInstructions(body, instructions);
  const rootEdits: TextEdit[] = [...rootHygiene.edits];
  let declareHere = false;
  const declared = root.tag.attributes.find((a) => a.name === DECLARATION);
  if (declared === undefined) {
    rootEdits.push({
      start: root.tag.closeStart,
      end: root.tag.closeStart,
      text: ` ${DECLARATION}="${OB3_SVG_NAMESPACE}"`,
    });
  } else if (declared.value !== OB3_SVG_NAMESPACE) {
    // The prefix is bound to another namespace (often OB 2.0's): rebind it on the root when
    // nothing left in the artwork uses it, else declare ours on the element alone.
    if (artwork.some(usesPrefix)) declareHere = true;
    else
      rootEdits.push({
        start: declared.start,
        end: declared.end,
        text: `${DECLARATION}="${OB3_SVG_NAMESPACE}"`,
      });
  }
  let closing = '';
  if (root.tag.selfClosing) {
    rootEdits.push({ start: root.tag.closeStart, end: root.tag.end, text: '>' });
    closing = `</${root.tag.name}>`;
  }
  const shifted = rootEdits.map((e) => ({
    ...e,
    start: e.start - root.tag.start,
    end: e.end - root.tag.start,
  }));
  const rootTag = applyEdits(body.slice(root.tag.start, root.tag.end), shifted);
  const edits: TextEdit[] = [
    ...stylesheets.edits,
    ...existing.map((e) => ({ start: e.tag.start, end: e.end, text: '' })),
    ...hygiene.edits,
    {
      start: root.tag.start,
      end: root.tag.end,
      text: rootTag + credentialElement(payload, declareHere) + closing,
    },
  ];
  return {
    text: bom + applyEdits(body, edits),
    replaced: existing.length > 0,
    removed: [...stylesheets.removed, ...rootHygiene.removed, ...hygiene.removed],
  };
}

/**
 * What baking would remove from an SVG artwork or template, in words (one entry per removal),
 * so that a batch can say it once rather than for every badge.
 */
export function artworkRemovals(svg: string): string[] {
  const body = svg.startsWith(BOM) ? svg.slice(BOM.length) : svg;
  const instructions: ScannedInstruction[] = [];
  const ranges = elementRanges(scanTags(body, instructions));
  const existing = ranges.filter((range) => {
    const { prefix, local } = splitQName(range.tag.name);
    return badgeKindOf(namespaceOf(range, prefix) ?? '', local) !== undefined;
  });
  const artwork = ranges.filter(
    (range) => !existing.some((e) => range.tag.start >= e.tag.start && range.tag.start < e.end),
  );
  return [...cleanInstructions(body, instructions).removed, ...cleanArtwork(body, artwork).removed];
}
