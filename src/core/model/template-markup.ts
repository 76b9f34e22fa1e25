/**
 * Checks on a badge template's markup, made once before anything is signed: it must be
 * well-formed XML without DTD entities (saxes, as baking reads it), and a placeholder may not
 * sit where an earner's value would become a reference the badge loads or links to. Hygiene
 * (svg-hygiene.ts) cleans the artwork as written; a value filled in per row must not bring a
 * reference of its own, so `<a href="{{recipient.name}}">` is refused here ([ours]).
 */
import { SaxesParser } from 'saxes';

/** Where and why a template cannot be used, with the fix. */
export interface MarkupProblem {
  line: number;
  column: number;
  problem: string;
  hint: string;
}

// Attributes whose value is a URL, or can hold one: links and sources (SVG 2 section 16.1, HTML
// `ping` and `action` on foreign content), `xml:base`, which changes how every other link
// resolves, styles, and the presentation attributes that take a `url()` paint or resource
// (SVG 2 sections 13.2, 13.7, 14.3, 15.3). Event handlers run script.
const REFERENCE_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'ping',
  'base',
  'style',
  'fill',
  'stroke',
  'clip-path',
  'mask',
  'filter',
  'marker',
  'marker-start',
  'marker-mid',
  'marker-end',
  'cursor',
]);

// Elements whose whole content is code or style: text filled in there is not text.
const CODE_ELEMENTS = new Set(['style', 'script']);

/** Animation elements (SVG 2 section 19.2): any of their attributes can set a link. */
const ANIMATION = /^(set|animate[a-z]*)$/i;

// A DOCTYPE with an internal subset: the entities it declares are never expanded (saxes does
// not read DTDs), so every reference to one would fail each row.
const INTERNAL_SUBSET =
  /^\s*\S+(?:\s+(?:PUBLIC|SYSTEM)\s+(?:"[^"]*"|'[^']*')(?:\s+(?:"[^"]*"|'[^']*'))?)?\s*\[/i;

function referenceReason(element: string, attribute: string, value: string): string | undefined {
  const local = attribute.includes(':') ? attribute.slice(attribute.indexOf(':') + 1) : attribute;
  const name = local.toLowerCase();
  if (name.startsWith('on')) return 'an event handler';
  if (ANIMATION.test(element)) return 'an animation, which can set a link';
  if (REFERENCE_ATTRIBUTES.has(name)) return 'a reference (a url there is loaded or followed)';
  if (/url\(|image-set\(|src\(/i.test(value)) return 'a reference (it holds a url())';
  return undefined;
}

const REFERENCE_HINT =
  "put placeholders in text (`<text>{{recipient.name}}</text>`) or plain attributes (`aria-label`); an earner's value in a link or style could point the badge anywhere";

/** Line and column (1-based, in UTF-16 units as saxes counts) of an offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/**
 * The first problem of a template's markup, at its line and column (1-based), or undefined.
 * `placeholders` lists the placeholders a piece of text holds (template.ts decides what one is).
 *
 * @example templateMarkupProblem('<svg><a href="{{recipient.name}}"/></svg>', list)?.problem // "placeholder '{{recipient.name}}' in attribute 'href' of <a>, which is a reference ..."
 */
export function templateMarkupProblem(
  svg: string,
  placeholders: (text: string) => string[],
): MarkupProblem | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let found: MarkupProblem | undefined;
  let tagStart = 0;
  // Where the markup read by the last event ends: the next text starts there.
  let mark = 0;
  const note = (offset: number, problem: string, hint: string): void => {
    found ??= { ...lineColumn(svg, offset), problem, hint };
  };
  const code: string[] = [];
  parser.on('opentagstart', (tag) => {
    tagStart = parser.position - tag.name.length - 2;
  });
  parser.on('doctype', (doctype) => {
    mark = parser.position;
    if (!INTERNAL_SUBSET.test(doctype)) return;
    note(
      Math.max(0, svg.search(/<!DOCTYPE/i)),
      'declares a DTD internal subset (entities): these are not supported',
      "remove the DOCTYPE's [ ... ] declarations and write each &name; reference out in place (or export the SVG again without them)",
    );
  });
  parser.on('opentag', (tag) => {
    mark = parser.position;
    if (CODE_ELEMENTS.has(tag.local.toLowerCase())) code.push(tag.name);
    for (const attribute of Object.values(tag.attributes)) {
      const [placeholder] = placeholders(attribute.value);
      if (placeholder === undefined) continue;
      const reason = referenceReason(tag.local, attribute.name, attribute.value);
      if (reason === undefined) continue;
      note(
        tagStart,
        `has placeholder '{{${placeholder}}}' in attribute '${attribute.name}' of <${tag.name}>, which is ${reason}`,
        REFERENCE_HINT,
      );
    }
  });
  parser.on('closetag', (tag) => {
    mark = parser.position;
    if (code.at(-1) === tag.name) code.pop();
  });
  const inCode = (text: string): void => {
    const raw = svg.slice(mark, parser.position);
    mark = parser.position - 1; // the '<' that ended the text starts the next markup
    const [placeholder] = placeholders(text);
    if (code.length === 0 || placeholder === undefined) return;
    note(
      mark - raw.length + 1 + Math.max(0, raw.indexOf('{{')),
      `has placeholder '{{${placeholder}}}' inside <${code.at(-1) ?? ''}>, where it is code, not text`,
      REFERENCE_HINT,
    );
  };
  parser.on('text', inCode);
  parser.on('cdata', inCode);
  parser.on('processinginstruction', (instruction) => {
    mark = parser.position;
    const [placeholder] = placeholders(instruction.body);
    if (placeholder === undefined) return;
    note(
      svg.lastIndexOf('<?', parser.position),
      `has placeholder '{{${placeholder}}}' in the <?${instruction.target}?> instruction`,
      REFERENCE_HINT,
    );
  });
  try {
    parser.write(svg).close();
  } catch (error) {
    if (found !== undefined) return found;
    const detail = (error instanceof Error ? error.message : String(error))
      .replace(/^\d+:\d+:\s*/u, '')
      .replace(/\.$/u, '');
    const undefinedEntity = /undefined entity/i.test(detail);
    return {
      line: parser.line,
      column: parser.column,
      problem: undefinedEntity
        ? `is not well-formed xml: ${detail} (only &amp; &lt; &gt; &quot; &apos; and character references are read)`
        : `is not well-formed xml: ${detail}`,
      hint: undefinedEntity
        ? 'write the character itself, or a character reference such as &#169;, in place of each &name;'
        : 'fix the markup there (an XML-aware editor or `xmllint --noout` shows it)',
    };
  }
  return found;
}
