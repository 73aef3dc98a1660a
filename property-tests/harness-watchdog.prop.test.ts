// Watchdog laws (seed 004 §2.3–2.4), checked over generated cycle sequences run through the real fold:
//   1. every ESCALATE is a silently_stalled cycle whose task was silently_stalled in the immediately
//      preceding cycle too (two consecutive), and is critical or explicitly escalated;
//   2. at most one ESCALATE is delivered per stall episode (consecutive silently_stalled run);
//   3. throttle bound: for any task and alert class (WARN, ESCALATE), any N consecutive cycles hold at
//      most K unthrottled alerts; INFO (a log line) is never throttled;
//   4. only unthrottled ESCALATEs are delivered; INFO and WARN never are.
// FC_SEED replays a failure (fast-check prints the seed and the shrunk sequence).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../lib/core/projection.js';
import { defaultWatchdogConfig, type WatchdogConfig } from '../lib/harness/config.js';
import { decideCycle } from '../lib/harness/cycle.js';
import { blankObservation, observe, set } from '../lib/harness/observation-builder.js';
import type { Observation } from '../lib/harness/observation-codec.js';
import { observationsProjection } from '../lib/harness/observations-projection.js';
import type { WatchdogDecisionRecord } from '../lib/harness/watchdog-codec.js';
import { watchdogProjection } from '../lib/harness/watchdog-projection.js';
import { positionEvents } from '../lib/testing/given.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const T0 = Date.parse('2026-05-29T10:00:00+09:00');
const STEP = 300_000;
const TASKS = ['task-1', 'task-2'];
const SCENARIOS = ['alive', 'silent', 'unknown', 'stalled', 'escalated', 'acked', 'done', 'missing'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Cell {
  readonly scenario: Scenario;
  readonly critical: boolean;
  readonly requested: boolean;
}

const cellArb = fc.record({
  scenario: fc.constantFrom(...SCENARIOS),
  critical: fc.boolean(),
  requested: fc.boolean(),
});
const runArb = fc.array(fc.tuple(cellArb, cellArb), { minLength: 1, maxLength: 25 });

const observationOf = (task: string, cell: Cell, asOfMs: number): Observation | null => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const flags = { critical: cell.critical, escalate_requested: cell.requested };
  const old = set.marker('task-md-sha-decision.json', iso(asOfMs - 3_600_000));
  const o = observe(blankObservation(task, iso(asOfMs)), set.timer('pending', flags));
  switch (cell.scenario) {
    case 'alive':
      return observe(o, set.session('seen'));
    case 'silent':
      return observe(o, old);
    case 'unknown':
      return o;
    case 'stalled':
      return observe(o, old, set.timer('pending', { ...flags, heartbeat_at: iso(asOfMs - 7_200_000) }));
    case 'escalated':
      return observe(o, old, set.marker('escalate', iso(asOfMs - 3_000_000)));
    case 'acked':
      return observe(o, old, set.marker('escalate.acked', iso(asOfMs - 60_000)));
    case 'done':
      return observe(o, set.timer('completed', flags));
    default:
      return null;
  }
};

/** Runs the cycles through decideCycle and the watchdog fold, as the runner does. */
const runCycles = (
  cells: readonly (readonly [Cell, Cell])[],
  c: WatchdogConfig,
): WatchdogDecisionRecord[] => {
  const log: WatchdogDecisionRecord[] = [];
  cells.forEach((pair, i) => {
    const now = T0 + i * STEP;
    const obs = TASKS.map((t, k) => observationOf(t, pair[k]!, now)).filter(
      (o): o is Observation => o !== null,
    );
    const observed = fold(observationsProjection(), positionEvents(obs));
    log.push(...decideCycle(observed, fold(watchdogProjection, positionEvents(log)), now, c));
  });
  return log;
};

const configArb = fc.record({
  throttleK: fc.integer({ min: 1, max: 4 }),
  throttleN: fc.integer({ min: 1, max: 8 }),
  staleEvidenceAfterS: fc.constantFrom(null, 1800),
});

describe('watchdog laws', () => {
  it('ESCALATE only after two consecutive silently_stalled cycles of a critical or escalated task', () => {
    fc.assert(
      fc.property(runArb, configArb, (cells, knobs) => {
        const log = runCycles(cells, { ...defaultWatchdogConfig, ...knobs });
        for (const r of log.filter((x) => x.alert_class === 'ESCALATE')) {
          const prev = log.find((x) => x.task_id === r.task_id && x.cycle === r.cycle - 1);
          expect(r.status).toBe('silently_stalled');
          expect(prev?.status).toBe('silently_stalled');
          expect(r.critical || r.escalate_requested).toBe(true);
        }
      }),
      { seed, numRuns: 200 },
    );
  });

  it('at most one ESCALATE is delivered per stall episode', () => {
    fc.assert(
      fc.property(runArb, configArb, (cells, knobs) => {
        const log = runCycles(cells, { ...defaultWatchdogConfig, ...knobs });
        for (const task of TASKS) {
          let delivered = 0;
          for (const r of log.filter((x) => x.task_id === task)) {
            if (r.consecutive_silent <= 1) delivered = 0;
            if (r.deliver) delivered += 1;
            expect(delivered).toBeLessThanOrEqual(1);
          }
        }
      }),
      { seed, numRuns: 200 },
    );
  });

  it('throttle bound: any N consecutive cycles hold at most K unthrottled alerts of one task and class', () => {
    fc.assert(
      fc.property(runArb, configArb, (cells, knobs) => {
        const c = { ...defaultWatchdogConfig, ...knobs };
        const log = runCycles(cells, c);
        const last = Math.max(0, ...log.map((r) => r.cycle));
        for (const task of TASKS)
          for (const cls of ['WARN', 'ESCALATE'])
            for (let end = 1; end <= last; end++) {
              const inWindow = log.filter(
                (r) =>
                  r.task_id === task &&
                  r.alert_class === cls &&
                  !r.throttled &&
                  r.cycle > end - c.throttleN &&
                  r.cycle <= end,
              );
              expect(inWindow.length).toBeLessThanOrEqual(c.throttleK);
            }
      }),
      { seed, numRuns: 200 },
    );
  });

  it('only unthrottled ESCALATEs are delivered, and INFO is never throttled', () => {
    fc.assert(
      fc.property(runArb, configArb, (cells, knobs) => {
        for (const r of runCycles(cells, { ...defaultWatchdogConfig, ...knobs })) {
          expect(r.deliver).toBe(r.alert_class === 'ESCALATE' && !r.throttled);
          if (r.alert_class === 'INFO') expect(r.throttled).toBe(false);
        }
      }),
      { seed, numRuns: 150 },
    );
  });

  it('the generator reaches ESCALATE (so the laws above are not vacuous)', () => {
    const silent: Cell = { scenario: 'silent', critical: true, requested: false };
    const log = runCycles(
      [
        [silent, silent],
        [silent, silent],
      ],
      defaultWatchdogConfig,
    );
    expect(log.filter((r) => r.alert_class === 'ESCALATE')).toHaveLength(2);
  });
});
