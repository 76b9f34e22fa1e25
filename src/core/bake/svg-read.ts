/**
 * Reading an SVG with saxes, namespace-aware (notes 1.2 "Extracting", [ours]): credential elements
 * are matched by namespace URI and local name, whatever their prefix. saxes does not process DTDs
 * and knows only the predefined entities, so no external entity is ever read.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { BadgesmithError } from '../errors.js';
import {
  OB2_SVG_ELEMENT,
  OB2_SVG_NAMESPACE,
  OB3_SVG_ELEMENT,
  OB3_SVG_NAMESPACE,
} from './constants.js';

/**
 * The deepest element nesting read. saxes resolves namespaces through a chain as deep as the
 * nesting, so a hostile file of millions of nested tags would take minutes; real artwork is a
 * few dozen deep.
 */
export const MAX_SVG_DEPTH = 512;

/**
 * A DOCTYPE whose internal subset declares entities (the Adobe Illustrator export pattern).
 * saxes never expands them, so a reference to one is an undefined entity.
 */
const DTD_ENTITY = /<!DOCTYPE[^[>]*\[[^\]]*<!ENTITY/i;

/** Which kind of badge element: OB 3.0, OB 3.0 under a wrong namespace seen in the wild, OB 2.0. */
export type SvgBadgeKind = 'ob3' | 'ob3-variant' | 'ob2';

/** A badge element found in an SVG, with its `verify` attribute and its joined text content. */
export interface SvgBadgeElement {
  kind: SvgBadgeKind;
  /** The qualified name as written, e.g. `openbadges:credential`. */
  name: string;
  uri: string;
  verify: string | undefined;
  /** Text and CDATA inside the element, joined in order (untrimmed). */
  body: string;
  line: number;
}

/** What reading an SVG found. */
export interface SvgReading {
  rootLocal: string;
  elements: SvgBadgeElement[];
  hints: string[];
}

function normaliseNamespace(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/^http:/, 'https:')
    .replace(/\/+$/, '')
    .replace('/spec/', '/');
}

/** Classifies an element by namespace URI and local name. */
export function badgeKindOf(uri: string, local: string): SvgBadgeKind | undefined {
  if (local === OB3_SVG_ELEMENT && uri === OB3_SVG_NAMESPACE) return 'ob3';
  if (local === OB3_SVG_ELEMENT && normaliseNamespace(uri) === OB3_SVG_NAMESPACE) {
    return 'ob3-variant';
  }
  if (local === OB2_SVG_ELEMENT && uri === OB2_SVG_NAMESPACE) return 'ob2';
  return undefined;
}

function nearMissHint(tag: SaxesTagNS): string | undefined {
  const isBadgeName = tag.local === OB3_SVG_ELEMENT || tag.local === OB2_SVG_ELEMENT;
  if (!isBadgeName && tag.prefix.toLowerCase() !== 'openbadges') return undefined;
  return `an element <${tag.name}> is in namespace '${tag.uri}'; OB 3.0 uses <credential> in '${OB3_SVG_NAMESPACE}'`;
}

/**
 * Parses an SVG text (without BOM) and collects its badge elements. Throws ERR_SVG_MALFORMED
 * with saxes' line and column for XML that is not well-formed, an unbound prefix included.
 */
export function readSvg(text: string): SvgReading {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const reading: SvgReading = { rootLocal: '', elements: [], hints: [] };
  let open: { element: SvgBadgeElement; depth: number } | undefined;
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth++;
    if (depth > MAX_SVG_DEPTH) {
      throw new BadgesmithError(
        'ERR_SVG_MALFORMED',
        `the svg nests elements more than ${MAX_SVG_DEPTH} deep (line ${parser.line})`,
        { hint: 'this is not badge artwork; export the image again from its source' },
      );
    }
    if (depth === 1) reading.rootLocal = tag.local;
    if (open !== undefined) return;
    const kind = badgeKindOf(tag.uri, tag.local);
    if (kind === undefined) {
      const hint = nearMissHint(tag);
      if (hint !== undefined) reading.hints.push(hint);
      return;
    }
    const verify = Object.values(tag.attributes).find((a) => a.local === 'verify' && a.uri === '');
    const element = {
      kind,
      name: tag.name,
      uri: tag.uri,
      verify: verify?.value,
      body: '',
      line: parser.line,
    };
    reading.elements.push(element);
    open = { element, depth };
  });
  const addText = (data: string): void => {
    if (open !== undefined) open.element.body += data;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (open !== undefined && open.depth === depth) open = undefined;
    depth--;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof BadgesmithError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    if (/undefined entity/i.test(detail) && DTD_ENTITY.test(text)) {
      throw new BadgesmithError(
        'ERR_SVG_MALFORMED',
        "DTD entities are not supported: remove the DOCTYPE's entity declarations (or re-export the SVG without them)",
        {
          hint: 'write the values in place of each &name; reference; entities are refused so no file can expand or fetch content (XXE, billion laughs)',
          cause: error,
        },
      );
    }
    throw new BadgesmithError('ERR_SVG_MALFORMED', `the svg is not well-formed xml: ${detail}`, {
      hint: 'fix the markup (an XML-aware editor or `xmllint --noout` shows where)',
      cause: error,
    });
  }
  return reading;
}
