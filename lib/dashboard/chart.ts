// The loop detail's two small charts over the last window of reconcile passes: ingest lag (the health
// rule's metric: the pass's time minus the timestamp of the last event it had ingested) and reconcile
// duration. The server computes the geometry so the page only draws the SVG it is given.
// Pure: samples come from telemetry/reconcile.jsonl, event timestamps from the events index lookup.
import { parseIso, secondsBetween } from '../core/time.js';
import type { ChartBox, ChartGeometry } from './outputs.js';
import type { ReconcileRecord } from './views.js';

export interface ReconcileSample {
  readonly timestamp: string | null;
  readonly durationSeconds: number | null;
  /** `cursorOffsetAfter`: how many lines of events.jsonl the pass had ingested. */
  readonly cursorLine: number | null;
  readonly status: string | null;
  readonly healthStatus: string | null;
}

export interface SeriesPoint {
  readonly t: number;
  readonly v: number | null;
  readonly at: string;
  readonly status: string | null;
}

/** Pure: the fields of one reconcile telemetry record the charts use. */
export const sampleOf = (record: ReconcileRecord): ReconcileSample => ({
  timestamp: record.timestamp,
  durationSeconds: record.durationSeconds,
  cursorLine: record.cursorOffsetAfter,
  status: record.status,
  healthStatus: record.healthStatus,
});

const timed = (s: ReconcileSample): { t: number; at: string } | null => {
  const t = s.timestamp === null ? null : parseIso(s.timestamp);
  return t === null || s.timestamp === null ? null : { t, at: s.timestamp };
};

/** Pure: reconcile duration per pass (passes without a timestamp are left out). */
export const durationSeries = (samples: readonly ReconcileSample[]): SeriesPoint[] =>
  samples.flatMap((s) => {
    const when = timed(s);
    return when === null ? [] : [{ ...when, v: s.durationSeconds, status: s.healthStatus }];
  });

/**
 * Pure: ingest lag per pass. `eventAt(line)` is the timestamp of the last event at or before that
 * line of events.jsonl. A pass that had ingested nothing, or whose event postdates it (telemetry
 * written against another log), has no lag: a gap in the line, never a made-up zero.
 */
export const ingestLagSeries = (
  samples: readonly ReconcileSample[],
  eventAt: (line: number) => string | null,
): SeriesPoint[] =>
  samples.flatMap((s) => {
    const when = timed(s);
    if (when === null) return [];
    const ev = s.cursorLine === null || s.cursorLine < 1 ? null : eventAt(s.cursorLine);
    const evMs = ev === null ? null : parseIso(ev);
    const lag = evMs === null ? null : secondsBetween(evMs, when.t);
    return [{ ...when, v: lag === null || lag < 0 ? null : lag, status: s.healthStatus }];
  });

export const DEFAULT_BOX: ChartBox = { width: 480, height: 140, left: 44, right: 8, top: 8, bottom: 20 };

export interface Threshold {
  readonly name: string;
  readonly value: number;
}

/** Pure: a round upper bound at or above `v` (1, 2, 5 × 10^k). */
export const niceMax = (v: number): number => {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = [1, 2, 5, 10].find((k) => k * p >= v) ?? 10;
  return m * p;
};

const round1 = (n: number): number => Math.round(n * 10) / 10;

const scaleX = (points: readonly SeriesPoint[], box: ChartBox) => {
  const t0 = points[0]?.t ?? 0;
  const t1 = points[points.length - 1]?.t ?? t0;
  const w = box.width - box.left - box.right;
  return (t: number): number => round1(box.left + (t1 === t0 ? w / 2 : ((t - t0) / (t1 - t0)) * w));
};

const segmentsOf = (pts: readonly { x: number; y: number | null }[]): string[] => {
  const out: string[] = [];
  let cur: string[] = [];
  for (const p of pts) {
    if (p.y === null) {
      if (cur.length > 0) out.push(cur.join(' '));
      cur = [];
    } else cur.push(`${p.x},${p.y}`);
  }
  if (cur.length > 0) out.push(cur.join(' '));
  return out;
};

/** Pure: the geometry of one line chart (points oldest first), with dashed threshold lines. */
export const lineChart = (
  points: readonly SeriesPoint[],
  thresholds: readonly Threshold[] = [],
  box: ChartBox = DEFAULT_BOX,
): ChartGeometry => {
  const values = points.flatMap((p) => (p.v === null ? [] : [p.v]));
  const yMax = niceMax(Math.max(0, ...values, ...thresholds.map((t) => t.value)));
  const h = box.height - box.top - box.bottom;
  const y = (v: number): number => round1(box.top + h - (Math.min(v, yMax) / yMax) * h);
  const x = scaleX(points, box);
  const placed = points.map((p) => ({ x: x(p.t), y: p.v === null ? null : y(p.v), p }));
  const first = points[0];
  const last = points[points.length - 1];
  return {
    box,
    empty: values.length === 0,
    yMax,
    segments: segmentsOf(placed),
    dots: placed.flatMap((d) =>
      d.y === null || d.p.v === null ? [] : [{ x: d.x, y: d.y, v: d.p.v, at: d.p.at, status: d.p.status }],
    ),
    thresholds: thresholds.map((t) => ({ ...t, y: y(t.value) })),
    yTicks: [0, yMax / 2, yMax].map((v) => ({ value: v, y: y(v) })),
    xLabels:
      first === undefined || last === undefined
        ? []
        : [{ x: x(first.t), text: first.at }, ...(last === first ? [] : [{ x: x(last.t), text: last.at }])],
  };
};
