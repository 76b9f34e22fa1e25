import { stat } from 'node:fs/promises';
import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { BadgesmithError } from '../core/errors.js';
import { readInputText } from './files.js';

/**
 * The largest YAML file badgesmith reads. Its files are written by hand and are a few kilobytes;
 * a bigger one is refused before it is parsed, so a generated or wrong file cannot take minutes.
 */
export const MAX_YAML_BYTES = 1024 * 1024;

/** How deeply a YAML file may nest maps and lists; badgesmith's own files need four levels. */
export const MAX_YAML_DEPTH = 64;

/** A parsed YAML file: its document (for positions), line table and plain value. */
export interface YamlDocument {
  doc: Document;
  lines: LineCounter;
  value: unknown;
}

function at(file: string, lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `${file}:${line}:${col}`;
}

function startOf(node: unknown): number {
  return isNode(node) && node.range !== undefined && node.range !== null ? node.range[0] : 0;
}

function tooLarge(file: string, bytes: number): BadgesmithError {
  return new BadgesmithError(
    'ERR_YAML_TOO_LARGE',
    `'${file}' is ${bytes} bytes, more than the ${MAX_YAML_BYTES} a badgesmith yaml file may be`,
    {
      hint: 'an achievement or badgesmith.yaml is a few kilobytes: check that this is the right file, and link long texts with `criteria: { url: https://… }`',
    },
  );
}

/**
 * Reads a YAML file of ours, refusing one over {@link MAX_YAML_BYTES} before reading it.
 * `what` names its role in messages ("achievement", "config").
 */
export async function readYamlText(path: string, what: string): Promise<string> {
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch {
    // A missing or unreadable file is named by readInputText, with its own hint.
  }
  if (size > MAX_YAML_BYTES) throw tooLarge(path, size);
  return readInputText(path, what);
}

interface Walked {
  /** The first alias of each anchor name, to name where an alias that fails is. */
  aliases: Map<string, Node>;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(isNode(key) ? key.toJSON() : key);
}

/**
 * One pass over the nodes, without recursion (a deep file cannot overflow the stack here):
 * nesting depth, duplicate keys and merge keys, each named at its line. The parser's own
 * duplicate check compares every key with every other (16 s for 40,000 keys), so it is off and
 * this one keeps a set per map.
 */
function walk(doc: Document, file: string, lines: LineCounter): Walked {
  const aliases = new Map<string, Node>();
  const stack: { node: unknown; depth: number; path: string[] }[] = [
    { node: doc.contents, depth: 0, path: [] },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, depth, path } = next;
    if (isAlias(node)) {
      const known = aliases.get(node.source);
      if (known === undefined || startOf(known) > startOf(node)) aliases.set(node.source, node);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_YAML_DEPTH) {
      throw new BadgesmithError(
        'ERR_YAML_TOO_DEEP',
        `'${at(file, lines, startOf(node))}': yaml nesting is too deep (more than ${MAX_YAML_DEPTH} levels of maps and lists)`,
        {
          hint: 'badgesmith files nest a few levels (`criteria:` then `narrative:`): check that this is the right file',
        },
      );
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) =>
        stack.push({ node: item, depth: depth + 1, path: [...path, String(i)] }),
      );
      continue;
    }
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const name = keyText(pair.key);
      const offset = startOf(pair.key);
      const field = [...path, name].join('.');
      if (name === '<<' && isScalar(pair.key) && pair.key.source === '<<') {
        throw new BadgesmithError(
          'ERR_YAML_UNSUPPORTED',
          `'${at(file, lines, offset)}': yaml merge keys ('<<') are not supported`,
          {
            hint: 'write the fields out in this map; an alias of a whole value (`criteria: *base`) works',
          },
        );
      }
      const first = seen.get(name);
      if (first !== undefined) {
        const { line } = lines.linePos(first);
        throw new BadgesmithError(
          'ERR_YAML_DUPLICATE_KEY',
          `'${at(file, lines, offset)}': duplicate key '${field}' (also at line ${line})`,
          { hint: `keep one \`${name}:\` line and delete the other` },
        );
      }
      seen.set(name, offset);
      if (isAlias(pair.key)) stack.push({ node: pair.key, depth, path });
      stack.push({ node: pair.value, depth: depth + 1, path: [...path, name] });
    }
  }
  return { aliases };
}

function syntaxError(doc: Document, file: string): BadgesmithError | undefined {
  const syntax = doc.errors[0];
  if (syntax === undefined) return undefined;
  const pos = syntax.linePos?.[0];
  const where = pos === undefined ? file : `${file}:${pos.line}:${pos.col}`;
  if (syntax.code === 'RESOURCE_EXHAUSTION') {
    // The parser recurses per level and runs out of stack near 800 levels (yaml 2).
    return new BadgesmithError(
      'ERR_YAML_TOO_DEEP',
      `'${where}': yaml nesting is too deep for the parser (more than ${MAX_YAML_DEPTH} levels of maps and lists)`,
      {
        hint: 'badgesmith files nest a few levels (`criteria:` then `narrative:`): check that this is the right file',
      },
    );
  }
  const reason = syntax.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '');
  return new BadgesmithError('ERR_YAML_SYNTAX', `'${where}': yaml syntax error: ${reason ?? ''}`, {
    hint: 'check indentation and quoting at that line; quote values that contain `: ` or `#`',
  });
}

// toJS expands aliases; yaml 2 refuses past maxAliasCount (100) expansions, the "billion laughs"
// defence, and refuses an alias whose anchor is not above it.
function valueOf(doc: Document, file: string, lines: LineCounter, walked: Walked): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias.*: (\S+)$/u.exec(message)?.[1];
    const first = [...walked.aliases.values()].sort((a, b) => startOf(a) - startOf(b))[0];
    const alias = walked.aliases.get(unresolved ?? '') ?? first;
    const where = alias === undefined ? file : at(file, lines, startOf(alias));
    if (unresolved !== undefined) {
      throw new BadgesmithError(
        'ERR_YAML_SYNTAX',
        `'${where}': yaml alias '*${unresolved}' names no anchor above it`,
        { hint: `put \`&${unresolved}\` on a value above this line, or write the value out` },
      );
    }
    if (/alias count/u.test(message)) {
      throw new BadgesmithError(
        'ERR_YAML_TOO_LARGE',
        `'${where}': yaml aliases expand too far (more than 100 copies, as in a "billion laughs" file)`,
        { hint: 'write the values out instead of reusing anchors (`*name`) inside other anchors' },
      );
    }
    throw new BadgesmithError('ERR_YAML_SYNTAX', `'${where}': yaml cannot be read: ${message}`, {
      hint: 'check the anchors (`&name`) and aliases (`*name`) in the file',
      cause: error,
    });
  }
}

/**
 * Parses one of our YAML files with the limits its hand-written size allows: at most
 * {@link MAX_YAML_BYTES}, {@link MAX_YAML_DEPTH} levels, no duplicate or merge keys, aliases
 * expanding to at most 100 copies. Each refusal is exit 65 and names `file:line:column`.
 *
 * @example readYamlDocument('name: Intro\n', 'intro.yaml').value // { name: 'Intro' }
 */
export function readYamlDocument(text: string, file: string): YamlDocument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_BYTES) throw tooLarge(file, bytes);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false });
  const syntax = syntaxError(doc, file);
  if (syntax !== undefined) throw syntax;
  const walked = walk(doc, file, lines);
  return { doc, lines, value: valueOf(doc, file, lines, walked) };
}
