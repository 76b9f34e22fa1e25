import { describe, expect, it } from 'vitest';
import { planHeader } from '../../../src/core/model/roster-map.js';

describe('planHeader: two columns for one field', () => {
  it('the same header twice is a duplicate with both column numbers', () => {
    const plan = planHeader(['name', 'email', 'email'], {});
    expect(plan.duplicates).toEqual([
      { field: 'email', headers: ['email', 'email'], columns: [2, 3] },
    ]);
    expect(plan.ignored).toEqual([]);
  });

  it('two spellings read as one field (email, E-mail Address) are a duplicate', () => {
    const plan = planHeader(['E-mail Address', 'name', 'email'], {});
    expect(plan.duplicates).toEqual([
      { field: 'email', headers: ['E-mail Address', 'email'], columns: [1, 3] },
    ]);
  });

  it('two headers a --map sends to one field are a duplicate', () => {
    const plan = planHeader(['Full Name', 'email', ' full name '], { name: 'Full Name' });
    expect(plan.duplicates).toEqual([
      { field: 'name', headers: ['Full Name', 'full name'], columns: [1, 3] },
    ]);
  });

  it('one column a field is no duplicate', () => {
    expect(planHeader(['name', 'email', 'emails'], {}).duplicates).toEqual([]);
  });
});
