// The runbook part of `npm run demo`: on a temp copy of fixtures/runbook, one `runbook summary` (the
// finished job loop) and the test verdict of every fixture root, through the real command table.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestReport } from '../../lib/runbook/report-codecs.js';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { runbookCommands } from './commands.js';

const row = (name: string, v: TestReport): string =>
  `  ${name.padEnd(22)}${(v.passed ? 'passed' : 'failed').padEnd(8)}${v.status.padEnd(19)}${
    [...v.failures, ...v.warnings.map((w) => `warn:${w}`)].join(', ') || '-'
  }`;

/** Runs the runbook commands on a copy of the fixtures under `work`; returns the text block to print. */
export async function runbookDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const dir = join(work, 'runbook');
  cpSync(join(packageRoot(), 'fixtures', 'runbook'), dir, { recursive: true });
  const run = (argv: string[]) => runCaptured(runbookCommands, argv, io);
  const loop = join(dir, 'job-loop-complete');
  const summary = await run(['runbook', 'summary', '--root', loop]);
  const lines = [
    'opsfold runbook summary --root fixtures/runbook/job-loop-complete',
    summary.code === 0
      ? `  ${summary.stdout.trim().replace(`${loop}/`, '')}`
      : `  exit ${summary.code}: ${summary.stderr.trim()}`,
    '',
    'opsfold runbook test --root fixtures/runbook/<case>',
  ];
  const cases = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const name of cases) {
    const r = await run(['runbook', 'test', '--root', join(dir, name), '--json']);
    lines.push(
      r.stdout.startsWith('{') ? row(name, JSON.parse(r.stdout) as TestReport) : `  ${name}: exit ${r.code}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
