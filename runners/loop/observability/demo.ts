// The loop manager observability part of `npm run demo`: on a copy of fixtures/loop-manager, the
// heartbeat, sequence and health steps of each case, then threshold tuning (telemetry summary and
// profile drift with its escalation). Returns a short text block; the lead wires it into runners/demo.ts.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../../cli/command.js';
import { runCaptured } from '../../cli/capture.js';
import { packageRoot } from '../../cli/package-root.js';
import { loopCommands } from '../commands.js';
import { loopPollEvents } from '../poll-events.js';

const AS_OF = '2026-02-22T12:00:00Z';
const CASES = ['healthy', 'degraded', 'ordering-drift'] as const;

type Env = Omit<Io, 'stdout' | 'stderr'>;

const json = async (env: Env, argv: string[]): Promise<Record<string, unknown>> => {
  const r = await runCaptured(loopCommands, [...argv, '--as-of', AS_OF], env);
  if (r.code !== 0) throw new Error(`${argv.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

const caseLine = async (env: Env, root: string, c: string): Promise<string> => {
  const loop = ['--repo', join(root, c), '--loop', 'demo-loop'];
  const polled = await runCaptured([loopPollEvents], ['loop', 'poll-events', ...loop, '--from-start'], env);
  const envelopes = join(root, `${c}.events.ndjson`);
  writeFileSync(envelopes, polled.stdout);
  const hb = await json(env, ['loop', 'heartbeat', ...loop]);
  const seq = await json(env, ['loop', 'sequence', ...loop, '--events-file', envelopes]);
  const health = await json(env, ['loop', 'health', ...loop]);
  const codes = (health['reasonCodes'] as string[]).join(',') || '-';
  return `  ${c.padEnd(15)} heartbeat ${String(hb['freshnessStatus']).padEnd(8)} sequence ${String(seq['status']).padEnd(24)} health ${String(health['status']).padEnd(9)} ${codes}`;
};

/** Runs the observability commands over a temp copy of the fixtures under `work`. */
export async function loopObservabilityDemo(env: Env, work: string): Promise<string> {
  const root = join(work, 'loop-manager');
  cpSync(join(packageRoot(), 'fixtures', 'loop-manager'), root, { recursive: true });
  const lines = [`loop manager observability (fixtures/loop-manager, as of ${AS_OF})`];
  for (const c of CASES) lines.push(await caseLine(env, root, c));
  const loop = ['--repo', join(root, 'degraded'), '--loop', 'demo-loop'];
  const summary = await json(env, ['loop', 'telemetry-summary', ...loop]);
  const drift = await json(env, [
    'loop',
    'profile-drift',
    ...loop,
    '--applied-profile',
    'balanced',
    '--recommended-profile',
    String(summary['recommendedProfile']),
    '--recommendation-confidence',
    String(summary['confidence']),
    '--min-confidence',
    'low',
    '--required-streak',
    '1',
  ]);
  const raised = readFileSync(
    join(root, 'degraded', '.superloop', 'ops-manager', 'demo-loop', 'escalations.jsonl'),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.includes('"escalationAction":"raise"')).length;
  lines.push(
    `  tuning (degraded): recommends ${String(summary['recommendedProfile'])} (${String(summary['confidence'])} confidence); ` +
      `applied balanced -> drift ${String(drift['status'])}; escalations raised: ${raised}`,
  );
  return `${lines.join('\n')}\n`;
}
