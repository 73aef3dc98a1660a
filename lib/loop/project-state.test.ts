import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkEventEnvelope,
  checkSnapshotEnvelope,
  projectState,
  snapshotProblem,
  type ProjectStateInputs,
} from './project-state.js';
import { projectionViews, type ProjectionDocs } from './envelope-views.js';
import { buildSnapshot } from './snapshot.js';
import { snapshotDocs } from './snapshot-views.js';
import { readView } from './lenient.js';
import { StateView } from './manager-views.js';

const snapshot = (over: Record<string, unknown> = {}) => ({
  schemaVersion: 'v1',
  envelopeType: 'loop_run_snapshot',
  source: { repoPath: '/r', loopId: 'demo' },
  run: { runId: 'run-1', iteration: 3, status: 'running', summary: { completion_ok: false } },
  runtime: { superloopState: { active: true }, activeRun: null, approval: null },
  cursor: { eventLineOffset: 10, eventLineCount: 10 },
  health: { lastEventName: 'role_end', lastEventAt: 'T', gates: null, stuck: null },
  ...over,
});
const event = (name: string) => ({
  schemaVersion: 'v1',
  envelopeType: 'loop_run_event',
  source: { loopId: 'demo' },
  event: { name },
});
// The documents as files hold them, decoded through their views as the runners do.
type Raw = ProjectionDocs & { readonly previous: unknown };
type Given = Partial<Omit<ProjectStateInputs, keyof Raw>> & Partial<Raw>;
const inputs = (over: Given = {}): ProjectStateInputs => {
  const given = {
    repoPath: '/r',
    loopId: 'demo',
    generatedAt: '2026-02-22T12:00:00Z',
    snapshot: snapshot(),
    snapshotFile: 'snap.json',
    eventsFile: null,
    lastEventEnvelope: null,
    previous: null,
    ...over,
  };
  return { ...given, ...projectionViews(given), previous: readView(StateView, given.previous) };
};

describe('project-state guards', () => {
  it('refuses a snapshot of another loop or schema version with the reference message', () => {
    expect(checkSnapshotEnvelope(snapshot({ source: { loopId: 'other' } }), 'demo')).toEqual(
      E.left('snapshot envelope is invalid or loop id mismatch'),
    );
    expect(E.isLeft(checkSnapshotEnvelope(snapshot({ schemaVersion: 'v2' }), 'demo'))).toBe(true);
    expect(E.isRight(checkSnapshotEnvelope(snapshot(), 'demo'))).toBe(true);
  });
  it('refuses an event envelope without a name', () => {
    expect(checkEventEnvelope(event(''), 'demo')).toEqual(
      E.left('event envelope is invalid or loop id mismatch'),
    );
    expect(E.isRight(checkEventEnvelope(event('role_end'), 'demo'))).toBe(true);
  });
});

describe('when there is no previous state and no events file', () => {
  const s = projectState(inputs());
  it('transitions from none on the snapshot status with medium confidence', () => {
    expect(s.transition).toEqual({
      previousState: 'none',
      triggeringSignal: 'snapshot_status:running',
      currentState: 'running',
      confidence: 'medium',
    });
    expect(s.divergence.any).toBe(false);
  });
});

describe('when state says inactive but active-phase events arrive', () => {
  const s = projectState(
    inputs({
      snapshot: snapshot({ runtime: { superloopState: { active: false }, approval: null } }),
      lastEventEnvelope: event('iteration_start'),
    }),
  );
  it('flags activeMismatch with low confidence, and reports active as null (jq // semantics)', () => {
    expect(s.divergence.flags.activeMismatch).toBe(true);
    expect(s.transition.confidence).toBe('low');
    expect(s.projection.active).toBeNull();
    expect(s.transition.triggeringSignal).toBe('event:iteration_start');
  });
});

describe('when approval is pending and completion is already true', () => {
  const snap = snapshot({
    run: { status: 'awaiting_approval', summary: { completion_ok: true } },
    runtime: { approval: { status: 'pending' } },
  });
  it('flags approvalCompletionConflict', () => {
    const s = projectState(inputs({ snapshot: snap }));
    expect(s.divergence.flags.approvalCompletionConflict).toBe(true);
    expect(s.projection.hasPendingApproval).toBe(true);
  });
});

describe('when the persisted cursor is ahead of the snapshot', () => {
  it('flags cursorRegression and carries the previous state', () => {
    const s = projectState(
      inputs({ previous: { cursor: { eventLineOffset: 99 }, transition: { currentState: 'running' } } }),
    );
    expect(s.divergence.flags.cursorRegression).toBe(true);
    expect(s.transition.previousState).toBe('running');
  });
  it('does not flag a non-numeric previous cursor', () => {
    expect(
      projectState(inputs({ previous: { cursor: { eventLineOffset: 'x' } } })).divergence.flags
        .cursorRegression,
    ).toBe(false);
  });
  it('reads an unreadable previous state ({}) as none', () => {
    expect(projectState(inputs({ previous: {} })).transition.previousState).toBe('none');
  });
});

describe('why a snapshot envelope is refused', () => {
  it('given something that is not a snapshot, when explained, then the decoder says where', () => {
    expect(snapshotProblem({ schemaVersion: 'v1' }, 'demo')).toMatch(/^\$/);
  });

  it('given a snapshot of another loop, when explained, then both loop ids are named', () => {
    const ref = { path: 'x', exists: false, sizeBytes: 0, lineCount: 0, sha256: null, mtimeEpoch: null };
    const built = buildSnapshot({
      ...{ repoPath: '/r', loopId: 'demo', emittedAt: '2026-02-22T12:00:00Z', runId: null, traceId: null },
      docs: snapshotDocs({ runSummary: null, state: null, activeRun: null, approval: null, heartbeat: null }),
      lastEvent: null,
      eventLineCount: 0,
      refs: { events: ref, runSummary: ref, state: ref, activeRun: ref, approval: ref, heartbeat: ref },
    });
    expect(snapshotProblem(built, 'other')).toBe('$.source.loopId: expected "other", got "demo"');
  });
});
