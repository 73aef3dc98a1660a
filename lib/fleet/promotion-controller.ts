// `fleet promotion-controller` as one step over ports: evaluate (orchestration dry_run), judge the
// decision's freshness and the mutation budget, and in guarded_auto_apply apply, verify (promotion CI)
// and roll back when verification fails. The stages are ports, so the runner runs opsfold's own
// commands or an operator's replacement scripts, and a test runs them in memory. No I/O here.
// Laws: propose_only never runs a mutating stage; an apply runs only when the decision is promote,
// fresh and within budget; a failing stage is recorded as a failed state with that stage's exit code.
import { isObject } from '../core/json-object.js';
import type { Effect } from '../io/effects.js';
import {
  budgetOf,
  freezeOf,
  freshnessOf,
  type FreezeWindow,
  type Mutation,
} from './promotion-controller-budget.js';
import type { ControllerReasonCode, ControllerState } from './promotion-controller-codecs.js';
import type { StepRun } from './promotion-orchestrate.js';
import {
  completedState,
  failedState,
  startProgress,
  uniqueSorted,
  type Guards,
  type Progress,
  type RunContext,
  type StageFailure,
} from './promotion-controller-state.js';
import {
  applyArgs,
  evaluateArgs,
  rollbackArgs,
  verifyArgs,
  type ControllerRequest,
} from './promotion-controller-steps.js';

/** A JSON document a stage wrote, as read back. */
export type JsonRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'found'; readonly value: unknown };

export interface ControllerPorts {
  /** Runs the promotion orchestration (dry_run, apply, rollback) with these arguments. */
  readonly orchestrate: (args: readonly string[]) => Promise<StepRun>;
  /** Runs the promotion CI (the verify stage) with these arguments. */
  readonly ci: (args: readonly string[]) => Promise<StepRun>;
  /** Reads a JSON document a stage wrote. */
  readonly readJson: (file: string) => Promise<JsonRead>;
}

/** What the runner gathered before any stage ran. */
export interface ControllerInputs extends RunContext {
  /** The run's instant, epoch seconds (the timestamp's). */
  readonly now: number;
  readonly mutations: readonly Mutation[];
  readonly freezeWindows: readonly FreezeWindow[];
}

export type ControllerOutcome =
  /** The reference's `error:` line (exit 1); nothing is recorded. */
  | { readonly kind: 'refused'; readonly errorLine: string }
  /** The state to record and print; a failed stage's exit code and output, else exit 0. */
  | {
      readonly kind: 'recorded';
      readonly state: ControllerState;
      readonly effects: readonly Effect[];
      readonly exitCode: number;
      readonly stageOutput: string | null;
    };

type Refused = Extract<ControllerOutcome, { kind: 'refused' }>;

const refused = (errorLine: string): Refused => ({ kind: 'refused', errorLine });

const record = (r: ControllerRequest, state: ControllerState, exitCode = 0, out: string | null = null) => ({
  kind: 'recorded' as const,
  state,
  effects: [
    { kind: 'append', path: r.targets.telemetryFile, records: [state] },
    { kind: 'write', path: r.targets.stateFile, value: state, pretty: false },
  ] satisfies Effect[],
  exitCode,
  stageOutput: out,
});

const fail = (r: ControllerRequest, p: Progress, c: RunContext, f: StageFailure): ControllerOutcome =>
  record(r, failedState(r, p, c, f), f.exitCode, f.output);

/** Reads a document a stage must have written; `what` names it in the reference's error lines. */
const readStageDoc = async (
  ports: ControllerPorts,
  file: string,
  what: { missing: string; invalid: string },
): Promise<{ value: unknown } | Refused> => {
  const read = await ports.readJson(file);
  if (read.kind === 'missing') return refused(`${what.missing}: ${file}`);
  if (read.kind === 'invalid') return refused(`${what.invalid}: ${file}`);
  return { value: read.value };
};

const isRefused = (x: object): x is Refused => 'kind' in x && x.kind === 'refused';

const at = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const orDefault = (v: unknown, d: unknown): unknown => (v === undefined || v === null || v === false ? d : v);

/** Pure: the guards' verdicts for the evaluated decision. */
const guardsOf = (r: ControllerRequest, ciResult: unknown, i: ControllerInputs): Guards => {
  const budget = budgetOf(i.mutations, r.budget, { intent: r.applyIntent, expandStep: r.expandStep }, i.now);
  const freeze = freezeOf(i.freezeWindows, i.now);
  return {
    freshness: freshnessOf(ciResult, r.decisionTtlMinutes, i.now),
    budget,
    freeze,
    budgetReasons: uniqueSorted([...budget.reasons, ...freeze.reasons]),
  };
};

/** Pure: what the run plans: propose (propose_only), apply when every guard passes, else hold. */
const planOf = (r: ControllerRequest, decision: string, g: Guards) => {
  if (r.mode === 'propose_only') return 'propose' as const;
  const blocked = decision !== 'promote' || g.freshness.reasons.length > 0 || g.budgetReasons.length > 0;
  return blocked ? ('hold' as const) : ('apply' as const);
};

