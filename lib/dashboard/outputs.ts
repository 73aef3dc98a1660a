// What the dashboard answers, defined once: each shape is a codec and its type is the codec's
// `t.TypeOf`. The overview row (`/api/loops`) and the loop detail (`/api/loops/<id>`) are published in
// contracts/ (dashboard-loop-row, dashboard-loop-detail). Pure.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import type { JsonValue as Json } from '../core/json-schema.js';
import type { RaisedCondition } from '../loop/escalations.js';

const list = t.readonlyArray;
const Str = t.string;
const Num = t.number;
const NStr = nullable(t.string);
const NNum = nullable(t.number);

/** Any JSON value, passed through as the document holds it. */
export const JsonValue: t.Type<Json> = t.recursion('JsonValue', () =>
  t.union([t.null, t.boolean, t.number, t.string, t.array(JsonValue), t.record(t.string, JsonValue)]),
);

export const ArtifactKind = t.keyof({ ok: null, missing: null, empty: null, corrupt: null }, 'ArtifactKind');
export type ArtifactKind = t.TypeOf<typeof ArtifactKind>;

/** What the page says about one artifact it read; line, byte and reason only when corrupt. */
export const ArtifactState = t.intersection(
  [
    /** `file` is the path as shown (relative to the repo where it lies inside it). */
    t.type({ file: Str, kind: ArtifactKind }),
    t.partial({ line: Num, byteOffset: Num, reason: Str }),
  ],
  'ArtifactState',
);
export type ArtifactState = t.TypeOf<typeof ArtifactState>;

export const HealthLevel = t.keyof(
  { critical: null, degraded: null, unknown: null, healthy: null },
  'HealthLevel',
);
export type HealthLevel = t.TypeOf<typeof HealthLevel>;

export const LastControl = t.type(
  { intent: NStr, status: NStr, timestamp: NStr, reasonCode: NStr },
  'LastControl',
);
export type LastControl = t.TypeOf<typeof LastControl>;

/** Where a value came from: the manager's documents, the events the page folded itself, or nowhere. */
export const ValueSource = t.keyof({ manager: null, events: null, none: null }, 'ValueSource');

/**
 * The source of each value of a row. `note` says why the lifecycle was folded from the events (the
 * manager's state.json missing, unreadable or behind them); null when the manager's was used.
 */
export const Sources = t.type(
  { lifecycle: ValueSource, health: ValueSource, lastEvent: ValueSource, cursor: ValueSource, note: NStr },
  'Sources',
);
export type Sources = t.TypeOf<typeof Sources>;

/** What the overview knows of one loop, before ages and ranks (`enabled` null: from the listing). */
export const LoopFacts = t.type(
  {
    loopId: Str,
    enabled: nullable(t.boolean),
    lifecycle: t.type({ state: Str, confidence: NStr }),
    health: t.type({ status: NStr, reasonCodes: list(Str), updatedAt: NStr }),
    lastEvent: t.type({ at: NStr, name: NStr, line: NNum }),
    /** Complete lines of events.jsonl as last folded; null when the log is missing. */
    eventLines: NNum,
    cursor: nullable(t.type({ eventLineOffset: Num, eventLineCount: Num })),
    escalations: t.type({ open: Num, unkeyed: Num }),
    lastControl: nullable(LastControl),
    problems: list(ArtifactState),
    sources: Sources,
  },
  'LoopFacts',
);
export type LoopFacts = t.TypeOf<typeof LoopFacts>;

/** One overview row; `pendingLines`: lines the manager has not ingested yet (null when unknown). */
export const LoopRow = t.intersection(
  [LoopFacts, t.type({ level: HealthLevel, rank: Num, lastEventAgeSeconds: NNum, pendingLines: NNum })],
  'LoopRow',
);
export type LoopRow = t.TypeOf<typeof LoopRow>;

const Point = t.type({ x: Num, y: Num });

/** A line chart laid out for SVG: `segments` are polyline points; a point without a value breaks it. */
export const ChartGeometry = t.type(
  {
    box: t.type({ width: Num, height: Num, left: Num, right: Num, top: Num, bottom: Num }),
    empty: t.boolean,
    yMax: Num,
    segments: list(Str),
    dots: list(t.intersection([Point, t.type({ v: Num, at: Str, status: NStr })])),
    thresholds: list(t.type({ name: Str, value: Num, y: Num })),
    yTicks: list(t.type({ value: Num, y: Num })),
    xLabels: list(t.type({ x: Num, text: Str })),
  },
  'ChartGeometry',
);
export type ChartGeometry = t.TypeOf<typeof ChartGeometry>;
export type ChartBox = ChartGeometry['box'];

export const Charts = t.type({ window: Num, ingestLag: ChartGeometry, duration: ChartGeometry }, 'Charts');
export type Charts = t.TypeOf<typeof Charts>;

export const ThresholdRow = t.type(
  { metric: Str, observed: NNum, degraded: NNum, critical: NNum, unit: Str },
  'ThresholdRow',
);
export type ThresholdRow = t.TypeOf<typeof ThresholdRow>;

export const ReasonRow = t.type(
  { code: Str, severity: Str, metric: NStr, observed: NStr, threshold: NStr },
  'ReasonRow',
);
export type ReasonRow = t.TypeOf<typeof ReasonRow>;

export const IntentRow = t.type(
  {
    timestamp: NStr,
    intent: NStr,
    status: NStr,
    requestedBy: NStr,
    reasonCode: NStr,
    confirmation: NStr,
    idempotencyKey: NStr,
  },
  'IntentRow',
);
export type IntentRow = t.TypeOf<typeof IntentRow>;

// lib/loop owns the escalation fold; the annotation makes the compiler hold this codec to its type.
const OpenEscalation: t.Type<RaisedCondition, unknown> = t.type(
  { loopId: Str, category: Str, condition: Str, raisedAt: NStr, line: Num },
  'OpenEscalation',
);

/** The loop detail view: the row, why the loop is where it is, and the documents behind it. */
export const LoopDetail = t.type(
  {
    loopId: Str,
    row: LoopRow,
    lifecycle: JsonValue,
    health: t.type({
      status: NStr,
      level: HealthLevel,
      updatedAt: NStr,
      profile: NStr,
      reasons: list(ReasonRow),
      thresholds: list(ThresholdRow),
      evidence: JsonValue,
    }),
    heartbeat: JsonValue,
    sequence: JsonValue,
    escalations: t.type({ open: list(OpenEscalation), unkeyed: Num, recent: list(JsonValue) }),
    control: t.type({ intents: list(IntentRow), lastInvocation: JsonValue }),
    reconcile: JsonValue,
    tuning: JsonValue,
    drift: JsonValue,
    charts: Charts,
    artifacts: list(ArtifactState),
    notes: list(Str),
    /** The `loop status` document as buildStatus derived it. */
    status: JsonValue,
  },
  'LoopDetail',
);
export type LoopDetail = t.TypeOf<typeof LoopDetail>;
