// fleet status over what the other fleet commands wrote: posture and drill-down pointers after a
// partial failure, rollups after an autonomous execution, and governance posture of an expired review
// (status still answers, where the acting commands fail closed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, fleetFile, useKit, pick } from './fleet-test-kit.js';

const kit = useKit();

const status = (repo: string) => kit.json(['fleet', 'status', '--repo', repo, '--as-of', AS_OF]);

describe('given the partial-failure fleet after reconcile, policy and handoff', () => {
  it('status names the failing, degraded and skipped loops and points at their artifacts', async () => {
    const repo = kit.fixture('partial-failure');
    await kit.json([
      'fleet',
      'reconcile',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--trace-id',
      'trace-s-1',
      '--deterministic-order',
    ]);
    await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    await kit.json(['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF]);
    const s = await status(repo);
    expect(s['fleet']).toMatchObject({
      status: 'partial_failure',
      partialFailure: true,
      traceId: 'trace-s-1',
    });
    expect(s['exceptions']).toEqual({
      reconcileFailures: ['loop-gamma'],
      criticalLoops: [],
      degradedLoops: ['loop-beta', 'loop-gamma'],
      skippedLoops: ['loop-delta'],
    });
    expect(pick(s, 'policy', 'unsuppressedCount')).toBe(1);
    expect(pick(s, 'handoff', 'summary', 'pendingConfirmationCount')).toBe(1);
    expect(pick(s, 'autonomous', 'outcomeRollup')).toEqual({
      attempted: 0,
      executed: 0,
      ambiguous: 0,
      failed: 0,
      manual_backlog: 1,
    });
    expect(pick(s, 'autonomous', 'governance', 'posture')).toBe('not_required');
    const beta = (s['loops'] as Record<string, unknown>[]).find((l) => l['loopId'] === 'loop-beta');
    expect(beta).toMatchObject({
      traceId: 'trace-s-1-loop-beta',
      artifacts: { stateFile: join(repo, '.superloop', 'ops-manager', 'loop-beta', 'state.json') },
    });
    expect(pick(s, 'latestTelemetry', 'status')).toBe('partial_failure');
    expect(pick(s, 'latestHandoffTelemetry', 'category')).toBe('fleet_handoff_plan');
    expect(pick(s, 'traceLinkage', 'fleetTraceId')).toBe('trace-s-1');
  });
});

describe('given an autonomous execution on the kill-switch fleet with the switch off', () => {
  it('status rolls up the attempt and its outcome', async () => {
    const repo = kit.fixture('kill-switch');
    const reg = fleetFile(repo, 'registry.v1.json');
    writeFileSync(reg, readFileSync(reg, 'utf8').replace('"killSwitch": true', '"killSwitch": false'));
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    await kit.json([
      'fleet',
      'handoff',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--autonomous-execute',
      '--by',
      'ops-bot',
    ]);
    const s = await status(repo);
    expect(pick(s, 'autonomous', 'outcomeRollup')).toEqual({
      attempted: 1,
      executed: 1,
      ambiguous: 0,
      failed: 0,
      manual_backlog: 0,
    });
    expect(pick(s, 'autonomous', 'governance')).toMatchObject({
      posture: 'active',
      changedBy: 'ops-lead',
      until: '2026-12-31T00:00:00Z',
    });
    expect(pick(s, 'autonomous', 'handoff', 'outcomeReasonCodes')).toEqual({ control_confirmed: 1 });
    expect(pick(s, 'latestHandoffTelemetry', 'autonomousOutcomeRollup')).toEqual({
      attempted: 1,
      executed: 1,
      ambiguous: 0,
      failed: 0,
      manual_backlog: 0,
    });
  });
});

describe('given the governance-expired fleet', () => {
  it('status reports posture review_expired and gates every unsuppressed candidate on governance', async () => {
    const s = await status(kit.fixture('governance-expired'));
    expect(pick(s, 'autonomous', 'governance')).toMatchObject({
      posture: 'review_expired',
      reasonCodes: ['autonomous_governance_review_expired'],
      blocksAutonomous: true,
      changedBy: 'ops-lead',
      approvalRef: 'CAB-1988',
      until: '2026-02-20T00:00:00Z',
    });
    expect(pick(s, 'autonomous', 'safetyGateDecisions', 'byPath', 'governanceGated')).toEqual({
      blockedCount: 2,
      reasonCodes: ['autonomous_governance_review_expired'],
    });
    expect(pick(s, 'autonomous', 'safetyGateDecisions', 'suppressionReasonCodes')).toEqual([
      'autonomous_suppression_governance_gated',
      'autonomous_suppression_policy_gated',
    ]);
  });
});

describe('given missing or broken inputs', () => {
  it('without a fleet state status fails naming it', async () => {
    const repo = kit.fixture('healthy');
    const r = await kit.run(['fleet', 'status', '--repo', repo]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      `error: fleet state file not found: ${fleetFile(repo, 'state.json')}`,
    ]);
  });

  it('an unparsable policy state is named with its position', async () => {
    const repo = kit.fixture('governance-expired');
    writeFileSync(fleetFile(repo, 'policy-state.json'), '{"mode": }');
    const r = await kit.run(['fleet', 'status', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid policy state JSON: .*policy-state\.json\n {2}.*policy-state\.json:1:9: /,
    );
  });
});
