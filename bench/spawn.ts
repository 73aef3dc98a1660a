// Spawning what the bench measures: the child (bench/child.ts, one JSON line back), the shipped bin as
// a cold process, and `node -e 0`. A wrong exit code is a failed check, never a number.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './child.js';

/** A result that contradicts the input: the bench must not report a number for it. */
export class CheckFailed extends Error {}

export const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
export const BIN = fileURLToPath(new URL('../runners/opsfold.js', import.meta.url));

const cleanEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  return env;
};

export interface Spawned {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` to completion; wall time includes node's start-up. */
export const spawnNode = (args: readonly string[], cwd?: string): Spawned => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args], {
    env: cleanEnv(),
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
};

/** Runs the child on `args`; `want` is the exit code the command must give. */
export const child = (args: readonly string[], want = 0): ChildResult & { wallMs: number } => {
  const r = spawnNode([CHILD, ...args]);
  if (r.status !== 0) throw new CheckFailed(`bench child ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
  if (result.code !== want)
    throw new CheckFailed(`opsfold ${args.slice(1).join(' ')} exited ${result.code}: ${result.stderr}`);
  return { ...result, wallMs: r.ms };
};

/** Runs the shipped bin cold; throws unless it exits 0. */
export const bin = (args: readonly string[]): Spawned => {
  const r = spawnNode([BIN, ...args]);
  if (r.status !== 0) throw new CheckFailed(`opsfold ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
};

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export const expect = (what: string, got: unknown, want: unknown): void => {
  if (got !== want) throw new CheckFailed(`${what}: expected ${String(want)}, got ${String(got)}`);
};
