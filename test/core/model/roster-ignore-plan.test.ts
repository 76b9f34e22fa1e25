import { describe, expect, it } from 'vitest';
import { planHeader, sameHeader } from '../../../src/core/model/roster-map.js';

describe('planHeader with roster.ignore (ifPresent) and --ignore-column (columns)', () => {
  it('both are left unread and out of ignored and misspelt', () => {
    const plan = planHeader(
      ['name', 'email', 'Issuer', 'Notes', 'Cohort'],
      {},
      {
        columns: ['notes'],
        ifPresent: [' ISSUER '],
      },
    );
    expect([plan.fields, plan.ignored, plan.misspelt, plan.missing]).toEqual([
      ['name', 'email', undefined, undefined, undefined],
      ['Cohort'],
      [],
      [],
    ]);
  });

  it('an ifPresent header the roster lacks is fine; a --ignore-column one is missing', () => {
    const plan = planHeader(['name', 'email'], {}, { columns: ['Room'], ifPresent: ['Issuer'] });
    expect(plan.missing).toEqual(["'Room' (--ignore-column)"]);
  });

  it('a plain list is --ignore-column, as before', () => {
    expect(planHeader(['name', 'email'], {}, ['Issuer']).missing).toEqual([
      "'Issuer' (--ignore-column)",
    ]);
  });

  it('without the yaml entry, Issuer is a near miss of issued', () => {
    const plan = planHeader(['name', 'email', 'Issuer'], {}, { columns: [], ifPresent: [] });
    expect(plan.misspelt).toEqual([{ header: 'Issuer', meant: 'issued', field: 'issued' }]);
  });
});

describe('sameHeader', () => {
  it('folds case, surrounding spaces and Unicode normalisation, nothing else', () => {
    expect(sameHeader(' E-mail Address ', 'e-mail address')).toBe(true);
    expect(sameHeader('Caf\u00e9', 'cafe\u0301')).toBe(true);
    expect(sameHeader('E-mail', 'Email')).toBe(false);
  });
});
