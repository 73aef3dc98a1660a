// One collection pass (layer 4): for each task, a signal when its closeout stage advanced since the
// last signal, and a collection record when it is finished and not yet collected. Pure: the runner
// gathers markers and timers, appends what this returns and prints it.
import { isoSeconds } from '../core/time.js';
import { CLOSEOUT_STAGES, closeoutOf, collectPathOf, type CloseoutStage } from './closeout.js';
import type { CollectLine, CollectState } from './collect-projection.js';
import type { MarkerSeen } from './observation-codec.js';

export interface TaskFacts {
  readonly taskId: string;
  readonly markers: readonly MarkerSeen[];
  readonly timerStatus: string | null;
  readonly firedAt: string | null;
}

export interface PassConfig {
  readonly terminalStatuses: readonly string[];
  readonly fallbackAfterMin: number;
}

const NEXT_ACTION: Record<CloseoutStage, string> = {
  NOT_STARTED: 'none',
  WORK_CLOSEOUT_STARTED: 'prepare_collection',
  FINISH_IN_PROGRESS: 'await_finish_task',
  DONE: 'collect_results',
};

const rank = (s: CloseoutStage | null): number => (s === null ? 0 : CLOSEOUT_STAGES.indexOf(s));

/** Pure: the records one pass appends, in task order (signals before collections). */
export const collectPass = (
  tasks: readonly TaskFacts[],
  ledger: CollectState,
  asOfMs: number,
  c: PassConfig,
): CollectLine[] => {
  const asOf = isoSeconds(asOfMs);
  const out: CollectLine[] = [];
  for (const f of [...tasks].sort((a, b) => (a.taskId < b.taskId ? -1 : 1))) {
    const seen = ledger.tasks[f.taskId];
    const facts = { markers: f.markers, timerStatus: f.timerStatus, terminalStatuses: c.terminalStatuses };
    const { stage } = closeoutOf(facts);
    const names = f.markers.map((m) => m.name).sort();
    const base = { schema_version: 1 as const, as_of: asOf, task_id: f.taskId, markers: names };
    if (rank(stage) > rank(seen?.signalled ?? null))
      out.push({ ...base, kind: 'collect_signal', stage, next_action: NEXT_ACTION[stage] });
    if (seen?.collected != null) continue;
    const choice = collectPathOf({
      ...facts,
      firedAt: f.firedAt,
      asOfMs,
      fallbackAfterMin: c.fallbackAfterMin,
    });
    if (choice.collect)
      out.push({ ...base, kind: 'collect_collected', path: choice.path, stage, timer_status: f.timerStatus });
  }
  return out;
};
