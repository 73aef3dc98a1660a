// fleet handoff with the operator's control script (OPS_MANAGER_CONTROL_SCRIPT): the script gets the
// reference's control arguments (no opsfold-only flags), its exit code maps to the intent's status, a
// registry without a policy block does not stop autonomous dispatch of a guarded_auto policy state, and
// an ambiguous outcome is retry-guarded on the next run, from the telemetry or the handoff state alone.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptArgs } from './handoff-control.js';
import { fleetFile, handoffJson, useKit } from './fleet-test-kit.js';

const kit = useKit();

const candidate = {
  candidateId: 'loop-a:reconcile_failed',
  loopId: 'loop-a',
  category: 'reconcile_failed',
  recommendedIntent: 'cancel',
  suppressed: false,
  autonomous: { eligible: true, manualOnly: false, reasons: [] },
};

const repoOf = (name: string) => {
  const repo = join(kit.work, name);
  mkdirSync(fleetFile(repo, 'telemetry'), { recursive: true });
  const registry = {
    schemaVersion: 'v1',
    fleetId: 'f-script',
    loops: [{ loopId: 'loop-a', transport: 'local' }],
  };
  writeFileSync(fleetFile(repo, 'registry.v1.json'), JSON.stringify(registry));
  const policy = {
    schemaVersion: 'v1',
    fleetId: 'f-script',
    traceId: 'tp',
    mode: 'guarded_auto',
    candidates: [candidate],
  };
  writeFileSync(fleetFile(repo, 'policy-state.json'), JSON.stringify(policy));
  return repo;
};

/** A control script that logs its arguments and answers `ambiguous` (exit 2). */
const ambiguousScript = () => {
  const log = join(kit.work, 'control-args.log');
  const file = join(kit.work, 'control.sh');
  writeFileSync(
    file,
    `#!/bin/sh\necho "$*" >> '${log}'\necho '{"status":"ambiguous","confirmed":false}'\nexit 2\n`,
  );
  chmodSync(file, 0o755);
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');
  return { env: { OPS_MANAGER_CONTROL_SCRIPT: file }, calls };
};

const auto = (repo: string, env: Record<string, string>, trace: string) =>
  handoffJson(kit, repo, ['--autonomous-execute', '--by', 'bot', '--trace-id', trace], env);

describe('fleet handoff over an operator control script', () => {
  it('dispatches through the script with the reference arguments and records it ambiguous', async () => {
    const repo = repoOf('script');
    const s = ambiguousScript();
    const r = await auto(repo, s.env, 'trace-1');
    expect(r['execution']).toMatchObject({ mode: 'autonomous', requestedIntentCount: 1, ambiguousCount: 1 });
    expect(r['reasonCodes']).toContain('fleet_handoff_execution_ambiguous');
    const [call] = s.calls();
    expect(call).toContain('--loop loop-a --intent cancel --transport local --trace-id trace-1');
    expect(call).not.toContain('--as-of');
  });

  it.each([
    ['the handoff telemetry', () => undefined],
    [
      'the previous handoff state alone',
      (repo: string) => rmSync(fleetFile(repo, 'telemetry', 'handoff.jsonl')),
    ],
  ])('retry-guards the ambiguous intent on the next run, read from %s', async (_what, forget) => {
    const repo = repoOf('guard');
    const s = ambiguousScript();
    await auto(repo, s.env, 'trace-1');
    forget(repo);
    const r = await auto(repo, s.env, 'trace-2');
    expect(r['execution']).toMatchObject({ requestedIntentCount: 0 });
    expect(r['reasonCodes']).toEqual(
      expect.arrayContaining(['fleet_handoff_retry_guarded', 'fleet_handoff_confirmation_pending']),
    );
    expect((r['intents'] as { autonomous: { reasons: string[] } }[])[0]?.autonomous.reasons).toContain(
      'autonomous_retry_guard_ambiguous',
    );
    expect(s.calls()).toHaveLength(1);
  });
});

describe('the control script arguments', () => {
  it('drop the in-process command words and the opsfold-only flags', () => {
    expect(
      scriptArgs(['loop', 'control', '--repo', '/r', '--as-of', 'x', '--state-dir', 's', '--no-confirm']),
    ).toEqual(['--repo', '/r', '--no-confirm']);
  });
});
