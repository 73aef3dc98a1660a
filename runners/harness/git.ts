// Runs the git CLI in a repository (execFile, no shell) for lib/harness/git-facts.ts, and where a
// repository keeps its commit-msg hook (core.hooksPath respected through `git rev-parse --git-path`).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Git } from '../../lib/harness/git-facts.js';
import { CliError } from '../cli/errors.js';

const run = promisify(execFile);

/** git in `repo`; a failure becomes a CliError naming the command and git's own message. */
export const gitIn =
  (repo: string): Git =>
  async (args) => {
    try {
      const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: 64 << 20, encoding: 'utf8' });
      return stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      const first = (e.stderr ?? e.message).trim().split('\n')[0] ?? '';
      throw new CliError(`git ${args[0] ?? ''} failed in ${repo}`, [first]);
    }
  };

/** Absolute path of the repository's commit-msg hook. */
export const hookPathOf = async (repo: string): Promise<string> =>
  resolve(repo, (await gitIn(repo)(['rev-parse', '--git-path', 'hooks/commit-msg'])).trim());
