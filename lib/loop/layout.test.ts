import { describe, expect, it } from 'vitest';
import { MANAGER_FILE_FLAGS, MANAGER_FILES, isLoopIdSegment, loopArtifacts } from './layout.js';

describe('a loop id', () => {
  it('is accepted when it is one path segment', () => {
    expect(['l1', 'loop.v2', 'a b'].map(isLoopIdSegment)).toEqual([true, true, true]);
  });

  it('is refused when empty, a dot name, or able to leave its directory', () => {
    expect(['', '.', '..', 'a/b', 'a\\b', 'a..b', 'a\0'].map(isLoopIdSegment)).toEqual(Array(7).fill(false));
  });
});

describe('the layout', () => {
  it('puts the events log under the loop directory and the manager files under ops-manager', () => {
    const a = loopArtifacts('l1');
    expect(a.events).toEqual(['.superloop', 'loops', 'l1', 'events.jsonl']);
    expect(a.managerDir).toEqual(['.superloop', 'ops-manager', 'l1']);
    expect(MANAGER_FILES.reconcileTelemetryFile).toEqual(['telemetry', 'reconcile.jsonl']);
  });

  it('names a flag only for files the reference lets the command line override', () => {
    expect(Object.keys(MANAGER_FILE_FLAGS).every((k) => k in MANAGER_FILES)).toBe(true);
    expect(MANAGER_FILE_FLAGS.transportHealthFile).toBeUndefined();
  });
});
