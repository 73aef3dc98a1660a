// One watchdog cycle over the workspace: observe the tasks not yet settled (unless told not to), decide
// liveness and alert class from the folded logs at asOf, append the decisions, deliver only the
// unthrottled ESCALATEs and append the deliveries, marking each delivered one with `<task_id>.escalate`
// (create-only) so it is never repeated.
import { stableJson } from '../core/stable-json.js';
import { decideCycle } from './cycle.js';
import { deliveryRecord, escalationPayload, tasksToObserve, type DeliveryResult } from './escalation.js';
import type { GatherContext } from './gather.js';
import { foldObservations, foldWatchdog } from './logs.js';
import { knownTasks, observeTasks } from './observe-pass.js';
import type { WatchdogDecisionRecord, WatchdogDeliveryRecord } from './watchdog-codec.js';
import type { Workspace } from './workspace.js';

export interface WatchdogPorts {
  /** The gather context when the cycle observes first; null decides from what is already recorded. */
  readonly observe: (() => Promise<GatherContext>) | null;
  /** Hands one ESCALATE payload to the configured sink. */
  readonly deliver: (payload: ReturnType<typeof escalationPayload>) => Promise<DeliveryResult>;
}

export interface WatchdogCycle {
  readonly records: readonly WatchdogDecisionRecord[];
  readonly deliveries: readonly WatchdogDeliveryRecord[];
}

/** Known tasks, minus those whose timer was already terminal when last observed: they are settled. */
const toObserve = async (ctx: GatherContext): Promise<string[]> =>
  tasksToObserve(
    await knownTasks(ctx),
    ctx.timers,
    await foldObservations(ctx.ws),
    ctx.ws.config.watchdog.terminalStatuses,
  );

const deliverAll = async (
  ws: Workspace,
  records: readonly WatchdogDecisionRecord[],
  deliver: WatchdogPorts['deliver'],
): Promise<WatchdogDeliveryRecord[]> => {
  const out: WatchdogDeliveryRecord[] = [];
  for (const r of records.filter((x) => x.deliver)) {
    const d = await deliver(escalationPayload(r));
    out.push(deliveryRecord(r, d));
    if (d.ok)
      await ws.fs.createOnce(
        ws.fs.join(ws.eventsDir, `${r.task_id}.escalate`),
        stableJson({ ...escalationPayload(r), sink: d.sink }),
      );
  }
  return out;
};

/** Runs one cycle at asOf; returns the decisions and deliveries it appended. */
export const watchdogCycle = async (
  ws: Workspace,
  asOfMs: number,
  ports: WatchdogPorts,
): Promise<WatchdogCycle> => {
  if (ports.observe !== null) {
    const ctx = await ports.observe();
    await observeTasks(ctx, await toObserve(ctx), asOfMs);
  }
  const records = decideCycle(await foldObservations(ws), await foldWatchdog(ws), asOfMs, ws.config.watchdog);
  if (records.length > 0) await ws.store.append(ws.watchdogLog, records);
  const deliveries = await deliverAll(ws, records, ports.deliver);
  if (deliveries.length > 0) await ws.store.append(ws.watchdogLog, deliveries);
  return { records, deliveries };
};
