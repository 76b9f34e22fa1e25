/**
 * A small lexical scanner for well-formed XML that reports where each start and end tag sits in
 * the text, so that baking can edit the SVG in place and keep every other byte (the prolog,
 * DOCTYPE, comments, formatting) as it was. Well-formedness is checked by saxes beforehand.
 */
import { BadgesmithError } from '../errors.js';

/** One attribute of a start tag; `start`..`end` covers `name="value"`. */
export interface ScannedAttribute {
  name: string;
  /** The value with the five predefined entities and character references decoded. */
  value: string;
  start: number;
  end: number;
}

/** A start tag; `closeStart` is where its `>` or `/>` begins. */
export interface ScannedStartTag {
  kind: 'start';
  name: string;
  attributes: ScannedAttribute[];
  start: number;
  end: number;
  closeStart: number;
  selfClosing: boolean;
}

/** An end tag. */
export interface ScannedEndTag {
  kind: 'end';
  name: string;
  start: number;
  end: number;
}

export type ScannedTag = ScannedStartTag | ScannedEndTag;

/** A processing instruction `<?target data?>`; `start`..`end` covers all of it. */
export interface ScannedInstruction {
  target: string;
  data: string;
  start: number;
  end: number;
}

function malformed(offset: number, what: string): BadgesmithError {
  return new BadgesmithError('ERR_SVG_MALFORMED', `malformed svg at character ${offset}: ${what}`, {
    hint: 'open the file in an XML-aware editor and fix the markup',
  });
}

function skipPast(text: string, from: number, token: string, what: string): number {
  const at = text.indexOf(token, from);
  if (at === -1) throw malformed(from, `unterminated ${what}`);
  return at + token.length;
}

/**
 * Where a `<!DOCTYPE ...>` (or other `<!` declaration) starting at `from` ends, internal subset
 * and quoted strings included; -1 when it never ends.
 */
export function declarationEnd(text: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from + 2; i < text.length; i++) {
    const ch = text[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '>' && depth <= 0) return i + 1;
  }
  return -1;
}

function skipDeclaration(text: string, from: number): number {
  const end = declarationEnd(text, from);
  if (end === -1) throw malformed(from, 'unterminated declaration');
  return end;
}

const NAME_END = /[\s/>=]/;

function readName(text: string, from: number): number {
  let i = from;
  while (i < text.length && !NAME_END.test(text[i] ?? '')) i++;
  return i;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

/** Decodes the predefined entities and character references of an attribute value. */
export function decodeXmlText(raw: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return named[ref] ?? whole;
  });
}

function readStartTag(text: string, start: number): ScannedStartTag {
  const nameEnd = readName(text, start + 1);
  const tag: ScannedStartTag = {
    kind: 'start',
    name: text.slice(start + 1, nameEnd),
    attributes: [],
    start,
    end: 0,
    closeStart: 0,
    selfClosing: false,
  };
  let i = nameEnd;
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith('/>', i) || text[i] === '>') {
      tag.closeStart = i;
      tag.selfClosing = text[i] === '/';
      tag.end = i + (tag.selfClosing ? 2 : 1);
      return tag;
    }
    const attrStart = i;
    const attrNameEnd = readName(text, i);
    if (attrNameEnd === i) throw malformed(i, `unexpected character in <${tag.name}>`);
    i = skipSpace(text, attrNameEnd);
    if (text[i] !== '=') throw malformed(i, `attribute without a value in <${tag.name}>`);
    i = skipSpace(text, i + 1);
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw malformed(i, `unquoted attribute in <${tag.name}>`);
    const valueEnd = text.indexOf(quote, i + 1);
    if (valueEnd === -1) throw malformed(i, `unterminated attribute in <${tag.name}>`);
    tag.attributes.push({
      name: text.slice(attrStart, attrNameEnd),
      value: decodeXmlText(text.slice(i + 1, valueEnd)),
      start: attrStart,
      end: valueEnd + 1,
    });
    i = valueEnd + 1;
  }
}

function readInstruction(text: string, start: number, end: number): ScannedInstruction {
  const inner = text.slice(start + 2, end - 2);
  const targetEnd = inner.search(/\s|$/);
  return { target: inner.slice(0, targetEnd), data: inner.slice(targetEnd).trim(), start, end };
}

/**
 * Every start and end tag of the document, in order; the processing instructions (prolog
 * included) go to `instructions` when it is given.
 */
export function scanTags(text: string, instructions?: ScannedInstruction[]): ScannedTag[] {
  const tags: ScannedTag[] = [];
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    if (text.startsWith('<!--', i)) i = skipPast(text, i + 4, '-->', 'comment');
    else if (text.startsWith('<![CDATA[', i)) i = skipPast(text, i + 9, ']]>', 'CDATA section');
    else if (text.startsWith('<?', i)) {
      const end = skipPast(text, i + 2, '?>', 'processing instruction');
      instructions?.push(readInstruction(text, i, end));
      i = end;
    } else if (text.startsWith('<!', i)) i = skipDeclaration(text, i);
    else if (text.startsWith('</', i)) {
      const end = skipPast(text, i, '>', 'end tag');
      tags.push({ kind: 'end', name: text.slice(i + 2, end - 1).trim(), start: i, end });
      i = end;
    } else {
      const tag = readStartTag(text, i);
      tags.push(tag);
      i = tag.end;
    }
    i = text.indexOf('<', i);
  }
  return tags;
}

/** The prefix and local part of a qualified name. */
export function splitQName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon === -1
    ? { prefix: '', local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}
