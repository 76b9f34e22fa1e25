/** Small readers for OB 2.0 JSON: values that may be a string, an object or an array of them. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A single value or an array of them, as an array. */
export function many(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The strings of `type` (a string or an array). */
export function typesOf(doc: Json): string[] {
  return many(doc.type).filter((t): t is string => typeof t === 'string');
}

/** An IRI given as a string, or the `id` of an embedded object. */
export function iriOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) ? str(value.id) : undefined;
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether `value` is an absolute IRI (a URL with a scheme, `urn:uuid:…` included). */
export function isIri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/iu.test(value);
}

/** JSON equality, ignoring the order of object members. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
