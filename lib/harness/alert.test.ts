// Seed 004 §2.3–2.4: given the folded watchdog history and this cycle's observations, when a cycle is
// decided, then ESCALATE comes only after two consecutive silently_stalled cycles of a critical (or
// explicitly escalated) task, once per episode, never with an .escalate marker, and alerts are throttled.
import { describe, expect, it } from 'vitest';
import { positionEvents } from '../testing/given.js';
import { fold } from '../core/projection.js';
import { defaultWatchdogConfig, type WatchdogConfig } from './config.js';
import { decideCycle } from './cycle.js';
import { blankObservation, observe, set } from './observation-builder.js';
import type { Observation } from './observation-codec.js';
import { observationsProjection } from './observations-projection.js';
import type { WatchdogDecisionRecord } from './watchdog-codec.js';
import { watchdogProjection } from './watchdog-projection.js';

const T0 = Date.parse('2026-05-29T10:00:00+09:00');
const iso = (ms: number) => new Date(ms).toISOString();
const oldEvent = set.marker('task-md-sha-decision.json', iso(T0 - 3_600_000));
const stalled = (taskId: string, ...more: ((o: Observation) => Observation)[]) =>
  observe(blankObservation(taskId, iso(T0)), set.timer('pending'), oldEvent, ...more);

/** Runs one cycle per entry (5 minutes apart), each on the given observations; returns every record. */
const cycles = (
  perCycle: Observation[][],
  c: WatchdogConfig = defaultWatchdogConfig,
): WatchdogDecisionRecord[][] => {
  const out: WatchdogDecisionRecord[][] = [];
  const all: WatchdogDecisionRecord[] = [];
  perCycle.forEach((obs, i) => {
    const observed = fold(observationsProjection(), positionEvents(obs));
    const history = fold(watchdogProjection, positionEvents(all));
    const records = decideCycle(observed, history, T0 + i * 300_000, c);
    all.push(...records);
    out.push(records);
  });
  return out;
};
const classes = (rs: WatchdogDecisionRecord[][], task: string) =>
  rs.map((r) => r.find((x) => x.task_id === task)?.alert_class ?? null);

describe('when a critical task is silently stalled', () => {
  const critical = stalled('task-2801', set.timer('pending', { critical: true }));
  it('the first cycle is WARN and the second ESCALATE, delivered', () => {
    const rs = cycles([[critical], [critical]]);
    expect(classes(rs, 'task-2801')).toEqual(['WARN', 'ESCALATE']);
    expect(rs[1]![0]).toMatchObject({
      deliver: true,
      consecutive_silent: 2,
      reasons: expect.arrayContaining(['critical_task']),
    });
  });
  it('is not escalated again in the same episode', () => {
    expect(classes(cycles([[critical], [critical], [critical], [critical]]), 'task-2801')).toEqual([
      'WARN',
      'ESCALATE',
      'WARN',
      'WARN',
    ]);
  });
  it('an .escalate marker means already escalated', () => {
    const marked = stalled(
      'task-2801',
      set.timer('pending', { critical: true }),
      set.marker('escalate', iso(T0 - 3_000_000)),
    );
    const rs = cycles([[marked], [marked]]);
    expect(classes(rs, 'task-2801')).toEqual(['WARN', 'WARN']);
    expect(rs[1]![0]!.reasons).toContain('already_escalated');
    // Under the literal rule (stale_evidence_after_s: null) the kept marker even keeps the task alive.
    const literal = cycles([[marked], [marked]], { ...defaultWatchdogConfig, staleEvidenceAfterS: null });
    expect(classes(literal, 'task-2801')).toEqual(['INFO', 'INFO']);
  });
  it('a cycle without the task breaks the chain', () => {
    const other = stalled('task-9999');
    const rs = cycles([[critical], [other], [critical]]);
    expect(rs[2]!.find((r) => r.task_id === 'task-2801')?.consecutive_silent).toBe(1);
  });
  it('a cycle in which the task was alive breaks the chain', () => {
    const alive = observe(critical, set.session('seen'));
    const fold3 = cycles([[critical], [alive], [critical]]);
    expect(classes(fold3, 'task-2801')).toEqual(['WARN', 'INFO', 'WARN']);
  });
  it('escalate_after_cycles comes from the config', () => {
    const rs = cycles([[critical], [critical], [critical]], {
      ...defaultWatchdogConfig,
      escalateAfterCycles: 3,
    });
    expect(classes(rs, 'task-2801')).toEqual(['WARN', 'WARN', 'ESCALATE']);
  });
});

