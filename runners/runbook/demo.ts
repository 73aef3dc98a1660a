// The runbook part of `npm run demo`: on a temp copy of fixtures/runbook, one `runbook summary` (the
// finished job loop) and the test verdict of every fixture root, through the real command table.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runbookDemoText } from '../../lib/runbook/demo-report.js';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { runbookCommands } from './commands.js';

/** Runs the runbook commands on a copy of the fixtures under `work`; returns the text block to print. */
export async function runbookDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const dir = join(work, 'runbook');
  cpSync(join(packageRoot(), 'fixtures', 'runbook'), dir, { recursive: true });
  const run = (argv: string[]) => runCaptured(runbookCommands, argv, io);
  const loop = join(dir, 'job-loop-complete');
  const summary = await run(['runbook', 'summary', '--root', loop]);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const cases = [];
  for (const name of names)
    cases.push({ name, run: await run(['runbook', 'test', '--root', join(dir, name), '--json']) });
  return runbookDemoText(summary, loop, cases);
}
