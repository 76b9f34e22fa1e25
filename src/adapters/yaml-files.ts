import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { BadgesmithError, type ErrorCode } from '../core/errors.js';
import { closestName } from '../core/model/closest-name.js';
import { rosterConfigProblem } from './roster-config.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Which of our own YAML formats a file is, and what to call it in messages. */
export type YamlKind = 'achievement' | 'config';

interface KindRules {
  schema: string;
  code: ErrorCode;
  what: string;
  /** Rules beyond the schema that every file of the kind must keep. */
  check?: (value: unknown) => YamlFieldProblem | undefined;
}

const KINDS: Record<YamlKind, KindRules> = {
  achievement: {
    schema: 'achievement.schema.json',
    code: 'ERR_ACHIEVEMENT_INVALID',
    what: 'achievement',
  },
  config: {
    schema: 'config.schema.json',
    code: 'ERR_CONFIG_INVALID',
    what: 'config',
    check: rosterConfigProblem,
  },
};

const validators = new Map<YamlKind, ValidateFunction>();

/** The JSON Schema of one of our formats, from `schemas/` (shipped with the package). */
export function loadSchema(kind: YamlKind): Record<string, unknown> {
  const url = new URL(`../../schemas/${KINDS[kind].schema}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

function validatorFor(kind: YamlKind): ValidateFunction {
  let validate = validators.get(kind);
  if (validate === undefined) {
    // All errors, so that an unknown (often misspelt) key is reported before the field it was
    // meant to be, which is then missing.
    const ajv = addFormats(
      new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }),
    );
    validate = ajv.compile(loadSchema(kind));
    validators.set(kind, validate);
  }
  return validate;
}

// What to write for a field that is missing or wrong; used in hints. A dotted path (issuer.url)
// is looked up before the bare field name, for fields that mean different things in places.
const EXAMPLES: Record<string, string> = {
  'issuer.url': 'https://example.org',
  'issuer.image': 'https://example.org/logo.png',
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
  issuer: '{ id: <issuer id>, name: <text> }',
  keys: '{ private: keys/issuer.private.jwk.json }',
  private: 'keys/issuer.private.jwk.json',
  email: 'badges@example.org',
  alg: 'ES256',
  format: 'png',
  proof: 'jwt',
  'roster.ignore': '["Issuer", "Notes"]',
};

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

function fieldName(path: string[], extra?: string): string {
  const parts = extra === undefined ? path : [...path, extra];
  return parts.length === 0 ? '(top level)' : parts.join('.');
}

function positionOf(doc: Document, lines: LineCounter, path: string[], key?: string): string {
  let node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isNode(item.key) && String(item.key.toJSON()) === key);
    if (pair !== undefined) node = pair.key;
  }
  const offset =
    isNode(node) && node.range !== undefined && node.range !== null ? node.range[0] : 0;
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}

/** The known field closest to a misspelt one (at most two edits away, case aside). */
function closestField(extra: string, error: ErrorObject): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  return closestName(extra, Object.keys(properties ?? {}));
}

function describe(error: ErrorObject, path: string[]): { problem: string; hint: string } {
  const last = path[path.length - 1] ?? '';
  const example = (name: string, at: string[] = path.slice(0, -1)): string =>
    EXAMPLES[[...at, name].join('.')] ?? EXAMPLES[name] ?? '<value>';
  const params = error.params as Record<string, unknown>;
  // An item of a list (roster.ignore.0): the fix is written on the list's own line.
  const write = /^\d+$/u.test(last)
    ? `write \`${path.at(-2) ?? ''}: ${example(path.at(-2) ?? '', path.slice(0, -2))}\``
    : `write \`${last}: ${example(last)}\``;
  // A key outside a propertyNames enum (roster.map's fields): name the key, not the map.
  if (error.keyword === 'enum' && error.propertyName !== undefined) {
    const allowed = (params.allowedValues as unknown[]).map(String);
    const meant = closestName(error.propertyName, allowed);
    const takes = `\`${fieldName(path)}\` takes ${allowed.join(', ')}`;
    return {
      problem: `unknown key '${fieldName(path, error.propertyName)}'${meant === undefined ? '' : ` (did you mean '${meant}'?)`}`,
      hint:
        meant === undefined ? takes : `rename \`${error.propertyName}\` to \`${meant}\`; ${takes}`,
    };
  }
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
      return { problem: `field '${fieldName(path)}' is empty`, hint: write };
    case 'minLength':
      if (params.limit === 1)
        return { problem: `field '${fieldName(path)}' is empty`, hint: write };
      break;
    case 'type':
      if (params.type === 'array') {
        return { problem: `field '${fieldName(path)}' must be a list`, hint: write };
      }
      break;
    default:
      break;
  }
  return {
    problem: `field '${fieldName(path)}' ${error.message ?? 'is not valid'}`,
    hint: write,
  };
}

/** A problem a JSON Schema cannot express: the field's path, what is wrong, and the fix. */
export interface YamlFieldProblem {
  path: string[];
  problem: string;
  hint: string;
}

/**
 * Parses one of our YAML files and checks it against its JSON Schema, then with `check` (for
 * rules beyond the schema). A syntax error is ERR_YAML_SYNTAX; a schema or `check` error is
 * ERR_ACHIEVEMENT_INVALID or ERR_CONFIG_INVALID. All name `file:line:column`, and the hint says
 * what to write.
 */
export function parseYamlFile<T>(
  text: string,
  file: string,
  kind: YamlKind,
  check?: (value: T) => YamlFieldProblem | undefined,
): T {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = syntax.linePos?.[0];
    const where = pos === undefined ? file : `${file}:${pos.line}:${pos.col}`;
    const reason = syntax.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '');
    throw new BadgesmithError('ERR_YAML_SYNTAX', `'${where}': yaml syntax error: ${reason ?? ''}`, {
      hint: 'check indentation and quoting at that line; quote values that contain `: ` or `#`',
    });
  }
  const value: unknown = doc.toJS();
  const validate = validatorFor(kind);
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const error = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
    const { code, what } = KINDS[kind];
    if (error === undefined) throw new BadgesmithError(code, `${what} '${file}' is not valid`);
    const path = pointerToPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const key =
      error.keyword === 'additionalProperties'
        ? String(params.additionalProperty)
        : error.propertyName;
    const where = `${file}:${positionOf(doc, lines, path, key)}`;
    const { problem, hint } = describe(error, path);
    throw new BadgesmithError(code, `${what} '${where}': ${problem}`, { hint });
  }
  const found = KINDS[kind].check?.(value) ?? check?.(value as T);
  if (found !== undefined) {
    const { code, what } = KINDS[kind];
    const where = `${file}:${positionOf(doc, lines, found.path)}`;
    throw new BadgesmithError(code, `${what} '${where}': ${found.problem}`, { hint: found.hint });
  }
  return value as T;
}

/**
 * Where a field of a YAML file is, as `file:line:column`, for an error found after the file was
 * loaded (a command-line option at odds with it). With `key`, the position of that key in the map
 * at `path`; the file's start if the field is not there.
 *
 * @example yamlFieldPosition(text, 'badgesmith.yaml', ['roster', 'ignore', '0']) // 'badgesmith.yaml:9:7'
 */
export function yamlFieldPosition(
  text: string,
  file: string,
  path: string[],
  key?: string,
): string {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return `${file}:${positionOf(doc, lines, path, key)}`;
}
