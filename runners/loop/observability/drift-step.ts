// One profile drift evaluation with its effects, shared by `opsfold loop profile-drift` and reconcile:
// under the drift state's lock, read the previous state, evaluate, write profile-drift.json
// atomically, append the history record, and raise or resolve the profile_drift_detected escalation.
import { withLock } from '../../../lib/io/lock.js';
import { DRIFT_CATEGORY, driftConditions } from '../../../lib/loop/escalations-conditions.js';
import {
  driftHistoryEntry,
  evaluateDrift,
  type DriftInputs,
  type DriftState,
} from '../../../lib/loop/profile-drift.js';
import { readView } from '../../../lib/loop/lenient.js';
import { DriftPreviousView } from '../../../lib/loop/manager-views.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import { escalate } from './escalations-log.js';
import { persistStep } from './step-files.js';

export interface DriftStep {
  readonly inputs: Omit<DriftInputs, 'previous'>;
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
  readonly escalationsFile: string;
  /** The directory the escalations log must stay in (the repo); without it, the log's own directory. */
  readonly root?: string;
  /** opsfold's state dir for the loop (escalation checkpoint, quarantine). */
  readonly opsfoldDir: string;
  readonly transport: string | null;
  readonly traceId: string | null;
}

export interface DriftOutcome {
  readonly drift: DriftState;
  readonly escalations: readonly Record<string, unknown>[];
  readonly notes: readonly string[];
}

/** Evaluates drift and performs its writes; waits up to 10 s for the drift state's lock. */
export const runDriftStep = (s: DriftStep): Promise<DriftOutcome> =>
  withLock(s.driftStateFile, { waitMs: 10_000 }, async () => {
    const prev = await readJsonDoc(s.driftStateFile, `invalid drift state JSON: ${s.driftStateFile}`);
    const previous = readView(DriftPreviousView, prev.found ? prev.value : {});
    const drift = evaluateDrift({ ...s.inputs, previous });
    await persistStep(s.driftStateFile, drift, s.driftHistoryFile, driftHistoryEntry(drift));
    const ctx = { loopId: s.inputs.loopId, transport: s.transport, traceId: s.traceId };
    const { appended, notes } = await escalate({
      file: s.escalationsFile,
      root: s.root,
      opsfoldDir: s.opsfoldDir,
      active: driftConditions(drift, ctx, {
        driftStateFile: s.driftStateFile,
        driftHistoryFile: s.driftHistoryFile,
      }),
      scope: { loopId: s.inputs.loopId, categories: [DRIFT_CATEGORY] },
      asOf: s.inputs.asOf,
      resolveExtras: {
        ...(s.transport === null ? {} : { transport: s.transport }),
        ...(s.traceId === null ? {} : { traceId: s.traceId }),
      },
    });
    return { drift, escalations: appended, notes };
  });
