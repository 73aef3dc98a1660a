// A fold over `fleet/telemetry/handoff.jsonl`: the autonomous executions in order (what the policy's
// auto-pause samples and promotion's reliability gate reads), and the latest execution outcome of each
// intent (what the handoff's retry guard reads). Lines of other shapes are counted, never thrown on.
// Law: fold(all) == foldFrom(fold(prefix), rest) for any split (the state is a pure accumulation).
import * as E from 'fp-ts/lib/Either.js';
import type { Positioned, Projection } from '../core/projection.js';
import { arr, at, isObject, numOr } from './json.js';

export interface AutonomousExecution {
  readonly timestamp: string;
  readonly traceId: string | null;
  readonly requestedIntentCount: number;
  /** The reference's sample size: executedIntentCount, else requestedIntentCount. */
  readonly attempted: number;
  readonly executedCount: number;
  readonly ambiguousCount: number;
  readonly failedCount: number;
  readonly line: number;
}

export interface IntentOutcome {
  readonly mode: string;
  readonly status: string;
  readonly reasonCode: string | null;
  readonly timestamp: string;
  readonly traceId: string | null;
  readonly line: number;
}

export interface HandoffHistory {
  readonly records: number;
  readonly plans: number;
  readonly executes: number;
  readonly unrecognized: number;
  readonly autonomousExecutions: readonly AutonomousExecution[];
  readonly lastOutcomeByIntent: Readonly<Record<string, IntentOutcome>>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const firstNumber = (...xs: unknown[]): number => {
  const hit = xs.find((x) => typeof x === 'number' && Number.isFinite(x));
  return typeof hit === 'number' ? hit : 0;
};

const execution = (v: unknown, line: number): AutonomousExecution => {
  const x = at(v, 'execution');
  return {
    timestamp: str(at(v, 'timestamp')) ?? '',
    traceId: str(at(v, 'traceId')),
    requestedIntentCount: numOr(at(x, 'requestedIntentCount'), 0),
    attempted: firstNumber(at(x, 'executedIntentCount'), at(x, 'requestedIntentCount')),
    executedCount: numOr(at(x, 'executedCount'), 0),
    ambiguousCount: numOr(at(x, 'ambiguousCount'), 0),
    failedCount: numOr(at(x, 'failedCount'), 0),
    line,
  };
};

const outcomes = (v: unknown, line: number): Record<string, IntentOutcome> => {
  const mode = str(at(v, 'execution', 'mode')) ?? 'manual';
  const out: Record<string, IntentOutcome> = {};
  for (const r of arr(at(v, 'execution', 'results'))) {
    const id = str(at(r, 'intentId'));
    const status = str(at(r, 'status'));
    if (id === null || status === null) continue;
    out[id] = {
      mode,
      status,
      reasonCode: str(at(r, 'reasonCode')),
      timestamp: str(at(r, 'executedAt')) ?? str(at(v, 'timestamp')) ?? '',
      traceId: str(at(r, 'traceId')) ?? str(at(v, 'traceId')),
      line,
    };
  }
  return out;
};

export const handoffHistoryInitial: HandoffHistory = {
  records: 0,
  plans: 0,
  executes: 0,
  unrecognized: 0,
  autonomousExecutions: [],
  lastOutcomeByIntent: {},
};

/** Folds handoff telemetry into autonomous executions and the last outcome per intent. */
export const handoffHistoryProjection: Projection<HandoffHistory, unknown> = {
  name: 'fleet-handoff-history',
  version: 1,
  initial: handoffHistoryInitial,
  evolve(s, e: Positioned<unknown>) {
    const v = e.value;
    const category = at(v, 'category');
    const records = s.records + 1;
    if (category === 'fleet_handoff_plan') return { ...s, records, plans: s.plans + 1 };
    if (category !== 'fleet_handoff_execute') return { ...s, records, unrecognized: s.unrecognized + 1 };
    const autonomous = at(v, 'execution', 'mode') === 'autonomous';
    return {
      ...s,
      records,
      executes: s.executes + 1,
      autonomousExecutions: autonomous
        ? [...s.autonomousExecutions, execution(v, e.position.line)]
        : s.autonomousExecutions,
      lastOutcomeByIntent: { ...s.lastOutcomeByIntent, ...outcomes(v, e.position.line) },
    };
  },
};

/** Pure: accepts any JSON object line (the fold judges its shape). */
export const decodeTelemetryObject = (v: unknown): E.Either<string, unknown> =>
  isObject(v) ? E.right(v) : E.left('telemetry line is not a JSON object');
