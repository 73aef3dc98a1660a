// The loop's adapters for a local control run (lib/loop/control-local.ts): the loop's lock, the
// idempotency ledger, the admission documents, confirmation snapshots, the executor and the record
// files. `opsfold loop control` and the service's POST /ops/control both run it.
import type { LedgerState } from '../../../lib/loop/idempotency.js';
import type { ControlRequestFields } from '../../../lib/loop/control-context.js';
import { runLocalControl as run } from '../../../lib/loop/control-local.js';
import type { ConfirmScript, IntentExecutor } from '../../../lib/loop/control-ports.js';
import type { ControlRun } from '../../../lib/loop/control-run.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';
import { snapshotOf } from './confirm.js';
import { appendLedger, foldLedger } from './ledger.js';
import { withLoopLock } from './loop-lock.js';
import { recordPorts } from './records.js';

export type { ControlRun };

export interface LocalControlDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly executor: IntentExecutor;
  /** The CLI records a replay again; the service answers it from the ledger alone, as the reference. */
  readonly recordReplays: boolean;
  /** Called, still under the lock, with the ledger after a key completed. */
  readonly onLedger?: (s: LedgerState) => Promise<void>;
  /** The operator's confirm script, confirming in place of opsfold's own observation. */
  readonly confirmScript?: ConfirmScript;
}

/** A document the admission check reads; null when absent. */
const docOrNull = async (file: string): Promise<unknown> => {
  const doc = await readJsonDoc(file, `invalid JSON: ${file}`);
  return doc.found ? doc.value : null;
};

/** Runs one intent on the local transport while holding the loop's lock (LockConflict → exit 75). */
export const runLocalControl = (
  p: LoopPaths,
  r: ControlRequestFields,
  d: LocalControlDeps,
): Promise<ControlRun> =>
  run(p, r, {
    ...recordPorts(p, d.clock),
    sleep: d.sleep,
    snapshot: snapshotOf(p),
    lock: (fn) => withLoopLock(p, fn),
    executor: d.executor,
    ledger: { fold: (asOf) => foldLedger(p, asOf), append: (record) => appendLedger(p, record) },
    facts: async () => ({ approval: await docOrNull(p.approval), state: await docOrNull(p.state) }),
    recordReplays: d.recordReplays,
    ...(d.onLedger === undefined ? {} : { onLedger: d.onLedger }),
    ...(d.confirmScript === undefined ? {} : { confirmScript: d.confirmScript }),
  });
