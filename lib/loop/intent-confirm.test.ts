import { describe, expect, it } from 'vitest';
import { SnapshotView } from './envelope-views.js';
import { readView } from './lenient.js';
import { confirmResult, confirms, observe, unobserved, type Observation } from './intent-confirm.js';

const seen = (o: Partial<Observation>): Observation => ({ ...unobserved, ...o });

describe('observe (jq // defaults of the snapshot)', () => {
  it('reads status, last event, approval, active and completion', () => {
    const snap = {
      run: { status: 'running', summary: { completion_ok: true } },
      health: { lastEventName: 'role_start' },
      runtime: { approval: { status: 'pending' }, superloopState: { active: true } },
    };
    expect(observe(readView(SnapshotView, snap))).toEqual({
      status: 'running',
      lastEvent: 'role_start',
      approvalStatus: 'pending',
      active: true,
      completionOk: true,
    });
  });
  it('falls back to unknown / empty / false when fields are null or absent', () => {
    expect(
      observe(
        readView(SnapshotView, {
          run: { status: null, summary: null },
          health: {},
          runtime: { approval: null },
        }),
      ),
    ).toEqual(unobserved);
  });
});

describe('confirms', () => {
  it('confirms cancel only when neither active nor running', () => {
    expect(confirms('cancel', seen({ status: 'stopped' }))).toBe('inactive_not_running');
    expect(confirms('cancel', seen({ status: 'stopped', active: true }))).toBeNull();
    expect(confirms('cancel', seen({ status: 'running' }))).toBeNull();
  });
  it.each([[{ completionOk: true }], [{ status: 'complete' }], [{ lastEvent: 'loop_complete' }]])(
    'confirms approve on completion evidence %j',
    (o) => {
      expect(confirms('approve', seen(o))).toBe('completion_observed');
    },
  );
  it('does not confirm approve on the decision alone', () => {
    expect(
      confirms('approve', seen({ approvalStatus: 'approved', lastEvent: 'approval_decision' })),
    ).toBeNull();
  });
  it.each([
    [{ approvalStatus: 'rejected' }],
    [{ lastEvent: 'approval_rejected' }],
    [{ lastEvent: 'approval_decision' }],
  ])('confirms reject on %j', (o) => {
    expect(confirms('reject', seen(o))).toBe('rejection_observed');
  });
});

describe('confirmResult', () => {
  it('says timeout and keeps empty observations as null when nothing confirmed', () => {
    const r = confirmResult({
      intent: 'reject',
      reason: null,
      attempts: 3,
      timeoutSeconds: 4,
      observation: unobserved,
      observedAt: '2026-02-22T12:00:04Z',
    });
    expect(r).toEqual({
      intent: 'reject',
      confirmed: false,
      reason: 'timeout',
      attempts: 3,
      timeoutSeconds: 4,
      observedStatus: 'unknown',
      observedLastEvent: null,
      observedApprovalStatus: null,
      observedActive: false,
      observedAt: '2026-02-22T12:00:04Z',
    });
  });
});
