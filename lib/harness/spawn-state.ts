// Layer 2: the spawn state of a task from one observation (seed 004 §1.3–1.4). Law: WORK_STARTED or
// beyond needs at least two independent signal families, one of them on the bot's side; NOT_REGISTERED
// is answered only when timer, schedule_id, session and artifact are all known to be absent; anything
// else that fits no row is UNKNOWN, never a guess. The decision's reasons are the signals it used.
import { decide, type Decision } from '../core/decision.js';
import { parseIso } from '../core/time.js';
import { isBotMarker, isControllerMarker, markerNamed } from './markers.js';
import type { Observation } from './observation-codec.js';

export const SPAWN_STATES = [
  'NOT_REGISTERED',
  'REGISTERED',
  'FIRED',
  'SESSION_SEEN',
  'WORK_STARTED',
  'ARTIFACT_SEEN',
  'CALLBACK_REGISTERED',
  'DONE',
  'UNKNOWN',
] as const;
export type SpawnState = (typeof SPAWN_STATES)[number];

/** Other names for a state that writers outside opsfold use (seed §1.3: "REGISTERED (★ DISPATCHED_SUBMITTED_UNVERIFIED 동의어)"). */
export const SPAWN_STATE_SYNONYMS: Readonly<Record<string, SpawnState>> = {
  DISPATCHED_SUBMITTED_UNVERIFIED: 'REGISTERED',
};

/** Pure: the state a name stands for (one of the nine, or a synonym); null for anything else. */
export const spawnStateNamed = (name: string): SpawnState | null =>
  (SPAWN_STATES as readonly string[]).includes(name)
    ? (name as SpawnState)
    : (SPAWN_STATE_SYNONYMS[name] ?? null);

/** Pure: the ladder position of a state; UNKNOWN is -1 (it is not below or above anything). */
export const spawnRank = (s: SpawnState): number => (s === 'UNKNOWN' ? -1 : SPAWN_STATES.indexOf(s));

export const spawnSignals = [
  'task_id_present',
  'schedule_id_present',
  'bot_key_hash_present',
  'timer_registered',
  'timer_running',
  'timer_terminal',
  'schedule_history_present',
  'bot_output_present',
  'session_seen',
  'worktree_present',
  'bot_marker_present',
  'dispatch_marker_present',
  'artifact_fresh',
  'callback_registered_anu',
  'done_marker_present',
] as const;
export type SpawnSignal = (typeof spawnSignals)[number];

export const spawnOutcomeReasons = ['all_four_absent', 'insufficient_signals', 'session_unknown'] as const;
export type SpawnReason = SpawnSignal | (typeof spawnOutcomeReasons)[number];

/** Independent sources: two signals from one family are one signal. */
type Family = 'timer' | 'session' | 'artifact' | 'bot_output' | 'schedule_history';
const BOT_SIDE: readonly Family[] = ['session', 'artifact', 'bot_output'];

export interface SpawnOptions {
  readonly terminalStatuses: readonly string[];
}

const ms = (iso: string | null): number | null => (iso === null ? null : parseIso(iso));

/** The instant the task fired: the dispatch marker's fire_time, else the schedule history's mtime. */
const firedAt = (o: Observation): number | null =>
  ms(o.dispatch?.fire_time ?? null) ?? (o.schedule_history.exists ? ms(o.schedule_history.mtime) : null);

const botArtifactMs = (o: Observation): number | null => {
  const times = [ms(o.worktree.mtime), ms(o.artifact.mtime)].filter((x): x is number => x !== null);
  return times.length === 0 ? null : Math.max(...times);
};

