import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Envelope } from './envelope-fold.js';
import { evaluateDrift } from './profile-drift.js';
import type { IngestFailure } from './reconcile-decision.js';
import { reconcilePass, type PassPlan } from './reconcile-pass.js';
import type { PolledEnvelopes, PreviousDocsRead, ReconcilePorts } from './reconcile-ports.js';
import { summarizeTelemetry } from './telemetry-summary.js';
import { testContext } from './reconcile-context.test-kit.js';

const AS_OF = '2026-02-22T12:00:00Z';
const M = '/r/.superloop/ops-manager/demo';
const plan: PassPlan = {
  context: testContext({ loopId: 'demo', repo: '/r' }, M, M, AS_OF),
  request: {
    loopId: 'demo',
    transport: 'local',
    traceId: null,
    asOf: AS_OF,
    maxEvents: 0,
    fromStart: false,
    retryAttempts: 3,
    retryBackoffSeconds: 1,
    thresholdProfile: null,
    drift: { minConfidence: 'medium', requiredStreak: 3, summaryWindow: 200 },
  },
  snapshotFile: '/r/.opsfold/loop/demo/snapshot.json',
  eventsFile: '/r/.superloop/loops/demo/events.jsonl',
  reconcileTelemetryFile: `${M}/reconcile.jsonl`,
};
const snapshot = {
  schemaVersion: 'v1',
  envelopeType: 'loop_run_snapshot',
  source: { repoPath: '/r', loopId: 'demo' },
  run: { runId: 'run-1', iteration: 3, status: 'running', summary: { completion_ok: false } },
  runtime: { superloopState: { active: true }, activeRun: null, approval: null },
  cursor: { eventLineOffset: 10, eventLineCount: 10 },
  health: { lastEventName: 'role_end', lastEventAt: AS_OF, gates: null, stuck: null },
};
const nothing = { value: null, note: null };
const none: PreviousDocsRead = {
  ...{ cursor: nothing, state: nothing, transport: nothing, heartbeat: nothing, sequence: nothing },
  drift: nothing,
  lastIntent: null,
};

/** Memory ports that log every effect in the order the pass applies it. */
/** A poll's answer as the test gives it: the envelopes as a list, folded by the pass's fold. */
type Answer = Omit<PolledEnvelopes<never>, 'commit' | 'folded'> & { readonly events: readonly Envelope[] };

const ports = (polled: E.Either<IngestFailure, Answer>, previous = none) => {
  const log: string[] = [];
  const p: ReconcilePorts = {
    lock: async (fn) => {
      log.push('lock');
      return fn();
    },
    previous: () => Promise.resolve(previous),
    poll: (fold) =>
      Promise.resolve(
        E.map(({ events, ...f }: Answer) => ({
          ...f,
          folded: fold.step(fold.initial, events),
          commit: async () => void log.push('commit'),
        }))(polled),
      ),
    write: async (file) => void log.push(`write ${file.slice(file.lastIndexOf('/') + 1)}`),
    append: async (file) => void log.push(`append ${file.slice(file.lastIndexOf('/') + 1)}`),
    escalate: async () => {
      log.push('escalate');
      return { notes: ['raised'] };
    },
    telemetrySummary: async () => {
      log.push('summary');
      const files = { reconcileTelemetryFile: 'r', controlTelemetryFile: 'c' };
      return summarizeTelemetry({
        generatedAt: AS_OF,
        repoPath: '/r',
        loopId: 'demo',
        window: 200,
        reconcile: [],
        control: [],
        ...files,
      });
    },
    drift: async (inputs) => {
      log.push('drift');
      return {
        drift: evaluateDrift({ ...inputs, previous: { driftActive: null, mismatchStreak: null } }),
        notes: [],
      };
    },
    now: () => 0,
  };
  return { p, log };
};

describe('given a poll that answers a snapshot and no new events', () => {
  const polled = E.right({
    snapshot,
    events: [],
    cursorOffsetBefore: 10,
    cursorDoc: { eventLineOffset: 10 },
    notes: ['polled'],
  });

  it('when the pass runs, then the outputs come before the cursor, and the checkpoints come last', async () => {
    const { p, log } = ports(polled);
    const r = await reconcilePass(plan, p);
    expect(r.ok).toBe(true);
    expect(log[0]).toBe('lock');
    expect(log.slice(1, 2)).toEqual(['write snapshot.json']);
    expect(log.indexOf('escalate')).toBeGreaterThan(log.indexOf('write health.json'));
    expect(log.slice(log.indexOf('escalate'))).toEqual([
      'escalate',
      'append reconcile.jsonl',
      'summary',
      'drift',
      'write state.json',
      'write cursor.json',
      'commit',
    ]);
    expect(r.notes).toEqual(['raised', 'polled']);
  });
});

describe('given a poll that fails', () => {
  const failed = E.left({ failureCode: 'events_unavailable', message: 'no events log' });

  it('when the pass runs, then health is written and neither the cursor nor a checkpoint moves', async () => {
    const unreadable = { value: {}, note: 'state.json:1:1: bad; read as {}' };
    const { p, log } = ports(failed, { ...none, state: unreadable });
    const r = await reconcilePass(plan, p);
    expect(r.ok).toBe(false);
    expect(r.health.transport.failureCode).toBe('events_unavailable');
    expect(log).not.toContain('write cursor.json');
    expect(log).not.toContain('commit');
    expect(log).not.toContain('write snapshot.json');
    expect(r.notes[0]).toBe('state.json:1:1: bad; read as {}');
  });
});
