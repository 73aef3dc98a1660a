// Seed 004 §3.3: the spawn-state sidecar follows the folded spawn state and keeps the one it replaced.
import { describe, expect, it } from 'vitest';
import type { Observation } from './observation-codec.js';
import type { ObservationsState } from './observations-projection.js';
import { sidecarUpdate } from './sidecar.js';

const o = {
  task_id: 'task-1',
  observed_at: '2026-05-28T14:09:30+09:00',
  dispatch: { marker: 'task-1.dispatched-hermes-260528.json' },
} as Observation;
const state = {
  tasks: {
    'task-1': { spawn: 'WORK_STARTED', spawnSince: '2026-05-28T14:00:00+09:00', signals: ['session'] },
  },
} as unknown as ObservationsState;

describe('the spawn-state sidecar', () => {
  it('given a sidecar holding an older state, then it is rewritten with the previous state kept', () => {
    expect(sidecarUpdate(o, state, 'SPAWNED')).toEqual({
      name: 'task-1.dispatched-hermes-260528.spawn-state.json',
      value: {
        task_id: 'task-1',
        dispatch_marker: 'task-1.dispatched-hermes-260528.json',
        state: 'WORK_STARTED',
        previous_state: 'SPAWNED',
        since: '2026-05-28T14:00:00+09:00',
        signals: ['session'],
        updated_at: '2026-05-28T14:09:30+09:00',
      },
    });
  });
  it('given a sidecar already holding the state, or no dispatch, then nothing is written', () => {
    expect(sidecarUpdate(o, state, 'WORK_STARTED')).toBeNull();
    expect(sidecarUpdate({ ...o, dispatch: null }, state, null)).toBeNull();
  });
  it('given a sidecar holding DISPATCHED_SUBMITTED_UNVERIFIED, then it already holds REGISTERED (seed §1.3 synonym)', () => {
    const registered = { tasks: { 'task-1': { ...state.tasks['task-1']!, spawn: 'REGISTERED' } } };
    expect(
      sidecarUpdate(o, registered as unknown as ObservationsState, 'DISPATCHED_SUBMITTED_UNVERIFIED'),
    ).toBeNull();
    expect(sidecarUpdate(o, state, 'DISPATCHED_SUBMITTED_UNVERIFIED')?.value).toMatchObject({
      state: 'WORK_STARTED',
      previous_state: 'DISPATCHED_SUBMITTED_UNVERIFIED',
    });
  });
});
