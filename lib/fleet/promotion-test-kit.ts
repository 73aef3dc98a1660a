// Builders for promotion tests: evidence that passes every gate by default, and the one change a test
// makes to it. Test support only (imported by *.test.ts and property tests), pure.
import { fold } from '../core/projection.js';
import { positionEvents } from '../testing/given.js';
import type { PromotionEvidence } from './promotion-decision.js';
import type { DrillEvidence, HandoffEvidence } from './promotion-gates.js';
import type { AutonomousFacts } from './promotion-inputs.js';
import { handoffWindowProjection } from './promotion-window.js';

export const AS_OF = '2026-03-01T12:00:00Z';

export type Outcome = 'executed' | 'failed' | 'ambiguous';

/** Pure: one autonomous execution row of handoff.jsonl with one intent per outcome. */
export const executeRow = (outcomes: readonly Outcome[], timestamp = '2026-03-01T06:00:00Z') => ({
  timestamp,
  category: 'fleet_handoff_execute',
  execution: {
    mode: 'autonomous',
    requestedIntentCount: outcomes.length,
    executedCount: outcomes.filter((o) => o === 'executed').length,
    ambiguousCount: outcomes.filter((o) => o === 'ambiguous').length,
    failedCount: outcomes.filter((o) => o === 'failed').length,
  },
});

export const planRow = {
  timestamp: '2026-03-01T05:59:00Z',
  category: 'fleet_handoff_plan',
  mode: 'guarded_auto',
};

/** Pure: handoff evidence folded from rows, as the runner folds handoff.jsonl. */
export const handoffOf = (rows: readonly unknown[], windowExecutions = 20): HandoffEvidence => ({
  kind: 'read',
  window: fold(handoffWindowProjection(windowExecutions), positionEvents(rows)),
  corrupt: null,
});

/** Pure: `n` clean autonomous executions of one intent each. */
export const cleanRuns = (n: number): unknown[] => Array.from({ length: n }, () => executeRow(['executed']));

export const passingFacts: AutonomousFacts = {
  enabled: true,
  posture: 'active',
  blocksAutonomous: false,
  governanceReasonCodes: [],
  manualBacklog: 1,
  autopauseActive: false,
  byPath: { policyGated: {}, rolloutGated: {}, governanceGated: {}, transportGated: {} },
};

export const freshDrills: DrillEvidence = {
  kind: 'ok',
  drills: [
    { id: 'kill_switch', status: 'pass', completedAt: '2026-02-28T09:00:00Z' },
    { id: 'sprite_service_outage', status: 'pass', completedAt: '2026-02-28T09:20:00Z' },
    { id: 'ambiguous_retry_guard', status: 'pass', completedAt: '2026-02-28T09:40:00Z' },
  ],
};

/** Pure: evidence on which every gate passes, with `change` applied. */
export const evidence = (change: Partial<PromotionEvidence> = {}): PromotionEvidence => ({
  autonomous: passingFacts,
  handoff: handoffOf(cleanRuns(20)),
  drills: freshDrills,
  autopauseStreak: null,
  ...change,
});

export const facts = (change: Partial<AutonomousFacts>): AutonomousFacts => ({ ...passingFacts, ...change });
