import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../../src/core/model/roster-values.js';

describe('escapeControls: zero-width characters', () => {
  it('escapes zero-width space, word joiner, BOM and Mongolian vowel separator anywhere', () => {
    expect(escapeControls('\u200b')).toBe('\\u200b');
    expect(escapeControls('A\u2060da\ufeff\u180e')).toBe('A\\u2060da\\ufeff\\u180e');
  });

  it('escapes ZWJ and ZWNJ that join nothing: alone, at an end, beside a space', () => {
    expect(escapeControls('\u200d\u200c')).toBe('\\u200d\\u200c');
    expect(escapeControls('Ada\u200d')).toBe('Ada\\u200d');
    expect(escapeControls('Ada \u200cLovelace')).toBe('Ada \\u200cLovelace');
  });

  it('keeps ZWNJ in a Persian name, ZWJ in Devanagari and in an emoji sequence', () => {
    for (const name of [
      '\u0639\u0644\u06cc\u200c\u0631\u0636\u0627',
      '\u0915\u094d\u200d\u0937',
      '\u{1f469}\u200d\u{1f52c}',
    ]) {
      expect(escapeControls(name)).toBe(name);
    }
  });
});
