// The loop lifecycle is a strict first-match truth table (lib/loop/lifecycle.ts lifecycleOf).
//
// Law: for any LoopFacts, lifecycleOf returns exactly one state with exactly one reason, the pair
// belonging to one row of the table below (or unknown/no_reliable_signal when no row holds), and the
// row is the FIRST one whose condition holds: each row wins over every row below it.
//
//   1 awaiting_approval  approval_pending        approvalStatus == 'pending'
//   2 complete           summary_completion_ok   summaryPresent && completionOk
//   3 running            state_active_for_loop   statePresent && stateActive && stateLoopId == loopId
//   4 stopped            stop_event              lastEventName in {loop_stop, rate_limit_stop, no_progress_stop}
//   5 failed             error_event_status      lastEventStatus in {error, timeout, blocked, rate_limited}
//   6 idle               inactive_with_summary   statePresent && stateInactive && summaryPresent
//   7 unknown            no_reliable_signal      otherwise
//
// The oracle below is written from that table (Superloop docs/ops-manager-state-machine.md), not from
// the implementation. Facts are drawn so every row holds often, alone and together with others.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifecycleOf, lifecycleReasons, type LoopFacts } from '../lib/loop/lifecycle.js';
import { EVENT_NAMES, OTHER_EVENT_NAMES, STATUSES, timestampArb } from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);

interface Row {
  readonly state: string;
  readonly reason: string;
  readonly holds: (f: LoopFacts) => boolean;
  /** Makes the row hold, touching only the fields its condition reads. */
  readonly makeTrue: (f: LoopFacts) => LoopFacts;
  /** Makes the row fail through a field no other row reads, so rows below are unaffected. */
  readonly makeFalse: (f: LoopFacts) => LoopFacts;
}

const STOPS = ['loop_stop', 'rate_limit_stop', 'no_progress_stop'];
const ERRORS = ['error', 'timeout', 'blocked', 'rate_limited'];

const rows: readonly Row[] = [
  {
    state: 'awaiting_approval',
    reason: 'approval_pending',
    holds: (f) => f.approvalStatus === 'pending',
    makeTrue: (f) => ({ ...f, approvalStatus: 'pending' }),
    makeFalse: (f) => ({
      ...f,
      approvalStatus: f.approvalStatus === 'pending' ? 'approved' : f.approvalStatus,
    }),
  },
  {
    state: 'complete',
    reason: 'summary_completion_ok',
    holds: (f) => f.summaryPresent && f.completionOk,
    makeTrue: (f) => ({ ...f, summaryPresent: true, completionOk: true }),
    makeFalse: (f) => ({ ...f, completionOk: false }),
  },
  {
    state: 'running',
    reason: 'state_active_for_loop',
    holds: (f) => f.statePresent && f.stateActive && f.stateLoopId === f.loopId,
    makeTrue: (f) => ({ ...f, statePresent: true, stateActive: true, stateLoopId: f.loopId }),
    makeFalse: (f) => ({ ...f, stateLoopId: `${f.loopId}-other` }),
  },
  {
    state: 'stopped',
    reason: 'stop_event',
    holds: (f) => STOPS.includes(f.lastEventName),
    makeTrue: (f) => ({
      ...f,
      lastEventName: STOPS.includes(f.lastEventName) ? f.lastEventName : 'loop_stop',
    }),
    makeFalse: (f) => ({
      ...f,
      lastEventName: STOPS.includes(f.lastEventName) ? 'iteration_end' : f.lastEventName,
    }),
  },
  {
    state: 'failed',
    reason: 'error_event_status',
    holds: (f) => ERRORS.includes(f.lastEventStatus),
    makeTrue: (f) => ({
      ...f,
      lastEventStatus: ERRORS.includes(f.lastEventStatus) ? f.lastEventStatus : 'error',
    }),
    makeFalse: (f) => ({
      ...f,
      lastEventStatus: ERRORS.includes(f.lastEventStatus) ? 'ok' : f.lastEventStatus,
    }),
  },
  {
    state: 'idle',
    reason: 'inactive_with_summary',
    holds: (f) => f.statePresent && f.stateInactive && f.summaryPresent,
    makeTrue: (f) => ({ ...f, statePresent: true, stateInactive: true, summaryPresent: true }),
    makeFalse: (f) => ({ ...f, stateInactive: false }),
  },
];

/** The oracle: the first row that holds, else unknown. */
const expected = (f: LoopFacts): { value: string; reasons: string[] } => {
  const row = rows.find((r) => r.holds(f));
  return row === undefined
    ? { value: 'unknown', reasons: ['no_reliable_signal'] }
    : { value: row.state, reasons: [row.reason] };
};

const loopIds = ['demo', 'feature-auth', 'x'];

