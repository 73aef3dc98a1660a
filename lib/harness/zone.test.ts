import { describe, expect, it } from 'vitest';
import { withZone } from './zone.js';

describe('withZone', () => {
  it('reads a zone-less fire_time at the operators offset, not the machine zone', () => {
    expect(withZone('2026-05-28T13:22:33', '+09:00')).toBe('2026-05-28T13:22:33+09:00');
    expect(withZone('2026-05-28T13:22:33', 'Z')).toBe('2026-05-28T13:22:33Z');
  });

  it('keeps a time that has a zone, and text that is no time at all', () => {
    expect(withZone('2026-05-28T04:22:33Z', '+09:00')).toBe('2026-05-28T04:22:33Z');
    expect(withZone('yesterday', '+09:00')).toBe('yesterday');
  });
});
