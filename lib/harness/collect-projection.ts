// The fold over memory/harness/collect.jsonl: per task the last closeout stage signalled and whether
// (and how) it was collected. Law: a task collected once stays collected; a stage is signalled once.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode } from '../core/codec.js';
import type { Projection } from '../core/projection.js';
import { CLOSEOUT_STAGES, type CloseoutStage, type CollectPath } from './closeout.js';

const Stage = t.keyof(
  Object.fromEntries(CLOSEOUT_STAGES.map((s) => [s, null])) as Record<CloseoutStage, null>,
);
const Path = t.keyof({ normal_callback: null, closeout_marker_watcher: null, fallback_safety_net: null });

export const CollectSignal = t.type(
  {
    kind: t.literal('collect_signal'),
    schema_version: t.literal(1),
    as_of: t.string,
    task_id: t.string,
    stage: Stage,
    markers: t.array(t.string),
    next_action: t.string,
  },
  'CollectSignal',
);

export const CollectCollected = t.type(
  {
    kind: t.literal('collect_collected'),
    schema_version: t.literal(1),
    as_of: t.string,
    task_id: t.string,
    path: Path,
    stage: Stage,
    timer_status: t.union([t.string, t.null]),
    markers: t.array(t.string),
  },
  'CollectCollected',
);

export const CollectLine = t.union([CollectSignal, CollectCollected], 'CollectLine');
export type CollectLine = t.TypeOf<typeof CollectLine>;

export interface TaskCollect {
  readonly signalled: CloseoutStage | null;
  readonly collected: { readonly path: CollectPath; readonly asOf: string } | null;
}

export interface CollectState {
  readonly records: number;
  readonly tasks: Readonly<Record<string, TaskCollect>>;
}

export const collectProjection: Projection<CollectState, CollectLine> = {
  name: 'harness-collect',
  version: 1,
  initial: { records: 0, tasks: {} },
  evolve: (state, { value }) => {
    const before = state.tasks[value.task_id] ?? { signalled: null, collected: null };
    const task: TaskCollect =
      value.kind === 'collect_signal'
        ? { ...before, signalled: value.stage }
        : { ...before, collected: before.collected ?? { path: value.path, asOf: value.as_of } };
    return { records: state.records + 1, tasks: { ...state.tasks, [value.task_id]: task } };
  },
};

/** Pure: decodes one collect.jsonl line; Left is the reason it is corrupt. */
export const decodeCollectLine = (v: unknown): E.Either<string, CollectLine> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(CollectLine, v));
