import { describe, expect, it } from 'vitest';
import { listingOf, REGISTRY } from './listing.js';

const missing = { state: { file: REGISTRY, kind: 'missing' as const }, value: null };
const found = (value: unknown) => ({ state: { file: REGISTRY, kind: 'ok' as const }, value: value as never });

describe('which loops the dashboard lists', () => {
  it('lists the loop directories, naming a directory that is not a loop id, when there is no registry', () => {
    const l = listingOf(missing, ['a-loop', '..x', 'b']);
    expect(l.source).toBe('directory');
    expect(l.loops.map((x) => x.loopId)).toEqual(['a-loop', 'b']);
    expect(l.notes).toEqual(['.superloop/loops/..x: not a usable loop id; not shown']);
  });

  it("lists the registry's loops when it is usable", () => {
    const l = listingOf(
      found({ fleetId: 'f1', loops: [{ loopId: 'r1' }, { loopId: 'r2', enabled: false }] }),
      ['other'],
    );
    expect(l).toMatchObject({ source: 'registry', fleetId: 'f1', notes: [] });
    expect(l.loops.map((x) => [x.loopId, x.enabled])).toEqual([
      ['r1', true],
      ['r2', false],
    ]);
  });

  it('falls back to the directories, with a note, when the registry is corrupt', () => {
    const corrupt = {
      state: { file: REGISTRY, kind: 'corrupt' as const, line: 1, byteOffset: 3, reason: 'invalid JSON: x' },
      value: null,
    };
    const l = listingOf(corrupt, ['a']);
    expect(l).toMatchObject({ source: 'directory', registry: corrupt.state });
    expect(l.notes).toEqual([`${REGISTRY} is unusable; listing .superloop/loops/`]);
  });
});
