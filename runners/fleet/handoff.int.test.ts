// fleet handoff on the fixture fleets, through the loop manager's real control path: the kill-switch
// drill (autonomous dispatch holds back, the operator's confirmed execution cancels the loop, trace and
// idempotency key land in the loop's control telemetry), the ambiguous retry-guard drill, and the
// refusals (no --confirm, unknown filters, autonomy without guarded_auto, a kill switch set late).
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinExecutor } from '../loop/transport/executor.js';
import { startService } from '../loop/transport/server.js';
import { tokenAuth } from '../loop/transport/token.js';
import { AS_OF, fleetFile, handoffJson, jsonl, readJson, useKit } from './fleet-test-kit.js';

const kit = useKit();

type Intent = {
  intentId: string;
  loopId: string;
  status: string;
  idempotencyKey: string;
  autonomous: { eligible: boolean; manualOnly: boolean; reasons: string[] };
};
const intents = (s: Record<string, unknown>) => s['intents'] as Intent[];
const handoff = (repo: string, ...rest: string[]) => handoffJson(kit, repo, rest);
const controlLog = (repo: string, loop: string) =>
  jsonl(join(repo, '.superloop', 'ops-manager', loop, 'telemetry', 'control.jsonl'));
const editRegistry = (repo: string, edit: (json: string) => string) => {
  const file = fleetFile(repo, 'registry.v1.json');
  writeFileSync(file, edit(JSON.stringify(readJson(file))));
};
const prepare = async (name: string, registryEdit: (json: string) => string = (j) => j) => {
  const repo = kit.fixture(name);
  editRegistry(repo, registryEdit);
  await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF, '--trace-id', 'trace-r']);
  await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF, '--trace-id', 'trace-p']);
  return repo;
};
/** A superloop CLI stand-in: `exit <code>` without touching the loop (so confirmation never sees a change). */
const stubBin = (code: number) => {
  const file = join(kit.work, `superloop-stub-${code}.sh`);
  writeFileSync(file, `#!/bin/sh\necho stub\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return file;
};

describe('the kill-switch drill', () => {
  it('autonomous execution dispatches nothing; the confirmed manual execution cancels the loop with trace and key', async () => {
    const repo = await prepare('kill-switch');
    const auto = await handoff(repo, '--autonomous-execute', '--by', 'ops-bot', '--trace-id', 'trace-auto-1');
    expect(auto['execution']).toMatchObject({
      mode: 'autonomous',
      requestedIntentCount: 0,
      executedIntentCount: 0,
    });
    expect(auto['summary']).toMatchObject({ pendingConfirmationCount: 1, autoEligibleIntentCount: 0 });
    expect(auto['reasonCodes']).toContain('fleet_handoff_confirmation_pending');
    expect(controlLog(repo, 'loop-alpha')).toEqual([]);

    const id = intents(auto)[0]?.intentId as string;
    const manual = await handoff(
      repo,
      '--execute',
      '--confirm',
      '--intent-id',
      id,
      '--by',
      'oncall',
      '--note',
      'incident-7',
      '--trace-id',
      'trace-manual-1',
    );
    expect(manual['execution']).toMatchObject({
      mode: 'manual',
      requestedIntentCount: 1,
      executedCount: 1,
      requestedBy: 'oncall',
      note: 'incident-7',
    });
    expect(intents(manual)[0]).toMatchObject({ intentId: id, status: 'executed' });
    expect(manual['summary']).toMatchObject({ executedCount: 1, pendingConfirmationCount: 0 });
    expect(manual['reasonCodes']).toContain('fleet_handoff_executed');
    const key = intents(manual)[0]?.idempotencyKey;
    expect(key).toBe('fleet-handoff-trace-manual-1-loop-alpha-health_critical-cancel');
    expect(controlLog(repo, 'loop-alpha')).toMatchObject([
      { traceId: 'trace-manual-1', idempotencyKey: key, status: 'confirmed' },
    ]);
    expect(existsSync(join(repo, '.superloop', 'state.json'))).toBe(false);
    expect(
      jsonl(fleetFile(repo, 'telemetry', 'handoff.jsonl')).map((l) => [
        l['category'],
        (l['execution'] as { mode?: string } | undefined)?.mode,
      ]),
    ).toEqual([
      ['fleet_handoff_plan', undefined],
      ['fleet_handoff_execute', 'autonomous'],
      ['fleet_handoff_plan', undefined],
      ['fleet_handoff_execute', 'manual'],
    ]);
    expect(readJson(fleetFile(repo, 'handoff-state.json'))).toEqual(manual);
  });
});

const killSwitchOff = (json: string) => json.replace('"killSwitch":true', '"killSwitch":false');

describe('the ambiguous retry-guard drill', () => {
  it('an ambiguous autonomous outcome is not retried autonomously; the operator can still execute it', async () => {
    const repo = await prepare('kill-switch', killSwitchOff);
    const env = { SUPERLOOP_BIN: stubBin(0) };
    const first = await handoffJson(
      kit,
      repo,
      ['--autonomous-execute', '--by', 'ops-bot', '--timeout-seconds', '0', '--trace-id', 'trace-amb-1'],
      env,
    );
    expect(first['execution']).toMatchObject({
      mode: 'autonomous',
      requestedIntentCount: 1,
      ambiguousCount: 1,
    });
    expect(first['reasonCodes']).toContain('fleet_handoff_execution_ambiguous');
    expect(intents(first)[0]?.status).toBe('execution_ambiguous');

    const second = await handoffJson(
      kit,
      repo,
      ['--autonomous-execute', '--by', 'ops-bot', '--timeout-seconds', '0', '--trace-id', 'trace-amb-2'],
      env,
    );
    expect(second['execution']).toMatchObject({ requestedIntentCount: 0 });
    expect(intents(second)[0]).toMatchObject({
      status: 'pending_operator_confirmation',
      autonomous: { manualOnly: true, reasons: ['autonomous_retry_guard_ambiguous'] },
    });
    expect(second['reasonCodes']).toEqual(
      expect.arrayContaining(['fleet_handoff_retry_guarded', 'fleet_handoff_confirmation_pending']),
    );
    expect(controlLog(repo, 'loop-alpha')).toHaveLength(1);

    const manual = await handoff(
      repo,
      '--execute',
      '--confirm',
      '--by',
      'oncall',
      '--trace-id',
      'trace-amb-3',
    );
    expect(manual['execution']).toMatchObject({ mode: 'manual', executedCount: 1 });
    const third = await handoff(repo, '--trace-id', 'trace-amb-4');
    expect(intents(third)[0]?.autonomous.eligible).toBe(true);
  });

  it('a failed autonomous outcome is guarded as autonomous_retry_guard_failed', async () => {
    const repo = await prepare('kill-switch', killSwitchOff);
    const env = { SUPERLOOP_BIN: stubBin(1) };
    const first = await kit.json(
      ['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF, '--autonomous-execute', '--trace-id', 'f-1'],
      env,
    );
    expect(first['execution']).toMatchObject({
      failedCount: 1,
      results: [{ status: 'failed', reasonCode: 'control_failed_command', controlExitCode: 1 }],
    });
    expect(first['reasonCodes']).toContain('fleet_handoff_execution_failed');
    const second = await kit.json(
      ['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF, '--autonomous-execute', '--trace-id', 'f-2'],
      env,
    );
    expect(intents(second)[0]?.autonomous.reasons).toEqual(['autonomous_retry_guard_failed']);
  });
});

describe('given a handoff request that must be refused', () => {
  it('--execute without --confirm changes nothing', async () => {
    const repo = await prepare('kill-switch');
    const r = await kit.run(['fleet', 'handoff', '--repo', repo, '--execute', '--by', 'op']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      64,
      'error: --execute requires --confirm to enforce explicit operator confirmation',
    ]);
    expect(jsonl(fleetFile(repo, 'telemetry', 'handoff.jsonl'))).toEqual([]);
  });

  it('an unknown --intent-id or --loop is refused before anything is dispatched', async () => {
    const repo = await prepare('kill-switch');
    const a = await kit.run([
      'fleet',
      'handoff',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--execute',
      '--confirm',
      '--intent-id',
      'loop-alpha:nope:cancel',
    ]);
    expect([a.code, a.stderr]).toEqual([
      1,
      'error: intent filter not found in handoff intents: loop-alpha:nope:cancel\n',
    ]);
    const b = await kit.run([
      'fleet',
      'handoff',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--execute',
      '--confirm',
      '--loop',
      'loop-ghost',
    ]);
    expect([b.code, b.stderr]).toEqual([1, 'error: loop filter not found in handoff intents: loop-ghost\n']);
    expect(controlLog(repo, 'loop-alpha')).toEqual([]);
  });

  it('--autonomous-execute needs guarded_auto in the policy state it acts on', async () => {
    const repo = await prepare('kill-switch', killSwitchOff);
    const policyFile = fleetFile(repo, 'policy-state.json');
    writeFileSync(policyFile, JSON.stringify({ ...readJson(policyFile), mode: 'advisory' }));
    const r = await kit.run(['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF, '--autonomous-execute']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: --autonomous-execute requires policy mode guarded_auto');
    expect(controlLog(repo, 'loop-alpha')).toEqual([]);
  });

  it('a kill switch set after the policy ran holds the eligible intent back at dispatch', async () => {
    const repo = await prepare('kill-switch', killSwitchOff);
    const plan = await handoff(repo);
    expect(intents(plan)[0]?.autonomous.eligible).toBe(true);
    editRegistry(repo, (j) => j.replace('"killSwitch":false', '"killSwitch":true'));
    const auto = await handoff(repo, '--autonomous-execute');
    expect(auto['execution']).toMatchObject({ requestedIntentCount: 0 });
    expect(intents(auto)[0]?.autonomous).toEqual({
      eligible: false,
      manualOnly: true,
      reasons: ['autonomous_kill_switch_enabled'],
    });
    expect(controlLog(repo, 'loop-alpha')).toEqual([]);
  });
});

describe('given a policy with several intents and a bounded run cap', () => {
  it('autonomous dispatch executes only the eligible intent; the capped and manual-only ones stay pending', async () => {
    const repo = await prepare('kill-switch', (j) =>
      killSwitchOff(j)
        .replace('"maxActionsPerRun":2', '"maxActionsPerRun":1')
        .replace(
          '"loops":[{"loopId":"loop-alpha"},{"loopId":"loop-beta"}]',
          '"loops":[{"loopId":"loop-alpha"},{"loopId":"loop-beta"},{"loopId":"loop-omega"}]',
        ),
    );
    const auto = await handoff(repo, '--autonomous-execute', '--by', 'ops-bot');
    expect(intents(auto).map((i) => [i.intentId, i.status, i.autonomous.reasons])).toEqual([
      ['loop-alpha:health_critical:cancel', 'executed', []],
      [
        'loop-omega:health_degraded:cancel',
        'pending_operator_confirmation',
        ['category_not_allowlisted', 'confidence_below_threshold', 'severity_below_threshold'],
      ],
      [
        'loop-omega:reconcile_failed:cancel',
        'pending_operator_confirmation',
        ['autonomous_max_actions_per_run_exceeded'],
      ],
    ]);
    expect(auto['summary']).toMatchObject({
      autoEligibleIntentCount: 1,
      executedCount: 1,
      pendingConfirmationCount: 2,
      pendingManualOnlyCount: 2,
    });
  });
});

describe('given a loop served over sprite_service', () => {
  it('the confirmed execution goes over the service with the token from tokenEnv, and the trace reaches the loop', async () => {
    const repo = kit.fixture('kill-switch');
    const svc = await startService({
      repo,
      stateDir: undefined,
      host: '127.0.0.1',
      port: 0,
      auth: tokenAuth('fleet-secret'),
      maxBodyBytes: 8192,
      now: () => Date.parse(AS_OF),
      sleep: async () => undefined,
      executorFor: (p) => builtinExecutor(p),
      defaultBy: 'svc',
      timeoutSeconds: 0,
      intervalSeconds: 2,
    });
    try {
      editRegistry(repo, (j) =>
        j.replace(
          '{"loopId":"loop-alpha"}',
          `{"loopId":"loop-alpha","transport":"sprite_service","service":{"baseUrl":"${svc.url}","tokenEnv":"FLEET_SVC_TOKEN","retryBackoffSeconds":0}}`,
        ),
      );
      const env = { FLEET_SVC_TOKEN: 'fleet-secret' };
      await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF], env);
      await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF], env);
      const r = await kit.json(
        [
          'fleet',
          'handoff',
          '--repo',
          repo,
          '--as-of',
          AS_OF,
          '--execute',
          '--confirm',
          '--by',
          'oncall',
          '--trace-id',
          'trace-svc-1',
        ],
        env,
      );
      expect(intents(r)[0]).toMatchObject({
        loopId: 'loop-alpha',
        transport: 'sprite_service',
        status: 'executed',
      });
      expect(controlLog(repo, 'loop-alpha').at(-1)).toMatchObject({
        traceId: 'trace-svc-1',
        transport: 'sprite_service',
      });
      expect(JSON.stringify(r)).not.toContain('fleet-secret');
      const without = await kit.json([
        'fleet',
        'handoff',
        '--repo',
        repo,
        '--as-of',
        AS_OF,
        '--execute',
        '--confirm',
        '--trace-id',
        'trace-svc-2',
      ]);
      expect((without['execution'] as { results: unknown[] }).results).toMatchObject([
        { status: 'failed', reasonCode: 'missing_service_token_env' },
      ]);
    } finally {
      await svc.close();
    }
  });
});
