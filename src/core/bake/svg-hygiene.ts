/**
 * Cleaning SVG artwork before baking: a badge is opened in browsers and wallets, so scripts,
 * `on*` event handlers and `javascript:` links are taken out ([ours]; SVG 2 section 15 lists
 * the event attributes). Each removal is reported to the user.
 */
import { attributeSpan, lineAt, type ElementRange, type TextEdit } from './svg-edit.js';
import { splitQName } from './svg-scan.js';

/** The edits that clean the artwork, and what they remove, in words. */
export interface HygieneResult {
  edits: TextEdit[];
  removed: string[];
}

function isScriptLink(name: string, value: string): boolean {
  const local = splitQName(name).local.toLowerCase();
  if (local !== 'href' && local !== 'src' && local !== 'action') return false;
  // Browsers ignore control characters and white space inside the scheme.
  const squeezed = [...value]
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
  return squeezed.startsWith('javascript:') || squeezed.startsWith('vbscript:');
}

/** Finds scripts, event-handler attributes and script links in the elements given. */
export function cleanArtwork(text: string, elements: ElementRange[]): HygieneResult {
  const result: HygieneResult = { edits: [], removed: [] };
  let skipUntil = -1;
  for (const { tag, end } of elements) {
    if (tag.start < skipUntil) continue;
    const line = lineAt(text, tag.start);
    if (splitQName(tag.name).local.toLowerCase() === 'script') {
      result.edits.push({ start: tag.start, end, text: '' });
      result.removed.push(`<${tag.name}> element (line ${line})`);
      skipUntil = end;
      continue;
    }
    for (const attribute of tag.attributes) {
      const isHandler = /^on/i.test(splitQName(attribute.name).local);
      if (!isHandler && !isScriptLink(attribute.name, attribute.value)) continue;
      result.edits.push({ ...attributeSpan(text, attribute.start, attribute.end), text: '' });
      result.removed.push(
        isHandler
          ? `${attribute.name} event handler on <${tag.name}> (line ${line})`
          : `${attribute.name}="${attribute.value.slice(0, 40)}" script link on <${tag.name}> (line ${line})`,
      );
    }
  }
  return result;
}
