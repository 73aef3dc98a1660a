// Layer 4: the closeout lifecycle (seed 004 §5.3) and which collection path fired (§5.2). Laws: DONE
// needs `.done`, `.done.notified`, `.anu-notified` and a terminal timer together; a task is collected
// once, by the highest-priority path that fired (normal callback > closeout marker watcher > fallback
// safety-net), and the fallback fires only after its delay with neither of the others.
import { parseIso } from '../core/time.js';
import { FINISH_MARKERS, isCloseoutMarker, isCloseoutStart, markerNamed } from './markers.js';
import type { MarkerSeen } from './observation-codec.js';

export const CLOSEOUT_STAGES = [
  'NOT_STARTED',
  'WORK_CLOSEOUT_STARTED',
  'FINISH_IN_PROGRESS',
  'DONE',
] as const;
export type CloseoutStage = (typeof CLOSEOUT_STAGES)[number];

export const COLLECT_PATHS = ['normal_callback', 'closeout_marker_watcher', 'fallback_safety_net'] as const;
export type CollectPath = (typeof COLLECT_PATHS)[number];

export interface CloseoutFacts {
  readonly markers: readonly MarkerSeen[];
  readonly timerStatus: string | null;
  readonly terminalStatuses: readonly string[];
}

export interface CloseoutResult {
  readonly stage: CloseoutStage;
  /** What DONE still lacks (marker names, or `timer_terminal`). */
  readonly missing: readonly string[];
}

const DONE_MARKERS = ['done', 'done.notified', 'anu-notified'];

const terminal = (f: CloseoutFacts): boolean =>
  f.timerStatus !== null && f.terminalStatuses.includes(f.timerStatus);

/** Pure: the closeout stage of a task. */
export const closeoutOf = (f: CloseoutFacts): CloseoutResult => {
  const has = (n: string) => markerNamed(f.markers, n) !== undefined;
  const missing = [...DONE_MARKERS.filter((n) => !has(n)), ...(terminal(f) ? [] : ['timer_terminal'])];
  if (missing.length === 0) return { stage: 'DONE', missing };
  if (FINISH_MARKERS.some(has)) return { stage: 'FINISH_IN_PROGRESS', missing };
  if (f.markers.some((m) => isCloseoutStart(m.name))) return { stage: 'WORK_CLOSEOUT_STARTED', missing };
  return { stage: 'NOT_STARTED', missing };
};

export interface CollectFacts extends CloseoutFacts {
  /** When the task fired (dispatch marker fire_time), the fallback delay's origin. */
  readonly firedAt: string | null;
  readonly asOfMs: number;
  readonly fallbackAfterMin: number;
}

export type CollectChoice =
  | { readonly collect: true; readonly path: CollectPath }
  | { readonly collect: false; readonly why: 'not_finished' | 'awaiting_callback' };

/** Pure: whether a finished task is collected now, and by which path. */
export const collectPathOf = (f: CollectFacts): CollectChoice => {
  const stage = closeoutOf(f).stage;
  if (stage !== 'DONE' && !terminal(f)) return { collect: false, why: 'not_finished' };
  if (markerNamed(f.markers, 'anu-notified') !== undefined) return { collect: true, path: 'normal_callback' };
  if (f.markers.some((m) => isCloseoutMarker(m.name)))
    return { collect: true, path: 'closeout_marker_watcher' };
  const fired = f.firedAt === null ? null : parseIso(f.firedAt);
  if (fired !== null && f.asOfMs - fired >= f.fallbackAfterMin * 60_000)
    return { collect: true, path: 'fallback_safety_net' };
  return { collect: false, why: 'awaiting_callback' };
};
