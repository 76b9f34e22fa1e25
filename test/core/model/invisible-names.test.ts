import { describe, expect, it } from 'vitest';
import {
  blankNameProblem,
  combiningMarksProblem,
  isBlankName,
  unsafeNameProblem,
} from '../../../src/core/model/roster-values.js';

const hex = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

// Code points that draw nothing, alone: fillers, blank symbols, spaces of every width, format
// characters, tags, variation selectors, private use.
const BLANK_LOOKING = [
  '\u2800',
  '\u3164',
  '\u00ad',
  '\u115f',
  '\u1160',
  '\uffa0',
  '\u{1d159}',
  '\u034f',
  '\u180e',
  '\u2061',
  '\ufe0f',
  '\u{e0041}',
  '\u{1bca0}',
  '\ufff9',
  '\ue000',
];
const SPACES = [...'\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a', '\u3000'];

describe('isBlankName: the whole class of names that show nothing', () => {
  it.each(BLANK_LOOKING.map((char) => [hex(char), char]))('%s alone is blank', (_code, char) => {
    expect(isBlankName(char)).toBe(true);
    expect(isBlankName(`${char}${char} ${char}`)).toBe(true);
  });

  it('each wide space alone, and all of them together, are blank', () => {
    for (const space of SPACES) expect(isBlankName(space)).toBe(true);
    expect(isBlankName(SPACES.join(''))).toBe(true);
  });

  it('combining marks with no letter to carry them are blank, spacing marks too', () => {
    expect(isBlankName('\u0301\u0301\u0301')).toBe(true);
    expect(isBlankName(' \u0308\u20dd')).toBe(true);
    expect(isBlankName('\u093e')).toBe(true);
    expect(isBlankName('\u2800\u0301')).toBe(true);
  });

  it.each([
    ['a letter with a mark', 'e\u0301'],
    ['a braille letter', '\u2801'],
    ['a Hangul syllable', '\ud55c'],
    ['a Devanagari word', '\u0939\u093f\u0928\u094d\u0926\u0940'],
    ['an emoji with skin tone', '\u{1f44b}\u{1f3fd}'],
    ['a keycap', '1\ufe0f\u20e3'],
    ['a full stop', '.'],
    ['a filler beside a letter', '\u3164A'],
  ])('%s shows something', (_what, name) => {
    expect(isBlankName(name)).toBe(false);
  });
});

describe('blankNameProblem: lists what it found, as for zero-width names', () => {
  it('braille blank, Hangul fillers and the soft hyphen are invisible characters', () => {
    expect(blankNameProblem('--name', '\u2800')).toBe(
      '--name has only invisible characters (U+2800)',
    );
    expect(blankNameProblem('name', '\u115f\u1160 \uffa0\u00ad')).toBe(
      'name has only invisible characters (U+115F, U+1160, U+FFA0, U+00AD)',
    );
  });

  it('wide spaces alone are empty', () => {
    expect(blankNameProblem('--name', '\u2003\u3000')).toBe('--name is empty');
  });

  it('lone combining marks are named as such, mixed ones with the invisible ones', () => {
    expect(blankNameProblem('--name', '\u0301\u0301\u0301')).toBe(
      '--name has only combining marks (U+0301)',
    );
    expect(blankNameProblem('--name', '\u200b\u0301')).toBe(
      '--name has only invisible characters and combining marks (U+200B, U+0301)',
    );
  });
});

describe('combiningMarksProblem: no more than 4 marks on one character', () => {
  it('refuses Zalgo text, naming the count and the character', () => {
    expect(combiningMarksProblem('name', `A${'\u0336'.repeat(500)}`)).toBe(
      'name has 500 combining marks on one character (character 1); a name needs at most 4',
    );
    expect(combiningMarksProblem('name', `Ada Lo${'\u0334\u0316'.repeat(3)}velace`)).toBe(
      'name has 6 combining marks on one character (character 6); a name needs at most 4',
    );
  });

  it('counts through joiners and other format characters placed between the marks', () => {
    expect(combiningMarksProblem('--name', `x${'\u0301\u200d'.repeat(5)}`)).toBe(
      '--name has 5 combining marks on one character (character 1); a name needs at most 4',
    );
  });

  it('counts after NFC: marks a precomposed letter exists for are not counted', () => {
    // e + acute composes to é, leaving 4 marks on it.
    expect(combiningMarksProblem('name', 'e\u0301\u0302\u0303\u0304\u0305')).toBeUndefined();
    expect(combiningMarksProblem('name', 'q\u0301\u0302\u0303\u0304\u0305')).toBe(
      'name has 5 combining marks on one character (character 1); a name needs at most 4',
    );
  });

  it.each([
    ['Vietnamese', 'Nguy\u1ec5n Th\u1ecb Ng\u1ecdc'],
    ['decomposed Vietnamese', 'Nguye\u0302\u0303n'],
    ['Hebrew with points', '\u05e9\u05c1\u05bc\u05b8\u05dc\u05d5\u05b9\u05dd'],
    ['Devanagari conjuncts', '\u0938\u094d\u0924\u094d\u0930\u0940'],
    ['four marks', `a${'\u0301\u0302\u0303\u0304'}`],
  ])('accepts %s', (_what, name) => {
    expect(combiningMarksProblem('name', name)).toBeUndefined();
    expect(unsafeNameProblem('name', name)).toBeUndefined();
  });

  it('is one of the unsafe-name checks, after control characters and bidi controls', () => {
    expect(unsafeNameProblem('name', `A${'\u0336'.repeat(7)}`)).toBe(
      'name has 7 combining marks on one character (character 1); a name needs at most 4',
    );
    expect(unsafeNameProblem('name', `\u202eA${'\u0301'.repeat(7)}`)).toMatch(
      /^name contains bidi/u,
    );
  });
});
