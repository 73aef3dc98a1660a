// Fleet handoff planning: each unsuppressed policy candidate becomes an explicit per-loop control
// intent, pending operator confirmation, carrying the policy's autonomous classification, its
// transport from the registry and a deterministic idempotency key. The retry guard holds back an
// autonomous-eligible intent whose latest outcome was an ambiguous or failed autonomous dispatch: it
// becomes manual-only until an operator executes it explicitly. The outcome is read from the handoff
// telemetry and, as the reference reads it, from the previous handoff state (an intent left
// execution_ambiguous or execution_failed there). A candidate's recommendedIntent, when the policy
// names one, is the intent; otherwise its category maps to one.
// Law: the plan is a pure function of the policy state, the registry, the handoff history and the
// trace id; intents come out sorted by (loopId, category, intent).
import type * as t from 'io-ts';
import type { HandoffSummaryDoc } from './codecs-handoff.js';
import type { HandoffPlanDoc, IntentDoc } from './codecs-handoff-state.js';
import { compact } from './json.js';
import { byCode, RECOMMENDED_INTENT } from './candidates.js';
import type { IntentOutcome } from './handoff-history.js';
import type { PlanCandidate, PlanPolicy } from './handoff-views.js';
import type { FleetLoop, NormalizedRegistry } from './registry-types.js';
import type { Category, FleetReasonCode } from './vocabulary.js';

export type Intent = t.TypeOf<typeof IntentDoc>;
type IntentAutonomy = Intent['autonomous'];
export type HandoffPlan = t.TypeOf<typeof HandoffPlanDoc>;

/** Pure: the reference's slug (lowercase, [a-z0-9._-] kept, other runs as one -, no edge -). */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/(^-)|(-$)/g, '');

/** Pure: the idempotency key of an intent under a trace: `<prefix>-<trace>-<loop>-<category>-<intent>`. */
export const idempotencyKeyOf = (prefix: string, trace: string, parts: readonly string[]): string =>
  [prefix, trace, ...parts]
    .map(slug)
    .filter((p) => p.length > 0)
    .join('-');

/** Pure: the retry-guard reason for an intent's latest outcome (null: no guard). */
export const retryGuardOf = (last: IntentOutcome | undefined): string | null => {
  if (last === undefined || last.mode !== 'autonomous') return null;
  if (last.status === 'ambiguous') return 'autonomous_retry_guard_ambiguous';
  return last.status === 'failed' ? 'autonomous_retry_guard_failed' : null;
};

/** Pure: the retry-guard reason for an intent's status in the previous handoff state (null: no guard). */
export const priorGuardOf = (status: string | undefined): string | null => {
  if (status === 'execution_ambiguous') return 'autonomous_retry_guard_ambiguous';
  return status === 'execution_failed' ? 'autonomous_retry_guard_failed' : null;
};

/** Pure: whether any intent is held back by the retry guard (the fleet_handoff_retry_guarded code). */
export const anyRetryGuarded = (intents: readonly Intent[]): boolean =>
  intents.some(
    (i) =>
      i.retryGuard !== undefined || i.autonomous.reasons.some((r) => r.startsWith('autonomous_retry_guard_')),
  );

const autonomyOf = (candidate: PlanCandidate, guard: string | null): IntentAutonomy => {
  const { eligible, reasons } = candidate.autonomous;
  if (eligible && guard !== null)
    return { eligible: false, manualOnly: true, reasons: [...reasons, guard].sort() };
  return { eligible, manualOnly: !eligible, reasons: [...reasons] };
};

const serviceOf = (loop: FleetLoop | undefined) =>
  compact({
    baseUrl: loop?.service.baseUrl,
    tokenEnv: loop?.service.tokenEnv,
    retryAttempts: loop?.service.retryAttempts ?? 3,
    retryBackoffSeconds: loop?.service.retryBackoffSeconds ?? 1,
  });

export interface PlanInputs {
  readonly policy: PlanPolicy;
  readonly registry: NormalizedRegistry;
  readonly traceId: string;
  readonly idempotencyPrefix: string;
  readonly generatedAt: string;
  readonly lastOutcome: (intentId: string) => IntentOutcome | undefined;
  /** The intent's status in the previous handoff state (absent: no previous state or no such intent). */
  readonly priorStatus?: (intentId: string) => string | undefined;
  readonly files: { readonly registryFile: string; readonly policyStateFile: string };
}

/** Pure: the candidate's recommended intent, else its category's (undefined: no intent maps). */
const intentNameOf = (c: PlanCandidate): string | undefined =>
  c.recommendedIntent ?? (c.category === null ? undefined : RECOMMENDED_INTENT[c.category as Category]);

/** The retry guard of an intent: from the telemetry (`logged`, with its outcome), else the prior state. */
const guardsOf = (p: PlanInputs, intentId: string) => {
  const last = p.lastOutcome(intentId);
  const logged = retryGuardOf(last);
  return { last, logged, guard: logged ?? priorGuardOf(p.priorStatus?.(intentId)) };
};

