// opsfold runbook checkpoint and clean: cc_run.ps1 -Mode checkpoint (git add ., commit
// "CHECKPOINT <name>" even when nothing changed, hash to logs/last_checkpoint.txt) and the cleanup of
// cleanrun (the step logs, phase_summary.json, phase_state.json and job_result.json go).
import { promises as fsp } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { required, type Command } from '../cli/command.js';
import { CliError, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { rootFlag } from './flags.js';
import { settingsOf } from '../../lib/runbook/settings.js';
import { CONFIG_FILE, readConfig, tosRoot, tosPaths } from './gather.js';
import { gitIn, gitOk, type Git } from './git.js';

/** Fails unless `root` is inside a git work tree. */
export const requireWorkTree = async (git: Git, rootArg: string): Promise<void> => {
  const r = await git(['rev-parse', '--is-inside-work-tree']);
  if (r.code !== 0 || r.stdout.trim() !== 'true') throw new CliError(`not a git work tree: ${rootArg}`);
};

export const runbookCheckpoint: Command = {
  path: ['runbook', 'checkpoint'],
  title: 'commit a CHECKPOINT of a TOS root and record its hash',
  usage: '--root <path> --name <text>',
  summary:
    'git add . and git commit -m "CHECKPOINT <name>" --allow-empty in the root, save the commit hash to ' +
    'logs/last_checkpoint.txt (the default target of rollback) and print `checkpoint <hash>`.',
  flags: {
    root: rootFlag,
    name: { type: 'string', arg: 'text', help: 'The checkpoint name (e.g. S4_before_big_change). Required.' },
  },
  exits: { 0: 'committed', 1: 'not a git work tree, or git failed', 64: 'usage error' },
  notes: ["Git runs with the command's environment: the commit uses your git identity."],
  async run(v, _pos, io) {
    const rootArg = required(v, 'root');
    const name = required(v, 'name');
    if (/[\r\n]/.test(name)) throw usageError('--name must be one line');
    const root = tosRoot(io.cwd, rootArg);
    const git = gitIn(root, io.env);
    await requireWorkTree(git, rootArg);
    await gitOk(git, ['add', '.'], 'git add failed');
    await gitOk(git, ['commit', '-m', `CHECKPOINT ${name}`, '--allow-empty'], 'git commit failed');
    const hash = (await gitOk(git, ['rev-parse', 'HEAD'], 'git rev-parse failed')).trim();
    await writeFileAtomic(join(root, 'logs', 'last_checkpoint.txt'), `${hash}\n`);
    await writeOut(io.stdout, `checkpoint ${hash}\n`);
    return 0;
  },
};

const STEP_FILE = /^step_.*\.json$/;

const removeIfThere = async (file: string): Promise<boolean> => {
  try {
    await fsp.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError(`cannot remove ${file}`, [(err as Error).message]);
  }
};

export const runbookClean: Command = {
  path: ['runbook', 'clean'],
  title: 'remove what cleanrun removes from a TOS root',
  usage: '--root <path>',
  summary:
    'Remove logs/steps/step_*.json, logs/phase_summary.json, workspace/artifacts/phase_state.json and ' +
    "job_result.json (the config's paths), as cc_run.ps1 -Clean / cleanrun does before a run. Prints each file removed.",
  flags: { root: rootFlag },
  exits: {
    0: 'cleaned (nothing to remove is fine)',
    1: 'the root is missing or a file could not be removed',
    64: 'usage error',
  },
  async run(v, _pos, io) {
    const root = tosRoot(io.cwd, required(v, 'root'));
    const p = tosPaths(root, settingsOf(await readConfig(join(root, CONFIG_FILE), CONFIG_FILE)));
    const steps = (await fsp.readdir(p.stepsDir).catch(() => [] as string[]))
      .filter((n) => STEP_FILE.test(n))
      .sort()
      .map((n) => join(p.stepsDir, n));
    const lines = ['cleanup start'];
    for (const file of [...steps, p.phaseSummary, p.phaseState, p.jobResult])
      if (await removeIfThere(file)) lines.push(`removed ${relative(root, file)}`);
    lines.push('cleanup done');
    await writeOut(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  },
};
