/**
 * Reading a credential out of an SVG (notes 1.2 and 1.3). OB 3.0: `verify` holds a JWT, else the
 * CDATA body holds JSON. OB 2.0: the body is the assertion when there is one, else `verify`
 * holds a JWS or the hosted assertion's URL. A body that is not valid JSON (the mozilla
 * bakery's bad-json.svg) is still returned as stored, with a warning naming the `verify` URL;
 * verification then fails on it, so extraction never hides what the file holds.
 */
import { OB3_SVG_NAMESPACE } from './constants.js';
import { payloadKindOf, specOfText, parseJsonObject } from './payload.js';
import { readSvg, type SvgBadgeElement } from './svg-read.js';
import type { ExtractedBadge, ExtractResult } from './types.js';

const RANK = { ob3: 0, 'ob3-variant': 1, ob2: 2 } as const;

/**
 * Extracts the credential baked into an SVG text. Never throws for an unbaked image; throws
 * ERR_SVG_MALFORMED for XML that is not well-formed (an unbound prefix included, case24).
 */
export function extractSvg(text: string): ExtractResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const reading = readSvg(body);
  const best = [...reading.elements].sort((a, b) => RANK[a.kind] - RANK[b.kind])[0];
  if (best === undefined) {
    return {
      found: false,
      reason: 'the svg has no openbadges credential or assertion element',
      hints: reading.hints,
    };
  }
  const others = reading.elements.length - 1;
  const badge = readElement(best);
  if (badge === undefined) {
    return {
      found: false,
      reason: `the <${best.name}> element (line ${best.line}) has neither a verify attribute nor a body`,
      hints: ['bake the credential into the image again'],
    };
  }
  if (others > 0) {
    badge.warnings.push(
      `the svg holds ${others + 1} credential elements; only <${best.name}> at line ${best.line} was read`,
    );
  }
  return { found: true, badge, others };
}

function readElement(element: SvgBadgeElement): ExtractedBadge | undefined {
  const warnings: string[] = [];
  const body = element.body.trim();
  const verify = element.verify?.trim();
  const where = `SVG <${element.name}>`;
  if (element.kind === 'ob3-variant') {
    warnings.push(
      `the credential element is in namespace '${element.uri}', not '${OB3_SVG_NAMESPACE}'`,
    );
  }
  // OB 3.0 (and the 1EdTech validator): `verify` wins; OB 2.0: the body is the assertion.
  const isOb3 = element.kind !== 'ob2';
  let payload: string;
  let location: string;
  if (verify !== undefined && verify !== '' && (isOb3 || body === '')) {
    payload = verify;
    location = `${where} verify attribute`;
    if (body !== '')
      warnings.push('the element has both a verify attribute and a body; the attribute was read');
  } else if (body !== '') {
    payload = body;
    location = `${where} body`;
    if (
      payloadKindOf(body) === 'json' &&
      parseJsonObject(body) === undefined &&
      verify !== undefined
    ) {
      warnings.push(`the body is not valid JSON; the verify attribute holds '${verify}'`);
    }
  } else {
    return undefined;
  }
  const spec = specOfText(payload);
  const containerSpec = isOb3 ? 'ob3' : 'ob2';
  if (spec !== 'unknown' && spec !== containerSpec) {
    warnings.push(
      `an ${spec === 'ob3' ? 'OB 3.0 credential' : 'OB 2.0 assertion'} is stored in <${element.name}>`,
    );
  }
  return {
    container: 'svg',
    location,
    spec: spec === 'unknown' ? containerSpec : spec,
    payload,
    payloadKind: payloadKindOf(payload),
    warnings,
  };
}
