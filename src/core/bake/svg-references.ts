/**
 * What a reference in SVG artwork points at. A baked badge travels alone and is opened in
 * browsers and wallets, so only references that stay inside the file are kept: a same-document
 * `#fragment` or a `data:` URI ([ours]). Anything else is fetched when the badge is opened (an
 * external URL, a tracking pixel) or dangles (a local file path, relative or absolute).
 */

/** Where a reference points: inside the badge, to script, to the network, or to a local file. */
export type ReferenceKind = 'same-document' | 'data' | 'script' | 'external' | 'local-file';

/** A value as a browser reads its scheme: control characters and white space dropped. */
export function squeezed(value: string): string {
  return [...value]
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
}

/**
 * Classifies a URL reference (an `href`, or the inside of a CSS `url()`), as a browser would
 * resolve it against a badge opened from anywhere (RFC 3986 section 4: a scheme, a network
 * path `//host`, or a relative path).
 *
 * @example referenceKind('https://t.example/p.png') // 'external'
 */
export function referenceKind(value: string): ReferenceKind {
  const url = squeezed(value);
  if (url === '' || url.startsWith('#')) return 'same-document';
  if (url.startsWith('data:')) return 'data';
  if (url.startsWith('javascript:') || url.startsWith('vbscript:')) return 'script';
  if (url.startsWith('file:') || /^[a-z]:[\\/]/.test(url)) return 'local-file';
  if (url.startsWith('//') || url.startsWith('\\\\') || /^[a-z][a-z0-9+.-]*:/.test(url)) {
    return 'external';
  }
  return 'local-file';
}

/** CSS text with comments dropped and escapes decoded (CSS Syntax 3 section 4.3.7). */
function plainCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^\n\r\f])/g, (_, hex?: string, ch?: string) => {
      if (hex === undefined) return ch ?? '';
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    });
}

/** The text from `open` (just past a `(`) to its matching `)`, quoted strings skipped over. */
function argumentsAt(css: string, open: number): string {
  let depth = 1;
  let quote = '';
  for (let i = open; i < css.length; i++) {
    const ch = css[i];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return css.slice(open, i);
  }
  return css.slice(open);
}

/**
 * The URL references in CSS text, each as written: every `url()` token, and the quoted strings
 * of `image-set()` and `src()`, which load images without `url()` (CSS Images 4 section 2.2).
 */
export function cssReferences(css: string): string[] {
  const plain = plainCss(css);
  const found: string[] = [];
  for (const match of plain.matchAll(/\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))/gi)) {
    found.push((match[1] ?? match[2] ?? match[3] ?? '').trim());
  }
  for (const match of plain.matchAll(/(?:\bimage-set|\bsrc)\(/gi)) {
    const inside = argumentsAt(plain, (match.index ?? 0) + match[0].length);
    for (const text of inside.matchAll(/"([^"]*)"|'([^']*)'/g)) {
      found.push((text[1] ?? text[2] ?? '').trim());
    }
  }
  return found;
}

/** Why CSS is unsafe: it imports a style sheet, or loads script, an external url or a file. */
export function cssProblem(css: string): string | undefined {
  if (/@import\b/i.test(plainCss(css))) return 'it has an @import rule';
  for (const reference of cssReferences(css)) {
    const kind = referenceKind(reference);
    const shown = reference.slice(0, 40);
    if (kind === 'script') return `it loads a ${squeezed(reference).split(':')[0] ?? ''}: url`;
    if (kind === 'external') return `it loads the external url(${shown})`;
    if (kind === 'local-file') {
      return `it refers to the local file url(${shown}), which would dangle in the badge`;
    }
  }
  return undefined;
}
