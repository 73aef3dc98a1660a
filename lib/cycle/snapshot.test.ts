// Given what a cycle decided, when the snapshot is built, then overall_status, skips_this_run and the
// reason follow the seed's tables.
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import { OpsCycleRunV2 } from './codecs-snapshot.js';
import { buildSnapshot, overallOf, takenStep, untakenStep, type SnapshotParts } from './snapshot.js';

const parts = (over: Partial<SnapshotParts> = {}): SnapshotParts => ({
  runId: 'run-1',
  asof: '2026-03-02T09:00:00+09:00',
  startedAt: '2026-03-02T09:00:00+09:00',
  finishedAt: '2026-03-02T09:00:01+09:00',
  tz: 'Asia/Seoul',
  stopped: false,
  opsReportRef: 'reports/ops/daily/ops_report_latest.json',
  step: untakenStep('NONE', 'NO_OPEN_TICKETS'),
  safety: {
    emergency_stop_enabled: false,
    execution_gate_mode: 'MOCK_ONLY',
    window_active: false,
    allowlist_version: '1.0',
  },
  counts: { tickets_open: 0, tickets_in_progress: 0, tickets_done: 1, tickets_failed: 0, tickets_blocked: 0 },
  warnings: [],
  error: null,
  interrupted: null,
  ...over,
});

describe('the overall status', () => {
  it('is STOPPED under the emergency stop, FAILED on a cycle error, DONE_WITH_SKIPS for SKIPPED, else DONE', () => {
    expect([
      overallOf('SKIPPED', true, false),
      overallOf('SKIPPED', false, true),
      overallOf('SKIPPED', false, false),
      overallOf('PROCESSED', false, false),
      overallOf('NONE', false, false),
    ]).toEqual(['STOPPED', 'FAILED', 'DONE_WITH_SKIPS', 'DONE', 'DONE']);
  });
});

describe('a snapshot', () => {
  it('counts one skip exactly when the decision is SKIPPED', () => {
    const skipped = buildSnapshot(parts({ step: untakenStep('SKIPPED', 'LOCK_CONFLICT_409') }));
    const processed = buildSnapshot(
      parts({ step: { ...takenStep('a', 'T'), decision: 'PROCESSED', reason: 'TICKET_PROCESSED_OK' } }),
    );
    expect([
      skipped.counters.skips_this_run,
      skipped.overall_status,
      processed.counters.skips_this_run,
    ]).toEqual([1, 'DONE_WITH_SKIPS', 0]);
  });
  it('of a failed cycle says SKIPPED / TICKET_PROCESS_FAILED, the error text apart from the reason', () => {
    const s = buildSnapshot(
      parts({ error: { code: 'REPORT_WRITE_FAILED', message: 'EACCES: permission denied' } }),
    );
    expect([
      s.overall_status,
      s.ticket_step.decision,
      s.ticket_step.reason,
      s.error?.message,
      s.counters.skips_this_run,
    ]).toEqual(['FAILED', 'SKIPPED', 'TICKET_PROCESS_FAILED', 'EACCES: permission denied', 1]);
  });
  it('keeps a gate’s reason when the cycle then fails', () => {
    const step = { ...takenStep('a', 'T'), reason: 'WINDOW_NOT_ACTIVE' as const };
    const s = buildSnapshot(parts({ step, error: { code: 'RECORD_WRITE_FAILED', message: 'ENOSPC' } }));
    expect([s.overall_status, s.ticket_step.reason]).toEqual(['FAILED', 'WINDOW_NOT_ACTIVE']);
  });
  it('satisfies its own contract (OPS_CYCLE_RUN_V2)', () => {
    expect(E.isRight(decode(OpsCycleRunV2, JSON.parse(JSON.stringify(buildSnapshot(parts())))))).toBe(true);
  });
});