const intentOf = (p: PlanInputs, c: PlanCandidate, policyTrace: string): Intent | null => {
  const { loopId, category } = c;
  const intent = intentNameOf(c);
  if (loopId === null || intent === undefined) return null;
  const candidateId = c.candidateId ?? `${loopId}:${category ?? 'unknown'}`;
  const intentId = `${candidateId}:${intent}`;
  const { last, logged, guard } = guardsOf(p, intentId);
  const loop = p.registry.loops.find((l) => l.loopId === loopId);
  return compact({
    intentId,
    candidateId,
    loopId,
    category,
    severity: c.severity,
    confidence: c.confidence,
    rationale: c.rationale,
    signal: c.signal,
    intent,
    recommendedIntent: c.recommendedIntent,
    status: 'pending_operator_confirmation',
    requiresOperatorConfirmation: true,
    fleetTraceId: p.traceId,
    policyTraceId: policyTrace,
    candidateTraceId: c.traceId,
    idempotencyKey: idempotencyKeyOf(p.idempotencyPrefix, p.traceId, [loopId, category ?? 'unknown', intent]),
    transport: loop?.transport ?? 'local',
    service: serviceOf(loop),
    metadata: loop?.metadata ?? {},
    autonomous: autonomyOf(c, guard),
    retryGuard: logged === null ? null : { active: true, reason: logged, lastOutcome: last },
  }) as Intent;
};

/** Pure: the summary counts of a set of intents. */
export const summaryOf = (
  intents: readonly Intent[],
  candidateCount: number,
  unsuppressed: number,
): HandoffSummary => {
  const n = (p: (i: Intent) => boolean) => intents.filter(p).length;
  const pending = (i: Intent) => i.status === 'pending_operator_confirmation';
  return {
    candidateCount,
    unsuppressedCandidateCount: unsuppressed,
    intentCount: intents.length,
    autoEligibleIntentCount: n((i) => i.autonomous.eligible),
    manualOnlyIntentCount: n((i) => i.autonomous.manualOnly),
    pendingConfirmationCount: n(pending),
    pendingManualOnlyCount: n((i) => pending(i) && i.autonomous.manualOnly),
    executedCount: n((i) => i.status === 'executed'),
    ambiguousCount: n((i) => i.status === 'execution_ambiguous'),
    failedCount: n((i) => i.status === 'execution_failed'),
  };
};

export type HandoffSummary = t.TypeOf<typeof HandoffSummaryDoc>;

/** Pure: the handoff reason codes of a summary (and whether any intent is retry-guarded). */
export const handoffReasonCodes = (s: HandoffSummary, guarded: boolean): FleetReasonCode[] => {
  const codes: (FleetReasonCode | false)[] = [
    s.intentCount > 0 ? 'fleet_handoff_action_required' : 'fleet_handoff_no_action',
    s.pendingConfirmationCount > 0 && 'fleet_handoff_confirmation_pending',
    s.intentCount < s.unsuppressedCandidateCount && 'fleet_handoff_partial_mapping',
    s.unsuppressedCandidateCount > 0 && s.intentCount === 0 && 'fleet_handoff_unmapped_candidates',
    s.autoEligibleIntentCount > 0 && 'fleet_handoff_auto_eligible_intents',
    guarded && 'fleet_handoff_retry_guarded',
    s.executedCount > 0 && 'fleet_handoff_executed',
    s.ambiguousCount > 0 && 'fleet_handoff_execution_ambiguous',
    s.failedCount > 0 && 'fleet_handoff_execution_failed',
  ];
  return [...new Set(codes.filter((c): c is FleetReasonCode => c !== false))].sort();
};

/** Pure: the handoff plan (`fleet/handoff-state.json` before any execution). */
export const planHandoff = (p: PlanInputs): HandoffPlan => {
  const all = p.policy.candidates;
  const open = all.filter((c) => c.suppressed === false);
  const policyTrace = p.policy.traceId ?? p.traceId;
  const intents = open
    .map((c) => intentOf(p, c, policyTrace))
    .filter((i): i is Intent => i !== null)
    .sort(
      (a, b) =>
        byCode(a.loopId, b.loopId) ||
        byCode(a.category ?? '', b.category ?? '') ||
        byCode(a.intent, b.intent),
    );
  const summary = summaryOf(intents, all.length, open.length);
  return {
    schemaVersion: 'v1' as const,
    generatedAt: p.generatedAt,
    updatedAt: p.generatedAt,
    fleetId: p.policy.fleetId ?? p.registry.fleetId,
    traceId: p.traceId,
    policyTraceId: policyTrace,
    mode: p.policy.mode,
    source: p.files,
    control: { idempotencyPrefix: p.idempotencyPrefix, requiresOperatorConfirmation: true as const },
    intents,
    summary,
    reasonCodes: handoffReasonCodes(summary, anyRetryGuarded(intents)),
  };
};
