import type { ErrorObject } from 'ajv/dist/2020.js';
import { closestName } from '../core/model/closest-name.js';

// What to write for a field that is missing or wrong, always a value of the right type; used in
// hints. A dotted path (issuer.url) is looked up before the bare field name, for fields that
// mean different things in places.
const EXAMPLES: Record<string, string> = {
  'issuer.url': 'https://example.org',
  'issuer.image': 'https://example.org/logo.png',
  'issuer.id': 'did:web:example.org',
  'issuer.name': 'Example Lab',
  'keys.kid': 'did:web:example.org#key-1',
  'defaults.output': 'out',
  name: '<text>',
  description: '<text>',
  criteria: '{ narrative: <what the earner did> }',
  narrative: '<what the earner did>',
  url: 'https://example.org/criteria',
  imageUrl: 'https://example.org/badge.png',
  id: 'https://example.org/id or did:web:example.org',
  targetName: '<name of the skill or standard>',
  targetUrl: 'https://example.org/framework/skill',
  image: 'badge.png',
  template: '../templates/badge.svg',
  achievementType: 'Badge (or ext:YourTerm)',
  language: 'en',
  validFor: 'P1Y',
  tags: '[workshop, python]',
  alignment: '[{ targetName: <skill>, targetUrl: https://example.org/framework/skill }]',
  level: '1',
  version: '"1.0"',
  creditsAvailable: '3',
  humanCode: 'PY-101',
  fieldOfStudy: 'Computer Science',
  specialization: 'Data Analysis',
  issuer: '{ id: <issuer id>, name: <text> }',
  keys: '{ private: keys/issuer.private.jwk.json }',
  private: 'keys/issuer.private.jwk.json',
  email: 'badges@example.org',
  alg: 'ES256',
  format: 'png',
  proof: 'jwt',
  recipientName: 'false',
  defaults: '{ format: png }',
  roster: '{ ignore: ["Notes"] }',
  map: '{ email: E-mail Address }',
  'roster.ignore': '["Issuer", "Notes"]',
};

// What a schema `pattern` means, said in words: the regex itself helps no one.
const PATTERNS: Record<string, { problem: string; hint?: string }> = {
  achievementType: {
    problem: 'is not an OB 3.0 achievement type',
    hint: 'write `achievementType: Badge`, or another OB 3.0 type (Certificate, Course, Competency, MicroCredential, …), or your own as `ext:YourTerm`',
  },
  language: { problem: 'is not a language tag like en or en-GB' },
  validFor: {
    problem: 'is not a duration like P1Y, P6M, P2W or P30D (years, months, weeks, days)',
  },
  image: { problem: 'must name a .png or .svg file' },
  template: { problem: 'must name an .svg file' },
  'issuer.id': { problem: 'must be a did:web, a did:key or an https url' },
};

const FORMATS: Record<string, string> = {
  uri: 'must be an absolute url (https://…)',
  email: 'must be an e-mail address',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map of fields',
  array: 'a list',
  null: 'empty',
};

/** The field's path and the YAML source of its value, for hints that rewrite what was written. */
export interface HintContext {
  path: string[];
  /** The value as written in the file (`1.0`, `a, b`), when it is a scalar. */
  source?: string;
}

/** A problem and its fix, the two parts of a YAML error. */
export interface Described {
  problem: string;
  hint: string;
}