/** Any facts, biased so that every condition is often true and often false. */
const factsArb: fc.Arbitrary<LoopFacts> = fc.record({
  loopId: fc.constantFrom(...loopIds),
  approvalStatus: fc.oneof(
    fc.constantFrom('pending', 'approved', 'rejected', '', 'PENDING', ' pending'),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
  ),
  summaryPresent: fc.boolean(),
  completionOk: fc.boolean(),
  statePresent: fc.boolean(),
  stateActive: fc.boolean(),
  stateInactive: fc.boolean(),
  stateLoopId: fc.oneof(fc.constantFrom(...loopIds, ''), fc.constant(null), fc.string({ maxLength: 6 })),
  lastEventName: fc.oneof(
    fc.constantFrom(...EVENT_NAMES, ...OTHER_EVENT_NAMES, '', 'LOOP_STOP', 'loop_stop '),
    fc.string({ maxLength: 8 }),
  ),
  lastEventStatus: fc.oneof(fc.constantFrom(...STATUSES, '', 'ERROR', 'failed'), fc.string({ maxLength: 8 })),
});

/** Facts as factsOf derives them from a state document: active/inactive come from one `active` value. */
const realisticFactsArb: fc.Arbitrary<LoopFacts> = fc
  .tuple(factsArb, fc.constantFrom<unknown>(true, false, null, undefined, 'true', 1, 0))
  .map(([f, active]) => ({
    ...f,
    stateActive: active === true,
    stateInactive: active === null || active === undefined || active === false,
  }));

const anyFactsArb = fc.oneof(factsArb, realisticFactsArb);

describe('lifecycleOf', () => {
  it('returns exactly one state with exactly one reason, paired as in the table, echoing asOf', () => {
    const pairs = new Map<string, string>([
      ...rows.map((r) => [r.state, r.reason] as const),
      ['unknown', 'no_reliable_signal'],
    ]);
    fc.assert(
      fc.property(anyFactsArb, timestampArb, (f, asOf) => {
        const d = lifecycleOf(f, asOf);
        expect(typeof d.value).toBe('string');
        expect(d.reasons).toHaveLength(1);
        expect(pairs.get(d.value)).toBe(d.reasons[0]);
        expect(lifecycleReasons).toContain(d.reasons[0]);
        expect(d.asOf).toBe(asOf);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('is the first row that holds (oracle written from the table)', () => {
    fc.assert(
      fc.property(anyFactsArb, (f) => {
        const d = lifecycleOf(f, '2026-02-22T12:00:00Z');
        expect({ value: d.value, reasons: [...d.reasons] }).toEqual(expected(f));
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('whenever approvalStatus is pending, it is awaiting_approval, whatever else holds', () => {
    fc.assert(
      fc.property(anyFactsArb, (f) => {
        const d = lifecycleOf({ ...f, approvalStatus: 'pending' }, '2026-02-22T12:00:00Z');
        expect([d.value, ...d.reasons]).toEqual(['awaiting_approval', 'approval_pending']);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('each row wins over every row below it', () => {
    const pair = fc
      .tuple(fc.integer({ min: 0, max: rows.length - 1 }), fc.integer({ min: 0, max: rows.length - 1 }))
      .filter(([i, j]) => i < j);
    fc.assert(
      fc.property(
        anyFactsArb,
        pair,
        fc.array(fc.boolean(), { minLength: rows.length, maxLength: rows.length }),
        (f, [i, j], others) => {
          // Rows i and j hold, every row above i fails, rows between and below hold or not at random.
          let g = f;
          rows.forEach((r, k) => {
            if (k > i && k !== j && others[k] === true) g = r.makeTrue(g);
          });
          g = rows[j]!.makeTrue(g);
          g = rows[i]!.makeTrue(g);
          for (let k = 0; k < i; k++) g = rows[k]!.makeFalse(g);
          expect(rows[i]!.holds(g) && rows[j]!.holds(g)).toBe(true);
          const d = lifecycleOf(g, '2026-02-22T12:00:00Z');
          expect([d.value, ...d.reasons]).toEqual([rows[i]!.state, rows[i]!.reason]);
        },
      ),
      { seed, numRuns: 2000 },
    );
  });

  it('is unknown (no_reliable_signal) exactly when no row holds', () => {
    fc.assert(
      fc.property(anyFactsArb, (f) => {
        let g = f;
        for (const r of rows) g = r.makeFalse(g);
        expect(rows.some((r) => r.holds(g))).toBe(false);
        const d = lifecycleOf(g, '2026-02-22T12:00:00Z');
        expect([d.value, ...d.reasons]).toEqual(['unknown', 'no_reliable_signal']);
      }),
      { seed, numRuns: 500 },
    );
  });
});
