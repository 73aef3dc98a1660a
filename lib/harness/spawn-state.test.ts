// Seed 004 §1.3–1.4, row by row: given an observation, when the spawn state is decided, then it is the
// state the seed names, with the signals it used.
import { describe, expect, it } from 'vitest';
import { givenFacts } from '../testing/given.js';
import { DEFAULT_TERMINAL } from './config.js';
import { blankObservation, observe, set } from './observation-builder.js';
import type { Observation } from './observation-codec.js';
import { SPAWN_STATES, spawnStateNamed, spawnStateOf } from './spawn-state.js';

const AT = '2026-05-28T13:30:00+09:00';
const FIRE = '2026-05-28T13:22:33+09:00';
const base = blankObservation('task-2703', AT);
const opts = { terminalStatuses: DEFAULT_TERMINAL };
const state = (o: Observation) => spawnStateOf(o, opts, AT);
const given = (o: Observation) => givenFacts((asOf) => spawnStateOf(o, opts, asOf));

describe('NOT_REGISTERED', () => {
  it('is answered when timer, schedule_id, session and artifact are all known to be absent', () => {
    given(observe(base, set.taskId())).when(AT).then('NOT_REGISTERED', ['all_four_absent']);
  });
  it.each([
    ['a timer', set.timer('pending')],
    ['a schedule_id', set.scheduleId()],
    ['a bot session', set.session('seen')],
    ['a marker', set.marker('task-md-sha-decision.json', AT)],
    ['a worktree', set.worktree(AT)],
  ])('is never answered while %s is present', (_what, patch) => {
    expect(state(observe(base, patch)).value).not.toBe('NOT_REGISTERED');
  });
  it('is not answered when the session could not be looked for: UNKNOWN instead', () => {
    given(observe(base, set.session('unknown')))
      .when(AT)
      .then('UNKNOWN', ['session_unknown', 'insufficient_signals']);
  });
});

describe('REGISTERED and FIRED', () => {
  it('REGISTERED needs the schedule_id and the timer together', () => {
    given(observe(base, set.scheduleId(), set.timer('pending')))
      .when(AT)
      .then('REGISTERED', ['schedule_id_present', 'timer_registered']);
  });
  it('given a timer whose status is DISPATCHED_SUBMITTED_UNVERIFIED and a schedule_id, then REGISTERED', () => {
    given(observe(base, set.scheduleId(), set.timer('DISPATCHED_SUBMITTED_UNVERIFIED')))
      .when(AT)
      .then('REGISTERED', ['schedule_id_present', 'timer_registered']);
  });
  it('DISPATCHED_SUBMITTED_UNVERIFIED names REGISTERED (seed §1.3 synonym); the nine names stand for themselves', () => {
    expect(spawnStateNamed('DISPATCHED_SUBMITTED_UNVERIFIED')).toBe('REGISTERED');
    for (const s of SPAWN_STATES) expect(spawnStateNamed(s)).toBe(s);
    expect(spawnStateNamed('SPAWNED')).toBeNull();
  });
  it('a schedule_id alone is UNKNOWN, not REGISTERED', () => {
    expect(state(observe(base, set.scheduleId())).value).toBe('UNKNOWN');
  });
  it('FIRED when the schedule history has the entry', () => {
    given(observe(base, set.scheduleId(), set.timer('running'), set.history(FIRE)))
      .when(AT)
      .then('FIRED', ['schedule_history_present']);
  });
});

describe('two independent signals for WORK_STARTED and beyond', () => {
  it('a session alone is SESSION_SEEN', () => {
    given(observe(base, set.session('seen')))
      .when(AT)
      .then('SESSION_SEEN', ['session_seen']);
  });
  it('timer running + session seen is WORK_STARTED (the seed example)', () => {
    const d = state(observe(base, set.timer('running'), set.session('seen')));
    expect(d.value).toBe('WORK_STARTED');
    expect(d.reasons).toEqual(expect.arrayContaining(['timer_running', 'session_seen']));
  });
  it('a worktree plus its markers alone (one family) is not WORK_STARTED', () => {
    const o = observe(
      base,
      set.worktree(AT),
      set.marker('harness-mvp-active.json', AT),
      set.marker('done', AT),
    );
    expect(state(o).value).toBe('UNKNOWN');
  });
  it('timer running + schedule history (no bot-side signal) stays FIRED', () => {
    expect(state(observe(base, set.timer('running'), set.history(FIRE))).value).toBe('FIRED');
  });
  it('the dispatch marker is the controller writing, not the bot: timer + dispatch marker is not WORK_STARTED', () => {
    const d = state(observe(base, set.timer('running'), set.scheduleId(), set.dispatch(FIRE)));
    expect(d.value).toBe('REGISTERED');
  });
  it('ARTIFACT_SEEN when a bot artifact is newer than the fire time and another family agrees', () => {
    const o = observe(
      base,
      set.timer('running'),
      set.dispatch(FIRE),
      set.worktree('2026-05-28T13:26:00+09:00'),
    );
    expect(state(o).value).toBe('ARTIFACT_SEEN');
  });
  it('an artifact older than the fire time is WORK_STARTED, not ARTIFACT_SEEN', () => {
    const o = observe(
      base,
      set.timer('running'),
      set.dispatch(FIRE),
      set.worktree('2026-05-28T12:00:00+09:00'),
    );
    expect(state(o).value).toBe('WORK_STARTED');
  });
  it('CALLBACK_REGISTERED needs an ANU collector and work evidence', () => {
    const work = [set.timer('running'), set.session('seen')];
    expect(state(observe(base, ...work, set.callback('ANU'))).value).toBe('CALLBACK_REGISTERED');
    expect(state(observe(base, ...work, set.callback('hermes'))).value).toBe('WORK_STARTED');
    expect(state(observe(base, set.callback('ANU'), set.marker('callback-launch.json', AT))).value).toBe(
      'UNKNOWN',
    );
  });
});

describe('DONE', () => {
  it('needs the .done marker and a terminal timer', () => {
    given(observe(base, set.marker('done', AT), set.timer('completed')))
      .when(AT)
      .then('DONE', ['done_marker_present', 'timer_terminal']);
  });
  it('a .done marker with the timer still running is not DONE', () => {
    expect(state(observe(base, set.marker('done', AT), set.timer('running'))).value).not.toBe('DONE');
  });
});

describe('the task-2703 case (seed §1.4)', () => {
  it('timer running + fresh artifact 13:22:33 + closeout marker 13:52 is WORK_STARTED or ARTIFACT_SEEN with no session', () => {
    const o = observe(
      blankObservation('task-2703', '2026-05-28T13:53:00+09:00'),
      set.timer('running'),
      set.dispatch(FIRE),
      set.marker('harness-mvp-active.json', '2026-05-28T13:52:19+09:00'),
      set.artifact('2026-05-28T13:52:19+09:00', 'memory/events/task-2703.harness-mvp-active.json'),
    );
    expect(['WORK_STARTED', 'ARTIFACT_SEEN']).toContain(state(o).value);
  });
});
