import {
  canonicalize,
  canonicalizeExpanded,
  expandSafely,
  type CanonicalizeResult,
} from './canonicalize.js';
import { cachesOf, type ExpandedTemplate } from './resolver-cache.js';
import type { ContextResolver } from './types.js';

type Path = (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one place where two expansions differ, when it is the `@value` of a value object holding
 * `a` in one and `b` in the other; `undefined` when they differ anywhere else, or more.
 */
export function valuePathBetween(
  left: unknown,
  right: unknown,
  a: string,
  b: string,
): Path | undefined {
  const found: Path[] = [];
  const walk = (x: unknown, y: unknown, path: Path): boolean => {
    if (Array.isArray(x) && Array.isArray(y)) {
      return x.length === y.length && x.every((item, i) => walk(item, y[i], [...path, i]));
    }
    if (isObject(x) && isObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length || !keys.every((key) => key in y)) return false;
      if (x['@value'] === a && y['@value'] === b && !('@id' in x)) {
        found.push(path);
        return keys.every((key) => key === '@value' || walk(x[key], y[key], [...path, key]));
      }
      return keys.every((key) => walk(x[key], y[key], [...path, key]));
    }
    return x === y;
  };
  return walk(left, right, []) && found.length === 1 ? found[0] : undefined;
}

/** `expanded` with `value` as the `@value` at `path`, copying only the objects on the way. */
export function withValueAt(expanded: unknown, path: Path, value: string): unknown {
  if (path.length === 0) return { ...(expanded as Json), '@value': value };
  const [step, ...rest] = path;
  if (Array.isArray(expanded)) {
    const copy = [...(expanded as unknown[])];
    copy[step as number] = withValueAt(copy[step as number], rest, value);
    return copy;
  }
  const copy = { ...(expanded as Json) };
  copy[step as string] = withValueAt(copy[step as string], rest, value);
  return copy;
}

// Another valid dateTime, so that the second expansion differs from the first only there.
const otherCreated = (created: string): string =>
  created === '2000-01-01T00:00:00Z' ? '2000-01-01T00:00:01Z' : '2000-01-01T00:00:00Z';

async function templateFor(
  config: Json,
  created: string,
  resolver: ContextResolver,
): Promise<ExpandedTemplate | null | undefined> {
  const first = await expandSafely(config, resolver);
  const second = await expandSafely({ ...config, created: otherCreated(created) }, resolver);
  if (!first.ok || !second.ok) return undefined;
  const path = valuePathBetween(first.expanded, second.expanded, created, otherCreated(created));
  return path === undefined ? null : { expanded: first.expanded, path };
}

/**
 * The canonical form of a proof configuration in safe mode, expanding it only once per
 * configuration that differs in nothing but `created` (DI-EDDSA section 3.3.5). Sound because
 * JSON-LD expands a string value of a term that is not `@id`- or `@vocab`-typed to a value
 * object whose only dependence on the string is its `@value` (JSON-LD 1.1 API section 5.3.2,
 * Value Expansion): two expansions with two `created` values must differ exactly there, or the
 * configuration is canonicalised whole every time.
 */
export async function canonicalizeProofConfig(
  config: Json,
  resolver: ContextResolver,
): Promise<CanonicalizeResult> {
  const { created, ...rest } = config;
  if (typeof created !== 'string') return canonicalize(config, resolver);
  const { templates } = cachesOf(resolver);
  const key = JSON.stringify(rest);
  let template = templates.get(key);
  if (template === undefined) {
    const made = await templateFor(config, created, resolver);
    if (made === undefined) return canonicalize(config, resolver);
    template = made;
    templates.set(key, template);
  }
  if (template === null) return canonicalize(config, resolver);
  const expanded = withValueAt(template.expanded, template.path, created) as unknown[];
  return canonicalizeExpanded(expanded, resolver);
}
