import { describe, expect, it } from 'vitest';
import { profileNamesProblem } from './profile-drift-inputs.js';

const catalog = { profiles: { balanced: {}, strict: {} } };

describe('profile names in the catalog', () => {
  it('given names in the catalog or absent, when checked, then there is no problem', () => {
    expect(profileNamesProblem(catalog, { applied: 'balanced', recommended: 'strict' })).toBeNull();
    expect(profileNamesProblem(catalog, { applied: null, recommended: null })).toBeNull();
  });

  it('given a catalog without a profiles object, or none at all, when checked, then it has no profiles', () => {
    const names = { applied: null, recommended: null };
    expect(profileNamesProblem({ profiles: [] }, names)).toEqual({ kind: 'no_profiles' });
    expect(profileNamesProblem(undefined, names)).toEqual({ kind: 'no_profiles' });
  });

  it('given an unknown name, when checked, then the applied one is named first', () => {
    expect(profileNamesProblem(catalog, { applied: 'loose', recommended: 'wild' })).toEqual({
      kind: 'unknown',
      message: 'unknown applied profile: loose',
    });
    expect(profileNamesProblem(catalog, { applied: 'strict', recommended: 'wild' })).toEqual({
      kind: 'unknown',
      message: 'unknown recommended profile: wild',
    });
  });
});
