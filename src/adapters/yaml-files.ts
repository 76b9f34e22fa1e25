import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { BadgesmithError, type ErrorCode } from '../core/errors.js';
import { rosterConfigProblem } from './roster-config.js';
import { readYamlDocument } from './yaml-document.js';
import { describeSchemaError } from './yaml-hints.js';

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

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

function nodeAt(doc: Document, path: string[], key?: string): unknown {
  let node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isNode(item.key) && String(item.key.toJSON()) === key);
    if (pair !== undefined) node = pair.key;
  }
  return node;
}

function positionOf(doc: Document, lines: LineCounter, path: string[], key?: string): string {
  const node = nodeAt(doc, path, key);
  const offset =
    isNode(node) && node.range !== undefined && node.range !== null ? node.range[0] : 0;
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}

// An unknown key that only holds an anchor (`base: &b …`, for `*b` later): there is no such
// place in our files, so say where the anchor can go instead.
function anchorHolderHint(doc: Document, path: string[], key?: string): string | undefined {
  if (key === undefined) return undefined;
  const value: unknown = doc.getIn([...path, key], true);
  const anchor = isNode(value) ? value.anchor : undefined;
  if (anchor === undefined) return undefined;
  return `remove \`${key}\`: a file has no place for a value kept only for its anchor; put \`&${anchor}\` on the first field that has the value, then \`*${anchor}\` where it repeats`;
}

// What to write in a file with no fields at all (empty, or a list or text at the top).
const TOP_LEVEL_HINTS: Record<YamlKind, string> = {
  achievement:
    'write at least `name: Intro to Python`, `description: <text>` and `criteria: { narrative: <what the earner did> }`, one per line',
  config:
    'write `issuer: { id: did:web:example.org, name: Example Lab }` and `keys: { private: keys/issuer.private.jwk.json }`, one per line, or run `badgesmith init`',
};

/** A problem a JSON Schema cannot express: the field's path, what is wrong, and the fix. */
export interface YamlFieldProblem {
  path: string[];
  problem: string;
  hint: string;
}

/**
 * Parses one of our YAML files and checks it against its JSON Schema, then with `check` (for
 * rules beyond the schema). A syntax error is ERR_YAML_SYNTAX (or ERR_YAML_TOO_LARGE and the
 * other limits of {@link readYamlDocument}); a schema or `check` error is
 * ERR_ACHIEVEMENT_INVALID or ERR_CONFIG_INVALID. All name `file:line:column`, and the hint says
 * what to write.
 */
export function parseYamlFile<T>(
  text: string,
  file: string,
  kind: YamlKind,
  check?: (value: T) => YamlFieldProblem | undefined,
): T {
  const { doc, lines, value } = readYamlDocument(text, file);
  const { code, what } = KINDS[kind];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const problem =
      value === null || value === undefined
        ? 'the file is empty'
        : `the file must be a map of fields (\`name: value\` lines), not ${Array.isArray(value) ? 'a list' : 'a single value'}`;
    throw new BadgesmithError(code, `${what} '${file}:1:1': ${problem}`, {
      hint: TOP_LEVEL_HINTS[kind],
    });
  }
  const validate = validatorFor(kind);
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const error = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
    if (error === undefined) throw new BadgesmithError(code, `${what} '${file}' is not valid`);
    const path = pointerToPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const key =
      error.keyword === 'additionalProperties'
        ? String(params.additionalProperty)
        : error.propertyName;
    const where = `${file}:${positionOf(doc, lines, path, key)}`;
    const node = nodeAt(doc, path);
    const source = isScalar(node) && key === undefined ? node.source : undefined;
    const { problem, hint } = describeSchemaError(error, {
      path,
      ...(source === undefined ? {} : { source }),
    });
    throw new BadgesmithError(code, `${what} '${where}': ${problem}`, {
      hint: anchorHolderHint(doc, path, key) ?? hint,
    });
  }
  const found = KINDS[kind].check?.(value) ?? check?.(value as T);
  if (found !== undefined) {
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
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return `${file}:${positionOf(doc, lines, path, key)}`;
}
