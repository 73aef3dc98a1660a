// Delivering a watchdog cycle's ESCALATEs: each to the configured sink, and each delivered one marked
// with `<task_id>.escalate` (create-only) so it is never repeated.
import { join } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { deliveryRecord, escalationPayload } from '../../lib/harness/escalation.js';
import type { WatchdogDecisionRecord, WatchdogDeliveryRecord } from '../../lib/harness/watchdog-codec.js';
import type { Io } from '../cli/command.js';
import { createOnce } from './edge.js';
import { deliver } from './sink.js';
import type { Workspace } from './workspace.js';

/** Delivers each ESCALATE the cycle decided to deliver; a delivered one gets its `.escalate` marker. */
export const deliverAll = async (ws: Workspace, records: readonly WatchdogDecisionRecord[], io: Io) => {
  const out: WatchdogDeliveryRecord[] = [];
  for (const r of records.filter((x) => x.deliver)) {
    const d = await deliver(ws.config.sink, escalationPayload(r), io.env, ws.root);
    out.push(deliveryRecord(r, d));
    if (d.ok)
      await createOnce(
        ws.store,
        join(ws.eventsDir, `${r.task_id}.escalate`),
        stableJson({ ...escalationPayload(r), sink: d.sink }),
      );
  }
  return out;
};
