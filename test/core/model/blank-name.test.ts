import { describe, expect, it } from 'vitest';
import { blankNameProblem, isBlankName } from '../../../src/core/model/roster-values.js';

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('isBlankName', () => {
  it('is true for empty, white space only and each zero-width character alone or mixed', () => {
    for (const value of ['', '   ', '\t\u00a0', ...ZERO_WIDTH, ` ${ZERO_WIDTH.join('')} `]) {
      expect(isBlankName(value)).toBe(true);
    }
  });

  it('is false as soon as one visible character is there', () => {
    for (const value of ['A', '\u200bAda', 'Zoë 🎉', '李', '.', '\u200d\u0301x']) {
      expect(isBlankName(value)).toBe(false);
    }
  });
});

describe('blankNameProblem', () => {
  it('says empty for no characters or white space only', () => {
    expect(blankNameProblem('--name', '')).toBe('--name is empty');
    expect(blankNameProblem('--name', '   ')).toBe('--name is empty');
  });

  it('lists the invisible characters, once each, in the order met', () => {
    expect(blankNameProblem('--name', '\u200b \u200b\ufeff')).toBe(
      '--name has only invisible characters (U+200B, U+FEFF)',
    );
    expect(blankNameProblem('name', ZERO_WIDTH.join(''))).toBe(
      'name has only invisible characters (U+200B, U+200C, U+200D, U+2060, U+FEFF)',
    );
  });

  it('is undefined for a name that shows something', () => {
    expect(blankNameProblem('--name', ' Ada\u200b ')).toBeUndefined();
  });
});
