import { describe, expect, it } from 'vitest';
import { loopMetricsOf, metricFamilies } from './metrics.js';

const status = (over: Record<string, unknown> = {}) => ({
  lifecycle: { state: 'running', confidence: 'high' },
  health: { status: 'degraded', metrics: { ingestLagSeconds: 420, transportFailureStreak: 0 } },
  reconcile: { lastStatus: 'ok', lastDurationSeconds: 1.5 },
  ...over,
});

describe('a loop status document read for a scrape', () => {
  it('gives the lifecycle, severity, ingest lag and last reconcile duration', () => {
    expect(loopMetricsOf('a', status(), 2)).toEqual({
      loopId: 'a',
      lifecycle: 'running',
      health: 'degraded',
      ingestLagSeconds: 420,
      escalationsOpen: 2,
      reconcileDurationSeconds: 1.5,
    });
  });
  it('leaves out what the status does not know, and reads a missing lifecycle as unknown', () => {
    const m = loopMetricsOf('b', { health: { status: 'weird', metrics: { ingestLagSeconds: null } } }, null);
    expect(m).toEqual({
      loopId: 'b',
      lifecycle: 'unknown',
      health: null,
      ingestLagSeconds: null,
      escalationsOpen: null,
      reconcileDurationSeconds: null,
    });
    const families = metricFamilies([m]);
    const counts = Object.fromEntries(families.map((f) => [f.name, f.samples.length]));
    expect(counts).toEqual({
      opsfold_loops: 1,
      opsfold_loop_lifecycle: 7,
      opsfold_loop_health_severity: 0,
      opsfold_loop_ingest_lag_seconds: 0,
      opsfold_loop_escalations_open: 0,
      opsfold_loop_reconcile_duration_seconds: 0,
    });
  });
  it('does not read inherited or non-object fields', () => {
    expect(loopMetricsOf('c', { lifecycle: [], health: 'critical', reconcile: null }, 0).health).toBeNull();
    expect(loopMetricsOf('c', JSON.parse('{"__proto__":{"state":"running"}}'), 0).lifecycle).toBe('unknown');
  });
});

describe('the gauges of a scrape', () => {
  it('set the current lifecycle to 1 and every other known state to 0', () => {
    const [, lifecycle] = metricFamilies([loopMetricsOf('a', status(), 0)]);
    expect(lifecycle?.samples.filter((s) => s.value === 1).map((s) => s.labels)).toEqual([
      { loop: 'a', state: 'running' },
    ]);
    expect(lifecycle?.samples.map((s) => s.labels['state'])).toEqual([
      'running',
      'awaiting_approval',
      'complete',
      'stopped',
      'failed',
      'idle',
      'unknown',
    ]);
  });
  it('add a state the truth table does not know as its own sample', () => {
    const [, lifecycle] = metricFamilies([loopMetricsOf('a', status({ lifecycle: { state: 'paused' } }), 0)]);
    expect(lifecycle?.samples.at(-1)).toEqual({ labels: { loop: 'a', state: 'paused' }, value: 1 });
  });
  it('map health to 0, 1, 2 per loop, in the order the loops were given', () => {
    const loops = ['healthy', 'degraded', 'critical'].map((h, i) =>
      loopMetricsOf(`l${i}`, status({ health: { status: h } }), i),
    );
    const f = metricFamilies(loops);
    const severity = f.find((x) => x.name === 'opsfold_loop_health_severity');
    expect(severity?.samples).toEqual([
      { labels: { loop: 'l0' }, value: 0 },
      { labels: { loop: 'l1' }, value: 1 },
      { labels: { loop: 'l2' }, value: 2 },
    ]);
    expect(f.find((x) => x.name === 'opsfold_loop_escalations_open')?.samples.map((s) => s.value)).toEqual([
      0, 1, 2,
    ]);
    expect(f[0]?.samples).toEqual([{ labels: {}, value: 3 }]);
  });
});
