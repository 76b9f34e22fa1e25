import { describe, expect, it } from 'vitest';
import { closestName } from '../../../src/core/model/closest-name.js';
import { planHeader } from '../../../src/core/model/roster-map.js';

describe('closestName', () => {
  it('finds a name two edits away (a swapped pair), case aside', () => {
    expect(closestName('Nmae', ['email', 'name'])).toBe('name');
    expect(closestName('EMIAL', ['name', 'email'])).toBe('email');
  });

  it('finds nothing three edits away', () => {
    expect(closestName('colour', ['result', 'name'])).toBeUndefined();
    expect(closestName('xyzw', ['name'])).toBeUndefined();
  });

  it('prefers the closer of two candidates', () => {
    expect(closestName('issue', ['issued', 'tissues'])).toBe('issued');
  });
});

describe('planHeader: misspelt headers', () => {
  it.each([
    ['emial', 'email', 'email'],
    ['Nmae', 'name', 'name'],
    ['achievment', 'achievement', 'achievement'],
    ['evidnce', 'evidence', 'evidence'],
    ['E-mial', 'e-mail', 'email'],
  ])('%s is a near miss of %s', (header, meant, field) => {
    const base = field === 'name' ? ['email', header] : ['name', 'email', header];
    const columns = field === 'email' ? ['name', 'identifier', header] : base;
    const plan = planHeader(columns, {});
    expect(plan.misspelt).toEqual([{ header, meant, field }]);
    expect(plan.ignored).toEqual([]);
  });

  it('a header far from every field is ignored, not misspelt', () => {
    const plan = planHeader(['name', 'email', 'Colour', 'Cohort'], {});
    expect(plan.misspelt).toEqual([]);
    expect(plan.ignored).toEqual(['Colour', 'Cohort']);
  });

  it('a near miss of a field another column already holds is ignored', () => {
    const plan = planHeader(['name', 'email', 'result', 'results', 'names'], {});
    expect(plan.misspelt).toEqual([]);
    expect(plan.ignored).toEqual(['results', 'names']);
  });

  it('a near miss of a --map target is misspelt, with the target as written', () => {
    const plan = planHeader(['name', 'E-mail Adress'], { email: 'E-mail Address' });
    expect(plan.misspelt).toEqual([
      { header: 'E-mail Adress', meant: 'E-mail Address', field: 'email' },
    ]);
    expect(plan.missing).toEqual([
      "'E-mail Address' (mapped to email)",
      "'email' (or 'identifier')",
    ]);
  });

  it('a mapped field is not suggested by its own name', () => {
    const plan = planHeader(['name', 'mail'], { email: 'E-mail Address' });
    expect(plan.misspelt).toEqual([]);
    expect(plan.ignored).toEqual(['mail']);
  });
});
