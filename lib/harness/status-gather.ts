// What `harness status` reads: the folded observation, watchdog and collect logs, the finish results
// kept under memory/harness/finish/ and the tasks task-timers knows. Writes nothing.
import { FinishOverall } from './input-codecs.js';
import { foldCollect, foldObservations, foldWatchdog } from './logs.js';
import type { StatusInputs } from './status.js';
import { readLenient, type Workspace } from './workspace.js';

// A kept result that cannot be read or has no overall result is skipped: status never fails on it.
const finishResults = async (ws: Workspace): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const d of await ws.fs.list(ws.finishDir)) {
    if (!d.isFile || !d.name.endsWith('.json')) continue;
    const doc = await readLenient(ws.store, ws.fs.join(ws.finishDir, d.name), FinishOverall);
    if (doc !== null) out[d.name.slice(0, -5)] = doc.overall;
  }
  return out;
};

/** The inputs of `statusRows`, gathered from the workspace. */
export const gatherStatus = async (ws: Workspace): Promise<StatusInputs> => ({
  observed: await foldObservations(ws),
  watch: await foldWatchdog(ws),
  collect: await foldCollect(ws),
  finish: await finishResults(ws),
  known: Object.keys((await ws.timers()).tasks),
});
