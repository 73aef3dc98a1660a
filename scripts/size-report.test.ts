import { describe, expect, it } from 'vitest';
import { formatSize, sizeReport } from './size-report.js';

const files = [
  { path: 'lib/loop/fold.ts', lines: 200 },
  { path: 'lib/index.ts', lines: 50 },
  { path: 'runners/loop/status.ts', lines: 40 },
  { path: 'runners/loop/poll.ts', lines: 60 },
  { path: 'runners/replay.ts', lines: 160 },
];

describe('sizeReport', () => {
  it('totals lib/ and runners/ and each domain folder', () => {
    const r = sizeReport(files);
    expect(r.folders).toContainEqual({ folder: 'lib/', files: 2, lines: 250 });
    expect(r.folders).toContainEqual({ folder: 'runners/', files: 3, lines: 260 });
    expect(r.folders).toContainEqual({ folder: '  runners/loop', files: 2, lines: 100 });
    expect(r.folders).toContainEqual({ folder: '  lib/(top)', files: 1, lines: 50 });
  });

  it('judges the runner targets: share of lib, median file and files over 150 lines', () => {
    const r = sizeReport(files);
    expect(r.runnersPercentOfLib).toBeCloseTo(104);
    expect(r.medianRunner).toBe(60);
    expect(r.over150.map((f) => f.path)).toEqual(['runners/replay.ts']);
    expect(r.targets.map((t) => t.pass)).toEqual([false, true, false]);
    expect(formatSize(r)).toContain('MISS  no runner file over 150 lines');
  });
});
