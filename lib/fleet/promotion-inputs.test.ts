// Given the raw JSON promotion reads, when it is classified, then the lenient reading follows jq's
// `// default` and fails closed on wrong types.
import { describe, expect, it } from 'vitest';
import {
  autonomousFactsOf,
  classifyHandoffRow,
  classifyPolicyRow,
  drillStateOf,
  parseStrictIso,
  registryShapeErrors,
} from './promotion-inputs.js';

describe('parseStrictIso', () => {
  it.each([
    ['2026-02-22T12:00:00Z', Date.UTC(2026, 1, 22, 12)],
    ['2026-02-22T12:00:00.250Z', Date.UTC(2026, 1, 22, 12, 0, 0, 250)],
    ['2026-02-22T14:00:00+02:00', Date.UTC(2026, 1, 22, 12)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => expect(parseStrictIso(text)).toBe(ms));
  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-02-22',
    'Feb 22 2026',
    '2026-02-22T24:00:00Z',
    '2026-02-22T12:00:00+25:00',
    12,
    null,
  ])('refuses %s', (v) => expect(parseStrictIso(v)).toBeNull());
});

describe('classifyHandoffRow', () => {
  const row = (execution: unknown, category = 'fleet_handoff_execute') => ({ category, execution });
  it('reads an autonomous execution, absent and null counts as 0', () => {
    expect(
      classifyHandoffRow(row({ mode: 'autonomous', requestedIntentCount: 2, failedCount: null })),
    ).toEqual({
      kind: 'autonomous',
      timestamp: null,
      requested: 2,
      executed: 0,
      ambiguous: 0,
      failed: 0,
    });
  });
  it.each([
    ['a plan row', row({ mode: 'autonomous' }, 'fleet_handoff_plan')],
    ['a manual execution', row({ mode: 'manual', failedCount: 3 })],
    ['a row without execution', { category: 'fleet_handoff_execute' }],
    ['a JSON array', [1, 2]],
    ['a string', 'fleet_handoff_execute'],
  ])('ignores %s', (_what, v) => expect(classifyHandoffRow(v).kind).toBe('other'));
  it.each([-1, 1.5, '3', true])('marks a count of %j invalid', (count) => {
    expect(classifyHandoffRow(row({ mode: 'autonomous', ambiguousCount: count })).kind).toBe('invalid');
  });
  it('names the first malformed count and the value it holds', () => {
    expect(classifyHandoffRow(row({ mode: 'autonomous', executedCount: '3', failedCount: -1 }))).toEqual({
      kind: 'invalid',
      reason: 'execution.executedCount is not a non-negative integer: "3"',
    });
  });
});

describe('classifyPolicyRow', () => {
  it('reads auto-pause from a fleet_policy row', () => {
    const v = {
      category: 'fleet_policy',
      timestamp: 't',
      summary: { autonomous: { rollout: { pause: { auto: { active: true } } } } },
    };
    expect(classifyPolicyRow(v)).toEqual({ kind: 'evaluation', timestamp: 't', autopauseActive: true });
    expect(classifyPolicyRow({ category: 'fleet_policy_candidate' }).kind).toBe('other');
  });
});

describe('drillStateOf', () => {
  it('holds no drills for JSON null or absent drills, as the reference', () => {
    expect(drillStateOf(null)).toEqual({ kind: 'ok', drills: [] });
    expect(drillStateOf({ schemaVersion: 'v1' })).toEqual({ kind: 'ok', drills: [] });
  });
  it('is invalid for a non-object document or non-array drills', () => {
    expect(drillStateOf([]).kind).toBe('invalid');
    expect(drillStateOf({ drills: { kill_switch: 'pass' } }).kind).toBe('invalid');
  });
});

describe('autonomousFactsOf a reference status document', () => {
  it('reads auto-pause from rollout.state when rollout.autopause says false', () => {
    const status = {
      autonomous: {
        enabled: true,
        governance: { posture: 'active', blocksAutonomous: false, reasonCodes: ['b', 'a', 'a'] },
        outcomeRollup: { manual_backlog: 0 },
        rollout: { autopause: { active: false }, state: { autoPauseActive: true } },
        safetyGateDecisions: { byPath: { policyGated: {} } },
      },
    };
    expect(autonomousFactsOf(status)).toEqual({
      enabled: true,
      posture: 'active',
      blocksAutonomous: false,
      governanceReasonCodes: ['a', 'b'],
      manualBacklog: 0,
      autopauseActive: true,
      byPath: { policyGated: {} },
    });
  });
  it('treats a manual_backlog that is not a number as unavailable', () => {
    expect(
      autonomousFactsOf({ autonomous: { outcomeRollup: { manual_backlog: '3' } } }).manualBacklog,
    ).toBeNull();
  });
});

describe('registryShapeErrors', () => {
  it('accepts a v1 registry with loops and names each outer problem', () => {
    expect(registryShapeErrors({ schemaVersion: 'v1', loops: [{ loopId: 'a' }] })).toEqual([]);
    expect(registryShapeErrors({ schemaVersion: 'v2', loops: {} })).toEqual([
      'schemaVersion must be "v1"',
      'loops must be an array',
    ]);
    expect(registryShapeErrors({ schemaVersion: 'v1', loops: [] })).toEqual([
      'loops must include at least one loop entry',
    ]);
    expect(registryShapeErrors('v1')).toEqual(['the registry is not a JSON object']);
  });
});
