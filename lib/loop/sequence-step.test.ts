// The sequence step over memory ports: it reads the last state under the lock, diagnoses against it,
// and persists the new state with its telemetry record before the lock is let go.
import { describe, expect, it } from 'vitest';
import { eventSequenceProjection } from './sequence.js';
import { sequenceStep, type SequenceStep, type SequenceStepPorts } from './sequence-step.js';

const memory = (previous: unknown) => {
  const log: string[] = [];
  const ports: SequenceStepPorts = {
    lock: async (file, fn) => {
      log.push(`lock ${file}`);
      const out = await fn();
      log.push('unlock');
      return out;
    },
    previous: async () => previous,
    persist: async (state, next, telemetry) => void log.push(`persist ${state} ${next.status} ${telemetry}`),
  };
  return { ports, log };
};

const step = (value: number): SequenceStep => ({
  stateFile: 'sequence-state.json',
  telemetryFile: 'sequence.jsonl',
  loopId: 'L',
  asOf: '2026-01-01T00:00:00Z',
  snapshot: { sequence: { source: 'cursor_event_line_offset', value } },
  events: eventSequenceProjection.initial,
  transport: 'local',
  traceId: null,
});

describe('given no previous state', () => {
  it('is ok and persists under the lock', async () => {
    const m = memory(null);
    const s = await sequenceStep(m.ports, step(3));
    expect(s.status).toBe('ok');
    expect(m.log).toEqual([
      'lock sequence-state.json',
      'persist sequence-state.json ok sequence.jsonl',
      'unlock',
    ]);
  });
});

describe('given a snapshot sequence lower than last time', () => {
  it('detects ordering drift', async () => {
    const s = await sequenceStep(memory({ snapshotCurrent: 5 }).ports, step(3));
    expect(s.status).toBe('ordering_drift_detected');
  });
});

describe('given a previous state in the nested shape with drift', () => {
  it('resumes from its blocks and records the recovery', async () => {
    const previous = { driftActive: true, snapshot: { current: 3 }, events: { last: 3 } };
    const s = await sequenceStep(memory(previous).ports, step(4));
    expect([s.status, s.snapshot.previous, s.transition.recoveredFromDrift]).toEqual(['ok', 3, true]);
  });
});
