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

// What shows on a badge is a grapheme base (UAX #29 section 3.1: no control, format, surrogate,
// private-use or unassigned code point, no extending mark) that is not white space, not one Unicode
// says renders as nothing (Default_Ignorable_Code_Point: zero-width characters, joiners, BOM, bidi
// marks, variation selectors, Hangul fillers, the soft hyphen) and not a mark (a spacing mark
// alone is drawn on a dotted circle). Two symbols are blank by design without that property:
// U+2800 BRAILLE PATTERN BLANK and U+1D159 MUSICAL SYMBOL NULL NOTEHEAD. Unassigned code points
// count as visible: a character newer than this runtime's Unicode data is given the benefit.
const SHOWN = /[\p{Grapheme_Base}\p{Cn}]/u;
const NOT_SHOWN = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\u2800\u{1d159}]/u;
const WHITE_SPACE = /\p{White_Space}/u;
const MARK = /\p{M}/u;

const shows = (char: string): boolean => SHOWN.test(char) && !NOT_SHOWN.test(char);

/**
 * Whether a name would show nothing on a badge: empty, or only white space, invisible characters
 * such as U+200B ZERO WIDTH SPACE or U+2800 BRAILLE PATTERN BLANK, and combining marks with no
 * letter to carry them.
 *
 * @example isBlankName('\u200b\u2060') // true
 * @example isBlankName('\u0301\u0301') // true
 */
export function isBlankName(value: string): boolean {
  for (const char of value) if (shows(char)) return false;
  return true;
}

/**
 * Why a name given as `what` shows nothing, or undefined when it shows something; the invisible
 * characters and lone combining marks are listed, since the user cannot see them.
 *
 * @example blankNameProblem('--name', '\u200b') // '--name has only invisible characters (U+200B)'
 * @example blankNameProblem('--name', '\u0301') // '--name has only combining marks (U+0301)'
 */
export function blankNameProblem(what: string, value: string): string | undefined {
  if (!isBlankName(value)) return undefined;
  const chars = [...new Set(value)].filter((char) => !WHITE_SPACE.test(char));
  if (chars.length === 0) return `${what} is empty`;
  const listed = chars.map((char) => `U+${codePoint(char)}`).join(', ');
  const marks = chars.filter((char) => MARK.test(char)).length;
  if (marks === 0) return `${what} has only invisible characters (${listed})`;
  if (marks === chars.length) return `${what} has only combining marks (${listed})`;
  return `${what} has only invisible characters and combining marks (${listed})`;
}

/** The most combining marks one character carries in a real name (Vietnamese, Hebrew, Tibetan). */
export const MAX_MARKS_PER_CHARACTER = 4;

// Format characters (ZWJ, ZWNJ, CGJ...) between marks do not end a stack of them: they would
// otherwise let a pile of marks through by splitting it.
const FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/**
 * Why a name given as `what` carries an absurd stack of combining marks ("Zalgo" text, drawn as
 * a column over the rest of the badge), or undefined: more than {@link MAX_MARKS_PER_CHARACTER}
 * on one character after NFC, which composes the marks a precomposed letter exists for.
 *
 * @example combiningMarksProblem('name', 'A' + '\u0301'.repeat(9)) // 'name has 9 combining marks on one character (character 1); a name needs at most 4'
 */
export function combiningMarksProblem(what: string, value: string): string | undefined {
  const chars = [...value.normalize('NFC')];
  let base = 0;
  let run = 0;
  for (const [i, char] of chars.entries()) {
    if (MARK.test(char)) run += 1;
    else if (!FORMAT.test(char)) {
      if (run > MAX_MARKS_PER_CHARACTER) break;
      base = i;
      run = 0;
    }
  }
  if (run <= MAX_MARKS_PER_CHARACTER) return undefined;
  return `${what} has ${run} combining marks on one character (character ${base + 1}); a name needs at most ${MAX_MARKS_PER_CHARACTER}`;
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
 * ({@link controlCharacterProblem}), a bidi control ({@link bidiControlProblem}) or a stack of
 * combining marks ({@link combiningMarksProblem}). `issue
 * --name`, its prompt and every roster row ask this one question.
 *
 * @example unsafeNameProblem('name', 'Ada\u2067x') // 'name contains bidirectional control character U+2067 (right-to-left isolate) at character 4'
 */
export function unsafeNameProblem(what: string, value: string): string | undefined {
  return (
    controlCharacterProblem(what, value) ??
    bidiControlProblem(what, value) ??
    combiningMarksProblem(what, value)
  );
}
