import { describe, expect, it } from 'vitest';
import { factsOf, lastControlOf } from './facts.js';
import { viewOf } from './lenient.js';
import { ControlRecord, StateView, StatusView } from './views.js';

const control = (r: unknown) => viewOf(ControlRecord, r);

describe('the last control outcome', () => {
  it('is the later of the last intent and the last invocation audit', () => {
    const intent = { intent: 'approve', status: 'ambiguous', timestamp: '2026-02-22T11:55:00Z' };
    const refusal = {
      intent: 'cancel',
      timestamp: '2026-02-22T11:58:00Z',
      outcome: { status: 'refused', reasonCode: 'loop_not_active' },
    };
    expect(lastControlOf(control(intent), control(refusal))).toEqual({
      intent: 'cancel',
      status: 'refused',
      timestamp: '2026-02-22T11:58:00Z',
      reasonCode: 'loop_not_active',
    });
    expect(
      lastControlOf(control(intent), control({ ...refusal, timestamp: '2026-02-22T11:00:00Z' }))?.intent,
    ).toBe('approve');
    expect(lastControlOf(null, null)).toBeNull();
  });
});

describe('the row facts', () => {
  it('take lifecycle and health from the status document and the last event from the log', () => {
    const f = factsOf({
      loopId: 'l',
      enabled: null,
      status: viewOf(StatusView, {
        lifecycle: { state: 'running' },
        health: { status: 'degraded', reasonCodes: ['x', 3] },
        cursor: { eventLineOffset: 4 },
      }),
      state: viewOf(StateView, { projection: { lastEventAt: '2026-02-22T10:00:00Z' } }),
      lastEvent: null,
      eventLines: 5,
      haveCursor: true,
      escalations: { open: 1, unkeyed: 0 },
      lastIntent: null,
      lastInvocation: null,
      problems: [],
      stateChoice: { source: 'manager', reason: null },
    });
    expect(f.lifecycle.state).toBe('running');
    expect(f.health.reasonCodes).toEqual(['x']);
    expect(f.lastEvent.at).toBe('2026-02-22T10:00:00Z');
    expect(f.cursor).toEqual({ eventLineOffset: 4, eventLineCount: 0 });
    expect(f.sources).toEqual({
      lifecycle: 'manager',
      health: 'manager',
      lastEvent: 'manager',
      cursor: 'manager',
      note: null,
    });
  });

  it('say the lifecycle came from the folded events, and why, when the manager state was not current', () => {
    const f = factsOf({
      loopId: 'l',
      enabled: null,
      status: viewOf(StatusView, { lifecycle: { state: 'running' } }),
      state: viewOf(StateView, null),
      lastEvent: { line: 3, byteOffset: 90, timestamp: '2026-02-22T11:00:00Z', name: 'role_start' },
      eventLines: 3,
      haveCursor: false,
      escalations: { open: 0, unkeyed: 0 },
      lastIntent: null,
      lastInvocation: null,
      problems: [],
      stateChoice: { source: 'events', reason: 'state.json is missing' },
    });
    expect(f.sources).toEqual({
      lifecycle: 'events',
      health: 'none',
      lastEvent: 'events',
      cursor: 'none',
      note: 'state.json is missing',
    });
  });
});
