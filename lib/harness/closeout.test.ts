// Seed 004 §5.2–5.3: closeout stages and the collection path, and one pass of the collector.
import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import { positionEvents } from '../testing/given.js';
import { closeoutOf, collectPathOf } from './closeout.js';
import { collectPass, type TaskFacts } from './collect-pass.js';
import { collectProjection } from './collect-projection.js';
import { DEFAULT_TERMINAL } from './config.js';

const m = (...names: string[]) => names.map((name) => ({ name, mtime: '2026-05-28T14:09:13+09:00' }));
const facts = (markers: ReturnType<typeof m>, timerStatus: string | null) => ({
  markers,
  timerStatus,
  terminalStatuses: DEFAULT_TERMINAL,
});
const NOW = Date.parse('2026-05-28T14:09:30+09:00');
const FIRED = '2026-05-28T13:22:33+09:00';

describe('closeout stage', () => {
  it('WORK_CLOSEOUT_STARTED with the first closeout marker', () => {
    expect(closeoutOf(facts(m('harness-mvp-active.json'), 'running')).stage).toBe('WORK_CLOSEOUT_STARTED');
  });
  it('FINISH_IN_PROGRESS once finish-task markers appear', () => {
    expect(closeoutOf(facts(m('harness-mvp-active.json', 'callback-cause.json'), 'running')).stage).toBe(
      'FINISH_IN_PROGRESS',
    );
  });
  it('DONE needs .done, .done.notified, .anu-notified and a terminal timer', () => {
    const all = m('done', 'done.notified', 'anu-notified');
    expect(closeoutOf(facts(all, 'completed'))).toEqual({ stage: 'DONE', missing: [] });
    expect(closeoutOf(facts(all, 'running'))).toEqual({
      stage: 'FINISH_IN_PROGRESS',
      missing: ['timer_terminal'],
    });
    expect(closeoutOf(facts(m('done', 'done.notified'), 'completed')).missing).toEqual(['anu-notified']);
  });
  it('nothing yet: NOT_STARTED', () => {
    expect(closeoutOf(facts(m('dispatched-hermes-260528.json'), 'running')).stage).toBe('NOT_STARTED');
  });
});

describe('collection path priority', () => {
  const at = (markers: ReturnType<typeof m>, timer: string | null, asOfMs = NOW) =>
    collectPathOf({ ...facts(markers, timer), firedAt: FIRED, asOfMs, fallbackAfterMin: 30 });
  it('normal callback first', () => {
    expect(at(m('done', 'done.notified', 'anu-notified', 'harness-mvp-active.json'), 'completed')).toEqual({
      collect: true,
      path: 'normal_callback',
    });
  });
  it('then the closeout marker watcher', () => {
    expect(at(m('done', 'completion.txt'), 'completed')).toEqual({
      collect: true,
      path: 'closeout_marker_watcher',
    });
  });
  it('then the fallback safety-net, only after its delay', () => {
    expect(at([], 'completed', Date.parse(FIRED) + 29 * 60_000)).toEqual({
      collect: false,
      why: 'awaiting_callback',
    });
    expect(at([], 'completed', Date.parse(FIRED) + 30 * 60_000)).toEqual({
      collect: true,
      path: 'fallback_safety_net',
    });
  });
  it('an unfinished task is not collected', () => {
    expect(at(m('harness-mvp-active.json'), 'running')).toEqual({ collect: false, why: 'not_finished' });
  });
});

describe('a collection pass', () => {
  const task = (markers: ReturnType<typeof m>, timerStatus: string): TaskFacts => ({
    taskId: 'task-2703',
    markers,
    timerStatus,
    firedAt: FIRED,
  });
  const cfg = { terminalStatuses: DEFAULT_TERMINAL, fallbackAfterMin: 30 };
  it('signals each stage once and collects a finished task once', () => {
    const started = collectPass(
      [task(m('harness-mvp-active.json'), 'running')],
      collectProjection.initial,
      NOW,
      cfg,
    );
    expect(started.map((r) => r.kind)).toEqual(['collect_signal']);
    const ledger1 = fold(collectProjection, positionEvents(started));
    expect(collectPass([task(m('harness-mvp-active.json'), 'running')], ledger1, NOW, cfg)).toEqual([]);
    const done = task(m('harness-mvp-active.json', 'done', 'done.notified', 'anu-notified'), 'completed');
    const finished = collectPass([done], ledger1, NOW, cfg);
    expect(finished.map((r) => [r.kind, r.stage])).toEqual([
      ['collect_signal', 'DONE'],
      ['collect_collected', 'DONE'],
    ]);
    const ledger2 = fold(collectProjection, positionEvents([...started, ...finished]));
    expect(collectPass([done], ledger2, NOW, cfg)).toEqual([]);
    expect(ledger2.tasks['task-2703']?.collected?.path).toBe('normal_callback');
  });
});
