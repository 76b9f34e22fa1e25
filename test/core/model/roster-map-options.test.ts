import { describe, expect, it } from 'vitest';
import { parseMapOptions } from '../../../src/core/model/roster-map.js';

const FIELDS =
  'the fields are name, email, identifier, achievement, issued, evidence, narrative, result, language';

describe('parseMapOptions: bad --map values', () => {
  it('a field that is not a roster field is named, with the fields listed', () => {
    expect(() => parseMapOptions(['notes=Issuer'])).toThrow(
      expect.objectContaining({
        code: 'ERR_USAGE_BAD_OPTION',
        message: "--map 'notes=Issuer': 'notes' is not a roster field",
        hint: `map one of the fields to a column, e.g. --map email="E-mail Address"; ${FIELDS}`,
      }),
    );
  });

  it('a near miss of a field says which one was meant', () => {
    expect(() => parseMapOptions(['emial=Mail'])).toThrow(
      "--map 'emial=Mail': 'emial' is not a roster field (did you mean 'email'?)",
    );
  });

  it('the same field twice is an error naming both headers', () => {
    expect(() => parseMapOptions(['email=A', 'email="B"'])).toThrow(
      expect.objectContaining({
        code: 'ERR_USAGE_BAD_OPTION',
        message: "--map names field 'email' twice ('A' and 'B')",
      }),
    );
  });

  it('a value without = is still not field=header; good values still map', () => {
    expect(() => parseMapOptions(['email'])).toThrow("--map 'email' is not field=header");
    expect(parseMapOptions(['email=A', 'name=B'])).toEqual({ email: 'A', name: 'B' });
  });
});
