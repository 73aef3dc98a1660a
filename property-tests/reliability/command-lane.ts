// What the command lanes share: a fixture copied in, commands run in-process through the real command
// table (exit codes checked: a step that fails ends the child with a harness failure, so "the next run
// succeeds" is checked after every kill). Locks a kill left behind are aged by the parent (age-locks.ts).
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCaptured, type Ran } from '../../runners/cli/capture.js';
import { commands } from '../../runners/commands.js';
import { projectRoot } from './launcher.js';

export const fixture = (rel: string): string => join(projectRoot, 'fixtures', rel);

export const copyFixture = async (rel: string, dest: string): Promise<void> => {
  await fsp.mkdir(dest, { recursive: true });
  await fsp.cp(fixture(rel), dest, { recursive: true });
};

export interface RunOptions {
  readonly cwd: string;
  readonly asOf: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success (default [0]). */
  readonly ok?: readonly number[];
}

/**
 * Runs `argv`; an exit outside `ok` throws. Exit 75 (a lock another run holds) is retried for a while:
 * in a lane the only other holder is a killed child whose lock the parent ages.
 */
export const runOk = async (argv: readonly string[], o: RunOptions): Promise<Ran> => {
  const io = { cwd: o.cwd, env: o.env ?? {}, now: () => Date.parse(o.asOf) };
  for (let attempt = 0; ; attempt += 1) {
    const r = await runCaptured(commands, argv, io);
    if ((o.ok ?? [0]).includes(r.code)) return r;
    if (r.code !== 75 || attempt > 40)
      throw new Error(`opsfold ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    await sleep(250);
  }
};

/** A timestamp `gen` hours and `seq` seconds after `base`, as RFC 3339 without milliseconds. */
export const isoAt = (base: string, gen: number, seq = 0): string =>
  new Date(Date.parse(base) + gen * 3_600_000 + seq * 1000).toISOString().replace('.000Z', 'Z');
