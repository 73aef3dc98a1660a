// Building observations by hand: a blank one (every signal known to be absent) and setters for each of
// the eight signals. Pure; used by the tests, the property tests and library users writing their own.
import type { Observation } from './observation-codec.js';

/** Pure: an observation of a task at `at` in which every signal is known to be absent. */
export const blankObservation = (taskId: string, at: string): Observation => ({
  kind: 'harness_observation',
  schema_version: 1,
  task_id: taskId,
  observed_at: at,
  task_id_present: false,
  schedule_id: null,
  bot_key_hash: null,
  dispatch: null,
  session: { status: 'absent', source: 'proc', pids: [], prompt_paths: [], unattributed: 0 },
  timer: { status: null, critical: false, escalate_requested: false, heartbeat_at: null },
  worktree: { path: null, mtime: null },
  artifact: { newest: null, mtime: null },
  markers: [],
  callback: { registered: false, collector_role: null },
  bot_output: { exists: false, mtime: null, bytes: 0 },
  schedule_history: { exists: false, mtime: null },
});

type Patch = (o: Observation) => Observation;

/** Pure setters, one per signal; compose with `observe(base, ...patches)`. */
export const set = {
  taskId: (): Patch => (o) => ({ ...o, task_id_present: true }),
  scheduleId:
    (id = 'BE5161A0'): Patch =>
    (o) => ({ ...o, schedule_id: id }),
  botKey:
    (hash = '0123456789abcdef'): Patch =>
    (o) => ({ ...o, bot_key_hash: hash }),
  session:
    (status: 'seen' | 'absent' | 'unknown' = 'seen'): Patch =>
    (o) => ({
      ...o,
      session: { ...o.session, status, pids: status === 'seen' ? [4242] : [] },
    }),
  timer:
    (status: string, extra: Partial<Observation['timer']> = {}): Patch =>
    (o) => ({
      ...o,
      timer: { ...o.timer, status, ...extra },
    }),
  worktree:
    (mtime: string, path = '.worktrees/t-team'): Patch =>
    (o) => ({ ...o, worktree: { path, mtime } }),
  artifact:
    (mtime: string, newest = 'memory/reports/t.md'): Patch =>
    (o) => ({ ...o, artifact: { newest, mtime } }),
  marker:
    (name: string, mtime: string): Patch =>
    (o) => ({ ...o, markers: [...o.markers, { name, mtime }] }),
  dispatch:
    (fireTime: string, marker = 'dispatched-hermes-260528.json'): Patch =>
    (o) => ({
      ...o,
      dispatch: {
        marker: `${o.task_id}.${marker}`,
        fire_time: fireTime,
        team: 'hermes',
        dispatch_method: 'dispatch_py',
      },
      markers: [...o.markers, { name: marker, mtime: fireTime }],
    }),
  callback:
    (role = 'ANU'): Patch =>
    (o) => ({ ...o, callback: { registered: true, collector_role: role } }),
  botOutput:
    (mtime: string): Patch =>
    (o) => ({ ...o, bot_output: { exists: true, mtime, bytes: 100 } }),
  history:
    (mtime: string): Patch =>
    (o) => ({ ...o, schedule_history: { exists: true, mtime } }),
};

/** Pure: applies the patches in order. */
export const observe = (base: Observation, ...patches: Patch[]): Observation =>
  patches.reduce((o, p) => p(o), base);
