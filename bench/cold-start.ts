// Cold start: `opsfold --help` and `opsfold loop status` on a small loop, each as a fresh process,
// against `node -e 0` in the same run (median of N spawns each, interleaved so machine noise hits all
// three alike). The target is each within 3 × node's own start-up. A command whose output is
// wrong fails the phase: a fast wrong answer is not a start-up figure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckFailed } from './spawn.js';

export const COLD_START_TARGET = 3;

export interface ColdStartRow {
  readonly command: string;
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** medianMs / the `node -e 0` median. */
  readonly ratio: number;
}

export interface ColdStart {
  readonly node: ColdStartRow;
  readonly commands: readonly ColdStartRow[];
}

interface Probe {
  readonly command: string;
  readonly args: readonly string[];
  readonly check: (stdout: string) => string | null;
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const spawnOnce = (
  args: readonly string[],
): { ms: number; status: number | null; stdout: string; stderr: string } => {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    ms: Number(process.hrtime.bigint() - t0) / 1e6,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
};

const statusCheck = (stdout: string): string | null => {
  try {
    const state = (JSON.parse(stdout) as { lifecycle?: { state?: unknown } }).lifecycle?.state;
    return state === 'complete' ? null : `lifecycle.state is ${JSON.stringify(state)}, expected "complete"`;
  } catch {
    return 'stdout is not one JSON document';
  }
};

const probesFor = (bin: string, repo: string): Probe[] => [
  { command: 'node -e 0', args: ['-e', '0'], check: () => null },
  {
    command: 'opsfold --help',
    args: [bin, '--help'],
    check: (out) => (out.includes('loop status') ? null : '--help does not list loop status'),
  },
  {
    command: 'opsfold loop status (fixtures/loop/complete)',
    args: [bin, 'loop', 'status', '--repo', repo, '--loop', 'complete'],
    check: statusCheck,
  },
];

/** One spawn of a probe: its time, after checking its exit code and output. */
const timedRun = (p: Probe): number => {
  const r = spawnOnce(p.args);
  if (r.status !== 0) throw new CheckFailed(`${p.command} exited ${r.status}: ${r.stderr}`);
  const wrong = p.check(r.stdout);
  if (wrong !== null) throw new CheckFailed(`${p.command}: ${wrong}`);
  return r.ms;
};

/** Spawns every probe `runs` times, round-robin; checks each output; ratios against `node -e 0`. */
export const benchColdStart = (pkgRoot: string, runs: number): ColdStart => {
  const bin = join(pkgRoot, 'dist', 'runners', 'opsfold.js');
  const dir = mkdtempSync(join(tmpdir(), 'opsfold-cold-'));
  try {
    const repo = join(dir, 'repo');
    cpSync(join(pkgRoot, 'fixtures', 'loop', 'complete'), repo, { recursive: true });
    const setup = spawnOnce([bin, 'loop', 'reconcile', '--repo', repo, '--loop', 'complete']);
    if (setup.status !== 0)
      throw new CheckFailed(`opsfold loop reconcile exited ${setup.status}: ${setup.stderr}`);
    const probes = probesFor(bin, repo);
    const times = probes.map((): number[] => []);
    for (let i = 0; i < runs; i++) for (const [k, p] of probes.entries()) times[k]?.push(timedRun(p));
    const rows = probes.map((p, k) => ({
      command: p.command,
      runsMs: times[k] ?? [],
      medianMs: median(times[k] ?? []),
    }));
    const nodeMs = rows[0]?.medianMs ?? 1;
    const [node, ...commands] = rows.map((r) => ({ ...r, ratio: r.medianMs / nodeMs }));
    return { node: node as ColdStartRow, commands };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The report lines of the phase. */
export const formatColdStart = (c: ColdStart): string[] => [
  `cold start (median of ${c.node.runsMs.length} spawns each, one run): node -e 0 ${c.node.medianMs.toFixed(0)} ms`,
  ...c.commands.map(
    (r) =>
      `  ${r.command.padEnd(46)} ${r.medianMs.toFixed(0).padStart(5)} ms = ${r.ratio.toFixed(2)} × node ` +
      `(target ≤ ${COLD_START_TARGET} ×: ${r.ratio <= COLD_START_TARGET ? 'ok' : 'MISS'})`,
  ),
];
