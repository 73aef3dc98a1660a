// Writing a dispatch marker (seed 004 §3): checked, named by task, team and fire date, created once.
// The same content again is a no-op; different content is refused with the keys that differ, because
// a dispatch marker is never overwritten.
import * as t from 'io-ts';
import { stableJson } from '../core/stable-json.js';
import {
  markerFileName,
  markerOf,
  markerProblems,
  writeOnceAction,
  type DispatchMarker,
  type MarkerInput,
} from './dispatch-marker.js';
import { readLenient, type Workspace } from './workspace.js';

export type MarkerWrite =
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'created' | 'unchanged'; readonly name: string; readonly marker: DispatchMarker }
  | { readonly kind: 'refused'; readonly name: string; readonly file: string; readonly differing: string[] };

/** Creates memory/events/<task_id>.dispatched-<team>-<YYMMDD>.json unless it exists. */
export const writeDispatchMarker = async (ws: Workspace, input: MarkerInput): Promise<MarkerWrite> => {
  const problems = markerProblems(input);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const name = markerFileName(input);
  const file = ws.fs.join(ws.eventsDir, name);
  const marker = markerOf(input);
  if ((await ws.fs.createOnce(file, stableJson(marker))) === 'created')
    return { kind: 'created', name, marker };
  // An existing file that cannot be read as an object differs in every key.
  const old = await readLenient(ws.store, file, t.UnknownRecord);
  const { action, differing } = writeOnceAction(old ?? {}, marker);
  return action === 'refuse'
    ? { kind: 'refused', name, file, differing }
    : { kind: 'unchanged', name, marker };
};
