// One profile drift evaluation with its effects, shared by `opsfold loop profile-drift` and reconcile,
// over ports: under the drift state's lock, read the previous state, evaluate, persist the state and
// its history record, and raise or resolve the profile_drift_detected escalation.
import { DRIFT_CATEGORY, driftConditions } from './escalations-conditions.js';
import type { EscalationRun } from './escalations-log.js';
import { readView } from './lenient.js';
import { DriftPreviousView } from './manager-views.js';
import { driftHistoryEntry, evaluateDrift, type DriftInputs, type DriftState } from './profile-drift.js';

export interface DriftStepFiles {
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
  readonly escalationsFile: string;
  /** The directory the escalations log must stay in (the repo); without it, the log's own directory. */
  readonly root?: string;
  /** opsfold's state dir for the loop (escalation checkpoint, quarantine). */
  readonly opsfoldDir: string;
}

export interface DriftStep extends DriftStepFiles {
  readonly inputs: Omit<DriftInputs, 'previous'>;
  readonly transport: string | null;
  readonly traceId: string | null;
}

export interface DriftStepPorts {
  /** Runs `fn` holding the drift state's lock. */
  lock<T>(file: string, fn: () => Promise<T>): Promise<T>;
  /** The previous drift state document, `{}` when there is none. */
  previous(file: string): Promise<unknown>;
  /** Writes the state (atomically), then appends its history record. */
  persist(stateFile: string, state: DriftState, historyFile: string, record: unknown): Promise<void>;
  escalate(run: EscalationRun): Promise<{
    readonly appended: readonly Record<string, unknown>[];
    readonly notes: readonly string[];
  }>;
}

export interface DriftOutcome {
  readonly drift: DriftState;
  readonly escalations: readonly Record<string, unknown>[];
  readonly notes: readonly string[];
}

/** Evaluates drift and performs its writes under the drift state's lock. */
export const driftStep = (ports: DriftStepPorts, s: DriftStep): Promise<DriftOutcome> =>
  ports.lock(s.driftStateFile, async () => {
    const previous = readView(DriftPreviousView, await ports.previous(s.driftStateFile));
    const drift = evaluateDrift({ ...s.inputs, previous });
    await ports.persist(s.driftStateFile, drift, s.driftHistoryFile, driftHistoryEntry(drift));
    const ctx = { loopId: s.inputs.loopId, transport: s.transport, traceId: s.traceId };
    const { appended, notes } = await ports.escalate({
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
