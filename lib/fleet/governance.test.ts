// Governance posture at an instant, and the immutable audit trail: one event per initialization,
// mutation and mode toggle, none for an unchanged policy, and a broken seal reported with its line.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { given, positionEvents } from '../testing/given.js';
import { fold } from '../core/projection.js';
import { governanceContext } from './governance.js';
import {
  governanceAuditProjection,
  planGovernanceEvent,
  snapshotOf,
  type AuditTrail,
} from './governance-audit.js';
import { normalizeRegistry } from './registry-normalize.js';
import { GOV } from './policy-test-kit.js';

const at = (iso: string) => Date.parse(iso);

describe('given a policy governance block', () => {
  it.each([
    ['advisory mode', 'advisory', GOV, '2026-03-01T00:00:00Z', 'not_required', []],
    ['every field present, review far ahead', 'guarded_auto', GOV, '2026-03-01T00:00:00Z', 'active', []],
    [
      'no approvalRef',
      'guarded_auto',
      { ...GOV, approvalRef: '' },
      '2026-03-01T00:00:00Z',
      'authority_missing',
      ['autonomous_governance_authority_missing'],
    ],
    [
      'an explicit authorityContextPresent false',
      'guarded_auto',
      { ...GOV, authorityContextPresent: false },
      '2026-03-01T00:00:00Z',
      'authority_missing',
      ['autonomous_governance_authority_missing'],
    ],
    [
      'no reviewBy and an explicit authority',
      'guarded_auto',
      { actor: 'a', authorityContextPresent: true },
      '2026-03-01T00:00:00Z',
      'review_deadline_missing',
      ['autonomous_governance_review_deadline_missing'],
    ],
    [
      'reviewBy passed',
      'guarded_auto',
      GOV,
      '2027-01-01T00:00:00Z',
      'review_expired',
      ['autonomous_governance_review_expired'],
    ],
    [
      'reviewBy within seven days',
      'guarded_auto',
      GOV,
      '2026-12-25T00:00:00Z',
      'review_due_soon',
      ['autonomous_governance_review_due_soon'],
    ],
  ])('with %s the posture is %s', (_what, mode, gov, asOf, posture, reasons) => {
    const c = governanceContext(mode, gov, at(asOf));
    expect(c.posture).toBe(posture);
    expect(c.reasonCodes).toEqual(reasons);
    expect(c.blocksAutonomous).toBe(reasons.length > 0);
  });

  it('reports who changed the policy, when, why and until when', () => {
    expect(
      governanceContext('guarded_auto', { ...GOV, reviewWindowDays: 311 }, at('2026-03-01T00:00:00Z')),
    ).toMatchObject({
      changedBy: 'ops-user',
      changedAt: '2026-02-23T00:00:00Z',
      approvalRef: 'CAB-123',
      why: 'dogfood guarded auto',
      until: '2026-12-31T00:00:00Z',
      reviewWindowDays: 311,
    });
  });
});

const snapshot = (policy: Record<string, unknown>) => {
  const r = normalizeRegistry({ schemaVersion: 'v1', loops: [{ loopId: 'a' }], policy }, '/r', {
    asOfMs: at('2026-03-01T00:00:00Z'),
  });
  if (E.isLeft(r)) throw new Error('invalid');
  return snapshotOf(r.right.policy.mode, r.right.policy.autonomous);
};
const ctx = (traceId: string) => ({
  timestamp: '2026-03-01T00:00:00Z',
  fleetId: 'f',
  traceId,
  registryFile: '/r',
  source: { registryFile: '/r', policyStateFile: '/p', governanceAuditFile: '/g' },
});
const guarded = (gov: Record<string, unknown>, safety: Record<string, unknown> = {}) => ({
  mode: 'guarded_auto',
  autonomous: { governance: gov, safety },
});

