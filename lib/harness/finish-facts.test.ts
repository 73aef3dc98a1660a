// Seed 004 §6: a task's external-dirty blocker adds to the evidence's external dirt, never replaces it.
import { describe, expect, it } from 'vitest';
import { withExternalDirt } from './finish-facts.js';

describe('external dirt from a blocker', () => {
  it('given evidence with external dirt and a blocker, then both lists are kept in that order', () => {
    expect(withExternalDirt({ external_dirty: ['a'] }, ['b']).external_dirty).toEqual(['a', 'b']);
  });
  it('given no blocker files, then the evidence is unchanged', () => {
    const evidence = { external_dirty: ['a'] };
    expect(withExternalDirt(evidence, undefined)).toBe(evidence);
  });
});
