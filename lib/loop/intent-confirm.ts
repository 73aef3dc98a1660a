// Whether a snapshot shows that an intent took effect (the reference confirm-intent script's rules):
// cancel → the loop is neither active nor running; approve → completion is observed; reject → the
// rejection is observed. Pure; the runner polls snapshots and stops at the first confirmation.
import type { SnapshotView } from './envelope-views.js';
import { alt, text } from './event-fields.js';
import type * as t from 'io-ts';
import type { ConfirmIntentResult } from './control-codecs.js';
import type { ControlIntent } from './control-outcome.js';

export interface Observation {
  readonly status: string;
  readonly lastEvent: string;
  readonly approvalStatus: string;
  readonly active: boolean;
  readonly completionOk: boolean;
}

/** What the confirmation loop knows before its first successful snapshot. */
export const unobserved: Observation = {
  status: 'unknown',
  lastEvent: '',
  approvalStatus: '',
  active: false,
  completionOk: false,
};

/** Pure: the fields of a `loop_run_snapshot` the confirmation reads (jq `//` defaults). */
export const observe = (snapshot: SnapshotView): Observation => ({
  status: snapshot.runStatus ?? 'unknown',
  lastEvent: text(alt(snapshot.lastEventName, '')),
  approvalStatus: snapshot.approvalStatus ?? '',
  active: snapshot.active === true,
  completionOk: snapshot.completionOk,
});

export type ConfirmReason = 'inactive_not_running' | 'completion_observed' | 'rejection_observed' | 'timeout';

const REJECTION_EVENTS = new Set(['approval_rejected', 'approval_decision']);

/** Pure: the reason the observation confirms `intent`, or null when it does not (yet). */
export const confirms = (intent: ControlIntent, o: Observation): ConfirmReason | null => {
  if (intent === 'cancel') return !o.active && o.status !== 'running' ? 'inactive_not_running' : null;
  if (intent === 'approve')
    return o.completionOk || o.status === 'complete' || o.lastEvent === 'loop_complete'
      ? 'completion_observed'
      : null;
  return o.approvalStatus === 'rejected' || REJECTION_EVENTS.has(o.lastEvent) ? 'rejection_observed' : null;
};

export interface ConfirmRun {
  readonly intent: ControlIntent;
  readonly reason: ConfirmReason | null;
  readonly attempts: number;
  readonly timeoutSeconds: number;
  readonly observation: Observation;
  readonly observedAt: string;
}

/** Pure: the confirm-intent result document (printed, and stored as the intent entry's `confirm`). */
export const confirmResult = (r: ConfirmRun): ConfirmResult => ({
  intent: r.intent,
  confirmed: r.reason !== null,
  reason: r.reason ?? 'timeout',
  attempts: r.attempts,
  timeoutSeconds: r.timeoutSeconds,
  observedStatus: r.observation.status,
  observedLastEvent: r.observation.lastEvent === '' ? null : r.observation.lastEvent,
  observedApprovalStatus: r.observation.approvalStatus === '' ? null : r.observation.approvalStatus,
  observedActive: r.observation.active,
  observedAt: r.observedAt,
});
export type ConfirmResult = t.TypeOf<typeof ConfirmIntentResult>;
