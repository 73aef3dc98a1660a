// The harness part of `npm run demo`: replays the seed's task-2703 timeline and the stall scenario from
// the shipped fixtures in a temp workspace (the fixtures are never written), then runs the finish profile
// and actor attribution on a real git checkout, and prints what each layer answered.
import { join } from 'node:path';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { harnessCommands } from './commands.js';
import { buildFixtureRepo } from './fixture-repo.js';
import { replayTimeline } from './replay.js';
import type { StepResult } from './replay-record.js';

const DEMO_KEY = 'demo-bot-key-not-a-secret';

const line = (r: StepResult, task: string): string => {
  const at = r.step.at.slice(11, 19);
  const parts = [
    r.spawn[task] === undefined ? null : `spawn=${r.spawn[task]}`,
    r.liveness[task] === undefined
      ? null
      : `${r.liveness[task]}/${r.alert[task]}${r.throttled[task] ? '(throttled)' : ''}`,
    r.signal[task] === undefined ? null : `closeout=${r.signal[task]}`,
    r.collected[task] === undefined ? null : `collected=${r.collected[task]}`,
    r.deliveries > 0 ? `delivered=${r.deliveries}` : null,
    ...r.failures,
  ].filter((x): x is string => x !== null);
  return `  ${at}  ${parts.join('  ').padEnd(58)} ${r.step.label}`;
};

/** Runs the harness demo in `work`; returns the text block `npm run demo` prints. */
export async function harnessDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const fixtures = join(packageRoot(), 'fixtures', 'harness');
  const env = { ...io.env, HARNESS_BOT_KEY: DEMO_KEY };
  const dio = { ...io, env };
  const out: string[] = ['harness: task-2703 as seed 004 tells it (+09:00)'];
  const main = await replayTimeline(
    harnessCommands,
    dio,
    join(fixtures, 'task-2703'),
    join(work, 'task-2703'),
  );
  out.push(...main.results.map((r) => line(r, 'task-2703')));
  out.push('harness: two silent bots (task-2801 critical, task-2802 not) and task-2803 with no evidence');
  const stalled = await replayTimeline(
    harnessCommands,
    dio,
    join(fixtures, 'stalled'),
    join(work, 'stalled'),
  );
  for (const task of ['task-2801', 'task-2802', 'task-2803'])
    out.push(
      `  ${task}: ${stalled.results.map((r) => `${r.alert[task] ?? '-'}${r.throttled[task] ? '*' : ''}`).join(' ')}`,
    );
  const repo = buildFixtureRepo(join(fixtures, 'task-2703', 'repo.json'), join(work, 'repo'));
  const run = (argv: string[]) => runCaptured(harnessCommands, argv, dio);
  const fin = await run([
    'harness',
    'finish-check',
    '--task',
    'task-2703',
    '--mode',
    'system_hook',
    '--evidence',
    join(fixtures, 'task-2703', 'finish', 'evidence.json'),
    '--repo',
    repo,
    '--root',
    main.root,
  ]);
  const f = JSON.parse(fin.stdout) as Record<string, { result: string }> & { overall: string };
  out.push(
    `harness: finish profile (system_hook): git ${f['git_evidence']!.result}, L1 ${f['l1_smoke']!.result}, scope ${f['scope_guard']!.result} → ${f.overall}`,
  );
  const actor = JSON.parse(
    (
      await run([
        'harness',
        'actor',
        '--repo',
        repo,
        '--range',
        'main..task',
        '--task',
        'task-2703',
        '--audit-log',
        join(fixtures, 'task-2703', 'finish', 'audit-log.jsonl'),
      ])
    ).stdout,
  ) as { claims: string[] };
  out.push(`harness: actor: ${actor.claims.join('; ')}`);
  const route = JSON.parse((await run(['harness', 'route', '--incident', '1'])).stdout) as {
    id: string;
    layer_names: string[];
    priority: string;
  };
  out.push(`harness: route ${route.id} → ${route.layer_names.join(', ')} (${route.priority})`);
  const status = await run([
    'harness',
    'status',
    '--root',
    main.root,
    '--as-of',
    '2026-05-28T14:09:30+09:00',
  ]);
  out.push(
    ...status.stdout
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  return `${out.join('\n')}\n`;
}
