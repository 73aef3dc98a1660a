// Whether an intent fits the loop's lifecycle before anything runs. The reference runs the superloop
// CLI and learns afterwards (a `failed_command`), or worse, cancels whatever loop `.superloop/state.json`
// names; opsfold refuses up front with a reason code and touches nothing. When an installed superloop
// CLI carries the intent out, it decides, as in the reference (admitForCli). Pure.
import { decide, type Decision } from '../core/decision.js';
import { alt, text } from './event-fields.js';
import { readView } from './lenient.js';
import { ApprovalView, SuperloopStateView } from './snapshot-views.js';
import type { ControlIntent } from './control-outcome.js';

export const refusalCodes = [
  'approval_missing',
  'approval_not_pending',
  'loop_not_active',
  'loop_not_current',
  'idempotency_key_conflict',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export interface AdmissionFacts {
  /** `.superloop/loops/<loop>/approval.json` through its view (`doc` null when absent). */
  readonly approval: ApprovalView;
  /** `.superloop/state.json` through its view (`doc` null when absent). */
  readonly state: SuperloopStateView;
}

/** The two runtime files as read (parsed JSON; null when absent). */
export interface AdmissionDocs {
  readonly approval: unknown;
  readonly state: unknown;
}

/** Pure: the runtime files through their views, as the admission reads them. */
export const admissionFacts = (d: AdmissionDocs): AdmissionFacts => ({
  approval: readView(ApprovalView, d.approval),
  state: readView(SuperloopStateView, d.state),
});

export interface Admission {
  readonly admitted: boolean;
  /** Why it was refused, in the superloop CLI's words where it has them. */
  readonly message: string;
}

const admit = (asOf: string): Decision<Admission, RefusalCode> =>
  decide({ admitted: true, message: '' }, [], asOf);
const refuse = (code: RefusalCode, message: string, asOf: string): Decision<Admission, RefusalCode> =>
  decide({ admitted: false, message }, [code], asOf);

const admitDecision = (loopId: string, approval: ApprovalView, asOf: string) => {
  if (approval.doc === null)
    return refuse('approval_missing', `no approval request found for loop '${loopId}'`, asOf);
  // superloop reads `.status // "pending"`: an approval file without a status is a pending request.
  const status = text(alt(approval.status, 'pending'));
  if (status !== 'pending')
    return refuse('approval_not_pending', `approval request is not pending (status=${status})`, asOf);
  return admit(asOf);
};

/** The cancel that would stop another loop: `superloop cancel` takes no loop id. Null when it would not. */
const otherLoopRefusal = (loopId: string, state: SuperloopStateView, asOf: string) => {
  const current = text(alt(state.currentLoopId, ''));
  if (state.doc === null || state.active !== true || current === loopId) return null;
  return refuse(
    'loop_not_current',
    `the active loop is '${current}', not '${loopId}': cancelling would stop '${current}'`,
    asOf,
  );
};

const cancelDecision = (loopId: string, state: SuperloopStateView, asOf: string) => {
  if (state.doc === null)
    return refuse('loop_not_active', `loop '${loopId}' is not active: .superloop/state.json is absent`, asOf);
  if (state.active !== true)
    return refuse(
      'loop_not_active',
      `loop '${loopId}' is not active: .superloop/state.json active is not true`,
      asOf,
    );
  return otherLoopRefusal(loopId, state, asOf) ?? admit(asOf);
};

/** Pure: admit or refuse `intent` for `loopId` given the runtime's state and approval files. */
export const admitIntent = (
  intent: ControlIntent,
  loopId: string,
  facts: AdmissionFacts,
  asOf: string,
): Decision<Admission, RefusalCode> =>
  intent === 'cancel'
    ? cancelDecision(loopId, facts.state, asOf)
    : admitDecision(loopId, facts.approval, asOf);

/**
 * Pure: admission when an installed superloop CLI carries the intent out. The CLI owns the lifecycle
 * decision (it also knows `active-run.json` and the run's processes) and answers with its exit code,
 * so opsfold does not pre-empt it: only a cancel that would stop another loop is refused.
 */
export const admitForCli = (
  intent: ControlIntent,
  loopId: string,
  facts: AdmissionFacts,
  asOf: string,
): Decision<Admission, RefusalCode> =>
  (intent === 'cancel' ? otherLoopRefusal(loopId, facts.state, asOf) : null) ?? admit(asOf);
