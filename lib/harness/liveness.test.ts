// Seed 004 §2.2 and §2.4: given the latest observation, when the watchdog decides at asOf, then the task
// is alive if any signal of the OR-set holds, and silently_stalled only when none does and the event
// age is known and over the threshold.
import { describe, expect, it } from 'vitest';
import { defaultWatchdogConfig, type WatchdogConfig } from './config.js';
import { livenessOf } from './liveness.js';
import { blankObservation, observe, set } from './observation-builder.js';
import type { Observation } from './observation-codec.js';
import type { SpawnState } from './spawn-state.js';

const NOW = Date.parse('2026-05-29T10:00:00+09:00');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const base = observe(blankObservation('task-2801', ago(0)), set.timer('running'));
const c = defaultWatchdogConfig;
/** The seed's literal §2.2: progress markers and WORK_STARTED+ never expire. */
const literal: WatchdogConfig = { ...c, staleEvidenceAfterS: null };
const live = (o: Observation, spawn: SpawnState = 'UNKNOWN', cfg: WatchdogConfig = c) =>
  livenessOf(o, spawn, NOW, cfg);
/** An event marker that is not a progress marker, so only its age speaks. */
const oldEvent = set.marker('task-md-sha-decision.json', ago(1000));

describe('alive: any one signal of the OR-set', () => {
  it.each([
    ['a dispatch marker', set.marker('dispatched-maat-260529.json', ago(600)), 'progress_marker'],
    ['a harness-mvp-active marker', set.marker('harness-mvp-active', ago(600)), 'progress_marker'],
    ['a .done marker', set.marker('done', ago(600)), 'progress_marker'],
    ['an .escalate marker', set.marker('escalate', ago(600)), 'progress_marker'],
    ['a completion.txt', set.marker('completion.txt', ago(600)), 'progress_marker'],
    [
      'an *active.json younger than 1800 s',
      set.marker('closeout-active.json', ago(1799)),
      'active_json_fresh',
    ],
    ['a session', set.session('seen'), 'session_active'],
    ['a worktree younger than 900 s', set.worktree(ago(899)), 'worktree_fresh'],
    ['an artifact younger than 900 s', set.artifact(ago(899)), 'artifact_fresh'],
  ])('%s makes the task alive', (_what, patch, signal) => {
    const r = live(observe(base, oldEvent, patch));
    expect(r.status).toBe('alive');
    expect(r.alive).toContain(signal);
  });
  it('spawn state WORK_STARTED or beyond makes the task alive while its evidence is younger than 900 s', () => {
    const recent = set.marker('task-md-sha-decision.json', ago(600));
    expect(live(observe(base, recent), 'WORK_STARTED').alive).toContain('spawn_work_started');
    expect(live(observe(base, oldEvent), 'WORK_STARTED', literal).alive).toContain('spawn_work_started');
    expect(live(observe(base, oldEvent), 'SESSION_SEEN', literal).status).toBe('silently_stalled');
  });
});

describe('old evidence does not hide a stall', () => {
  it('an *active.json of 1800 s or more proves nothing', () => {
    const r = live(observe(base, set.timer('pending'), set.marker('closeout-active.json', ago(1800))));
    expect(r.status).toBe('silently_stalled');
  });
  it('a worktree of 900 s or more proves nothing', () => {
    expect(live(observe(base, oldEvent, set.worktree(ago(900)))).status).toBe('silently_stalled');
  });
  it('by default an old dispatch marker and an old WORK_STARTED no longer count once all evidence is over 900 s', () => {
    const o = observe(base, set.marker('dispatched-maat-260529.json', ago(3000)), set.worktree(ago(901)));
    const r = live(o, 'ARTIFACT_SEEN');
    expect(r.status).toBe('silently_stalled');
    expect(r.reasons).toEqual(['no_alive_signal_event_age_over_threshold', 'heartbeat_unmeasurable']);
    expect(
      live(observe(base, set.marker('dispatched-maat-260529.json', ago(899))), 'ARTIFACT_SEEN').status,
    ).toBe('alive');
  });
  it('stale_evidence_after_s: null keeps the literal rule: a kept dispatch marker proves life forever', () => {
    const o = observe(
      base,
      set.marker('dispatched-maat-260529.json', ago(86_400)),
      set.worktree(ago(86_400)),
    );
    expect(live(o, 'ARTIFACT_SEEN', literal).status).toBe('alive');
    expect(live(o, 'ARTIFACT_SEEN', { ...c, staleEvidenceAfterS: 1800 }).status).toBe('silently_stalled');
  });
});

describe('stalled needs a known event age', () => {
  it('no events at all (ev_age -1) and no heartbeat is unknown, never stalled', () => {
    const r = live(base);
    expect([r.status, r.evAgeS, r.hbAgeS]).toEqual(['unknown', -1, -1]);
  });
  it('an event of 900 s or less with no alive signal is unknown, not stalled', () => {
    expect(live(observe(base, set.marker('task-md-sha-decision.json', ago(900)))).status).toBe('unknown');
  });
  it('an event over 900 s with no heartbeat is silently_stalled', () => {
    const r = live(observe(base, oldEvent));
    expect(r.status).toBe('silently_stalled');
    expect(r.reasons).toEqual(['no_alive_signal_event_age_over_threshold', 'heartbeat_unmeasurable']);
  });
  it('with a stale heartbeat it is stalled (not silently), with a fresh one alive', () => {
    expect(live(observe(base, oldEvent, set.timer('running', { heartbeat_at: ago(2000) }))).status).toBe(
      'stalled',
    );
    expect(live(observe(base, oldEvent, set.timer('running', { heartbeat_at: ago(60) }))).status).toBe(
      'alive',
    );
  });
  it('a running timer with any closeout marker is never stalled, however old the marker', () => {
    const r = live(observe(base, set.marker('callback-cause.json', ago(90_000))));
    expect(r.status).toBe('alive');
    expect(r.alive).toEqual(['running_with_closeout_marker']);
  });
});

describe('skips', () => {
  it('.escalate.acked skips the task', () => {
    expect(live(observe(base, oldEvent, set.marker('escalate.acked', ago(10)))).status).toBe('skipped');
  });
  it('a terminal timer is done', () => {
    expect(live(observe(base, oldEvent, set.timer('completed'))).status).toBe('done');
  });
  it("opsfold's own spawn-state sidecar is not an event", () => {
    const o = observe(base, set.marker('dispatched-x-260529.spawn-state.json', ago(10)));
    expect(live(o).evAgeS).toBe(-1);
  });
});
