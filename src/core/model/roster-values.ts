/**
 * Checks on the free-text values a roster row brings: a language tag that 1EdTech's schema for
 * `achievement.inLanguage` accepts, and names free of control characters.
 */

/**
 * The pattern 1EdTech's OB 3.0 JSON schema gives `inLanguage` (a BCP 47 subset: language,
 * optional script, optional region).
 */
export const IN_LANGUAGE_PATTERN = '^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$';

const IN_LANGUAGE = new RegExp(IN_LANGUAGE_PATTERN, 'u');

/**
 * Why a roster `language` value cannot be `inLanguage`, or undefined when it can.
 *
 * @example languageProblem('pt-BR') // undefined
 */
export function languageProblem(language: string): string | undefined {
  if (IN_LANGUAGE.test(language)) return undefined;
  return `language '${language}' is not a BCP 47 tag like en or pt-BR`;
}

// C0 controls, DEL and the C1 block: none belongs in a name, and ESC drives terminals.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/gu;

function codePoint(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Why a value named `what` cannot be used because of a control character, or undefined.
 *
 * @example controlCharacterProblem('name', 'Ada\u001b[2J') // 'name contains control character U+001B'
 */
export function controlCharacterProblem(what: string, value: string): string | undefined {
  const found = CONTROL.exec(value);
  if (found === null) return undefined;
  return `${what} contains control character U+${codePoint(found[0])}`;
}

/**
 * A value with each control character written as `\uXXXX`, safe to print on a terminal.
 *
 * @example escapeControls('Ada\u001b[2J') // 'Ada\\u001b[2J'
 */
export function escapeControls(value: string): string {
  return value.replace(
    CONTROLS,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
