// fleet policy on the fixture fleets: kill switch on, the canary cohort at 10%, a tripped auto-pause,
// an expired governance review; and the files a run leaves: history that dedupes the next run, the
// immutable governance audit trail.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AS_OF, fleetFile, jsonl, useKit, readJson } from './fleet-test-kit.js';

const kit = useKit();

const policy = (repo: string, ...rest: string[]) =>
  kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF, ...rest]);
type Cand = {
  candidateId: string;
  loopId: string;
  autonomous: {
    eligible: boolean;
    reasons: string[];
    rollout: { selector: { bucket: number; inCohort: boolean } };
  };
};
const cands = (s: Record<string, unknown>) => s['candidates'] as Cand[];
const editRegistry = (repo: string, edit: (r: Record<string, unknown>) => Record<string, unknown>) => {
  const file = fleetFile(repo, 'registry.v1.json');
  writeFileSync(file, JSON.stringify(edit(readJson(file))));
};

describe('given the kill-switch fleet after a reconcile', () => {
  it('the critical loop is manual-only with autonomous_kill_switch_enabled', async () => {
    const repo = kit.fixture('kill-switch');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF, '--trace-id', 'trace-ks-1']);
    const s = await policy(repo);
    expect(s).toMatchObject({
      traceId: 'trace-ks-1',
      mode: 'guarded_auto',
      autoEligibleCount: 0,
      manualOnlyCount: 1,
    });
    expect(cands(s).map((c) => [c.candidateId, c.autonomous.reasons])).toEqual([
      ['loop-alpha:health_critical', ['autonomous_kill_switch_enabled']],
    ]);
    expect(s['reasonCodes']).toEqual([
      'fleet_action_required',
      'fleet_auto_candidates_blocked',
      'fleet_auto_kill_switch_enabled',
    ]);
  });
});

describe('given the canary-10 fleet of 40 critical loops', () => {
  it('exactly the loops whose bucket is below 10 are eligible, the same on every run', async () => {
    const repo = kit.fixture('canary-10');
    const first = await policy(repo, '--trace-id', 'canary-1');
    const second = await policy(repo, '--trace-id', 'canary-2');
    // Buckets of "<loop>|worker-canary-v1" computed outside opsfold (python, the reference's hash).
    expect(
      cands(first)
        .filter((c) => c.autonomous.eligible)
        .map((c) => [c.loopId, c.autonomous.rollout.selector.bucket]),
    ).toEqual([
      ['worker-08', 8],
      ['worker-17', 7],
      ['worker-26', 6],
      ['worker-35', 5],
    ]);
    const view = (s: Record<string, unknown>) =>
      cands(s).map((c) => [
        c.candidateId,
        c.autonomous.rollout.selector.bucket,
        c.autonomous.rollout.selector.inCohort,
      ]);
    expect(view(second)).toEqual(view(first));
    expect(first['reasonCodes']).toEqual([
      'fleet_action_required',
      'fleet_auto_candidates_eligible',
      'fleet_auto_candidates_rollout_gated',
    ]);
    expect((first['summary'] as { byAutonomyReason: Record<string, number> }).byAutonomyReason).toEqual({
      autonomous_rollout_canary_excluded: 36,
    });
  });
});

