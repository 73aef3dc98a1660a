// The queue part of `npm run demo`: status, workers and kpi over a temporary copy of the mixed fixture
// (a release-train QUEUE.md and its orch_runs.jsonl), run through the real command table.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { queueCommands } from './commands.js';

const AS_OF = '2026-02-10T03:00:00Z';

/** Runs the queue read commands on a copy of fixtures/queue/mixed under `work`; returns what they printed. */
export async function queueDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const dir = join(work, 'queue-mixed');
  cpSync(join(packageRoot(), 'fixtures', 'queue', 'mixed'), dir, { recursive: true });
  const runs = [
    ['queue', 'status'],
    ['queue', 'workers'],
    ['queue', 'kpi', '--as-of', AS_OF],
  ];
  const blocks: string[] = [];
  for (const argv of runs) {
    const out = await runCaptured(queueCommands, argv, { ...io, cwd: dir });
    const exit = out.code === 0 ? '' : `(exit ${out.code})\n`;
    blocks.push(`$ opsfold ${argv.join(' ')}\n${out.stdout}${out.stderr}${exit}`);
  }
  return `queue: fixtures/queue/mixed (QUEUE.md and logs/orch_runs.jsonl), as of ${AS_OF}\n\n${blocks.join('\n')}`;
}