/** `issuer.url`, or `(top level)` for the file itself. */
export function fieldName(path: string[], extra?: string): string {
  const parts = extra === undefined ? path : [...path, extra];
  return parts.length === 0 ? '(top level)' : parts.join('.');
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function typeHint(error: ErrorObject, name: string, example: string, source?: string): string {
  const want = (error.params as { type?: unknown }).type;
  const types = Array.isArray(want) ? want.map(String) : [String(want)];
  const data: unknown = error.data;
  const scalar = typeof data === 'number' || typeof data === 'boolean';
  if (types.includes('string') && source !== undefined && source !== '' && scalar) {
    return `write \`${name}: "${source.replace(/"/gu, '\\"')}"\` (in quotes, so yaml reads it as text)`;
  }
  if (types.includes('string') && Array.isArray(data) && data.length === 1) {
    const only: unknown = data[0];
    if (typeof only === 'string' || typeof only === 'number') {
      return `write \`${name}: ${String(only)}\` (one value, not a list)`;
    }
  }
  if (types.includes('boolean')) return `write \`${name}: true\` or \`${name}: false\``;
  if (types.includes('array') && typeof data === 'string') {
    const items = data
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    // An item with a YAML indicator in it (`:`, `#`, a bracket) is quoted, so the hint is valid.
    const written = items.map((item) =>
      /^[\p{L}\p{N}][\p{L}\p{N} ._@/-]*$/u.test(item) ? item : JSON.stringify(item),
    );
    if (items.length > 0) return `write \`${name}: [${written.join(', ')}]\` (a list in brackets)`;
  }
  return `write \`${name}: ${example}\``;
}

/** The closest allowed value to what was written, or the first; for enum hints. */
function enumExample(allowed: string[], data: unknown): string {
  return (typeof data === 'string' ? closestName(data, allowed) : undefined) ?? allowed[0] ?? '';
}

/** The known field closest to a misspelt one, never one the map already has. */
function closestField(extra: string, error: ErrorObject): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  const data: unknown = error.data;
  const present = new Set(typeof data === 'object' && data !== null ? Object.keys(data) : []);
  return closestName(
    extra,
    Object.keys(properties ?? {}).filter((name) => !present.has(name)),
  );
}

function unknownKey(error: ErrorObject, path: string[]): Described {
  const params = error.params as Record<string, unknown>;
  const key = String(error.propertyName);
  const allowed = (params.allowedValues as unknown[]).map(String);
  const meant = closestName(key, allowed);
  const takes = `\`${fieldName(path)}\` takes ${allowed.join(', ')}`;
  return {
    problem: `unknown key '${fieldName(path, key)}'${meant === undefined ? '' : ` (did you mean '${meant}'?)`}`,
    hint: meant === undefined ? takes : `rename \`${key}\` to \`${meant}\`; ${takes}`,
  };
}

/**
 * A schema error in words: what is wrong with the field, and a hint that says what to write,
 * with a value of the right type (the user's own value quoted or in brackets where that is the
 * fix).
 */
export function describeSchemaError(error: ErrorObject, context: HintContext): Described {
  const { path } = context;
  const last = path[path.length - 1] ?? '';
  const isItem = /^\d+$/u.test(last);
  // An item of a list (roster.ignore.0): the fix is written on the list's own line.
  const [name, parent] = isItem
    ? [path.at(-2) ?? '', path.slice(0, -2)]
    : [last, path.slice(0, -1)];
  const example = (field: string, at: string[]): string =>
    EXAMPLES[[...at, field].join('.')] ?? EXAMPLES[field] ?? '<value>';
  const write = `write \`${name}: ${example(name, parent)}\``;
  const field = `field '${fieldName(path)}'`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && error.propertyName !== undefined) return unknownKey(error, path);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        problem: `missing required field '${fieldName(path, missing)}'`,
        hint: `add \`${missing}: ${example(missing, path)}\``,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const meant = closestField(extra, error);
      if (meant !== undefined) {
        return {
          problem: `unknown field '${fieldName(path, extra)}' (did you mean '${meant}'?)`,
          hint: `rename \`${extra}\` to \`${meant}\``,
        };
      }
      return {
        problem: `unknown field '${fieldName(path, extra)}'`,
        hint: `remove \`${extra}\` or check its spelling`,
      };
    }
    case 'minProperties':
    case 'minItems':
      return { problem: `${field} is empty`, hint: write };
    case 'minLength':
      if (params.limit === 1) return { problem: `${field} is empty`, hint: write };
      break;
    case 'type': {
      const hint = isItem ? write : typeHint(error, name, example(name, parent), context.source);
      return { problem: `${field} must be ${typeWords(params.type)}`, hint };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        problem: `${field} must be one of ${allowed.join(', ')}`,
        hint: `write \`${name}: ${enumExample(allowed, error.data)}\``,
      };
    }
    case 'minimum':
      return { problem: `${field} must be ${String(params.limit)} or more`, hint: write };
    case 'pattern': {
      const meaning = PATTERNS[path.join('.')] ?? PATTERNS[last];
      return {
        problem: `${field} ${meaning?.problem ?? 'is not in the form this field takes'}`,
        hint: meaning?.hint ?? write,
      };
    }
    case 'format':
      return {
        problem: `${field} ${FORMATS[String(params.format)] ?? `must be a ${String(params.format)}`}`,
        hint: write,
      };
    default:
      break;
  }
  return { problem: `${field} ${error.message ?? 'is not valid'}`, hint: write };
}
