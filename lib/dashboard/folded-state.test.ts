import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import { loopEventsProjection } from '../loop/events-projection.js';
import { foldedStateOf, stateChoiceOf, withFoldedLifecycle, type RuntimeDocs } from './folded-state.js';

const AS_OF = '2026-02-22T12:00:00Z';
const STATE = '.superloop/ops-manager/l/state.json';

const eventsOf = (...names: string[]) =>
  fold(
    loopEventsProjection,
    names.map((event, i) => ({
      value: { timestamp: `2026-02-22T11:0${i}:00Z`, event, loop_id: 'l', run_id: 'r1' },
      position: { line: i + 1, byteOffset: i * 80 },
    })),
  );

const noRuntime = { runSummary: null, state: null, activeRun: null, approval: null, heartbeat: null };
const active = { ...noRuntime, state: { active: true, current_loop_id: 'l' } };

const folded = (runtime: RuntimeDocs, ...names: string[]) =>
  foldedStateOf({
    repo: '/r',
    loopId: 'l',
    asOf: AS_OF,
    events: eventsOf(...names),
    eventLines: names.length,
    runtime,
    eventsFile: '.superloop/loops/l/events.jsonl',
    snapshotFile: '(folded)',
    previous: null,
  });

describe('whose lifecycle the page shows', () => {
  it('given no state.json and three event lines, folds the events and says state.json is missing', () => {
    const choice = stateChoiceOf({ state: { file: STATE, kind: 'missing' }, value: null }, 3);
    expect(choice).toEqual({ source: 'events', reason: `${STATE} is missing` });
  });

  it('given a state.json that covers 2 of 3 event lines, folds the events and says how far behind it is', () => {
    const doc = { state: { file: STATE, kind: 'ok' as const }, value: { cursor: { eventLineCount: 2 } } };
    expect(stateChoiceOf(doc, 3)).toEqual({ source: 'events', reason: `${STATE} covers 2 of 3 event lines` });
  });

  it('given a state.json that covers every event line, or no events at all, keeps the manager state', () => {
    const doc = { state: { file: STATE, kind: 'ok' as const }, value: { cursor: { eventLineCount: 3 } } };
    expect(stateChoiceOf(doc, 3)).toEqual({ source: 'manager', reason: null });
    const missing = { state: { file: STATE, kind: 'missing' as const }, value: null };
    expect(stateChoiceOf(missing, null)).toEqual({ source: 'manager', reason: null });
    expect(stateChoiceOf(missing, 0)).toEqual({ source: 'manager', reason: null });
  });
});

describe('the lifecycle folded from the events', () => {
  it('given the runtime active for the loop and role events, is running with high confidence', () => {
    const s = folded(active, 'iteration_start', 'role_start');
    expect(s.transition).toMatchObject({ currentState: 'running', confidence: 'high' });
    expect(s.transition.triggeringSignal).toBe('event:role_start');
    expect(s.cursor).toEqual({ eventLineOffset: 2, eventLineCount: 2 });
  });

  it('given an appended loop_stop and a runtime not active for the loop, is stopped', () => {
    const s = folded(noRuntime, 'iteration_start', 'loop_stop');
    expect(s.transition.currentState).toBe('stopped');
    expect(s.projection.lastEventName).toBe('loop_stop');
  });

  it('keeps the manager cursor and health and takes only the lifecycle from the fold', () => {
    const manager = { cursor: { eventLineOffset: 1 }, health: { status: 'degraded' } };
    const doc = withFoldedLifecycle(manager, folded(active, 'role_start')) as Record<string, unknown>;
    expect(doc['cursor']).toEqual({ eventLineOffset: 1 });
    expect(doc['health']).toEqual({ status: 'degraded' });
    expect(doc['transition']).toMatchObject({ currentState: 'running' });
  });
});
