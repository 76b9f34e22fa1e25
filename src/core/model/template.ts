import { bakeSvg } from '../bake/svg-bake.js';
import { BadgesmithError, isBadgesmithError } from '../errors.js';
import { templateMarkupProblem } from './template-markup.js';

/** The placeholders a badge template may use, e.g. `{{recipient.name}}`. */
export const TEMPLATE_PLACEHOLDERS = [
  'recipient.name',
  'achievement.name',
  'issuer.name',
  'issued',
] as const;

export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** The values one personal image is drawn with; all are plain text, escaped on the way in. */
export type TemplateValues = Record<TemplatePlaceholder, string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/gu;

/** The distinct placeholder names a template uses, in order of first use. */
export function listPlaceholders(svg: string): string[] {
  return [...new Set([...svg.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** Whether a template has any placeholder, i.e. makes a personal image per earner. */
export function hasPlaceholders(svg: string): boolean {
  return listPlaceholders(svg).length > 0;
}

function isKnown(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * The largest template read, in bytes (UTF-8). Badge artwork is a few kilobytes; one of many
 * megabytes (embedded fonts or bitmaps) is drawn once per row and would take minutes and a
 * worker's memory each time.
 */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

// Values every template is filled with once, before anything is signed, to check what a row gets.
const SAMPLE: TemplateValues = {
  'recipient.name': 'Ada Lovelace',
  'achievement.name': 'Sample Achievement',
  'issuer.name': 'Sample Issuer',
  issued: '2025-01-01',
};
// A compact JWS in shape only: the sample bake checks the markup, not a signature.
const SAMPLE_JWS = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJzYW1wbGUifQ.c2FtcGxl';

function invalid(message: string, hint: string, cause?: unknown): BadgesmithError {
  return new BadgesmithError('ERR_TEMPLATE_INVALID', message, {
    hint,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Throws ERR_TEMPLATE_INVALID (exit 65) when a template cannot make a badge, once before any row
 * is signed rather than on every row: over {@link MAX_TEMPLATE_BYTES}; a placeholder badgesmith
 * does not fill (a typo would show `{{recipent.name}}` on every badge); markup that is not
 * well-formed or declares DTD entities; a placeholder in a link, a style or another reference,
 * where an earner's value would become a url (named with its line:column); or markup that
 * does not bake once filled with sample values.
 *
 * @example assertTemplate('<svg xmlns="http://www.w3.org/2000/svg"><text>{{recipient.name}}</text></svg>', 'badge.svg')
 */
export function assertTemplate(svg: string, file: string): void {
  const bytes = new TextEncoder().encode(svg).byteLength;
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw invalid(
      `template '${file}' is ${megabytes(bytes)}, over the ${megabytes(MAX_TEMPLATE_BYTES)} a template may be`,
      'badge artwork is a few kilobytes: export it again without embedded fonts or bitmaps, or use a fixed `image:`',
    );
  }
  const unknown = listPlaceholders(svg).find((name) => !isKnown(name));
  if (unknown !== undefined) {
    throw invalid(
      `template '${file}' uses unknown placeholder '{{${unknown}}}'`,
      `use one of ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    );
  }
  const markup = templateMarkupProblem(svg, listPlaceholders);
  if (markup !== undefined) {
    throw invalid(
      `template '${file}:${markup.line}:${markup.column}' ${markup.problem}`,
      markup.hint,
    );
  }
  try {
    bakeSvg(fillTemplate(svg, SAMPLE), { kind: 'jwt', text: SAMPLE_JWS });
  } catch (error) {
    if (!isBadgesmithError(error)) throw error;
    throw invalid(`template '${file}': ${error.message}`, error.hint ?? 'fix the template', error);
  }
}

/**
 * What to tell the user once about a template that works but may not do what they meant: one
 * without `{{recipient.name}}` gives every earner the same image, naming no one.
 *
 * @example templateWarnings('<svg><text>{{issued}}</text></svg>', 'b.svg') // ["template 'b.svg' has no {{recipient.name}}: ..."]
 */
export function templateWarnings(svg: string, file: string): string[] {
  if (listPlaceholders(svg).includes('recipient.name')) return [];
  return [
    `template '${file}' has no {{recipient.name}}: every personal image is drawn without the earner's name`,
  ];
}

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

/**
 * Fills a template's placeholders with XML-escaped values; an earner's name can hold `<`, `&` or
 * quotes and must never become markup.
 *
 * @example fillTemplate('<text>{{recipient.name}}</text>', values) // '<text>Ada &amp; Co</text>'
 */
export function fillTemplate(svg: string, values: TemplateValues): string {
  return svg.replace(PLACEHOLDER, (whole, name: string) =>
    isKnown(name) ? escapeXml(values[name]) : whole,
  );
}
