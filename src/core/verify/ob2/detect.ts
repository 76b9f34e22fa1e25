/**
 * Telling OB 2.0 (and older) payloads apart from OB 3.0 ones (notes sections 1.3 and 6): the
 * OB 2.0 context or an `Assertion` type; a compact JWS whose payload is such an assertion; a bare
 * URL (a hosted assertion); or the pre-2.0 shapes (no context, `verify.url`, `uid`).
 */
import type { ExtractedBadge } from '../../bake/index.js';
import { isObject, many, str, typesOf, type Json } from './json.js';

/** What an OB 2.0-era payload is, with the parts verification needs. */
export type Ob2Form =
  | { form: 'signed'; token: string; header: Json; assertion: Json }
  | { form: 'assertion'; assertion: Json }
  | { form: 'url'; url: string }
  | { form: 'document'; document: Json }
  | { form: 'legacy'; assertion: Json; version: string; url?: string };

const OB2_CONTEXT_PATTERN = /^https?:\/\/(w3id\.org\/openbadges|openbadgespec\.org)/u;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string | undefined): unknown {
  if (segment === undefined || !/^[A-Za-z0-9_-]*$/u.test(segment)) return undefined;
  return parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** Whether a JSON-LD `@context` (string, inline object or array) is the OB 2.0 one, or like it. */
function hasOb2Context(doc: Json): boolean {
  return many(doc['@context']).some((context) => {
    if (typeof context === 'string') return OB2_CONTEXT_PATTERN.test(context);
    // An inline copy of the OB 2.0 context maps its terms into the obi vocabulary.
    return (
      isObject(context) && Object.values(context).some((v) => v === 'https://w3id.org/openbadges#')
    );
  });
}

/** Whether a JSON object is an OB 2.0 document (assertion, BadgeClass, profile…). */
export function isOb2Document(doc: Json): boolean {
  if (hasOb2Context(doc)) return !isOb1Context(doc);
  return typesOf(doc).includes('Assertion');
}

function isOb1Context(doc: Json): boolean {
  return many(doc['@context']).some((c) => typeof c === 'string' && /openbadges\/v1\b/u.test(c));
}

/** The pre-2.0 assertion shapes: OB 1.0/1.1 (`uid`, `verify.url`) and 0.5 (recipient string). */
function legacyOf(doc: Json): Ob2Form | undefined {
  const verify = isObject(doc.verify) ? doc.verify : undefined;
  const url = str(verify?.url);
  if (isOb1Context(doc))
    return { form: 'legacy', assertion: doc, version: '1.1', ...(url ? { url } : {}) };
  if (doc['@context'] !== undefined) return undefined;
  if (verify !== undefined || typeof doc.uid === 'string') {
    return { form: 'legacy', assertion: doc, version: '1.0', ...(url ? { url } : {}) };
  }
  if (typeof doc.recipient === 'string' && isObject(doc.badge)) {
    return { form: 'legacy', assertion: doc, version: '0.5' };
  }
  return undefined;
}

function jsonForm(doc: Json): Ob2Form | undefined {
  const legacy = legacyOf(doc);
  if (legacy !== undefined) return legacy;
  if (!isOb2Document(doc)) return undefined;
  return typesOf(doc).includes('Assertion')
    ? { form: 'assertion', assertion: doc }
    : { form: 'document', document: doc };
}

/**
 * The OB 2.0 form of an extracted payload, or undefined when it is not OB 2.0 (OB 3.0, or not a
 * badge at all: those go to the OB 3.0 checks).
 *
 * @example ob2FormOf(extracted.badge)?.form // 'signed' for an OB 2.0 JWS
 */
export function ob2FormOf(badge: ExtractedBadge): Ob2Form | undefined {
  const text = badge.payload.trim();
  if (badge.payloadKind === 'url') return { form: 'url', url: text };
  if (text.startsWith('{')) {
    const doc = parse(text);
    return isObject(doc) ? jsonForm(doc) : undefined;
  }
  const parts = text.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (!isObject(header) || !isObject(payload) || isObject(payload.vc)) return undefined;
  if (!isOb2Document(payload)) return undefined;
  return { form: 'signed', token: text, header, assertion: payload };
}
