// Layer 3, first axis: is the task alive (seed 004 §2.2, §2.4)? Alive when any signal of the OR-set
// holds; silently_stalled only when none does, the event age is known and above the threshold, and the
// heartbeat cannot be measured. Laws: unknown ages (-1) alone never make a task stalled; a running timer
// with a closeout marker is never stalled; an `*active.json` older than its window proves nothing.
import { parseIso } from '../core/time.js';
import type { WatchdogConfig } from './config.js';
import {
  isActiveJson,
  isCloseoutMarker,
  isProgressMarker,
  isSpawnSidecar,
  markerNamed,
  newestMs,
} from './markers.js';
import type { Observation } from './observation-codec.js';
import { spawnRank, type SpawnState } from './spawn-state.js';

export const LIVENESS = ['alive', 'silently_stalled', 'stalled', 'unknown', 'skipped', 'done'] as const;
export type Liveness = (typeof LIVENESS)[number];

export const aliveSignals = [
  'progress_marker',
  'active_json_fresh',
  'spawn_work_started',
  'session_active',
  'worktree_fresh',
  'artifact_fresh',
  'heartbeat_fresh',
  'running_with_closeout_marker',
] as const;
export type AliveSignal = (typeof aliveSignals)[number];

export const livenessReasons = [
  'escalation_acked',
  'timer_terminal',
  'event_age_unknown',
  'event_recent_no_alive_signal',
  'no_alive_signal_event_age_over_threshold',
  'heartbeat_unmeasurable',
  'heartbeat_stale',
] as const;
export type LivenessReason = (typeof livenessReasons)[number];

export interface LivenessResult {
  readonly status: Liveness;
  readonly alive: readonly AliveSignal[];
  readonly reasons: readonly LivenessReason[];
  /** Seconds since the newest event marker; -1 when there is none. */
  readonly evAgeS: number;
  /** Seconds since the timer's heartbeat; -1 when it cannot be measured. */
  readonly hbAgeS: number;
}

const ageS = (asOfMs: number, iso: string | null): number => {
  const t = iso === null ? null : parseIso(iso);
  return t === null ? -1 : Math.max(0, Math.floor((asOfMs - t) / 1000));
};

const younger = (age: number, limit: number): boolean => age >= 0 && age < limit;

const markerFresh = (o: Observation, asOfMs: number, keep: (n: string) => boolean, limit: number | null) =>
  o.markers.some((m) => keep(m.name) && (limit === null || younger(ageS(asOfMs, m.mtime), limit)));

/** Seconds since the newest evidence of any kind (markers, worktree, artifact, bot output); -1 when none. */
const evidenceAgeS = (o: Observation, asOfMs: number): number => {
  const ages = [
    ...o.markers.filter((m) => !isSpawnSidecar(m.name)).map((m) => m.mtime),
    o.worktree.mtime,
    o.artifact.mtime,
    o.bot_output.mtime,
  ]
    .map((iso) => ageS(asOfMs, iso))
    .filter((a) => a >= 0);
  return ages.length === 0 ? -1 : Math.min(...ages);
};

const aliveOf = (o: Observation, spawn: SpawnState, asOfMs: number, c: WatchdogConfig): AliveSignal[] => {
  const out: AliveSignal[] = [];
  const add = (on: boolean, s: AliveSignal) => on && out.push(s);
  const bound = c.staleEvidenceAfterS;
  const current = bound === null || younger(evidenceAgeS(o, asOfMs), bound);
  add(markerFresh(o, asOfMs, isProgressMarker, bound), 'progress_marker');
  add(markerFresh(o, asOfMs, isActiveJson, c.activeJsonS), 'active_json_fresh');
  add(current && spawnRank(spawn) >= spawnRank('WORK_STARTED'), 'spawn_work_started');
  add(o.session.status === 'seen', 'session_active');
  add(younger(ageS(asOfMs, o.worktree.mtime), c.aliveMtimeS), 'worktree_fresh');
  add(younger(ageS(asOfMs, o.artifact.mtime), c.aliveMtimeS), 'artifact_fresh');
  add(younger(ageS(asOfMs, o.timer.heartbeat_at), c.stallEventAgeS), 'heartbeat_fresh');
  add(
    o.timer.status === 'running' && o.markers.some((m) => isCloseoutMarker(m.name)),
    'running_with_closeout_marker',
  );
  return out;
};

/** Pure: the task's liveness at asOf from its latest observation and spawn state. */
export const livenessOf = (
  o: Observation,
  spawn: SpawnState,
  asOfMs: number,
  c: WatchdogConfig,
): LivenessResult => {
  const newest = newestMs(o.markers, (n) => !isSpawnSidecar(n));
  const evAgeS = newest === null ? -1 : Math.max(0, Math.floor((asOfMs - newest) / 1000));
  const hbAgeS = ageS(asOfMs, o.timer.heartbeat_at);
  const base = { evAgeS, hbAgeS };
  if (markerNamed(o.markers, 'escalate.acked') !== undefined)
    return { ...base, status: 'skipped', alive: [], reasons: ['escalation_acked'] };
  if (o.timer.status !== null && c.terminalStatuses.includes(o.timer.status))
    return { ...base, status: 'done', alive: [], reasons: ['timer_terminal'] };
  const alive = aliveOf(o, spawn, asOfMs, c);
  if (alive.length > 0) return { ...base, status: 'alive', alive, reasons: [] };
  if (evAgeS < 0) return { ...base, status: 'unknown', alive, reasons: ['event_age_unknown'] };
  if (evAgeS <= c.stallEventAgeS)
    return { ...base, status: 'unknown', alive, reasons: ['event_recent_no_alive_signal'] };
  const over: LivenessReason = 'no_alive_signal_event_age_over_threshold';
  if (hbAgeS < 0)
    return { ...base, status: 'silently_stalled', alive, reasons: [over, 'heartbeat_unmeasurable'] };
  return { ...base, status: 'stalled', alive, reasons: [over, 'heartbeat_stale'] };
};
