// One watchdog cycle over the workspace: observe the tasks not yet settled (unless told not to), decide
// liveness and alert class from the folded logs at asOf, append the decisions, then send the ESCALATE
// deliveries owed (this cycle's and every earlier one no sink acknowledged) through the outbox. Order, for
// a crash at any point: the decision (which owes the delivery) is in the ledger before the send; on an
// acknowledgement `<task_id>.escalate` is created (create-only) before the delivery record, and a retry
// whose marker already holds its key is recorded as acknowledged without sending. So a message is sent
// again only when a sink's answer was lost, and then with the same idempotency key.
import { sendMessages, type SendVia } from '../core/outbox.js';
import { isoSeconds } from '../core/time.js';
import { decideCycle } from './cycle.js';
import { tasksToObserve, type DeliveryResult, type EscalationPayload } from './escalation.js';
import { deliveryOf, escalateMarkerText, markerAcknowledges, messagesToSend } from './escalation-outbox.js';
import type { GatherContext } from './gather.js';
import { foldObservations, foldWatchdog } from './logs.js';
import { knownTasks, observeTasks } from './observe-pass.js';
import type { WatchdogDecisionRecord, WatchdogDeliveryRecord } from './watchdog-codec.js';
import type { Workspace } from './workspace.js';

export interface WatchdogPorts {
  /** The gather context when the cycle observes first; null decides from what is already recorded. */
  readonly observe: (() => Promise<GatherContext>) | null;
  /** Hands one ESCALATE payload to the configured sink (its idempotency key is in the payload). */
  readonly deliver: (payload: EscalationPayload) => Promise<DeliveryResult>;
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

const markerOf = (ws: Workspace, taskId: string) => ws.fs.join(ws.eventsDir, `${taskId}.escalate`);

/** The sink port: an acknowledged send creates the `.escalate` marker before anything records it. */
const viaSink = (
  ws: Workspace,
  deliver: WatchdogPorts['deliver'],
): SendVia<EscalationPayload, EscalationPayload, DeliveryResult> => ({
  port: {
    prepare: (m) => ({ request: m.payload }),
    attempt: async (p) => {
      const d = await deliver(p);
      if (d.ok) await ws.fs.createOnce(markerOf(ws, p.task_id), escalateMarkerText(p, d.sink));
      return { result: d, ok: d.ok, retryable: false };
    },
    thrown: (err) => ({ sink: 'none', ok: false, detail: (err as Error).message }),
  },
  // Retries are the later cycles': one attempt per cycle (a catalog sink retries within its own send).
  retry: { attempts: 1, backoffMs: () => 0, sleep: () => Promise.resolve() },
});

const deliverOwed = async (
  ws: Workspace,
  records: readonly WatchdogDecisionRecord[],
  attempt: { readonly cycle: number; readonly as_of: string },
  deliver: WatchdogPorts['deliver'],
): Promise<WatchdogDeliveryRecord[]> => {
  const messages = messagesToSend((await foldWatchdog(ws)).owed, records);
  const acked: WatchdogDeliveryRecord[] = [];
  const toSend = [];
  for (const m of messages) {
    const text = await ws.fs.readHead(markerOf(ws, m.payload.task_id), 64 * 1024);
    if (!markerAcknowledges(text, m.key)) toSend.push(m);
    else
      acked.push(
        deliveryOf({ kind: 'sent', message: m, result: ackedEarlier, ok: true, attempts: 0 }, attempt),
      );
  }
  if (acked.length > 0) await ws.store.append(ws.watchdogLog, acked);
  const outcomes = await sendMessages(toSend, viaSink(ws, deliver), {
    record: (o) => [{ kind: 'append', path: ws.watchdogLog, records: [deliveryOf(o, attempt)] }],
    apply: (effects) => ws.fs.apply(effects),
  });
  return [...acked, ...outcomes.map((o) => deliveryOf(o, attempt))];
};

const ackedEarlier: DeliveryResult = {
  sink: 'none',
  ok: true,
  detail: 'acknowledged earlier: the .escalate marker holds this key',
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
  const history = await foldWatchdog(ws);
  const records = decideCycle(await foldObservations(ws), history, asOfMs, ws.config.watchdog);
  if (records.length > 0) await ws.store.append(ws.watchdogLog, records);
  const attempt = { cycle: history.cycle + 1, as_of: isoSeconds(asOfMs) };
  const deliveries = await deliverOwed(ws, records, attempt, ports.deliver);
  return { records, deliveries };
};
