// The conditions the loop manager escalates, each with the record the reference appends for it:
// one per health reason (category health_<severity>), one per divergence flag (divergence_detected)
// active profile drift (profile_drift_detected) and active ordering drift (ordering_drift_detected). Pure: they turn decided documents into
// ActiveCondition values for planEscalations.
import type { ActiveCondition } from './escalations.js';

export const HEALTH_CATEGORIES = ['health_degraded', 'health_critical'] as const;
export const DIVERGENCE_CATEGORY = 'divergence_detected';
export const DRIFT_CATEGORY = 'profile_drift_detected';
export const ORDERING_CATEGORY = 'ordering_drift_detected';

export interface EscalationContext {
  readonly loopId: string;
  readonly transport: string;
  readonly traceId: string | null;
}

export interface HealthFiles {
  readonly stateFile: string;
  readonly cursorFile: string;
  readonly healthFile: string;
}

interface HealthLike {
  readonly updatedAt: string;
  readonly status: string;
  readonly reasonCodes: readonly string[];
  readonly reasons: readonly { readonly code: string; readonly severity: string }[];
  readonly transport: { readonly ingestStatus: string; readonly failureCode: string | null };
}

const withTrace = (ctx: { readonly traceId: string | null }) =>
  ctx.traceId === null ? {} : { traceId: ctx.traceId };

/** Pure: one condition per health reason, recorded with the reference's health escalation keys. */
export const healthConditions = (
  h: HealthLike,
  ctx: EscalationContext,
  files: HealthFiles,
): ActiveCondition[] =>
  h.reasons.map((r) => {
    const category = `health_${r.severity}`;
    return {
      loopId: ctx.loopId,
      category,
      condition: r.code,
      record: {
        timestamp: h.updatedAt,
        loopId: ctx.loopId,
        category,
        transport: ctx.transport,
        ingestStatus: h.transport.ingestStatus,
        ...(h.transport.failureCode === null ? {} : { failureCode: h.transport.failureCode }),
        ...files,
        healthStatus: h.status,
        reasonCodes: h.reasonCodes,
        reasons: h.reasons,
        ...withTrace(ctx),
      },
    };
  });

const FLAGS = ['activeMismatch', 'approvalCompletionConflict', 'cursorRegression'] as const;

/** What a divergence escalation reads of the manager state: its flags, and three blocks it copies. */
export interface DivergenceSource {
  readonly divergence: { readonly flags: Readonly<Record<(typeof FLAGS)[number], boolean>> };
  readonly transition: object;
  readonly projection: object;
  readonly cursor: object;
}

/** Pure: one condition per divergence flag that holds in a manager state document. */
export const divergenceConditions = (
  state: DivergenceSource,
  ctx: EscalationContext & { readonly timestamp: string },
  files: Omit<HealthFiles, 'healthFile'>,
): ActiveCondition[] => {
  const flags = state.divergence.flags;
  return FLAGS.filter((f) => flags[f]).map((f) => ({
    loopId: ctx.loopId,
    category: DIVERGENCE_CATEGORY,
    condition: f,
    record: {
      timestamp: ctx.timestamp,
      loopId: ctx.loopId,
      category: DIVERGENCE_CATEGORY,
      transport: ctx.transport,
      ...files,
      divergenceFlags: flags,
      state: { transition: state.transition, projection: state.projection, cursor: state.cursor },
      ...withTrace(ctx),
    },
  }));
};

export interface DriftFiles {
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
}

/** What a drift escalation reads of the drift state (the whole state is copied into the record). */
export interface DriftSource {
  readonly driftActive: boolean;
  readonly updatedAt?: string;
  readonly appliedProfile?: string;
  readonly recommendedProfile?: string;
  readonly recommendationConfidence?: string;
  readonly mismatchStreak?: number;
}

/** Pure: the profile drift condition, present only while the drift is active. */
export const driftConditions = (
  drift: DriftSource,
  ctx: Omit<EscalationContext, 'transport'> & { readonly transport: string | null },
  files: DriftFiles,
): ActiveCondition[] =>
  drift.driftActive
    ? [
        {
          loopId: ctx.loopId,
          category: DRIFT_CATEGORY,
          condition: DRIFT_CATEGORY,
          record: {
            timestamp: drift.updatedAt,
            loopId: ctx.loopId,
            category: DRIFT_CATEGORY,
            ...(ctx.transport === null ? {} : { transport: ctx.transport }),
            reasonCode: DRIFT_CATEGORY,
            appliedProfile: drift.appliedProfile ?? null,
            recommendedProfile: drift.recommendedProfile ?? null,
            recommendationConfidence: drift.recommendationConfidence ?? null,
            mismatchStreak: drift.mismatchStreak ?? null,
            ...files,
            drift,
            ...withTrace(ctx),
          },
        },
      ]
    : [];

export interface OrderingFiles {
  readonly stateFile: string;
  readonly sequenceStateFile: string;
  readonly sequenceTelemetryFile: string;
}

/** What an ordering drift escalation reads of the sequence state (its nested blocks are copied). */
export interface OrderingSource {
  readonly updatedAt: string;
  readonly status: string;
  readonly reasonCode: string | null;
  readonly driftActive: boolean;
  readonly violations: readonly string[];
  readonly snapshot: Readonly<Record<string, unknown>>;
  readonly events: Readonly<Record<string, unknown>>;
}

/** Pure: the ordering drift condition, present only while the sequence state shows drift. */
export const orderingConditions = (
  s: OrderingSource,
  ctx: EscalationContext,
  files: OrderingFiles,
): ActiveCondition[] =>
  s.driftActive
    ? [
        {
          loopId: ctx.loopId,
          category: ORDERING_CATEGORY,
          condition: ORDERING_CATEGORY,
          record: {
            timestamp: s.updatedAt,
            loopId: ctx.loopId,
            category: ORDERING_CATEGORY,
            transport: ctx.transport,
            reasonCode: s.reasonCode ?? ORDERING_CATEGORY,
            ...files,
            sequence: {
              status: s.status,
              driftActive: s.driftActive,
              violations: s.violations,
              snapshot: s.snapshot,
              events: s.events,
            },
            ...withTrace(ctx),
          },
        },
      ]
    : [];
