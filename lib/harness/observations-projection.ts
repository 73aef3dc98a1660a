// The fold over memory/harness/observations.jsonl: per task the latest observation and its spawn state,
// when that state began and how often it changed. Law: evolve is total (a record for a task never seen
// before starts that task) and folding any split of the log from a checkpoint gives the same state.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import type { Projection } from '../core/projection.js';
import { DEFAULT_TERMINAL } from './config.js';
import { Observation } from './observation-codec.js';
import { spawnStateOf, type SpawnOptions, type SpawnReason, type SpawnState } from './spawn-state.js';

export interface TaskObservations {
  readonly observations: number;
  readonly latest: Observation;
  readonly latestLine: number;
  readonly spawn: SpawnState;
  readonly signals: readonly SpawnReason[];
  readonly spawnSince: string;
  readonly previous: SpawnState | null;
  readonly transitions: number;
}

export interface ObservationsState {
  readonly records: number;
  readonly tasks: Readonly<Record<string, TaskObservations>>;
}

const initial: ObservationsState = { records: 0, tasks: {} };

/** Pure: the observations projection for the given terminal statuses. */
export const observationsProjection = (
  opts: SpawnOptions = { terminalStatuses: DEFAULT_TERMINAL },
): Projection<ObservationsState, Observation> => ({
  name: 'harness-observations',
  version: 1,
  initial,
  evolve: (state, { value: o, position }) => {
    const before = state.tasks[o.task_id];
    const d = spawnStateOf(o, opts);
    const changed = before === undefined || before.spawn !== d.value;
    const task: TaskObservations = {
      observations: (before?.observations ?? 0) + 1,
      latest: o,
      latestLine: position.line,
      spawn: d.value,
      signals: d.reasons,
      spawnSince: changed ? o.observed_at : before.spawnSince,
      previous: changed ? (before?.spawn ?? null) : before.previous,
      transitions: (before?.transitions ?? 0) + (changed && before !== undefined ? 1 : 0),
    };
    return { records: state.records + 1, tasks: { ...state.tasks, [o.task_id]: task } };
  },
});

/** Pure: decodes one observations.jsonl line; Left is the reason it is corrupt. */
export const decodeObservationLine = (v: unknown): E.Either<string, Observation> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(Observation, v));
