// The promotion part of `npm run demo`: on a temporary copy of fixtures/fleet-promotion, decide each
// fixture fleet at the fixtures' instant (one line per fleet: decision, failed gates, reason codes), then
// run the CI wrapper on a repo without evidence in skip mode and on a held fleet with --fail-on-hold.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { fleetPromotionCommands } from './promotion-commands.js';

const FLEETS = [
  'promote',
  'hold-governance-expired',
  'hold-reliability',
  'hold-small-sample',
  'hold-manual-backlog',
  'hold-autopause',
  'hold-drill-stale',
  'hold-drill-missing',
  'hold-corrupt-evidence',
];

interface Summary {
  decision: string;
  failedGates?: string[];
  reasonCodes: string[];
}

const line = (label: string, code: number, stdout: string): string => {
  if (code !== 0 && code !== 2) return `  ${label.padEnd(26)}exit ${code}`;
  const s = (JSON.parse(stdout) as { summary: Summary }).summary;
  const gates = s.failedGates === undefined ? '' : `  gates ${s.failedGates.join(',') || '-'}`;
  return `  ${label.padEnd(26)}${s.decision.padEnd(9)}exit ${code}${gates}  codes ${s.reasonCodes.join(',') || '-'}`;
};

/** Runs the promotion commands on a copy of the fixtures under `work`; returns the lines to print. */
export async function promotionDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const dir = join(work, 'fleet-promotion');
  cpSync(join(packageRoot(), 'fixtures', 'fleet-promotion'), dir, { recursive: true });
  const { asOf } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { asOf: string };
  const run = (argv: string[]) =>
    runCaptured(fleetPromotionCommands, [...argv, '--as-of', asOf, '--trace-id', 'demo-promotion'], {
      ...io,
      cwd: dir,
      env: {},
    });
  const out = [`fleet promotion-gates (as of ${asOf})`];
  for (const fleet of FLEETS) {
    const ran = await run(['fleet', 'promotion-gates', '--repo', fleet, '--fail-on-hold']);
    out.push(line(fleet, ran.code, ran.stdout));
  }
  out.push('fleet promotion-ci');
  const skip = await run([
    'fleet',
    'promotion-ci',
    '--repo',
    'missing-evidence',
    '--skip-on-missing-evidence',
  ]);
  out.push(line('missing-evidence --skip', skip.code, skip.stdout));
  const hold = await run(['fleet', 'promotion-ci', '--repo', 'hold-manual-backlog', '--fail-on-hold']);
  out.push(line('hold-manual-backlog', hold.code, hold.stdout));
  const summary = readFileSync(
    join(dir, 'hold-manual-backlog', '.superloop', 'ops-manager', 'fleet', 'promotion-ci-summary.md'),
    'utf8',
  );
  const indent = (l: string) => (l === '' ? '' : `    ${l.replace(dir, '<work>')}`);
  out.push('  summary:', ...summary.trimEnd().split('\n').map(indent));
  return out.join('\n');
}
