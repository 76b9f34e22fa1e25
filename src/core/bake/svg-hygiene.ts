/**
 * Cleaning SVG artwork before baking: a badge is opened in browsers and wallets, so anything
 * that can run script or pull in content is taken out ([ours]; SVG 2 section 15 lists the event
 * attributes, section 19 the animation elements whose `attributeName` can set them). Each
 * removal is reported to the user.
 */
import { attributeSpan, lineAt, type ElementRange, type TextEdit } from './svg-edit.js';
import { decodeXmlText, splitQName } from './svg-scan.js';

/** The edits that clean the artwork, and what they remove, in words. */
export interface HygieneResult {
  edits: TextEdit[];
  removed: string[];
}

/** Elements removed whole: script, and those that embed HTML or other documents. */
const EMBEDDING = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object']);

/** Animation elements that can set an attribute (SVG 2 section 19.2). */
const ANIMATION = /^(set|animate[a-z]*)$/;

/** A value as a browser reads its scheme: control characters and white space dropped. */
function squeezed(value: string): string {
  return [...value]
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
}

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

/** Why an animation element is unsafe: it sets a handler, or a link to script or data. */
function animationProblem(range: ElementRange): string | undefined {
  const target = attribute(range, 'attributename');
  if (target === undefined) return undefined;
  const local = splitQName(target.trim()).local.toLowerCase();
  if (/^on/.test(local)) return `sets the ${target.trim()} event handler`;
  if (local !== 'href') return undefined;
  const values = ['to', 'from', 'by', 'values'].flatMap((name) =>
    (attribute(range, name) ?? '').split(';'),
  );
  const bad = values.find((v) => isScriptUrl(v) || squeezed(v).startsWith('data:'));
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

/** Why CSS is unsafe: it imports a style sheet, or loads a script or external url. */
export function cssProblem(css: string): string | undefined {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  if (/@import\b/i.test(plain)) return 'it has an @import rule';
  for (const match of plain.matchAll(/url\(\s*(['"]?)([^)]*)\)/gi)) {
    const url = squeezed((match[2] ?? '').replace(/['"]$/, ''));
    const scheme = /^(javascript|vbscript):/.exec(url)?.[1];
    if (scheme !== undefined) return `it loads a ${scheme}: url`;
    if (/^(https?:)?\/\//.test(url)) return `it loads the external url(${url.slice(0, 40)})`;
  }
  return undefined;
}

function wholeElementProblem(text: string, range: ElementRange, local: string): string | undefined {
  if (EMBEDDING.has(local)) return '';
  if (ANIMATION.test(local)) return animationProblem(range);
  if (local === 'use') return useProblem(range);
  if (local === 'style') return cssProblem(innerText(text, range));
  return undefined;
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
      const name = splitQName(attr.name).local.toLowerCase();
      const isHandler = /^on/.test(name);
      const isLink = !isHandler && isScriptLink(attr.name, attr.value);
      const css = name === 'style' ? cssProblem(attr.value) : undefined;
      if (!isHandler && !isLink && css === undefined) continue;
      result.edits.push({ ...attributeSpan(text, attr.start, attr.end), text: '' });
      result.removed.push(
        isHandler
          ? `${attr.name} event handler on <${tag.name}> (line ${line})`
          : isLink
            ? `${attr.name}="${attr.value.slice(0, 40)}" script link on <${tag.name}> (line ${line})`
            : `style attribute on <${tag.name}> (line ${line}): ${css ?? ''}`,
      );
    }
  }
  return result;
}