/** Plans against the trail, appends what it planned, returns the trail's fold and the events. */
const runs = (policies: Record<string, unknown>[]) => {
  const events: Record<string, unknown>[] = [];
  for (const [i, p] of policies.entries()) {
    const trail = fold(governanceAuditProjection, positionEvents(events));
    const e = planGovernanceEvent(trail, snapshot(p), ctx(`trace-${i + 1}`));
    if (e !== null) events.push(JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
  }
  return events;
};

describe('given successive policy runs', () => {
  it('guarded autonomy appearing is initialized once; re-runs of the same policy add nothing', () => {
    const events = runs([guarded(GOV), guarded(GOV), guarded(GOV)]);
    expect(events.map((e) => e['eventType'])).toEqual(['autonomous_policy_initialized']);
    expect(events[0]).toMatchObject({
      category: 'fleet_policy_governance',
      mode: 'guarded_auto',
      traceId: 'trace-1',
      approvalRef: 'CAB-123',
      source: { registryFile: '/r', policyStateFile: '/p', governanceAuditFile: '/g' },
    });
  });

  it('a governance or control change is a mutation carrying the previous and current values', () => {
    const events = runs([
      guarded(GOV, { maxActionsPerRun: 1 }),
      guarded({ ...GOV, approvalRef: 'CAB-302' }, { maxActionsPerRun: 2 }),
    ]);
    expect(events.map((e) => e['eventType'])).toEqual([
      'autonomous_policy_initialized',
      'autonomous_policy_mutated',
    ]);
    expect(events[1]).toMatchObject({
      traceId: 'trace-2',
      previousGovernance: { approvalRef: 'CAB-123' },
      governance: { approvalRef: 'CAB-302' },
      previousControls: { safety: { maxActionsPerRun: 1 } },
      controls: { safety: { maxActionsPerRun: 2 } },
    });
  });

  it('switching back to advisory is a mode toggle; an advisory-only history has no events', () => {
    const events = runs([guarded(GOV), { mode: 'advisory' }, { mode: 'advisory' }]);
    expect(events.map((e) => [e['eventType'], e['previousMode'], e['mode']])).toEqual([
      ['autonomous_policy_initialized', undefined, 'guarded_auto'],
      ['autonomous_mode_toggled', 'guarded_auto', 'advisory'],
    ]);
    expect(runs([{ mode: 'advisory' }, { mode: 'advisory' }])).toEqual([]);
  });

  it('each event is sealed and chained to the one before it', () => {
    const [first, second] = runs([guarded(GOV), guarded({ ...GOV, rationale: 'wider canary' })]);
    expect(typeof first?.['eventDigest']).toBe('string');
    expect(second?.['previousEventDigest']).toBe(first?.['eventDigest']);
  });
});

describe('given a governance audit log', () => {
  const events = runs([guarded(GOV), guarded({ ...GOV, rationale: 'wider canary' }), { mode: 'advisory' }]);
  const trail = (es: unknown[]): AuditTrail => fold(governanceAuditProjection, positionEvents(es));

  it('left as written, its last snapshot is the latest event and nothing is broken', () => {
    const t = trail(events);
    expect(t).toMatchObject({ records: 3, unsealed: 0, broken: null, last: { mode: 'advisory', line: 3 } });
  });

  it('with an edited line, the fold names that line', () => {
    const edited = events.map((e, i) =>
      i === 1 ? { ...e, governance: { ...(e['governance'] as object), actor: 'mallory' } } : e,
    );
    expect(trail(edited).broken).toEqual({
      line: 2,
      reason: 'eventDigest does not match the event (edited line)',
    });
  });

  it('with a line removed, the next sealed line breaks the chain', () => {
    expect(trail([events[0], events[2]]).broken).toMatchObject({ line: 2 });
  });

  it('with unsealed lines (written by the reference), they are counted and trusted as snapshots', () => {
    given(governanceAuditProjection)
      .events({
        timestamp: 't',
        category: 'fleet_policy_governance',
        eventType: 'autonomous_policy_initialized',
        mode: 'guarded_auto',
        governance: GOV,
        controls: {},
      })
      .then({
        records: 1,
        unsealed: 1,
        broken: null,
        last: { mode: 'guarded_auto', governance: GOV, controls: {}, eventDigest: null, line: 1 },
      });
  });
});
