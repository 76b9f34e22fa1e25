import { describe, expect, it } from 'vitest';
import {
  controlCharacterProblem,
  escapeControls,
  languageProblem,
} from '../../../src/core/model/roster-values.js';

describe('languageProblem', () => {
  it('accepts the tags 1EdTech allows for inLanguage', () => {
    for (const tag of ['en', 'pt-BR', 'zh-Hant-TW', 'es-419', 'fil']) {
      expect(languageProblem(tag)).toBeUndefined();
    }
  });

  it('names a value that is not such a tag', () => {
    expect(languageProblem('!!not a tag!!')).toBe(
      "language '!!not a tag!!' is not a BCP 47 tag like en or pt-BR",
    );
    expect(languageProblem('pt_BR')).toBe("language 'pt_BR' is not a BCP 47 tag like en or pt-BR");
    expect(languageProblem('EN')).toBe("language 'EN' is not a BCP 47 tag like en or pt-BR");
  });
});

describe('controlCharacterProblem', () => {
  it('names the first control character as U+XXXX', () => {
    expect(controlCharacterProblem('name', 'Ada\u001b[2J')).toBe(
      'name contains control character U+001B',
    );
    expect(controlCharacterProblem('name', 'A\u0000da')).toBe(
      'name contains control character U+0000',
    );
    expect(controlCharacterProblem('name', 'Ada\u007f')).toBe(
      'name contains control character U+007F',
    );
    expect(controlCharacterProblem('name', 'Ada\tL')).toBe(
      'name contains control character U+0009',
    );
  });

  it('passes names without control characters, accents and emoji included', () => {
    expect(controlCharacterProblem('name', 'Zoë 🎉 O’Brien')).toBeUndefined();
  });
});

describe('escapeControls', () => {
  it('writes each control character as \\uXXXX and leaves the rest', () => {
    expect(escapeControls('Ada\u001b[2J\u0007 Zoë')).toBe('Ada\\u001b[2J\\u0007 Zoë');
    expect(escapeControls('plain')).toBe('plain');
  });
});
