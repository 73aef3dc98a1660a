// The runbook lane: `runbook checkpoint` and `runbook rollback` on a TOS root under git. Each step
// takes a checkpoint named by a fresh id (acknowledged once it exited 0) and sometimes rolls back to
// it. Checked after every kill: each acknowledged checkpoint is in the git history exactly once; every
// step, phase and summary file parses; and the next checkpoint succeeds.
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, fixture, runOk } from './command-lane.js';
import type { Layout, Workload } from './workload.js';

const AS_OF = '2026-02-22T12:00:00Z';
const rootOf = (dir: string): string => join(dir, 'root');
// Rollback's automatic test is a clean re-run, which needs an orchestrator: the stand-in, copied into
// the lane's directory at setup (a bundled child cannot find the project's fixtures by its own path).
// It answers done at once while workspace/results/result.txt exists, which the root is committed with.
const standInOf = (dir: string): string => join(dir, 'orchestrator-stand-in.mjs');

const gitEnv = (dir: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: dir,
  GIT_AUTHOR_NAME: 'kill harness',
  GIT_AUTHOR_EMAIL: 'kill@example.invalid',
  GIT_COMMITTER_NAME: 'kill harness',
  GIT_COMMITTER_EMAIL: 'kill@example.invalid',
});

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: rootOf(dir), env: gitEnv(dir), encoding: 'utf8' });

export const runbookWorkload: Workload = {
  name: 'runbook',
  setup: async (dir) => {
    await copyFixture('runbook/done-run', rootOf(dir));
    await fsp.copyFile(fixture('runbook/orchestrator-stand-in.mjs'), standInOf(dir));
    await fsp.writeFile(join(rootOf(dir), 'workspace', 'results', 'result.txt'), 'done\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
  },
  step: async (ctx) => {
    const root = rootOf(ctx.dir);
    const o = { cwd: ctx.dir, asOf: AS_OF, env: gitEnv(ctx.dir) };
    const name = ctx.nextId();
    const orchestrator = JSON.stringify([process.execPath, standInOf(ctx.dir)]);
    await runOk(['runbook', 'checkpoint', '--root', root, '--name', name], o);
    await ctx.ack([name]);
    if (ctx.rng.chance(0.3))
      await runOk(
        ['runbook', 'rollback', '--root', root, '--as-of', AS_OF, '--orchestrator', orchestrator],
        o,
      );
  },
  layout: (dir): Layout => ({
    logs: [
      {
        file: join(rootOf(dir), '.git'),
        idOf: () => null,
        ids: async () =>
          git(dir, 'log', '--format=%s')
            .split('\n')
            .flatMap((s) => (s.startsWith('CHECKPOINT ') ? [s.slice('CHECKPOINT '.length)] : [])),
      },
    ],
    outputs: [],
    checkpoints: [],
    locks: [],
    scan: [join(rootOf(dir), 'logs'), join(rootOf(dir), 'workspace')],
  }),
};
