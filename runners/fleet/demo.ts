// The fleet part of `npm run demo`: on temp copies of the fixture fleets, a fleet reconcile that
// partially fails, the advisory policy over it, the fleet status an operator reads, and the
// kill-switch drill (autonomous dispatch holds back; the confirmed manual execution goes through).
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { at } from '../../lib/fleet/json.js';
import { fleetCommands } from './commands.js';

const AS_OF = '2026-02-23T13:00:00Z';
type Env = Omit<Io, 'stdout' | 'stderr'>;

const list = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? v.join(', ') : '-');

/** Runs reconcile, policy, status and handoff over copies of fixtures/fleet; returns the text block. */
export async function fleetDemo(env: Env, work: string): Promise<string> {
  const copy = (name: string) => {
    const dest = join(work, `fleet-${name}`);
    cpSync(join(packageRoot(), 'fixtures', 'fleet', name), dest, { recursive: true });
    return dest;
  };
  const run = async (argv: string[]) => {
    const r = await runCaptured(fleetCommands, [...argv, '--as-of', AS_OF], env);
    if (r.code !== 0) throw new Error(`${argv.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout) as unknown;
  };
  const out = [`fleet reconcile + policy + status (fixtures/fleet, as of ${AS_OF})`];
  const repo = copy('partial-failure');
  const state = await run([
    'fleet',
    'reconcile',
    '--repo',
    repo,
    '--deterministic-order',
    '--trace-id',
    'demo-fleet-1',
  ]);
  const loops = (at(state, 'results') as Record<string, unknown>[]).map(
    (r) =>
      `${String(r['loopId'])}=${String(r['status'])}${r['reasonCode'] === undefined ? '' : `(${String(r['reasonCode'])})`}`,
  );
  out.push(
    `  reconcile: ${String(at(state, 'status'))} [${list(at(state, 'reasonCodes'))}]; ${loops.join(' ')}`,
  );
  const policy = await run(['fleet', 'policy', '--repo', repo]);
  out.push(
    `  policy: ${String(at(policy, 'candidateCount'))} candidates, ${String(at(policy, 'unsuppressedCount'))} open, ` +
      `${String(at(policy, 'suppressedCount'))} suppressed [${list(at(policy, 'reasonCodes'))}]`,
  );
  const status = await run(['fleet', 'status', '--repo', repo]);
  out.push(
    `  status: failures ${list(at(status, 'exceptions', 'reconcileFailures'))}; degraded ${list(at(status, 'exceptions', 'degradedLoops'))}; ` +
      `skipped ${list(at(status, 'exceptions', 'skippedLoops'))}`,
  );
  const drill = copy('kill-switch');
  await run(['fleet', 'reconcile', '--repo', drill, '--trace-id', 'demo-drill-1']);
  await run(['fleet', 'policy', '--repo', drill]);
  const auto = await run(['fleet', 'handoff', '--repo', drill, '--autonomous-execute', '--by', 'ops-bot']);
  const intent = at(auto, 'intents') as Record<string, unknown>[];
  const first = intent[0] ?? {};
  out.push(
    `  kill switch on: autonomous dispatch requested ${String(at(auto, 'execution', 'requestedIntentCount'))} intent(s); ` +
      `${String(first['intentId'])} stays ${String(first['status'])} [${list(at(first, 'autonomous', 'reasons'))}]`,
  );
  const manual = await run([
    'fleet',
    'handoff',
    '--repo',
    drill,
    '--execute',
    '--confirm',
    '--intent-id',
    String(first['intentId']),
    '--by',
    'oncall',
  ]);
  const after = await run(['fleet', 'status', '--repo', drill]);
  out.push(
    `  operator confirms: ${String(at(manual, 'execution', 'executedCount'))} executed [${list(at(manual, 'reasonCodes'))}]; ` +
      `governance ${String(at(after, 'autonomous', 'governance', 'posture'))}, manual backlog ${String(at(after, 'autonomous', 'outcomeRollup', 'manual_backlog'))}`,
  );
  return out.join('\n');
}
