// The pure parts of an observation (seed 004 §1.2): which dispatch marker counts, the timer evidence,
// the dispatch as seen, and the newest artifact. The edge reads the files; these decide from their
// decoded contents.
import { parseIso } from '../core/time.js';
import type { DispatchMarker } from './dispatch-marker.js';
import type { TaskTimer } from './input-codecs.js';
import type { Observation } from './observation-codec.js';
import { withZone } from './zone.js';

/** A dispatch marker as read, with its file name (`<task_id>.<name>`). */
export type DispatchRead = DispatchMarker & { readonly marker: string };

// A time that is not RFC 3339 compares false with every other, as it did under Date.parse.
export const instantMs = (iso: string): number => parseIso(iso) ?? Number.NaN;

/**
 * Pure: the dispatch that counts among the task's decoded markers: the latest fire time (a zone-less
 * fire time is read in `zone`); on a tie or an unreadable time, the first in name order.
 */
export const latestDispatch = (markers: readonly DispatchRead[], zone: string): DispatchRead | null => {
  let best: DispatchRead | null = null;
  for (const m of markers) {
    const fire = withZone(m.fire_time, zone);
    if (best === null || instantMs(fire) > instantMs(best.fire_time)) best = { ...m, fire_time: fire };
  }
  return best;
};

/** Pure: the timer evidence of an observation (absent flags are false, absent times null). */
export const timerEvidenceOf = (timer: TaskTimer | undefined): Observation['timer'] => ({
  status: timer?.status ?? null,
  critical: timer?.critical === true,
  escalate_requested: timer?.escalate_requested === true,
  heartbeat_at: timer?.heartbeat_at ?? null,
});

/** Pure: the dispatch as an observation records it; the team is the marker name's segment. */
export const dispatchSeenOf = (d: DispatchRead | null): Observation['dispatch'] =>
  d === null
    ? null
    : {
        marker: d.marker,
        fire_time: d.fire_time,
        team: /\.dispatched-(.+)-\d{6}\.json$/.exec(d.marker)?.[1] ?? '',
        dispatch_method: d.dispatch_method,
      };

/** Pure: the newest of the candidates (the first of equals), or null when there is none. */
export const newestOf = <C extends { readonly ms: number }>(candidates: readonly C[]): C | null =>
  [...candidates].sort((a, b) => b.ms - a.ms)[0] ?? null;
