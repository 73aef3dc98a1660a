// The handoff plan and state (`fleet/handoff-state.json`) with every key opsfold writes: the plan's
// intents (null fields are left out, so optional keys are the ones that may be null or absent), and
// after an execution the execution block and each dispatched intent's outcome. The plan and state
// types of handoff-plan.ts and handoff-execute.ts come from these codecs.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { HandoffSummaryDoc } from './codecs-handoff.js';

const Str = t.string;
const Num = t.number;
const Strs = t.array(t.string);

const IntentAutonomyDoc = t.type(
  { eligible: t.boolean, manualOnly: t.boolean, reasons: Strs },
  'IntentAutonomy',
);

const IntentOutcomeDoc = t.type(
  { mode: Str, status: Str, reasonCode: nullable(Str), timestamp: Str, traceId: nullable(Str), line: Num },
  'IntentOutcome',
);

const IntentExecutionDoc = t.intersection(
  [
    t.type({
      executedAt: Str,
      requestedBy: Str,
      status: t.keyof({ executed: null, ambiguous: null, failed: null }),
      reasonCode: Str,
      traceId: Str,
      idempotencyKey: Str,
      controlExitCode: Num,
    }),
    t.partial({ controlStatus: t.unknown, confirmed: t.unknown }),
  ],
  'IntentExecution',
);

export const IntentDoc = t.intersection(
  [
    t.type({
      intentId: Str,
      candidateId: Str,
      loopId: Str,
      intent: Str,
      status: Str,
      requiresOperatorConfirmation: t.literal(true),
      fleetTraceId: Str,
      policyTraceId: Str,
      idempotencyKey: Str,
      transport: Str,
      service: t.intersection([
        t.type({ retryAttempts: Num, retryBackoffSeconds: Num }),
        t.partial({ baseUrl: Str, tokenEnv: Str }),
      ]),
      metadata: t.UnknownRecord,
      autonomous: IntentAutonomyDoc,
    }),
    t.partial({
      category: Str,
      severity: Str,
      confidence: Str,
      rationale: Str,
      signal: Str,
      recommendedIntent: Str,
      candidateTraceId: Str,
      retryGuard: t.type({ active: t.literal(true), reason: Str, lastOutcome: IntentOutcomeDoc }),
      execution: IntentExecutionDoc,
    }),
  ],
  'HandoffIntent',
);

const DispatchResultDoc = t.type(
  {
    intentId: Str,
    loopId: Str,
    intent: Str,
    traceId: Str,
    idempotencyKey: Str,
    requestedBy: Str,
    executedAt: Str,
    status: t.keyof({ executed: null, ambiguous: null, failed: null }),
    reasonCode: Str,
    controlExitCode: Num,
    control: nullable(t.UnknownRecord),
  },
  'HandoffDispatchResult',
);

export const HandoffExecutionDoc = t.intersection(
  [
    t.type({
      mode: t.keyof({ manual: null, autonomous: null }),
      requestedBy: Str,
      requestedAt: Str,
      completedAt: Str,
      requestedIntentCount: Num,
      executedIntentCount: Num,
      executedCount: Num,
      ambiguousCount: Num,
      failedCount: Num,
      results: t.array(DispatchResultDoc),
    }),
    t.partial({ note: Str }),
  ],
  'HandoffExecution',
);

/** The handoff plan: `fleet/handoff-state.json` before any execution. */
export const HandoffPlanDoc = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: Str,
    updatedAt: Str,
    fleetId: Str,
    traceId: Str,
    policyTraceId: Str,
    mode: Str,
    source: t.type({ registryFile: Str, policyStateFile: Str }),
    control: t.type({ idempotencyPrefix: Str, requiresOperatorConfirmation: t.literal(true) }),
    intents: t.array(IntentDoc),
    summary: HandoffSummaryDoc,
    reasonCodes: Strs,
  },
  'HandoffPlan',
);

/** `fleet/handoff-state.json`: the latest handoff plan, with its execution when one ran. */
export const HandoffStateDoc = t.intersection(
  [HandoffPlanDoc, t.partial({ execution: HandoffExecutionDoc })],
  'FleetHandoffState',
);
