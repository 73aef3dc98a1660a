// What git says about a repository, read through the git CLI (execFile, no shell): the files of
// base..HEAD, the commits of a range with their messages and files, and uncommitted changes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GitCommit, GitFacts } from '../../lib/harness/finish-facts.js';
import { CliError } from '../cli/errors.js';

const run = promisify(execFile);

/** Runs git in `repo`; a failure becomes a CliError naming the command and git's own message. */
export const git = async (repo: string, args: readonly string[]): Promise<string> => {
  try {
    const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: 64 << 20, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const first = (e.stderr ?? e.message).trim().split('\n')[0] ?? '';
    throw new CliError(`git ${args[0] ?? ''} failed in ${repo}`, [first]);
  }
};

const zList = (out: string): string[] => out.split('\0').filter((x) => x !== '');

/** The commits of a range (`A..B`), oldest first, with the files each one touched. */
export const commitsOf = async (repo: string, range: string): Promise<GitCommit[]> => {
  const shas = (await git(repo, ['log', '--reverse', '--format=%H', range]))
    .split('\n')
    .filter((x) => x !== '');
  const out: GitCommit[] = [];
  for (const sha of shas) {
    const [author = '', email = '', message = ''] = (
      await git(repo, ['show', '-s', '--format=%an%x00%ae%x00%B', sha])
    ).split('\0');
    const files = zList(
      await git(repo, ['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', sha]),
    );
    out.push({ sha, author, email, message: message.replace(/\n+$/, ''), files });
  }
  return out;
};

/** Paths with uncommitted changes (`git status --porcelain -z`), renames by their new path. */
export const dirtyFiles = async (repo: string): Promise<string[]> => {
  const entries = zList(await git(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all']));
  const out: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    out.push(e.slice(3));
    if (e[0] === 'R' || e[0] === 'C') i += 1;
  }
  return out.sort();
};

/** base..HEAD files and commits, and the working tree's dirt. */
export const gitFacts = async (repo: string, base: string): Promise<GitFacts> => {
  await git(repo, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  const range = `${base}..HEAD`;
  return {
    diffFiles: zList(await git(repo, ['diff', '--name-only', '-z', range])).sort(),
    commits: await commitsOf(repo, range),
    dirtyFiles: await dirtyFiles(repo),
  };
};