describe('when a task that is not critical is silently stalled', () => {
  it('stays WARN and is never delivered', () => {
    const rs = cycles([[stalled('task-2802')], [stalled('task-2802')], [stalled('task-2802')]]);
    expect(classes(rs, 'task-2802')).toEqual(['WARN', 'WARN', 'WARN']);
    expect(rs.flat().some((r) => r.deliver)).toBe(false);
  });
  it('an explicit escalate request (timer field or config list) escalates it', () => {
    const req = stalled('task-2802', set.timer('pending', { escalate_requested: true }));
    expect(classes(cycles([[req], [req]]), 'task-2802')).toEqual(['WARN', 'ESCALATE']);
    const listed = { ...defaultWatchdogConfig, escalateTasks: ['task-2802'] };
    expect(classes(cycles([[stalled('task-2802')], [stalled('task-2802')]], listed), 'task-2802')).toEqual([
      'WARN',
      'ESCALATE',
    ]);
  });
  it('a critical list in the config counts like the timer flag', () => {
    const c = { ...defaultWatchdogConfig, criticalTasks: ['task-2802'] };
    expect(classes(cycles([[stalled('task-2802')], [stalled('task-2802')]], c), 'task-2802')).toEqual([
      'WARN',
      'ESCALATE',
    ]);
  });
});

describe('throttle', () => {
  it('after K alerts of one task and class within N cycles, the next is throttled', () => {
    const c = { ...defaultWatchdogConfig, throttleK: 2, throttleN: 3 };
    const rs = cycles(
      Array.from({ length: 6 }, () => [stalled('task-2802')]),
      c,
    );
    expect(rs.map((r) => r[0]!.throttled)).toEqual([false, false, true, false, false, true]);
  });
  it('a throttled ESCALATE is not delivered', () => {
    const c = { ...defaultWatchdogConfig, throttleK: 1, throttleN: 6 };
    const crit = stalled('task-2801', set.timer('pending', { critical: true, escalate_requested: true }));
    const prior = observe(crit, set.session('seen'));
    // An earlier ESCALATE can only be throttled by another ESCALATE of the same class within the window.
    const rs = cycles([[crit], [crit], [prior], [crit], [crit]], c);
    expect(classes(rs, 'task-2801')).toEqual(['WARN', 'ESCALATE', 'INFO', 'WARN', 'ESCALATE']);
    expect(rs[4]![0]).toMatchObject({ throttled: true, deliver: false });
  });
});

describe('the alert-only cycles of task-2703 (seed §2.3 #3)', () => {
  it('an alive task is INFO in every cycle and nothing is delivered', () => {
    const alive = observe(
      blankObservation('task-2703', iso(T0)),
      set.timer('running', { critical: true }),
      set.session('seen'),
    );
    const rs = cycles(Array.from({ length: 6 }, () => [alive]));
    expect(classes(rs, 'task-2703')).toEqual(Array(6).fill('INFO'));
    expect(rs.flat().filter((r) => r.deliver)).toEqual([]);
  });
  it('a done task is reported once, not every cycle', () => {
    const done = observe(blankObservation('task-2702', iso(T0)), set.timer('completed'));
    expect(cycles([[done], [done], [done]]).map((r) => r.length)).toEqual([1, 0, 0]);
  });
});
