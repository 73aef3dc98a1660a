// One collection pass over the workspace: every task's markers and timer, the closeout stage signals
// and collections the pure pass decides, appended to memory/harness/collect.jsonl.
import { collectPass, type TaskFacts } from './collect-pass.js';
import type { CollectLine } from './collect-projection.js';
import { dispatchOf } from './gather.js';
import { foldCollect } from './logs.js';
import { markersOf, taskIdsWithMarkers } from './task-files.js';
import type { Workspace } from './workspace.js';

const factsOf = async (ws: Workspace): Promise<TaskFacts[]> => {
  const timers = await ws.timers();
  const ids = [...new Set([...Object.keys(timers.tasks), ...(await taskIdsWithMarkers(ws))])].sort();
  const out: TaskFacts[] = [];
  for (const taskId of ids) {
    const markers = await markersOf(ws, taskId);
    const timer = timers.tasks[taskId];
    const dispatch = await dispatchOf(ws, taskId, markers);
    out.push({
      taskId,
      markers,
      timerStatus: timer?.status ?? null,
      firedAt: dispatch?.fire_time ?? timer?.started_at ?? null,
    });
  }
  return out;
};

/** Runs one pass at asOf with the given fallback delay; returns the records it appended. */
export const runCollectPass = async (
  ws: Workspace,
  asOfMs: number,
  fallbackAfterMin: number,
): Promise<CollectLine[]> => {
  const records = collectPass(await factsOf(ws), await foldCollect(ws), asOfMs, {
    terminalStatuses: ws.config.watchdog.terminalStatuses,
    fallbackAfterMin,
  });
  if (records.length > 0) await ws.store.append(ws.collectLog, records);
  return records;
};
