// A fold over `fleet/telemetry/handoff.jsonl`: the autonomous executions in order (what the policy's
// auto-pause samples and promotion's reliability gate reads), and the latest execution outcome of each
// intent (what the handoff's retry guard reads). Lines of other shapes are counted, never thrown on.
// Law: fold(all) == foldFrom(fold(prefix), rest) for any split (the state is a pure accumulation).
import * as E from 'fp-ts/lib/Either.js';
import type { Positioned, Projection } from '../core/projection.js';
import * as t from 'io-ts';
import { isObject } from './json.js';
import { count, decodeLenient, Finite, listOf, section, text } from './lenient.js';

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

/** What the fold reads of a telemetry line: lenient, so a line of another shape reads as empty. */
const HandoffLine = section(
  {
    category: t.string,
    timestamp: t.string,
    traceId: t.string,
    execution: section(
      {
        mode: t.string,
        requestedIntentCount: count(),
        executedIntentCount: Finite,
        executedCount: count(),
        ambiguousCount: count(),
        failedCount: count(),
        results: listOf(
          section(
            {
              intentId: t.string,
              status: t.string,
              reasonCode: text,
              executedAt: t.string,
              traceId: t.string,
            },
            'HandoffLineResult',
          ),
        ),
      },
      'HandoffLineExecution',
    ),
  },
  'HandoffLine',
);
type HandoffLine = t.TypeOf<typeof HandoffLine>;

const execution = (v: HandoffLine, line: number): AutonomousExecution => {
  const x = v.execution;
  return {
    timestamp: v.timestamp ?? '',
    traceId: v.traceId ?? null,
    requestedIntentCount: x.requestedIntentCount,
    attempted: x.executedIntentCount ?? x.requestedIntentCount,
    executedCount: x.executedCount,
    ambiguousCount: x.ambiguousCount,
    failedCount: x.failedCount,
    line,
  };
};

const outcomes = (v: HandoffLine, line: number): Record<string, IntentOutcome> => {
  const mode = v.execution.mode ?? 'manual';
  const out: Record<string, IntentOutcome> = {};
  for (const r of v.execution.results) {
    if (r.intentId === undefined || r.status === undefined) continue;
    out[r.intentId] = {
      mode,
      status: r.status,
      reasonCode: r.reasonCode,
      timestamp: r.executedAt ?? v.timestamp ?? '',
      traceId: r.traceId ?? v.traceId ?? null,
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
    const v = decodeLenient(HandoffLine, e.value);
    const category = v.category;
    const records = s.records + 1;
    if (category === 'fleet_handoff_plan') return { ...s, records, plans: s.plans + 1 };
    if (category !== 'fleet_handoff_execute') return { ...s, records, unrecognized: s.unrecognized + 1 };
    const autonomous = v.execution.mode === 'autonomous';
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
