// The drift step over memory ports: it reads the previous state under the lock, persists the new
// state and history, and raises the drift escalation once drift is active.
import { describe, expect, it } from 'vitest';
import { driftStep, type DriftStep, type DriftStepPorts } from './drift-step.js';

const step = (previous: unknown): { ports: DriftStepPorts; log: string[] } => {
  const log: string[] = [];
  const ports: DriftStepPorts = {
    lock: async (file, fn) => {
      log.push(`lock ${file}`);
      const out = await fn();
      log.push('unlock');
      return out;
    },
    previous: async () => previous,
    persist: async (state, drift, history) => void log.push(`persist ${state} ${drift.status} ${history}`),
    escalate: async (run) => {
      log.push(`escalate ${run.active.map((a) => a.category).join(',')}`);
      return { appended: [{ category: 'x' }], notes: ['n'] };
    },
  };
  return { ports, log };
};

const s: DriftStep = {
  inputs: {
    loopId: 'L',
    asOf: '2026-01-01T00:00:00Z',
    appliedProfile: 'balanced',
    recommendedProfile: 'strict',
    recommendationConfidence: 'high',
    minConfidence: 'medium',
    requiredStreak: 2,
    summaryWindow: 200,
    rationale: null,
  },
  driftStateFile: 'drift.json',
  driftHistoryFile: 'drift.jsonl',
  escalationsFile: 'esc.jsonl',
  opsfoldDir: '.opsfold',
  transport: 'local',
  traceId: null,
};

describe('given a mismatch that completes the streak', () => {
  it('persists active drift and escalates it, all under the lock', async () => {
    const m = step({ mismatchStreak: 1, driftActive: false });
    const out = await driftStep(m.ports, s);
    expect(out.drift.driftActive).toBe(true);
    expect(out).toMatchObject({ escalations: [{ category: 'x' }], notes: ['n'] });
    expect(m.log[0]).toBe('lock drift.json');
    expect(m.log[1]).toMatch(/^persist drift\.json \S+ drift\.jsonl$/);
    expect(m.log[2]).toMatch(/^escalate /);
    expect(m.log[3]).toBe('unlock');
  });
});

describe('given no previous state', () => {
  it('starts the streak at one and does not activate drift', async () => {
    const out = await driftStep(step({}).ports, s);
    expect(out.drift).toMatchObject({ mismatchStreak: 1, driftActive: false });
  });
});