describe('given the autopause-tripped fleet', () => {
  it('the ambiguity spike in handoff telemetry pauses autonomy and keeps the manual path', async () => {
    const repo = kit.fixture('autopause-tripped');
    const s = await policy(repo);
    expect((s['autonomous'] as { rollout: { pause: unknown } }).rollout.pause).toMatchObject({
      active: true,
      reasons: ['autonomous_rollout_paused_auto'],
      auto: {
        active: true,
        reasons: ['autonomous_autopause_ambiguous_spike'],
        metrics: { windowExecutionCount: 3, attemptedCount: 5, ambiguousCount: 3, ambiguityRate: 0.6 },
      },
    });
    expect(s['reasonCodes']).toEqual(
      expect.arrayContaining(['fleet_auto_candidates_paused', 'fleet_auto_candidates_autopause_triggered']),
    );
    const plan = await kit.json(['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF]);
    expect(plan['summary']).toMatchObject({
      intentCount: 1,
      autoEligibleIntentCount: 0,
      pendingConfirmationCount: 1,
    });
  });

  it('with autoPause.enabled false the same telemetry pauses nothing (the reference ignored the false)', async () => {
    const repo = kit.fixture('autopause-tripped');
    editRegistry(repo, (r) => {
      const json = JSON.stringify(r).replace('"autoPause":{"enabled":true', '"autoPause":{"enabled":false');
      return JSON.parse(json) as Record<string, unknown>;
    });
    const s = await policy(repo);
    expect(s['autoEligibleCount']).toBe(1);
    expect(s['reasonCodes']).not.toContain('fleet_auto_candidates_autopause_triggered');
  });
});

describe('given a policy that runs twice on the same fleet state', () => {
  it('the second run dedupes the candidates the first raised, from policy history', async () => {
    const repo = kit.fixture('partial-failure');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    const first = await policy(repo);
    const second = await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', '2026-02-23T13:05:00Z']);
    expect(first['unsuppressedCount']).toBe(1);
    expect(cands(second).find((c) => c.candidateId === 'loop-gamma:reconcile_failed')).toMatchObject({
      suppressionScope: 'cooldown',
      suppressionReason: 'advisory_cooldown_active',
      cooldown: { remainingSeconds: 300 },
    });
    expect(second['reasonCodes']).toContain('fleet_actions_deduped');
    expect(jsonl(fleetFile(repo, 'telemetry', 'policy-history.jsonl'))).toHaveLength(6);
    expect(jsonl(fleetFile(repo, 'telemetry', 'policy.jsonl')).map((l) => l['category'])).toEqual([
      'fleet_policy',
      'fleet_policy',
    ]);
  });

  it('a history truncated under its checkpoint fails closed until --from-start refolds it', async () => {
    const repo = kit.fixture('partial-failure');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    await policy(repo);
    await policy(repo);
    writeFileSync(fleetFile(repo, 'telemetry', 'policy-history.jsonl'), '');
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid policy history JSONL: .*\n {2}.*truncated.*--from-start/);
    const again = await policy(repo, '--from-start');
    expect(again['unsuppressedCount']).toBe(1);
  });

  it('a corrupt history line fails closed with the reference line and its position', async () => {
    const repo = kit.fixture('partial-failure');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    writeFileSync(
      fleetFile(repo, 'telemetry', 'policy-history.jsonl'),
      '{"candidateId":"x","timestamp":"2026-02-23T12:00:00Z"}\nnot json\n{}\n',
    );
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid policy history JSONL: .*policy-history\.jsonl\n {2}.*policy-history\.jsonl:2:55: /,
    );
  });
});

describe('given guarded autonomy that is initialized, changed and switched off', () => {
  it('the governance audit trail gets one sealed event per change and none for re-runs', async () => {
    const repo = kit.fixture('kill-switch');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    const audit = fleetFile(repo, 'telemetry', 'policy-governance.jsonl');
    await policy(repo, '--trace-id', 'gov-1');
    await policy(repo, '--trace-id', 'gov-2');
    editRegistry(
      repo,
      (r) =>
        JSON.parse(
          JSON.stringify(r)
            .replace('CAB-2041', 'CAB-2077')
            .replace('"maxActionsPerRun":2', '"maxActionsPerRun":3'),
        ) as Record<string, unknown>,
    );
    await policy(repo, '--trace-id', 'gov-3');
    editRegistry(repo, (r) => ({ ...r, policy: { mode: 'advisory' } }));
    await policy(repo, '--trace-id', 'gov-4');
    const events = jsonl(audit);
    expect(events.map((e) => [e['eventType'], e['traceId']])).toEqual([
      ['autonomous_policy_initialized', 'gov-1'],
      ['autonomous_policy_mutated', 'gov-3'],
      ['autonomous_mode_toggled', 'gov-4'],
    ]);
    expect(events[1]).toMatchObject({
      previousGovernance: { approvalRef: 'CAB-2041' },
      governance: { approvalRef: 'CAB-2077' },
      previousControls: { safety: { maxActionsPerRun: 2 } },
      controls: { safety: { maxActionsPerRun: 3 } },
    });
    expect(events[2]).toMatchObject({ previousMode: 'guarded_auto', mode: 'advisory' });
  });

  it('an edited audit line fails the next policy run closed, naming the line', async () => {
    const repo = kit.fixture('kill-switch');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    await policy(repo);
    const audit = fleetFile(repo, 'telemetry', 'policy-governance.jsonl');
    writeFileSync(audit, readFileSync(audit, 'utf8').replace('CAB-2041', 'CAB-9999'));
    const r = await kit.run(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: policy governance audit trail is broken: ${audit}`);
    expect(r.stderr).toContain(`${audit}:1: eventDigest does not match the event (edited line)`);
  });
});

describe('given the governance-expired fleet', () => {
  it('the registry and the policy fail closed on the passed review deadline', async () => {
    const repo = kit.fixture('governance-expired');
    for (const cmd of ['registry', 'policy', 'reconcile', 'handoff']) {
      const r = await kit.run(['fleet', cmd, '--repo', repo, '--as-of', AS_OF]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        '- policy.autonomous.governance.reviewBy must be in the future when policy.mode is guarded_auto',
      );
    }
    expect(jsonl(fleetFile(repo, 'telemetry', 'policy.jsonl'))).toEqual([]);
  });

  it('before the deadline the same registry is valid', async () => {
    const repo = kit.fixture('governance-expired');
    const r = await kit.json(['fleet', 'registry', '--repo', repo, '--as-of', '2026-02-19T00:00:00Z']);
    expect(
      (r['policy'] as { autonomous: { governance: { reviewWindowDays: number } } }).autonomous.governance
        .reviewWindowDays,
    ).toBe(41);
  });
});
