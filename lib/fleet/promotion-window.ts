// The reliability window: the last N autonomous handoff executions of fleet/telemetry/handoff.jsonl
// (`category: fleet_handoff_execute`, `execution.mode: autonomous`), folded line by line so the whole log
// never sits in memory. Laws: evolve is total (plan rows, manual executions and non-object rows are
// counted as ignored; an autonomous row with a malformed count is remembered as the first invalid row);
// the window holds exactly the last min(N, autonomousRuns) autonomous rows in log order; fold(all) ==
// foldFrom(fold(prefix), rest).
import * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../core/projection.js';
import { classifyHandoffRow, type AutonomousRun } from './promotion-inputs.js';

export interface WindowRun extends AutonomousRun {
  readonly line: number;
}

export interface InvalidRow {
  readonly line: number;
  readonly byteOffset: number;
  readonly reason: string;
}

export interface HandoffWindowState {
  readonly rows: number;
  readonly autonomousRuns: number;
  readonly ignored: number;
  readonly invalid: InvalidRow | null;
  readonly window: readonly WindowRun[];
}

export const DEFAULT_WINDOW_EXECUTIONS = 20;

const initial: HandoffWindowState = { rows: 0, autonomousRuns: 0, ignored: 0, invalid: null, window: [] };

/** Pure: the window projection keeping the last `windowExecutions` autonomous runs. */
export const handoffWindowProjection = (
  windowExecutions: number = DEFAULT_WINDOW_EXECUTIONS,
): Projection<HandoffWindowState, unknown> => ({
  name: 'fleet-promotion-handoff-window',
  version: 1,
  initial,
  evolve(state, event) {
    const row = classifyHandoffRow(event.value);
    const rows = state.rows + 1;
    if (row.kind === 'other') return { ...state, rows, ignored: state.ignored + 1 };
    if (row.kind === 'invalid') {
      const invalid = state.invalid ?? { ...event.position, reason: row.reason };
      return { ...state, rows, invalid };
    }
    const { kind: _kind, ...run } = row;
    const window = [...state.window, { ...run, line: event.position.line }].slice(-windowExecutions);
    return { ...state, rows, autonomousRuns: state.autonomousRuns + 1, window };
  },
});

/** Every parsed JSON line is an event; classification happens in evolve, so the decoder accepts all. */
export const decodeJsonLine = (v: unknown): E.Either<string, unknown> => E.right(v);

/** Totals over a window's runs. */
export interface WindowTotals {
  readonly sampleRuns: number;
  readonly attempted: number;
  readonly executed: number;
  readonly ambiguous: number;
  readonly failed: number;
}

/** Pure: the sums the reliability gate compares against its thresholds. */
export const windowTotals = (runs: readonly AutonomousRun[]): WindowTotals => ({
  sampleRuns: runs.length,
  attempted: runs.reduce((n, r) => n + r.requested, 0),
  executed: runs.reduce((n, r) => n + r.executed, 0),
  ambiguous: runs.reduce((n, r) => n + r.ambiguous, 0),
  failed: runs.reduce((n, r) => n + r.failed, 0),
});
