// One observation is everything the harness saw of one task at one instant (seed 004 §1.2, the eight
// signals). Observations are appended to memory/harness/observations.jsonl and never rewritten; every
// later answer (spawn state, liveness, closeout stage) is a pure function of them and of asOf.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

/** A file in memory/events named `<task_id>.<name>`, with its mtime (ISO 8601). */
export const MarkerSeen = t.type({ name: t.string, mtime: t.string }, 'MarkerSeen');
export type MarkerSeen = t.TypeOf<typeof MarkerSeen>;

export const SessionStatus = t.keyof({ seen: null, absent: null, unknown: null }, 'SessionStatus');
export type SessionStatus = t.TypeOf<typeof SessionStatus>;

/** Bot sessions: processes whose command line names a system-prompt file other than the controller's. */
export const SessionEvidence = t.type(
  {
    status: SessionStatus,
    source: t.keyof({ sessions_file: null, proc: null, none: null }),
    pids: t.array(t.number),
    prompt_paths: t.array(t.string),
    /** Bot sessions seen whose prompt could not be tied to this task. */
    unattributed: t.number,
  },
  'SessionEvidence',
);
export type SessionEvidence = t.TypeOf<typeof SessionEvidence>;

export const TimerEvidence = t.type(
  {
    /** memory/task-timers.json tasks[<task_id>].status; null when the task has no timer. */
    status: nullable(t.string),
    critical: t.boolean,
    escalate_requested: t.boolean,
    heartbeat_at: nullable(t.string),
  },
  'TimerEvidence',
);

export const DispatchSeen = t.type(
  { marker: t.string, fire_time: t.string, team: t.string, dispatch_method: t.string },
  'DispatchSeen',
);

export const Observation = t.type(
  {
    kind: t.literal('harness_observation'),
    schema_version: t.literal(1),
    task_id: t.string,
    observed_at: t.string,
    /** A task md (memory/tasks/<task_id>.md) or a task-timers key exists. */
    task_id_present: t.boolean,
    schedule_id: nullable(t.string),
    /** sha256(bot_key)[:16] from the dispatch marker; the raw key is never read here. */
    bot_key_hash: nullable(t.string),
    dispatch: nullable(DispatchSeen),
    session: SessionEvidence,
    timer: TimerEvidence,
    worktree: t.type({ path: nullable(t.string), mtime: nullable(t.string) }),
    /** The newest bot artifact: a worktree file, a memory/reports/<task_id>* file or a bot-written marker. */
    artifact: t.type({ newest: nullable(t.string), mtime: nullable(t.string) }),
    markers: t.array(MarkerSeen),
    callback: t.type({ registered: t.boolean, collector_role: nullable(t.string) }),
    bot_output: t.type({ exists: t.boolean, mtime: nullable(t.string), bytes: t.number }),
    schedule_history: t.type({ exists: t.boolean, mtime: nullable(t.string) }),
  },
  'HarnessObservation',
);
export type Observation = t.TypeOf<typeof Observation>;
