// The reconcile part of `npm run demo`: on a copy of fixtures/loop/running, a reconcile that finds the
// loop stale (health, escalations), a re-run that reads nothing new and escalates nothing again, one
// appended event read incrementally, then `loop status`. Returns the text block to print.
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../../cli/command.js';
import { runCaptured } from '../../cli/capture.js';
import { packageRoot } from '../../cli/package-root.js';
import { loopReconcile } from '../reconcile.js';
import { loopStatus } from '../status.js';
import { JsonValue as J, fromPath, lenientObject, readView, type Json } from '../../../lib/loop/lenient.js';

const AS_OF = '2026-02-09T22:56:00Z';
type Env = Omit<Io, 'stdout' | 'stderr'>;

/** What the demo prints of a reconcile's answer. */
const PassView = lenientObject(
  {
    lifecycle: fromPath(['transition', 'currentState'], J),
    health: fromPath(['health', 'status'], J),
    reasons: fromPath(['health', 'reasonCodes'], J),
  },
  'PassView',
);

/** What the demo prints of `loop status`. */
const StatusView = lenientObject(
  {
    lifecycle: fromPath(['lifecycle', 'state'], J),
    health: fromPath(['health', 'status'], J),
    cursor: fromPath(['cursor', 'eventLineOffset'], J),
    profile: fromPath(['tuning', 'recommendedProfile'], J),
    confidence: fromPath(['tuning', 'confidence'], J),
    heartbeat: fromPath(['visibility', 'heartbeat', 'freshnessStatus'], J),
  },
  'StatusView',
);

const str = (x: Json): string => (Array.isArray(x) ? x.join(', ') || '-' : String(x));

const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Runs reconcile three times and status once over a temp copy of the running fixture. */
export async function loopReconcileDemo(env: Env, work: string): Promise<string> {
  const repo = join(work, 'reconcile');
  cpSync(join(packageRoot(), 'fixtures', 'loop', 'running'), repo, { recursive: true });
  const base = ['--repo', repo, '--loop', 'running', '--as-of', AS_OF, '--alerts-enabled', 'false'];
  const run = async (argv: string[]) => {
    const r = await runCaptured([loopReconcile, loopStatus], argv, env);
    if (r.code !== 0) throw new Error(`${argv.slice(0, 2).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout) as unknown;
  };
  const mgr = join(repo, '.superloop', 'ops-manager', 'running');
  const out = [`loop reconcile + status (fixtures/loop/running, as of ${AS_OF})`];
  const first = readView(PassView, await run(['loop', 'reconcile', ...base]));
  const esc = () => lines(join(mgr, 'escalations.jsonl'));
  const tel = () => lines(join(mgr, 'telemetry', 'reconcile.jsonl')).at(-1) ?? {};
  out.push(
    `  pass 1: ${str(first.lifecycle)}, health ${str(first.health)} ` +
      `(${str(first.reasons)}), ${tel()['eventsIngested']} events read, ${esc().length} escalation(s) raised`,
  );
  await run(['loop', 'reconcile', ...base]);
  out.push(
    `  pass 2: ${tel()['eventsIngested']} events read, still ${esc().length} escalation(s): a condition that stays active is not raised again`,
  );
  const event = {
    timestamp: '2026-02-09T22:55:58Z',
    event: 'role_end',
    loop_id: 'running',
    run_id: '20260209T221505Z',
    iteration: 2,
  };
  appendFileSync(join(repo, '.superloop', 'loops', 'running', 'events.jsonl'), `${JSON.stringify(event)}\n`);
  const third = readView(PassView, await run(['loop', 'reconcile', ...base]));
  const actions = esc().map(
    (e) => `${String(e['escalationAction'])}:${String(e['dedupeKey']).split('/').slice(1).join('/')}`,
  );
  out.push(
    `  pass 3 (one event appended): ${tel()['eventsIngested']} event read after line ${String(tel()['cursorOffsetBefore'])}; health ${str(third.health)}` +
      ` (${str(third.reasons)}); escalations: ${actions.join(', ')}`,
  );
  const status = readView(
    StatusView,
    await run(['loop', 'status', '--repo', repo, '--loop', 'running', '--as-of', AS_OF]),
  );
  out.push(
    `  status: lifecycle ${str(status.lifecycle)}, health ${str(status.health)}, cursor ${str(status.cursor)}, ` +
      `recommended profile ${str(status.profile)} (${str(status.confidence)} confidence), heartbeat ${str(status.heartbeat)}`,
  );
  return out.join('\n');
}
