import { describe, expect, it } from 'vitest';
import {
  bidiControlProblem,
  escapeControls,
  unsafeNameProblem,
} from '../../../src/core/model/roster-values.js';

const CONTROLS: [number, string][] = [
  [0x202a, 'left-to-right embedding'],
  [0x202b, 'right-to-left embedding'],
  [0x202c, 'pop directional formatting'],
  [0x202d, 'left-to-right override'],
  [0x202e, 'right-to-left override'],
  [0x2066, 'left-to-right isolate'],
  [0x2067, 'right-to-left isolate'],
  [0x2068, 'first strong isolate'],
  [0x2069, 'pop directional isolate'],
];

describe('bidiControlProblem', () => {
  it.each(CONTROLS)('refuses U+%s and names it with its position', (code, name) => {
    const hex = code.toString(16).toUpperCase();
    expect(bidiControlProblem('--name', `Ada${String.fromCodePoint(code)} Lovelace`)).toBe(
      `--name contains bidirectional control character U+${hex} (${name}) at character 4`,
    );
  });

  it('counts the position in characters, an emoji being one', () => {
    expect(bidiControlProblem('name', '🎉\u202eabc')).toBe(
      'name contains bidirectional control character U+202E (right-to-left override) at character 2',
    );
    expect(bidiControlProblem('name', '\u2066x\u2069')).toBe(
      'name contains bidirectional control character U+2066 (left-to-right isolate) at character 1',
    );
  });

  it.each([
    ['LRM', 'Ada\u200e Lovelace'],
    ['RLM', 'Ada\u200f Lovelace'],
    ['ALM', 'Ada\u061c Lovelace'],
    ['an Arabic name', 'أدا لوفلايس'],
    ['a Hebrew name', 'עדה לאבלייס'],
    ['a Latin name', 'Zoë O’Brien'],
  ])('accepts %s', (_what, name) => {
    expect(bidiControlProblem('name', name)).toBeUndefined();
    expect(unsafeNameProblem('name', name)).toBeUndefined();
  });
});

describe('unsafeNameProblem: control characters first, then bidi controls', () => {
  it('names a control character as controlCharacterProblem does', () => {
    expect(unsafeNameProblem('name', 'A\u001b\u202e')).toBe(
      'name contains control character U+001B',
    );
  });

  it('names a bidi control', () => {
    expect(unsafeNameProblem('name', 'Ada\u2067x')).toBe(
      'name contains bidirectional control character U+2067 (right-to-left isolate) at character 4',
    );
  });
});

describe('escapeControls', () => {
  it('writes bidi controls as \\uXXXX too, and leaves LRM and Hebrew alone', () => {
    expect(escapeControls('Ada\u202eecalevoL\u2069 \u200fעדה')).toBe(
      'Ada\\u202eecalevoL\\u2069 \u200fעדה',
    );
  });
});
