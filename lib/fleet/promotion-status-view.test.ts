// Given policy and handoff state documents, when fleet status is derived at an instant, then the
// autonomous facts promotion reads: governance posture and its codes, manual backlog, auto-pause and the
// four suppression paths, as the reference's ops-manager-fleet-status.sh derives them.
import { describe, expect, it } from 'vitest';
import { autonomousFactsOf } from './promotion-inputs.js';
import { fleetStatusAutonomous, governanceView } from './promotion-status-view.js';
import { decodePromotionHandoff, decodePromotionPolicy, type PromotionPolicy } from './promotion-views.js';

const AS_OF_MS = Date.parse('2026-03-01T12:00:00Z');
const governance = {
  actor: 'ops-lead',
  approvalRef: 'CAB-1',
  rationale: 'dogfood',
  changedAt: '2026-02-15T00:00:00Z',
  reviewBy: '2026-04-15T00:00:00Z',
};
const policy = (gov: Record<string, unknown> = governance, extra: Record<string, unknown> = {}) => ({
  mode: 'guarded_auto',
  unsuppressedCount: 3,
  manualOnlyCount: 2,
  autonomous: { governance: gov },
  ...extra,
});
const factsOf = (p: unknown, h: unknown = null) =>
  autonomousFactsOf({
    autonomous: fleetStatusAutonomous(decodePromotionPolicy(p), decodePromotionHandoff(h), AS_OF_MS),
  });
/** A policy state as the runner hands it over: decoded once. */
const decoded = (raw: unknown): PromotionPolicy => decodePromotionPolicy(raw) as PromotionPolicy;

describe('governance posture', () => {
  it.each([
    ['every field present and the review 45 days away', governance, 'active', []],
    [
      'approvalRef missing',
      { ...governance, approvalRef: undefined },
      'authority_missing',
      ['autonomous_governance_authority_missing'],
    ],
    [
      'authorityContextPresent false overriding present fields',
      { ...governance, authorityContextPresent: false },
      'authority_missing',
      ['autonomous_governance_authority_missing'],
    ],
    [
      'no reviewBy (authority context given)',
      { ...governance, reviewBy: null, authorityContextPresent: true },
      'review_deadline_missing',
      ['autonomous_governance_review_deadline_missing'],
    ],
    [
      'a reviewBy that is not a timestamp (fail-closed)',
      { ...governance, reviewBy: 'end of Q2', authorityContextPresent: true },
      'review_deadline_missing',
      ['autonomous_governance_review_deadline_missing'],
    ],
    [
      'a reviewBy exactly at asOf',
      { ...governance, reviewBy: '2026-03-01T12:00:00Z' },
      'review_expired',
      ['autonomous_governance_review_expired'],
    ],
    [
      'a reviewBy 3 days away',
      { ...governance, reviewBy: '2026-03-04T12:00:00Z' },
      'review_due_soon',
      ['autonomous_governance_review_due_soon'],
    ],
  ] as const)('with %s: posture %s', (_what, gov, posture, codes) => {
    const view = governanceView(decoded(policy(gov as Record<string, unknown>)), AS_OF_MS);
    expect(view.posture).toBe(posture);
    expect(view.reasonCodes).toEqual(codes);
    expect(view.blocksAutonomous).toBe(codes.length > 0);
  });
  it('is not_required, with no codes, in advisory mode', () => {
    expect(governanceView(decoded({ mode: 'advisory' }), AS_OF_MS)).toMatchObject({
      posture: 'not_required',
      reasonCodes: [],
      blocksAutonomous: false,
    });
  });
});

describe('the autonomous section', () => {
  it('is absent (null) with neither policy nor handoff state, so every fact fails closed', () => {
    expect(fleetStatusAutonomous(null, null, AS_OF_MS)).toBeNull();
    expect(factsOf(null)).toEqual({
      enabled: false,
      posture: null,
      blocksAutonomous: false,
      governanceReasonCodes: [],
      manualBacklog: null,
      autopauseActive: false,
      byPath: null,
    });
  });
  it('counts the manual backlog from pending manual-only handoff intents', () => {
    const handoff = {
      mode: 'guarded_auto',
      intents: [
        { intentId: 'a', status: 'pending_operator_confirmation', autonomous: { manualOnly: true } },
        { intentId: 'b', status: 'pending_operator_confirmation', autonomous: { manualOnly: false } },
        { intentId: 'c', status: 'executed', autonomous: { manualOnly: true } },
      ],
    };
    expect(factsOf(policy(), handoff).manualBacklog).toBe(1);
  });
  it("falls back to the policy's manualOnlyCount without handoff state", () => {
    expect(factsOf(policy()).manualBacklog).toBe(2);
  });
  it('reads auto-pause from the policy rollout state', () => {
    const paused = policy(governance, {
      autonomous: { governance, rollout: { pause: { auto: { active: true } } } },
    });
    expect(factsOf(paused).autopauseActive).toBe(true);
    expect(factsOf(policy()).autopauseActive).toBe(false);
  });
  it('splits autonomy reasons into policy and rollout paths and counts sprite_service failures as transport', () => {
    const p = policy(governance, {
      summary: {
        byAutonomyReason: {
          category_not_allowlisted: 2,
          autonomous_max_actions_per_run_exceeded: 1,
          autonomous_rollout_canary_excluded: 1,
          something_else: 4,
        },
      },
    });
    const handoff = {
      intents: [
        { intentId: 'x', transport: 'sprite_service' },
        { intentId: 'y', transport: 'local' },
      ],
      execution: {
        results: [
          { intentId: 'x', status: 'failed', reasonCode: 'control_failed_command' },
          { intentId: 'x', status: 'ambiguous' },
          { intentId: 'y', status: 'failed', reasonCode: 'control_failed_command' },
        ],
      },
    };
    expect(factsOf(p, handoff).byPath).toEqual({
      policyGated: {
        blockedCount: 3,
        byReason: { category_not_allowlisted: 2, autonomous_max_actions_per_run_exceeded: 1 },
      },
      rolloutGated: { blockedCount: 1, byReason: { autonomous_rollout_canary_excluded: 1 } },
      governanceGated: { blockedCount: 0, reasonCodes: [] },
      transportGated: {
        blockedCount: 2,
        byReason: { control_failed_command: 1, transport_execution_blocked: 1 },
      },
    });
  });
  it('counts every unsuppressed candidate as governance-gated while governance blocks', () => {
    const p = policy({ ...governance, reviewBy: '2026-02-01T00:00:00Z' });
    expect(factsOf(p).byPath?.['governanceGated']).toEqual({
      blockedCount: 3,
      reasonCodes: ['autonomous_governance_review_expired'],
    });
  });
  it('takes the mode from handoff state when there is no policy state', () => {
    const f = factsOf(null, { mode: 'guarded_auto', intents: [] });
    expect(f).toMatchObject({ enabled: true, posture: null, manualBacklog: 0, autopauseActive: false });
  });
});
