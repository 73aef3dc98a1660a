// The git port of checkpoint and rollback (lib/runbook/git-steps.ts): execFile with an argument vector
// (no shell, so a checkpoint name or a commit id is never interpreted), run in the TOS root, with the
// command's environment. A failing git comes back as data; the steps decide what a failure means.
import { execFile } from 'node:child_process';
import { CliError } from '../cli/errors.js';

import type { Git } from '../../lib/runbook/git-steps.js';

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