const signalsOf = (o: Observation, opts: SpawnOptions): Set<SpawnSignal> => {
  const s = new Set<SpawnSignal>();
  const add = (on: boolean, sig: SpawnSignal) => on && s.add(sig);
  const status = o.timer.status;
  add(o.task_id_present, 'task_id_present');
  add(o.schedule_id !== null, 'schedule_id_present');
  add(o.bot_key_hash !== null, 'bot_key_hash_present');
  add(status !== null, 'timer_registered');
  add(status === 'running', 'timer_running');
  add(status !== null && opts.terminalStatuses.includes(status), 'timer_terminal');
  add(o.schedule_history.exists, 'schedule_history_present');
  add(o.bot_output.exists, 'bot_output_present');
  add(o.session.status === 'seen', 'session_seen');
  add(o.worktree.path !== null, 'worktree_present');
  add(
    o.markers.some((m) => isBotMarker(m.name)),
    'bot_marker_present',
  );
  add(o.dispatch !== null || o.markers.some((m) => isControllerMarker(m.name)), 'dispatch_marker_present');
  const fired = firedAt(o);
  const made = botArtifactMs(o);
  add(fired !== null && made !== null && made >= fired, 'artifact_fresh');
  add(o.callback.registered && o.callback.collector_role === 'ANU', 'callback_registered_anu');
  add(markerNamed(o.markers, 'done') !== undefined, 'done_marker_present');
  return s;
};

const familiesOf = (s: ReadonlySet<SpawnSignal>): Set<Family> => {
  const f = new Set<Family>();
  if (s.has('timer_running') || s.has('timer_terminal')) f.add('timer');
  if (s.has('session_seen')) f.add('session');
  if (s.has('worktree_present') || s.has('bot_marker_present') || s.has('artifact_fresh')) f.add('artifact');
  if (s.has('bot_output_present')) f.add('bot_output');
  if (s.has('schedule_history_present')) f.add('schedule_history');
  return f;
};

/** The four signals whose joint absence alone may say NOT_REGISTERED (seed §1.4). */
const allFourAbsent = (o: Observation): boolean =>
  o.timer.status === null &&
  o.schedule_id === null &&
  o.session.status === 'absent' &&
  o.worktree.path === null &&
  o.artifact.mtime === null &&
  o.markers.length === 0;

type Row = readonly [
  SpawnState,
  readonly SpawnSignal[],
  (s: ReadonlySet<SpawnSignal>, work: boolean) => boolean,
];

const rows: readonly Row[] = [
  [
    'DONE',
    ['done_marker_present', 'timer_terminal'],
    (s) => s.has('done_marker_present') && s.has('timer_terminal'),
  ],
  ['CALLBACK_REGISTERED', ['callback_registered_anu'], (s, w) => w && s.has('callback_registered_anu')],
  ['ARTIFACT_SEEN', ['artifact_fresh'], (s, w) => w && s.has('artifact_fresh')],
  ['WORK_STARTED', [], (_s, w) => w],
  ['SESSION_SEEN', ['session_seen'], (s) => s.has('session_seen')],
  [
    'FIRED',
    ['schedule_history_present', 'bot_output_present'],
    (s) => s.has('schedule_history_present') || s.has('bot_output_present'),
  ],
  [
    'REGISTERED',
    ['schedule_id_present', 'timer_registered'],
    (s) => s.has('schedule_id_present') && s.has('timer_registered'),
  ],
];

/** Pure: the spawn state of the observed task, with the signals that decided it as reasons. */
export const spawnStateOf = (
  o: Observation,
  opts: SpawnOptions,
  asOf: string = o.observed_at,
): Decision<SpawnState, SpawnReason> => {
  const s = signalsOf(o, opts);
  const families = familiesOf(s);
  const work = families.size >= 2 && BOT_SIDE.some((f) => families.has(f));
  const workSignals = spawnSignals.filter(
    (x) => s.has(x) && !['task_id_present', 'schedule_id_present', 'bot_key_hash_present'].includes(x),
  );
  for (const [state, used, holds] of rows) {
    if (!holds(s, work)) continue;
    const reasons = state === 'WORK_STARTED' || state === 'ARTIFACT_SEEN' || state === 'CALLBACK_REGISTERED';
    return decide(state, reasons ? [...used, ...workSignals] : used.filter((x) => s.has(x)), asOf);
  }
  if (allFourAbsent(o) && !s.has('schedule_history_present') && !s.has('bot_output_present'))
    return decide('NOT_REGISTERED', ['all_four_absent'], asOf);
  const why: SpawnReason[] = o.session.status === 'unknown' ? ['session_unknown'] : [];
  return decide('UNKNOWN', [...why, 'insufficient_signals', ...spawnSignals.filter((x) => s.has(x))], asOf);
};