const evaluate = async (
  r: ControllerRequest,
  ports: ControllerPorts,
  i: ControllerInputs,
): Promise<(Progress & { guards: Guards }) | ControllerOutcome> => {
  const run = await ports.orchestrate(evaluateArgs(r));
  if (run.code !== 0)
    return fail(r, startProgress, i, {
      stage: 'evaluate',
      reasonCode: 'controller_evaluate_command_failed',
      exitCode: run.code,
      output: run.out,
    });
  const preview = await readStageDoc(ports, r.files.previewResultFile, {
    missing: 'preview result file not found',
    invalid: 'invalid preview JSON',
  });
  if (isRefused(preview)) return preview;
  const ci = await readStageDoc(ports, r.files.promotionCiResultFile, {
    missing: 'evaluate promotion CI result file not found',
    invalid: 'invalid evaluate promotion CI JSON',
  });
  if (isRefused(ci)) return ci;
  const decision = orDefault(at(preview.value, 'decision'), 'unknown');
  const summary = at(preview.value, 'summary');
  const guards = guardsOf(r, ci.value, i);
  const promotionDecision = typeof decision === 'string' ? decision : JSON.stringify(decision);
  const planned = planOf(r, promotionDecision, guards);
  return {
    ...startProgress,
    promotionDecision,
    promotionReasonCodes: orDefault(at(summary, 'reasonCodes'), []),
    failedGates: orDefault(at(summary, 'failedGates'), []),
    guards,
    plannedAction: planned,
    action: planned,
  };
};

/** Pure: the verification of the verify stage's run and result document. */
const verificationOf = (run: StepRun, read: JsonRead): Progress['verification'] => {
  const failed = (code: ControllerReasonCode, decision: string | null = null) => ({
    ran: true,
    status: 'fail' as const,
    decision,
    reasonCodes: [code],
  });
  if (run.code !== 0) return failed('controller_verification_command_failed');
  if (read.kind === 'missing') return failed('controller_verification_result_missing');
  if (read.kind === 'invalid') return failed('controller_verification_result_invalid');
  const d = orDefault(at(at(read.value, 'summary'), 'decision'), 'unknown');
  const decision = typeof d === 'string' ? d : JSON.stringify(d);
  if (decision === 'promote') return { ran: true, status: 'pass', decision, reasonCodes: [] };
  return failed('controller_verification_failed', decision);
};

interface Stage {
  readonly r: ControllerRequest;
  readonly ports: ControllerPorts;
  readonly c: RunContext;
}

const MUTATING = {
  apply: { args: applyArgs, file: (r: ControllerRequest) => r.files.applyResultFile },
  rollback: { args: rollbackArgs, file: (r: ControllerRequest) => r.files.rollbackResultFile },
} as const;

const COMMAND_FAILED = {
  apply: 'controller_apply_command_failed',
  rollback: 'controller_rollback_command_failed',
} as const satisfies Record<keyof typeof MUTATING, ControllerReasonCode>;

/**
 * Runs a mutating orchestration (apply or rollback) and reads back the result it must have written:
 * null when both held, else the outcome that ends the run (a failed state, or the reference's refusal).
 */
const runMutation = async (
  { r, ports, c }: Stage,
  p: Progress,
  stage: keyof typeof MUTATING,
): Promise<ControllerOutcome | null> => {
  const run = await ports.orchestrate(MUTATING[stage].args(r));
  if (run.code !== 0)
    return fail(r, p, c, { stage, reasonCode: COMMAND_FAILED[stage], exitCode: run.code, output: run.out });
  const doc = await readStageDoc(ports, MUTATING[stage].file(r), {
    missing: `${stage} orchestration result file not found`,
    invalid: `invalid ${stage} orchestration JSON`,
  });
  return isRefused(doc) ? doc : null;
};

/** Apply, verify, and roll back when verification fails. */
const applyAndVerify = async (s: Stage, p: Progress & { guards: Guards }): Promise<ControllerOutcome> => {
  const { r, ports, c } = s;
  const applyEnded = await runMutation(s, p, 'apply');
  if (applyEnded !== null) return applyEnded;
  const verifyRun = await ports.ci(verifyArgs(r));
  const verification = verificationOf(verifyRun, await ports.readJson(r.files.verifyResultFile));
  const afterApply = { ...p, applyExecuted: true, action: 'apply' as const, verification };
  if (verification.status === 'pass') return record(r, completedState(r, afterApply, c, 'applied'));
  const rollbackEnded = await runMutation(s, afterApply, 'rollback');
  if (rollbackEnded !== null) return rollbackEnded;
  const after = { ...afterApply, rollbackExecuted: true, action: 'rollback' as const };
  return record(r, completedState(r, after, c, 'rolled_back'));
};

/**
 * Runs one controller pass through `ports` with the inputs the runner gathered; the caller applies
 * `effects` (telemetry row, then state document), prints `state`, and exits with `exitCode`.
 */
export const runPromotionController = async (
  r: ControllerRequest,
  ports: ControllerPorts,
  i: ControllerInputs,
): Promise<ControllerOutcome> => {
  const evaluated = await evaluate(r, ports, i);
  if ('kind' in evaluated) return evaluated;
  if (evaluated.plannedAction === 'apply') return applyAndVerify({ r, ports, c: i }, evaluated);
  const status = evaluated.plannedAction === 'hold' ? 'hold' : 'proposed';
  return record(r, completedState(r, evaluated, i, status));
};
