import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardDemo } from './demo.js';

describe('the dashboard demo', () => {
  it('serves the three-loops fixture and prints the overview unhealthy first, the reasons, and the live row', async () => {
    const work = mkdtempSync(join(tmpdir(), 'opsfold-dash-demo-'));
    const text = await dashboardDemo(
      { cwd: work, env: {}, now: () => Date.parse('2026-02-22T12:00:00Z') },
      work,
    );
    const order = ['critical-loop', 'degraded-loop', 'healthy-loop'].map((l) => text.indexOf(`  ${l}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('ingest_stale: observed 1200, threshold 900');
    expect(text).toMatch(/append one event[^\n]*\n {2}critical-loop +critical +last event +10 s ago/);
  });
});
