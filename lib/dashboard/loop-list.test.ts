import { describe, expect, it } from 'vitest';
import { viewOf } from './lenient.js';
import { directoryLoops, registryLoops as loopsOf, RegistryView, validLoopId } from './loop-list.js';

const registryLoops = (doc: unknown) => loopsOf(viewOf(RegistryView, doc));

describe('loop ids', () => {
  it('are single path segments', () => {
    expect(['a', 'demo-loop', 'x.y'].every(validLoopId)).toBe(true);
    expect(['', '.', '..', 'a/b', 'a\\b', 'a..b', 'x\0'].some(validLoopId)).toBe(false);
  });
});

describe('a registry', () => {
  it('lists its loops in order, enabled unless it says false, once each', () => {
    const got = registryLoops({
      fleetId: 'f',
      loops: [{ loopId: 'b', enabled: false }, { loopId: 'a', transport: 'local' }, { loopId: 'b' }],
    });
    expect(got).toEqual({
      ok: true,
      fleetId: 'f',
      loops: [
        { loopId: 'b', enabled: false, transport: null },
        { loopId: 'a', enabled: true, transport: 'local' },
      ],
    });
  });

  it('is unusable without a loops array, a loopId, or with an unsafe id', () => {
    expect(registryLoops({ loops: {} })).toMatchObject({ ok: false });
    expect(registryLoops([])).toMatchObject({ ok: false });
    expect(registryLoops({ loops: [{}] })).toEqual({ ok: false, reason: 'loops[0] has no "loopId"' });
    expect(registryLoops({ loops: [{ loopId: '../x' }] })).toMatchObject({ ok: false });
  });
});

describe('a directory listing', () => {
  it('is sorted, and unsafe names are set apart', () => {
    expect(directoryLoops(['b', 'a', '..x'])).toEqual({
      loops: [
        { loopId: 'a', enabled: null, transport: null },
        { loopId: 'b', enabled: null, transport: null },
      ],
      rejected: ['..x'],
    });
  });
});
