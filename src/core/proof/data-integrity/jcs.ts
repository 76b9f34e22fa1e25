/**
 * JSON Canonicalization Scheme (RFC 8785), the canonical form `eddsa-jcs-2022` hashes (DI-EDDSA
 * section 3.2). Numbers and strings are written as ECMAScript's JSON.stringify writes them,
 * which is what RFC 8785 sections 3.2.2.2 and 3.2.2.3 prescribe; object members are sorted by
 * their names as UTF-16 code units (section 3.2.3), which is JavaScript's default string order.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Section 3.2.2.3: NaN and the infinities have no JSON form.
    if (!Number.isFinite(value)) throw new TypeError('jcs: a number must be finite');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`jcs: a ${typeof value} has no json form`);
}
