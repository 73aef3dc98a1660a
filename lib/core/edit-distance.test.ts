import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance, suggestionLimit } from './edit-distance.js';

describe('editDistance', () => {
  it('counts one edit for a missing, extra, wrong or swapped character', () => {
    expect(editDistance('status', 'status')).toBe(0);
    expect(editDistance('statu', 'status')).toBe(1);
    expect(editDistance('statuss', 'status')).toBe(1);
    expect(editDistance('statis', 'status')).toBe(1);
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('prety', 'pretty')).toBe(1);
  });

  it('is the length of the other word against an empty word, and symmetric', () => {
    expect(editDistance('', 'loop')).toBe(4);
    expect(editDistance('loop', '')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('sitting', 'kitten')).toBe(3);
  });
});

describe('closestMatches', () => {
  const commands = ['loop status', 'loop snapshot', 'loop health', 'alerts dispatch'];

  it('suggests the nearest candidate within the limit', () => {
    expect(closestMatches('loop statu', commands)).toEqual(['loop status']);
    expect(closestMatches('prety', ['pretty', 'repo', 'loop'])).toEqual(['pretty']);
  });

  it('suggests nothing when every candidate is too far or the word is itself a candidate', () => {
    expect(closestMatches('deploy', commands)).toEqual([]);
    expect(closestMatches('pretty', ['pretty'])).toEqual([]);
    expect(closestMatches('x', [])).toEqual([]);
  });

  it('lists ties in the candidates’ order', () => {
    expect(closestMatches('cat', ['bat', 'hat', 'cart'], 1)).toEqual(['bat', 'hat', 'cart']);
  });

  it('allows one edit per three characters typed, between one and three', () => {
    expect([
      suggestionLimit('ab'),
      suggestionLimit('statu'),
      suggestionLimit('a-very-long-flag-name'),
    ]).toEqual([1, 1, 3]);
  });
});
