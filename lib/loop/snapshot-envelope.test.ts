import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSnapshot, type SnapshotInputs } from './snapshot.js';
import { snapshotDocs, type RuntimeDocs } from './snapshot-views.js';
import { eventEnvelope } from './envelope.js';
import { LoopRunEvent, LoopRunSnapshot } from './codecs.js';

const ref = (path: string) => ({
  path,
  exists: false,
  sizeBytes: 0,
  lineCount: 0,
  sha256: null,
  mtimeEpoch: null,
});
const refs = {
  events: ref('e'),
  runSummary: ref('s'),
  state: ref('st'),
  activeRun: ref('a'),
  approval: ref('ap'),
  heartbeat: ref('h'),
};
const docs = (over: Partial<RuntimeDocs<unknown>> = {}) =>
  snapshotDocs({ runSummary: null, state: null, activeRun: null, approval: null, heartbeat: null, ...over });
const inputs = (over: Partial<SnapshotInputs> = {}): SnapshotInputs => ({
  repoPath: '/r',
  loopId: 'demo',
  emittedAt: '2026-02-22T12:00:00Z',
  runId: null,
  traceId: null,
  docs: docs(),
  lastEvent: null,
  eventLineCount: 0,
  refs,
  ...over,
});

describe('snapshot envelope', () => {
  it('takes the run id from the latest summary entry, then the last event, then unknown', () => {
    const summary = {
      updated_at: 'U',
      entries: [{ run_id: 'old' }, { run_id: 'run-9', iteration: '4', completion_ok: false }],
    };
    const s = buildSnapshot(
      inputs({ docs: docs({ runSummary: summary }), lastEvent: { run_id: 'ev', event: 'x' } }),
    );
    expect([s.run.runId, s.run.iteration, s.health.lastSummaryAt]).toEqual(['run-9', 4, 'U']);
    expect(buildSnapshot(inputs({ lastEvent: { run_id: 'ev', event: 'x' } })).run.runId).toBe('ev');
    expect(buildSnapshot(inputs()).run.runId).toBe('unknown');
    expect(buildSnapshot(inputs({ runId: 'forced' })).run.runId).toBe('forced');
  });
  it('derives status and health from the artifacts and satisfies the contract codec', () => {
    const s = buildSnapshot(
      inputs({
        docs: docs({ state: { active: true, current_loop_id: 'demo', iteration: 2 } }),
        lastEvent: { event: 'role_end', timestamp: 'T1', status: 'ok' },
        eventLineCount: 7,
      }),
    );
    expect(s.run.status).toBe('running');
    expect(s.cursor).toEqual({ eventLineOffset: 7, eventLineCount: 7 });
    expect(s.health).toMatchObject({
      eventCount: 7,
      lastEventAt: 'T1',
      lastEventName: 'role_end',
      hasPendingApproval: false,
    });
    expect(E.isRight(LoopRunSnapshot.decode(s))).toBe(true);
  });
  it('uses `type` when a record has no `event` name', () => {
    expect(buildSnapshot(inputs({ lastEvent: { type: 'loop_stop' } })).run.status).toBe('stopped');
  });
});

describe('event envelope', () => {
  const ctx = { repoPath: '/r', loopId: 'demo', emittedAt: 'E', traceId: 't-1', lineCount: 5 };
  it('wraps a record with its line as cursor and sequence', () => {
    const raw = {
      timestamp: 'T',
      event: 'role_end',
      run_id: 'r',
      iteration: 2,
      role: 'planner',
      status: 'ok',
      data: { a: 1 },
    };
    const env = eventEnvelope(raw, 3, ctx, 'f');
    expect(E.isRight(env) && env.right).toMatchObject({
      traceId: 't-1',
      sequence: { source: 'cursor_event_line_offset', value: 3 },
      cursor: { eventLineOffset: 3, eventLineCount: 5 },
      run: { runId: 'r', iteration: 2 },
      event: { name: 'role_end', role: 'planner', status: 'ok', message: null, payload: { a: 1 }, raw },
    });
    expect(E.isRight(env) && E.isRight(LoopRunEvent.decode(env.right))).toBe(true);
  });
  it('refuses a record without a name or timestamp with the reference message', () => {
    expect(eventEnvelope({ timestamp: 'T' }, 4, ctx, 'f')).toEqual(
      E.left('missing event name at line 4 in f'),
    );
    expect(eventEnvelope({ event: 'x' }, 4, ctx, 'f')).toEqual(
      E.left('missing event timestamp at line 4 in f'),
    );
  });
});
