/** In-place text edits of an SVG, with the tag ranges the scanner found. */
import type { ScannedStartTag, ScannedTag } from './svg-scan.js';

/** Replace `start`..`end` of the text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A start tag with the end offset of its whole element (the matching end tag included). */
export interface ElementRange {
  tag: ScannedStartTag;
  end: number;
  /** The start tags of the ancestors, outermost first. */
  ancestors: ScannedStartTag[];
}

/** Every element of the document with its full range, in document order. */
export function elementRanges(tags: ScannedTag[]): ElementRange[] {
  const ranges: ElementRange[] = [];
  const stack: ElementRange[] = [];
  for (const tag of tags) {
    if (tag.kind === 'start') {
      const range = { tag, end: tag.end, ancestors: stack.map((r) => r.tag) };
      ranges.push(range);
      if (!tag.selfClosing) stack.push(range);
    } else {
      const range = stack.pop();
      if (range !== undefined) range.end = tag.end;
    }
  }
  return ranges;
}

/** Applies non-overlapping edits; edits inside a larger removed span are dropped. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  // By start; at one offset a pure insertion goes first, then the longest span.
  const width = (e: TextEdit): number =>
    e.end === e.start ? Number.MAX_SAFE_INTEGER : e.end - e.start;
  const sorted = [...edits].sort((a, b) => a.start - b.start || width(b) - width(a));
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && edit.start < last.end) continue;
    kept.push(edit);
  }
  let out = '';
  let at = 0;
  for (const edit of kept) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The 1-based line of an offset, for messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The range of an attribute together with the white space before it. */
export function attributeSpan(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  let from = start;
  while (from > 0 && /\s/.test(text[from - 1] ?? '')) from--;
  return { start: from, end };
}
