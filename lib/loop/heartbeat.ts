// Runtime heartbeat freshness (`heartbeat.json` and a `telemetry/heartbeat.jsonl` line): how long ago
// the runtime last wrote `.superloop/loops/<loop>/heartbeat.v1.json`, graded fresh | degraded |
// critical against the heartbeat thresholds (120/300 s by default, separate from the profiles).
// No heartbeat, or one without a readable timestamp, is `unknown`: missing evidence is not staleness.
// Pure: the runner reads the runtime file (or the snapshot's copy of it) and passes the instant `asOf`.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { parseIso, secondsBetween } from '../core/time.js';
import type { RuntimeView } from './envelope-views.js';
import type { HeartbeatThresholds } from './thresholds.js';

export type Freshness = 'fresh' | 'degraded' | 'critical' | 'unknown';

export interface HeartbeatInputs {
  readonly loopId: string;
  readonly asOf: string;
  readonly asOfMs: number;
  /** The runtime heartbeat document; null when there is none (or it is not an object). */
  readonly runtime: RuntimeView | null;
  /** Where it was read (repo-relative when possible), for evidence. */
  readonly sourceFile: string | null;
  readonly thresholds: HeartbeatThresholds;
  readonly transport: string;
  readonly traceId: string | null;
}

const orNull = (v: string | null): string | null => (v === '' ? null : v);

/** Pure: fresh | degraded | critical for a lag; unknown without one. */
export const freshnessOf = (lag: number | null, th: HeartbeatThresholds): Freshness => {
  if (lag === null) return 'unknown';
  if (lag >= th.criticalHeartbeatLagSeconds) return 'critical';
  return lag >= th.degradedHeartbeatLagSeconds ? 'degraded' : 'fresh';
};

/** Pure: the heartbeat state document. */
export const heartbeatState = (i: HeartbeatInputs): HeartbeatState => {
  const r = i.runtime;
  const lastHeartbeatAt = r === null ? null : orNull(r.timestamp ?? r.updatedAt);
  const beat = lastHeartbeatAt === null ? null : parseIso(lastHeartbeatAt);
  const lag = beat === null ? null : Math.max(0, secondsBetween(beat, i.asOfMs));
  const freshnessStatus = freshnessOf(lag, i.thresholds);
  const stale = freshnessStatus === 'degraded' || freshnessStatus === 'critical';
  return {
    schemaVersion: 'v1' as const,
    updatedAt: i.asOf,
    loopId: i.loopId,
    transport: i.transport,
    traceId: i.traceId,
    freshnessStatus,
    reasonCode: stale ? ('runtime_heartbeat_stale' as const) : null,
    lastHeartbeatAt,
    heartbeatLagSeconds: lag,
    thresholds: { ...i.thresholds },
    runtime: r === null ? null : { status: r.status, stage: r.stage, source: r.source },
    heartbeat: r === null ? null : r.doc,
    sourceFile: i.sourceFile,
  };
};

/** Pure: the `telemetry/heartbeat.jsonl` record of one evaluation (`status` is the freshness). */
export const heartbeatTelemetry = (s: HeartbeatState) => ({
  timestamp: s.updatedAt,
  loopId: s.loopId,
  category: 'runtime_heartbeat',
  transport: s.transport,
  traceId: s.traceId,
  status: s.freshnessStatus,
  reasonCode: s.reasonCode,
  lastHeartbeatAt: s.lastHeartbeatAt,
  heartbeatAt: s.lastHeartbeatAt,
  heartbeatLagSeconds: s.heartbeatLagSeconds,
  runtimeStatus: s.runtime?.status ?? null,
  heartbeat: s.heartbeat,
});

const Freshness = t.keyof({ fresh: null, degraded: null, critical: null, unknown: null }, 'Freshness');

/** `.superloop/loops/<loop>/heartbeat.v1.json`, written by the runtime (read leniently). */
export const RuntimeHeartbeatCodec = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      schemaVersion: t.string,
      timestamp: t.string,
      source: t.string,
      status: t.string,
      stage: t.string,
    }),
  ],
  'RuntimeHeartbeat',
);

/** `.superloop/ops-manager/<loop>/heartbeat.json` */
export const HeartbeatStateCodec = t.type(
  {
    schemaVersion: t.literal('v1'),
    updatedAt: t.string,
    loopId: t.string,
    transport: t.string,
    traceId: nullable(t.string),
    freshnessStatus: Freshness,
    reasonCode: nullable(t.literal('runtime_heartbeat_stale')),
    lastHeartbeatAt: nullable(t.string),
    heartbeatLagSeconds: nullable(t.number),
    thresholds: t.type({ degradedHeartbeatLagSeconds: t.number, criticalHeartbeatLagSeconds: t.number }),
    runtime: nullable(
      t.type({ status: nullable(t.string), stage: nullable(t.string), source: nullable(t.string) }),
    ),
    /** The runtime heartbeat document as written (the reference's `heartbeat`). */
    heartbeat: t.unknown,
    sourceFile: nullable(t.string),
  },
  'HeartbeatState',
);
export type HeartbeatState = t.TypeOf<typeof HeartbeatStateCodec>;

/** One line of `.superloop/ops-manager/<loop>/telemetry/heartbeat.jsonl` */
export const HeartbeatTelemetryCodec = t.type(
  {
    timestamp: t.string,
    loopId: t.string,
    category: t.literal('runtime_heartbeat'),
    transport: t.string,
    traceId: nullable(t.string),
    status: Freshness,
    reasonCode: nullable(t.string),
    lastHeartbeatAt: nullable(t.string),
    heartbeatAt: nullable(t.string),
    heartbeatLagSeconds: nullable(t.number),
    runtimeStatus: nullable(t.string),
    heartbeat: t.unknown,
  },
  'HeartbeatTelemetry',
);
