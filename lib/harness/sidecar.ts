// The spawn-state sidecar beside a dispatch marker (seed 004 §3.3): rewritten only when the folded
// spawn state differs from the one it holds (synonyms included), and then carrying the state it replaces.
import type * as t from 'io-ts';
import { sidecarFileName } from './dispatch-marker.js';
import type { Observation } from './observation-codec.js';
import type { ObservationsState } from './observations-projection.js';
import type { SpawnSidecar } from './output-codecs.js';
import { spawnStateNamed } from './spawn-state.js';

/**
 * Pure: the sidecar to write for an observation, or null when there is nothing to change (no dispatch,
 * no folded task, or the sidecar already holds the state). `old` is the state it holds, if any.
 */
export const sidecarUpdate = (
  o: Observation,
  state: ObservationsState,
  old: string | null,
): { readonly name: string; readonly value: t.TypeOf<typeof SpawnSidecar> } | null => {
  const task = state.tasks[o.task_id];
  // A sidecar another writer left under a synonym (DISPATCHED_SUBMITTED_UNVERIFIED) already holds the state.
  const held = old === null ? null : (spawnStateNamed(old) ?? old);
  if (o.dispatch === null || task === undefined || held === task.spawn) return null;
  return {
    name: sidecarFileName(o.dispatch.marker),
    value: {
      task_id: o.task_id,
      dispatch_marker: o.dispatch.marker,
      state: task.spawn,
      previous_state: old,
      since: task.spawnSince,
      signals: [...task.signals],
      updated_at: o.observed_at,
    },
  };
};
