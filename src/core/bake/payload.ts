/**
 * Telling credential texts apart by content (notes 1.1 "Extracting", [ours]): JSON starts with
 * `{`, a compact JWS matches the spec's `CompactJws` pattern, a hosted assertion is a URL.
 */
import { COMPACT_JWS } from './constants.js';
import type { BakePayload, ExtractedBadge } from './types.js';

/**
 * The kind of a credential text to bake: JSON when it starts with `{` (after white space), else
 * a compact JWS. The text is kept as given.
 *
 * @example
 * ```ts
 * payloadOf('{"type":["VerifiableCredential"]}').kind; // 'json'
 * ```
 */
export function payloadOf(text: string): BakePayload {
  return { kind: text.trimStart().startsWith('{') ? 'json' : 'jwt', text };
}

/** The kind of an extracted text. */
export function payloadKindOf(text: string): ExtractedBadge['payloadKind'] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return 'json';
  if (COMPACT_JWS.test(trimmed)) return 'jwt';
  if (/^https?:\/\/\S+$/i.test(trimmed)) return 'url';
  return 'unknown';
}

/** Whether a text is a compact JWS. */
export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

/** Parses JSON text to a plain object, or undefined when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON payload of a compact JWS, or undefined when it does not decode. */
export function jwsPayload(jws: string): Record<string, unknown> | undefined {
  const part = jws.split('.')[1];
  if (part === undefined) return undefined;
  return parseJsonObject(Buffer.from(part, 'base64url').toString('utf8'));
}

/**
 * Which Open Badges version a credential text is, from its content alone: OB 3.0 by the OB 3.0
 * context or an `OpenBadgeCredential` / `AchievementCredential` type, OB 2.0 by the OB 2.0
 * context or an `Assertion` type (notes section 0). VCDM 1.1-era JWTs carry it under `vc`.
 */
export function specOfText(text: string): ExtractedBadge['spec'] {
  const trimmed = text.trim();
  const object = trimmed.startsWith('{')
    ? parseJsonObject(trimmed)
    : isCompactJws(trimmed)
      ? jwsPayload(trimmed)
      : undefined;
  if (object === undefined) return 'unknown';
  const inner = isRecord(object.vc) ? object.vc : object;
  return specOfObject(inner);
}

function specOfObject(object: Record<string, unknown>): ExtractedBadge['spec'] {
  const contexts = toStrings(object['@context']);
  const types = toStrings(object.type);
  if (
    contexts.some((c) => c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0')) ||
    types.includes('OpenBadgeCredential') ||
    types.includes('AchievementCredential')
  ) {
    return 'ob3';
  }
  if (
    contexts.some((c) => /^https?:\/\/(w3id\.org\/openbadges|openbadgespec\.org)/.test(c)) ||
    types.includes('Assertion')
  ) {
    return 'ob2';
  }
  return 'unknown';
}

function toStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Whether a JSON object looks like a badge credential at all (OB 3.0, OB 2.0 or the older
 * OB 1.0 assertion shape), so that an unrelated JSON file is not taken for one.
 */
export function looksLikeCredential(object: Record<string, unknown>): boolean {
  const keys = ['@context', 'type', 'credentialSubject', 'recipient', 'badge', 'verify', 'proof'];
  return keys.some((key) => key in object);
}
