// The loop-run lifecycle: a strict first-match truth table over runtime facts (Superloop
// docs/ops-manager-state-machine.md). One small pure function, tested row by row.
import { decide, type Decision } from '../core/decision.js';

export type Lifecycle =
  'awaiting_approval' | 'complete' | 'running' | 'stopped' | 'failed' | 'idle' | 'unknown';

export const lifecycleReasons = [
  'approval_pending',
  'summary_completion_ok',
  'state_active_for_loop',
  'stop_event',
  'error_event_status',
  'inactive_with_summary',
  'no_reliable_signal',
] as const;
export type LifecycleReason = (typeof lifecycleReasons)[number];

/** The facts the table reads; absent artifacts are null. */
export interface LoopFacts {
  readonly loopId: string;
  readonly approvalStatus: string | null;
  readonly summaryPresent: boolean;
  readonly completionOk: boolean;
  readonly statePresent: boolean;
  /** `active == true` */
  readonly stateActive: boolean;
  /** `(active // false) == false`: absent, null or false (a non-boolean is neither active nor inactive). */
  readonly stateInactive: boolean;
  readonly stateLoopId: string | null;
  readonly lastEventName: string;
  readonly lastEventStatus: string;
}

const STOP_EVENTS = new Set(['loop_stop', 'rate_limit_stop', 'no_progress_stop']);
const ERROR_STATUSES = new Set(['error', 'timeout', 'blocked', 'rate_limited']);

type Row = readonly [Lifecycle, LifecycleReason, (f: LoopFacts) => boolean];

const table: readonly Row[] = [
  ['awaiting_approval', 'approval_pending', (f) => f.approvalStatus === 'pending'],
  ['complete', 'summary_completion_ok', (f) => f.summaryPresent && f.completionOk],
  ['running', 'state_active_for_loop', (f) => f.statePresent && f.stateActive && f.stateLoopId === f.loopId],
  ['stopped', 'stop_event', (f) => STOP_EVENTS.has(f.lastEventName)],
  ['failed', 'error_event_status', (f) => ERROR_STATUSES.has(f.lastEventStatus)],
  ['idle', 'inactive_with_summary', (f) => f.statePresent && f.stateInactive && f.summaryPresent],
];

/** Pure: the first matching row wins; `unknown` (no_reliable_signal) when none does. */
export const lifecycleOf = (facts: LoopFacts, asOf: string): Decision<Lifecycle, LifecycleReason> => {
  const row = table.find(([, , when]) => when(facts));
  return row === undefined ? decide('unknown', ['no_reliable_signal'], asOf) : decide(row[0], [row[1]], asOf);
};

/** Event names that show the loop actively working; seen while state says inactive → activeMismatch. */
export const ACTIVE_PHASE_EVENTS: ReadonlySet<string> = new Set([
  'iteration_start',
  'role_start',
  'role_end',
  'iteration_end',
  'tests_start',
  'tests_end',
  'validation_start',
  'validation_end',
]);
