// git for checkpoint and rollback: execFile with an argument vector (no shell, so a checkpoint name or a
// commit id is never interpreted), run in the TOS root, with the command's environment. A failing git
// comes back as data; the commands decide what a failure means.
import { execFile } from 'node:child_process';
import { CliError } from '../cli/errors.js';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type Git = (args: readonly string[]) => Promise<GitResult>;

/** A git runner for `root`; `env` is the command's environment (PATH from the process when it has none). */
export const gitIn =
  (root: string, env: NodeJS.ProcessEnv): Git =>
  (args) =>
    new Promise((resolvePromise, reject) => {
      execFile(
        'git',
        [...args],
        {
          cwd: root,
          env: { PATH: process.env['PATH'], ...env },
          maxBuffer: 32 * 1024 * 1024,
          encoding: 'utf8',
        },
        (err, stdout, stderr) => {
          const errno = (err as NodeJS.ErrnoException | null)?.code;
          if (errno === 'ENOENT') return reject(new CliError('git not found on PATH'));
          const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
          resolvePromise({ code, stdout, stderr });
        },
      );
    });

/** The lines of git's stderr (or stdout), for an error's detail. */
export const gitDetail = (r: GitResult): string[] =>
  (r.stderr.trim() || r.stdout.trim())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 20);

/** Runs git and fails with `errorLine` (git's output as detail) unless it exits 0. */
export const gitOk = async (git: Git, args: readonly string[], errorLine: string): Promise<string> => {
  const r = await git(args);
  if (r.code !== 0) throw new CliError(errorLine, gitDetail(r));
  return r.stdout;
};

/** Fails unless `root` is inside a git work tree. */
export const requireWorkTree = async (git: Git, rootArg: string): Promise<void> => {
  const r = await git(['rev-parse', '--is-inside-work-tree']);
  if (r.code !== 0 || r.stdout.trim() !== 'true') throw new CliError(`not a git work tree: ${rootArg}`);
};
