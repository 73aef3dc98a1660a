import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX, durationSeries, ingestLagSeries, lineChart, niceMax, sampleOf } from './chart.js';
import { viewOf } from './lenient.js';
import { ReconcileRecord } from './views.js';

const sample = (r: unknown) => sampleOf(viewOf(ReconcileRecord, r));

const rec = (timestamp: string, durationSeconds: number, cursorOffsetAfter: number) =>
  sample({ timestamp, durationSeconds, cursorOffsetAfter, status: 'success', healthStatus: 'healthy' });

describe('the series', () => {
  const events: Record<number, string> = { 5: '2026-02-22T11:58:00Z', 6: '2026-02-22T12:30:00Z' };
  const samples = [
    rec('2026-02-22T12:00:00Z', 2, 5),
    rec('2026-02-22T12:01:00Z', 3, 0),
    rec('2026-02-22T12:02:00Z', 1, 6),
    sample({ durationSeconds: 9 }),
  ];

  it('takes ingest lag as the pass time minus the timestamp of its last ingested event', () => {
    const lag = ingestLagSeries(samples, (line) => events[line] ?? null);
    expect(lag.map((p) => p.v)).toEqual([120, null, null]);
  });

  it('takes the duration of each timed pass', () => {
    expect(durationSeries(samples).map((p) => p.v)).toEqual([2, 3, 1]);
  });
});

describe('the chart geometry', () => {
  const pts = [0, 1, 2, 3].map((i) => ({
    t: i * 1000,
    at: `t${i}`,
    v: i === 2 ? null : i * 10,
    status: null,
  }));

  it('breaks the line where a value is missing and keeps every point inside the box', () => {
    const g = lineChart(pts, [{ name: 'critical', value: 25 }]);
    expect(g.segments).toHaveLength(2);
    expect(g.dots).toHaveLength(3);
    for (const d of g.dots) {
      expect(d.x).toBeGreaterThanOrEqual(DEFAULT_BOX.left);
      expect(d.x).toBeLessThanOrEqual(DEFAULT_BOX.width - DEFAULT_BOX.right);
      expect(d.y).toBeGreaterThanOrEqual(DEFAULT_BOX.top);
      expect(d.y).toBeLessThanOrEqual(DEFAULT_BOX.height - DEFAULT_BOX.bottom);
    }
    expect(g.yMax).toBe(50);
    const zero = g.dots[0]?.y ?? 0;
    const top = g.dots[2]?.y ?? 0;
    expect(zero).toBeGreaterThan(top);
    expect(g.thresholds[0]?.y).toBeLessThan(zero);
  });

  it('is empty, not broken, without any value', () => {
    const g = lineChart([{ t: 0, at: 't', v: null, status: null }]);
    expect(g.empty).toBe(true);
    expect(g.segments).toEqual([]);
    expect(lineChart([]).empty).toBe(true);
  });

  it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 7, 12, 250, 1200].map(niceMax)).toEqual([1, 0.5, 1, 10, 20, 500, 2000]);
  });
});
