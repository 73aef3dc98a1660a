// What git says about a repository, asked through a `Git` port (the runner runs the git CLI with
// execFile, no shell; a test answers from a table): the files of base..HEAD, the commits of a range
// with their messages and files, and uncommitted changes. Parsing git's NUL-separated output is here.
import type { GitCommit, GitFacts } from './finish-facts.js';

/** Runs git with these arguments in the repository and resolves to its stdout; a failure rejects. */
export type Git = (args: readonly string[]) => Promise<string>;

const zList = (out: string): string[] => out.split('\0').filter((x) => x !== '');

/** The commits of a range (`A..B`), oldest first, with the files each one touched. */
export const commitsOf = async (git: Git, range: string): Promise<GitCommit[]> => {
  const shas = (await git(['log', '--reverse', '--format=%H', range])).split('\n').filter((x) => x !== '');
  const out: GitCommit[] = [];
  for (const sha of shas) {
    const [author = '', email = '', message = ''] = (
      await git(['show', '-s', '--format=%an%x00%ae%x00%B', sha])
    ).split('\0');
    const files = zList(await git(['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', sha]));
    out.push({ sha, author, email, message: message.replace(/\n+$/, ''), files });
  }
  return out;
};

/** Paths of `git status --porcelain=v1 -z` output, renames and copies by their new path, sorted. */
export const porcelainPaths = (out: string): string[] => {
  const entries = zList(out);
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    paths.push(e.slice(3));
    if (e[0] === 'R' || e[0] === 'C') i += 1;
  }
  return paths.sort();
};

/** base..HEAD files and commits, and the working tree's dirt. */
export const gitFacts = async (git: Git, base: string): Promise<GitFacts> => {
  await git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  const range = `${base}..HEAD`;
  return {
    diffFiles: zList(await git(['diff', '--name-only', '-z', range])).sort(),
    commits: await commitsOf(git, range),
    dirtyFiles: porcelainPaths(await git(['status', '--porcelain=v1', '-z', '--untracked-files=all'])),
  };
};
