// The shapes of `fleet promotion-controller`: its modes, its reason codes and the state document it
// writes (promotion-controller-state.json, one line of telemetry/promotion-controller.jsonl per run).
// The output shape is defined once here as a codec; the TypeScript types are its `t.TypeOf`.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const keysOf = <K extends string>(ks: readonly K[]) =>
  t.keyof(Object.fromEntries(ks.map((k) => [k, null])) as Record<K, null>);

export const CONTROLLER_MODES = ['propose_only', 'guarded_auto_apply'] as const;
export type ControllerMode = (typeof CONTROLLER_MODES)[number];

export const CONTROLLER_APPLY_INTENTS = ['expand', 'resume'] as const;
export type ControllerApplyIntent = (typeof CONTROLLER_APPLY_INTENTS)[number];

/** Every reason code the controller writes (the reference's names). */
export const CONTROLLER_REASON_CODES = [
  'controller_decision_timestamp_invalid',
  'controller_decision_stale',
  'controller_budget_apply_count_exceeded',
  'controller_budget_expand_step_exceeded',
  'controller_budget_cooldown_active',
  'controller_budget_freeze_window_active',
  'controller_verification_command_failed',
  'controller_verification_result_missing',
  'controller_verification_result_invalid',
  'controller_verification_failed',
  'controller_decision_not_promote',
  'controller_rollback_triggered',
  'controller_evaluate_command_failed',
  'controller_apply_command_failed',
  'controller_rollback_command_failed',
] as const;
export type ControllerReasonCode = (typeof CONTROLLER_REASON_CODES)[number];

const Mode = keysOf(CONTROLLER_MODES);
const Action = keysOf(['propose', 'hold', 'apply', 'rollback']);
const Reason = keysOf(CONTROLLER_REASON_CODES);
const Status = keysOf(['proposed', 'hold', 'applied', 'rolled_back', 'failed']);

const Governance = t.type({
  actor: nullable(t.string),
  approvalRef: nullable(t.string),
  rationale: nullable(t.string),
  reviewBy: nullable(t.string),
});

const FreezeMatch = t.type({ start: t.string, end: t.string, reason: t.string });

const Freshness = t.type({
  pass: t.boolean,
  ttlMinutes: t.number,
  ageSeconds: nullable(t.number),
  reasons: t.readonlyArray(Reason),
});

const Budget = t.type({
  windowHours: t.number,
  maxAppliesPerWindow: t.number,
  maxExpandStepPerWindow: t.number,
  cooldownMinutes: t.number,
  applyCountInWindow: t.number,
  expandStepInWindow: t.number,
  cooldownRemainingSeconds: t.number,
  freezeWindowActive: t.boolean,
  freezeWindowsMatched: t.readonlyArray(FreezeMatch),
  reasons: t.readonlyArray(Reason),
});

const Decision = t.intersection([
  t.type({
    promotionDecision: t.string,
    promotionReasonCodes: t.unknown,
    failedGates: t.unknown,
    reasonCodes: t.readonlyArray(Reason),
  }),
  // A failed run stops before the freshness and budget verdicts are written out.
  t.partial({ freshness: Freshness, budget: Budget }),
]);

const Execution = t.type({
  plannedAction: Action,
  action: Action,
  applyExecuted: t.boolean,
  rollbackExecuted: t.boolean,
  applyIntent: nullable(keysOf(CONTROLLER_APPLY_INTENTS)),
  expandStep: nullable(t.number),
  idempotencyKey: nullable(t.string),
  governance: Governance,
});

const Verification = t.type({
  ran: t.boolean,
  status: keysOf(['skipped', 'pass', 'fail']),
  decision: nullable(t.string),
  reasonCodes: t.readonlyArray(Reason),
});

const Context = t.type({
  traceId: t.string,
  loopId: nullable(t.string),
  horizonRef: nullable(t.string),
  evidenceRefs: t.readonlyArray(t.string),
});

export const CONTROLLER_FILE_KEYS = [
  'stateFile',
  'telemetryFile',
  'promotionCiResultFile',
  'promotionCiSummaryFile',
  'verifyResultFile',
  'verifySummaryFile',
  'previewResultFile',
  'previewSummaryFile',
  'applyResultFile',
  'applySummaryFile',
  'rollbackResultFile',
  'rollbackSummaryFile',
] as const;
export type ControllerFileKey = (typeof CONTROLLER_FILE_KEYS)[number];
export type ControllerFiles = Readonly<Record<ControllerFileKey, string>>;

const Files = t.type(
  Object.fromEntries(CONTROLLER_FILE_KEYS.map((k) => [k, t.string])) as Record<ControllerFileKey, t.StringC>,
);

const Observed = t.type({
  hasPreviousState: t.boolean,
  previousStatus: t.unknown,
  previousTimestamp: t.unknown,
});

const StageError = t.type({
  stage: keysOf(['evaluate', 'apply', 'rollback']),
  reasonCode: Reason,
  exitCode: t.number,
  stderr: nullable(t.string),
});

/** promotion-controller-state.json, and each line of telemetry/promotion-controller.jsonl. */
export const PromotionControllerState = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      timestamp: t.string,
      category: t.literal('promotion_controller_run'),
      mode: Mode,
      status: Status,
      decision: Decision,
      execution: Execution,
      verification: Verification,
      context: Context,
      files: Files,
      observed: Observed,
    }),
    t.partial({ error: StageError }),
  ],
  'PromotionControllerState',
);
export type ControllerState = t.TypeOf<typeof PromotionControllerState>;
export type ControllerAction = t.TypeOf<typeof Action>;
export type ControllerStatus = t.TypeOf<typeof Status>;
export type ControllerStage = t.TypeOf<typeof StageError>['stage'];
export type ControllerFreezeMatch = t.TypeOf<typeof FreezeMatch>;
export type ControllerVerification = t.TypeOf<typeof Verification>;
