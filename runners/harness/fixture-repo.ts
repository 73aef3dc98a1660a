// Builds a real git repository from a fixture description (fixtures/harness/*/repo.json): commits on
// main, then on the task branch, then uncommitted dirt. Identity is set per commit with `-c` flags, never
// through the user's global git configuration. Used by the demo and the tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface FixtureCommit {
  readonly author: string;
  readonly message: string;
  readonly files: Readonly<Record<string, string>>;
}

interface FixtureRepo {
  readonly base: readonly FixtureCommit[];
  readonly task: readonly FixtureCommit[];
  readonly dirty: Readonly<Record<string, string>>;
}

/** Runs git in `cwd` as `author` (`<author>@bots.local`), with signing off and no hooks of the user's. */
export const gitAs = (cwd: string, author: string, args: readonly string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      `user.name=${author}`,
      '-c',
      `user.email=${author}@bots.local`,
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );

const write = (dir: string, files: Readonly<Record<string, string>>): void => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
};

const commit = (dir: string, c: FixtureCommit): void => {
  write(dir, c.files);
  gitAs(dir, c.author, ['add', '--', ...Object.keys(c.files)]);
  gitAs(dir, c.author, ['commit', '-q', '--no-verify', '-m', c.message]);
};

/** Creates the repository in `dir` (branch main, then branch `task`) and returns `dir`. */
export const buildFixtureRepo = (fixtureFile: string, dir: string): string => {
  const spec = JSON.parse(readFileSync(fixtureFile, 'utf8')) as FixtureRepo;
  mkdirSync(dir, { recursive: true });
  gitAs(dir, 'opsfold', ['init', '-q', '-b', 'main']);
  spec.base.forEach((c) => commit(dir, c));
  gitAs(dir, 'opsfold', ['checkout', '-q', '-b', 'task']);
  spec.task.forEach((c) => commit(dir, c));
  write(dir, spec.dirty);
  return dir;
};
