import { describe, expect, it } from 'vitest';
import {
  addDuration,
  futureIssuedProblem,
  parseIssuedDate,
  toDateTimeZ,
} from '../../../src/core/model/dates.js';
import { safeSlug } from '../../../src/core/model/file-slug.js';

describe('dates', () => {
  it('writes UTC at seconds precision', () => {
    expect(toDateTimeZ(new Date('2025-06-01T09:30:15.999Z'))).toBe('2025-06-01T09:30:15Z');
  });

  it('reads days and zoned date-times, rejects the rest', () => {
    expect(parseIssuedDate('2025-06-01')?.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(parseIssuedDate('2025-06-01T10:00:00+02:00')?.toISOString()).toBe(
      '2025-06-01T08:00:00.000Z',
    );
    expect(parseIssuedDate('2025-02-30')).toBeUndefined();
    expect(parseIssuedDate('2025-06-01T10:00:00')).toBeUndefined();
    expect(parseIssuedDate('June 1')).toBeUndefined();
  });

  it('an issue date more than a day ahead of the clock is a problem; a day of skew is not', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    expect(futureIssuedProblem(new Date('2025-06-02T12:00:00Z'), now)).toBeUndefined();
    expect(futureIssuedProblem(new Date('2025-05-01T00:00:00Z'), now)).toBeUndefined();
    expect(futureIssuedProblem(new Date('2025-06-02T12:00:01Z'), now)).toBe(
      'issued date 2025-06-02T12:00:01Z is in the future (now is 2025-06-01T12:00:00Z): the badge would not be valid before then',
    );
  });

  it('adds calendar durations', () => {
    const start = new Date('2025-01-15T00:00:00Z');
    expect(addDuration(start, 'P1Y')?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(addDuration(start, 'P6M')?.toISOString()).toBe('2025-07-15T00:00:00.000Z');
    expect(addDuration(start, 'P2W3D')?.toISOString()).toBe('2025-02-01T00:00:00.000Z');
    expect(addDuration(start, 'P')).toBeUndefined();
    expect(addDuration(start, 'PT1H')).toBeUndefined();
  });
});

describe('safeSlug', () => {
  it('folds accents, drops emoji and separators', () => {
    expect(safeSlug("Zoë O'Brien 🎉")).toBe('zoe-o-brien');
    expect(safeSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(safeSlug('Zoë Ødegård Straße Łukasz')).toBe('zoe-odegard-strasse-lukasz');
    expect(safeSlug('🎉🎉')).toBe('badge');
    expect(safeSlug('a'.repeat(60))).toHaveLength(40);
  });
});
