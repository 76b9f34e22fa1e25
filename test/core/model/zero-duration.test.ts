import { describe, expect, it } from 'vitest';
import { isZeroDuration } from '../../../src/core/model/dates.js';

describe('isZeroDuration', () => {
  it('is true for every spelling of no time in the forms validFor takes', () => {
    for (const text of ['P0D', 'P0Y', 'P0M', 'P0W', 'P00D', 'P0Y0M0W0D', 'P0Y0D']) {
      expect(isZeroDuration(text)).toBe(true);
    }
  });

  it('is false for a duration with any length, and for what is not such a duration', () => {
    for (const text of ['P1D', 'P0Y1D', 'P10D', 'P1Y0M', 'P', '', 'PT0S', '0D', 'P-0D']) {
      expect(isZeroDuration(text)).toBe(false);
    }
  });
});
