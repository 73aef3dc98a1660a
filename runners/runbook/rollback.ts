// opsfold runbook rollback: cc_run.ps1 -Mode rollback. Refuses a dirty tree; resolves the target
// (--target, else logs/last_checkpoint.txt); git fetch when a remote exists; git reset --hard and
// git clean -fd, keeping logs/last_checkpoint.txt; prints `rollback <hash>`; then the test verdict
// over the restored root, with the same summary file; exit 1 when that test fails.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { confine } from '../../lib/io/confine.js';
import { LAST_CHECKPOINT, rollbackTargetOf } from '../../lib/runbook/checkpoint-file.js';
import { asOfFlag } from '../cli/clock.js';
import { required, str, type Command, type Io } from '../cli/command.js';
import { CliError, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { writeTextConfined } from './apply.js';
import { rootFlag, summaryFileFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { gitDetail, gitIn, gitOk, requireWorkTree, type Git } from './git.js';
import { runTest } from './test-mode.js';

const readKept = async (root: string, file: string): Promise<Buffer | null> => {
  const c = await confine(root, file);
  if (!c.ok) throw new CliError(`cannot read ${LAST_CHECKPOINT}`, [`refused: ${c.reason}`]);
  // A FIFO would block the read forever: only a regular file is the checkpoint.
  const st = await fsp.stat(c.real).catch(() => null);
  if (st !== null && !st.isFile())
    throw new CliError(`cannot read ${LAST_CHECKPOINT}`, ['refused: not a regular file']);
  return fsp.readFile(c.real).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new CliError(`cannot read ${LAST_CHECKPOINT}`, [err.message]);
  });
};

const refuseDirty = async (git: Git): Promise<void> => {
  const status = await gitOk(
    git,
    ['status', '--porcelain', '--', ':/', `:(exclude)${LAST_CHECKPOINT}`],
    'git status failed',
  );
  const lines = status.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0) throw new CliError('working tree is dirty, commit or stash changes first', lines);
};

const fetchIfRemote = async (git: Git, io: Io): Promise<void> => {
  const remotes = await git(['remote']);
  if (remotes.code !== 0 || remotes.stdout.trim() === '') return;
  const r = await git(['fetch']);
  if (r.code !== 0)
    io.stderr.write(
      `note: git fetch failed, rolling back to local history\n${gitDetail(r)
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
};

const resetAndClean = async (git: Git, hash: string): Promise<void> => {
  await gitOk(git, ['reset', '--hard', hash], 'git reset failed');
  const prefix = (await gitOk(git, ['rev-parse', '--show-prefix'], 'git rev-parse failed')).trim();
  await gitOk(git, ['clean', '-fd', '-e', `/${prefix}${LAST_CHECKPOINT}`], 'git clean failed');
};

const restoreKept = async (root: string, file: string, kept: Buffer | null): Promise<void> => {
  if (kept === null) return;
  const now = await fsp.readFile(file).catch(() => null);
  if (now === null || !now.equals(kept)) await writeTextConfined(root, file, kept);
};

export const runbookRollback: Command = {
  path: ['runbook', 'rollback'],
  title: 'reset a TOS root to a checkpoint, then run the test verdict',
  usage: '--root <path> [--target <commit>] [--summary-file F] [--as-of RFC3339]',
  summary:
    'Refuse a dirty working tree; roll back to --target (default: the hash in logs/last_checkpoint.txt) with git ' +
    'fetch (when a remote exists), git reset --hard and git clean -fd, keeping logs/last_checkpoint.txt; print ' +
    '`rollback <hash>`; then print the test verdict over the restored root (as `runbook test`, with the same ' +
    '--summary-file).',
  flags: {
    root: rootFlag,
    target: {
      type: 'string',
      arg: 'commit',
      help: 'Commit to roll back to. Default: logs/last_checkpoint.txt',
    },
    'summary-file': summaryFileFlag,
    'as-of': asOfFlag,
  },
  exits: {
    0: 'rolled back and the test passed',
    1: 'dirty tree, no target, unknown commit, git failed, or the test after rollback failed',
    64: 'usage error',
  },
  async run(v, _pos, io) {
    const rootArg = required(v, 'root');
    const given = str(v, 'target');
    const root = tosRoot(io.cwd, rootArg);
    const git = gitIn(root, io.env);
    await requireWorkTree(git, rootArg);
    await refuseDirty(git);
    const keptFile = join(root, LAST_CHECKPOINT);
    const kept = await readKept(root, keptFile);
    const target = rollbackTargetOf(given, kept);
    if (target === null) throw new CliError(`--target required (no ${LAST_CHECKPOINT} found)`);
    if (target.startsWith('-')) throw usageError(`not a commit: ${target}`);
    const hash = (
      await gitOk(
        git,
        ['rev-parse', '--verify', '--quiet', `${target}^{commit}`],
        `unknown commit: ${target}`,
      )
    ).trim();
    await fetchIfRemote(git, io);
    await resetAndClean(git, hash);
    await restoreKept(root, keptFile, kept);
    await writeOut(io.stdout, `rollback ${hash}\n`);
    const verdict = await runTest(root, io, v);
    if (verdict.decision.value === 'passed') return 0;
    await writeOut(io.stdout, 'test after rollback failed\n');
    return 1;
  },
};
