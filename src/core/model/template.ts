import { BadgesmithError } from '../errors.js';

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
 * Throws ERR_TEMPLATE_INVALID when the template names a placeholder badgesmith does not fill,
 * so a typo fails before the first badge rather than showing `{{recipent.name}}` on every one.
 */
export function assertTemplate(svg: string, file: string): void {
  const unknown = listPlaceholders(svg).find((name) => !isKnown(name));
  if (unknown !== undefined) {
    throw new BadgesmithError(
      'ERR_TEMPLATE_INVALID',
      `template '${file}' uses unknown placeholder '{{${unknown}}}'`,
      { hint: `use one of ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` },
    );
  }
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
