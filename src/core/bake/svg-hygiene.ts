/**
 * Cleaning SVG artwork before baking: a badge is opened in browsers and wallets, so anything
 * that can run script or pull in content is taken out ([ours]; SVG 2 section 15 lists the event
 * attributes, section 19 the animation elements whose `attributeName` can set them), and so is
 * every reference that leaves the file (svg-references.ts): an `href` on any element, a `url()`
 * in a presentation attribute, a style attribute or a `<style>`. Each removal is reported.
 */
import { attributeSpan, lineAt, type ElementRange, type TextEdit } from './svg-edit.js';
import { cssProblem, referenceKind, squeezed } from './svg-references.js';
import {
  decodeXmlText,
  splitQName,
  type ScannedAttribute,
  type ScannedInstruction,
} from './svg-scan.js';

/** The edits that clean the artwork, and what they remove, in words. */
export interface HygieneResult {
  edits: TextEdit[];
  removed: string[];
}

/** Elements removed whole: script, and those that embed HTML or other documents. */
const EMBEDDING = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object']);

/** Animation elements that can set an attribute (SVG 2 section 19.2). */
const ANIMATION = /^(set|animate[a-z]*)$/;

function isScriptUrl(value: string): boolean {
  const url = squeezed(value);
  return url.startsWith('javascript:') || url.startsWith('vbscript:');
}

function isScriptLink(name: string, value: string): boolean {
  const local = splitQName(name).local.toLowerCase();
  if (local !== 'href' && local !== 'src' && local !== 'action') return false;
  return isScriptUrl(value);
}

function attribute(range: ElementRange, local: string): string | undefined {
  return range.tag.attributes.find((a) => splitQName(a.name).local.toLowerCase() === local)?.value;
}

/** Why an animation element is unsafe: it sets a handler, or a link that leaves the document. */
function animationProblem(range: ElementRange): string | undefined {
  const target = attribute(range, 'attributename');
  if (target === undefined) return undefined;
  const local = splitQName(target.trim()).local.toLowerCase();
  if (/^on/.test(local)) return `sets the ${target.trim()} event handler`;
  if (local !== 'href') return undefined;
  const values = ['to', 'from', 'by', 'values'].flatMap((name) =>
    (attribute(range, name) ?? '').split(';'),
  );
  const bad = values.find((v) => referenceKind(v) !== 'same-document');
  return bad === undefined ? undefined : `sets ${target.trim()} to "${bad.trim().slice(0, 40)}"`;
}

/** Why a `<use>` is unsafe: it references something other than a fragment of this document. */
function useProblem(range: ElementRange): string | undefined {
  const href = attribute(range, 'href');
  if (href === undefined || href.trim().startsWith('#')) return undefined;
  return `references "${href.trim().slice(0, 40)}" outside the document`;
}

/** The text inside an element (CDATA markers dropped, entities decoded). */
function innerText(text: string, range: ElementRange): string {
  if (range.tag.selfClosing) return '';
  const inner = text.slice(range.tag.end, text.lastIndexOf('<', range.end - 1));
  return inner
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlText(part)))
    .join('');
}

function wholeElementProblem(text: string, range: ElementRange, local: string): string | undefined {
  if (EMBEDDING.has(local)) return '';
  if (ANIMATION.test(local)) return animationProblem(range);
  if (local === 'use') return useProblem(range);
  if (local === 'style') return cssProblem(innerText(text, range));
  return undefined;
}

/**
 * Why an attribute is removed, in words, with `where` ("<rect> (line 2)"); undefined to keep it.
 * An event handler; a link to script; an `href` (any prefix) that is not a `#fragment` or a
 * `data:` URI; a style attribute, or any other attribute holding a `url()`, that loads script,
 * an external url or a local file. Namespace declarations are names, never fetched.
 */
// A hyperlink the reader may follow, on `<a>` only: nothing is fetched when the badge is opened
// (SVG 2 section 16.2), so an issuer's "see our criteria" link stays.
const FOLLOWED_LINK = /^(?:https?:\/\/|mailto:)/;

function attributeProblem(
  attr: ScannedAttribute,
  where: string,
  element: string,
): string | undefined {
  const { prefix, local } = splitQName(attr.name);
  const name = local.toLowerCase();
  if (attr.name === 'xmlns' || prefix === 'xmlns') return undefined;
  if (/^on/.test(name)) return `${attr.name} event handler on ${where}`;
  const shown = `${attr.name}="${attr.value.slice(0, 40)}"`;
  if (isScriptLink(attr.name, attr.value)) return `${shown} script link on ${where}`;
  if (name === 'href') {
    const kind = referenceKind(attr.value);
    if (kind === 'external' && element === 'a' && FOLLOWED_LINK.test(squeezed(attr.value))) {
      return undefined;
    }
    if (kind === 'external') {
      return `${shown} external reference on ${where}: it would be fetched when the badge is opened`;
    }
    if (kind === 'local-file') {
      return `${shown} local file reference on ${where}: it would dangle in the badge`;
    }
    return undefined;
  }
  if (name !== 'style' && !/url\(|image-set\(|src\(/i.test(attr.value)) return undefined;
  const css = cssProblem(attr.value);
  if (css === undefined) return undefined;
  return `${name === 'style' ? 'style' : attr.name} attribute on ${where}: ${css}`;
}

/** Finds scripts, embedded documents, unsafe animations, styles and links in the elements. */
export function cleanArtwork(text: string, elements: ElementRange[]): HygieneResult {
  const result: HygieneResult = { edits: [], removed: [] };
  let skipUntil = -1;
  for (const range of elements) {
    const { tag, end } = range;
    if (tag.start < skipUntil) continue;
    const line = lineAt(text, tag.start);
    const local = splitQName(tag.name).local.toLowerCase();
    const whole = wholeElementProblem(text, range, local);
    if (whole !== undefined) {
      result.edits.push({ start: tag.start, end, text: '' });
      result.removed.push(`<${tag.name}> element (line ${line})${whole ? `: ${whole}` : ''}`);
      skipUntil = end;
      continue;
    }
    for (const attr of tag.attributes) {
      const element = splitQName(tag.name).local.toLowerCase();
      const problem = attributeProblem(attr, `<${tag.name}> (line ${line})`, element);
      if (problem === undefined) continue;
      result.edits.push({ ...attributeSpan(text, attr.start, attr.end), text: '' });
      result.removed.push(problem);
    }
  }
  return result;
}

/**
 * Removes `<?xml-stylesheet?>` instructions: a browser opening the badge loads the style sheet
 * they name, CSS or XSLT (which can write script), and badge artwork keeps its styles in
 * `<style>` ("Associating Style Sheets with XML documents" 1.0; SVG 2 section 6.3).
 */
export function cleanInstructions(
  text: string,
  instructions: readonly ScannedInstruction[],
): HygieneResult {
  const result: HygieneResult = { edits: [], removed: [] };
  for (const instruction of instructions) {
    if (instruction.target.toLowerCase() !== 'xml-stylesheet') continue;
    const href = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(instruction.data);
    if (href === null) continue; // It names no style sheet, so nothing is loaded.
    const named = decodeXmlText(href[1] ?? href[2] ?? '').slice(0, 40);
    result.edits.push({ start: instruction.start, end: instruction.end, text: '' });
    result.removed.push(
      `<?xml-stylesheet?> instruction (line ${lineAt(text, instruction.start)}): it loads the style sheet "${named}"`,
    );
  }
  return result;
}
