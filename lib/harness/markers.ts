// Names of the files in memory/events/<task_id>.<name> and what each one proves. Who wrote a marker
// matters: the dispatch marker and opsfold's sidecar are written by the controller, so they never count
// as the bot having started work (seed 004 §1.3 WORK_STARTED: "the bot's first write").
import type { MarkerSeen } from './observation-codec.js';
import { parseIso } from '../core/time.js';

/** opsfold's own sidecar beside the dispatch marker (seed §3.3); never evidence of anything. */
export const isSpawnSidecar = (name: string): boolean => name.endsWith('.spawn-state.json');

export const isDispatchMarker = (name: string): boolean =>
  name.startsWith('dispatched-') && name.endsWith('.json') && !isSpawnSidecar(name);

/** `*active.json` closeout markers: alive only while younger than the active-json window (seed §2.4). */
export const isActiveJson = (name: string): boolean => name.endsWith('active.json');

const CONTROLLER_WRITTEN = new Set(['escalate.acked', 'anu-notified', 'done.notified']);

/** A marker the controller (dispatch, watchdog, chair, ANU) writes, not the bot. */
export const isControllerMarker = (name: string): boolean =>
  isDispatchMarker(name) || isSpawnSidecar(name) || CONTROLLER_WRITTEN.has(name);

/** A marker only the bot writes: its first one means work started (seed §1.3 task-2703 pattern). */
export const isBotMarker = (name: string): boolean => !isControllerMarker(name);

/**
 * The seed's extended PROGRESS_MARKERS (§2.2 a) other than `*active.json`, which has its own age
 * window: `dispatched-*`, `harness-mvp-active*`, `done*`, `escalate*`, `completion.txt`.
 */
export const isProgressMarker = (name: string): boolean =>
  !isActiveJson(name) &&
  !isSpawnSidecar(name) &&
  (name.startsWith('dispatched-') ||
    name.startsWith('harness-mvp-active') ||
    name.startsWith('done') ||
    name.startsWith('escalate') ||
    name === 'completion.txt');

/** Closeout markers (seed §5.2–5.3): the bot has begun closing out. */
export const isCloseoutStart = (name: string): boolean =>
  isActiveJson(name) || name.startsWith('harness-mvp-active');

export const FINISH_MARKERS = [
  'callback-cause.json',
  'callback-launch.json',
  'completion.txt',
  'done',
  'done.notified',
  'anu-notified',
] as const;

export const isCloseoutMarker = (name: string): boolean =>
  isCloseoutStart(name) || (FINISH_MARKERS as readonly string[]).includes(name);

/** Pure: the marker of that exact name, if seen. */
export const markerNamed = (markers: readonly MarkerSeen[], name: string): MarkerSeen | undefined =>
  markers.find((m) => m.name === name);

/** Pure: the newest mtime (epoch ms) among the markers that pass `keep`, or null. */
export const newestMs = (markers: readonly MarkerSeen[], keep: (name: string) => boolean): number | null => {
  let best: number | null = null;
  for (const m of markers) {
    const ms = parseIso(m.mtime) ?? Number.NaN;
    if (keep(m.name) && Number.isFinite(ms) && (best === null || ms > best)) best = ms;
  }
  return best;
};
