/**
 * Checks on the free-text values a roster row brings: a language tag that 1EdTech's schema for
 * `achievement.inLanguage` accepts, names free of control characters and of bidi controls, and
 * names that show something.
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
// Also the bidi controls (below): on a terminal they would reorder the rest of the line.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

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

// Zero-width characters that show nothing in any script (zero-width space, Mongolian vowel
// separator, word joiner, zero-width no-break space): escaped, so a name made of them is seen.
// ZWNJ and ZWJ (U+200C, U+200D) shape Persian and Indic words and join emoji, so between two
// letters, marks or pictographs they are part of the name and stay; anywhere else, escaped.
const JOINABLE = '[\\p{L}\\p{M}\\p{Extended_Pictographic}]';
const INVISIBLE = new RegExp(
  `[\\u180e\\u200b\\u2060\\ufeff]|(?<!${JOINABLE})[\\u200c\\u200d]|[\\u200c\\u200d](?!${JOINABLE})`,
  'gu',
);

const escaped = (char: string): string =>
  `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/**
 * A value with each control character (bidi controls too) and each zero-width character that
 * is not joining letters written as `\uXXXX`, safe to print on a terminal or in a report.
 *
 * @example escapeControls('Ada\u001b[2J') // 'Ada\\u001b[2J'
 * @example escapeControls('\u200b') // '\\u200b'
 */
export function escapeControls(value: string): string {
  return value.replace(CONTROLS, escaped).replace(INVISIBLE, escaped);
}

// White space and the code points Unicode says render as nothing (zero-width space and joiners,
// word joiner, BOM, bidi marks, variation selectors, fillers): a name of only these is blank.
const BLANK = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;
const WHITE_SPACE = /\p{White_Space}/u;

/**
 * Whether a name would show nothing on a badge: empty, or only white space and invisible
 * characters such as U+200B ZERO WIDTH SPACE.
 *
 * @example isBlankName('\u200b\u2060') // true
 */
export function isBlankName(value: string): boolean {
  return BLANK.test(value);
}

/**
 * Why a name given as `what` shows nothing, or undefined when it shows something; the invisible
 * characters are listed, since the user cannot see them.
 *
 * @example blankNameProblem('--name', '\u200b') // '--name has only invisible characters (U+200B)'
 */
export function blankNameProblem(what: string, value: string): string | undefined {
  if (!isBlankName(value)) return undefined;
  const invisible = [...new Set(value)]
    .filter((char) => !WHITE_SPACE.test(char))
    .map((char) => `U+${codePoint(char)}`);
  if (invisible.length === 0) return `${what} is empty`;
  return `${what} has only invisible characters (${invisible.join(', ')})`;
}

// The explicit embeddings and overrides (U+202A..U+202E) and isolates (U+2066..U+2069) of the
// Unicode Bidirectional Algorithm (UAX #9, sections 2.1-2.4) reorder the characters after them,
// so a badge could show a name other than the one its bytes spell. The marks LRM, RLM and ALM
// (U+200E, U+200F, U+061C) only lend a direction, reorder nothing, and stay allowed.
const BIDI_CONTROLS: Readonly<Record<number, string>> = {
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/**
 * Why a name given as `what` cannot be used because of a bidirectional control character (an
 * embedding, override or isolate), naming the first one and its position (1 for the first
 * character, counted in code points), or undefined when it has none.
 *
 * @example bidiControlProblem('--name', 'Ada\u202eecalevoL') // '--name contains bidirectional control character U+202E (right-to-left override) at character 4'
 */
export function bidiControlProblem(what: string, value: string): string | undefined {
  const chars = [...value];
  const at = chars.findIndex((char) => BIDI_CONTROLS[char.codePointAt(0) ?? 0] !== undefined);
  if (at < 0) return undefined;
  const char = chars[at]!;
  const name = BIDI_CONTROLS[char.codePointAt(0) ?? 0] ?? '';
  return `${what} contains bidirectional control character U+${codePoint(char)} (${name}) at character ${at + 1}`;
}

/**
 * Why a name that shows something still cannot go on a badge as `what`: a control character
 * ({@link controlCharacterProblem}) or a bidi control ({@link bidiControlProblem}). `issue
 * --name`, its prompt and every roster row ask this one question.
 *
 * @example unsafeNameProblem('name', 'Ada\u2067x') // 'name contains bidirectional control character U+2067 (right-to-left isolate) at character 4'
 */
export function unsafeNameProblem(what: string, value: string): string | undefined {
  return controlCharacterProblem(what, value) ?? bidiControlProblem(what, value);
}
