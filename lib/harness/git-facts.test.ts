import { describe, expect, it } from 'vitest';
import { commitsOf, gitFacts, porcelainPaths, type Git } from './git-facts.js';

// A git that answers from a table keyed by its arguments, recording what it was asked.
const tableGit =
  (answers: Record<string, string>, asked: string[] = []): Git =>
  async (args) => {
    const key = args.join(' ');
    asked.push(key);
    const out = answers[key];
    if (out === undefined) throw new Error(`unexpected git ${key}`);
    return out;
  };

const ONE_COMMIT = {
  'log --reverse --format=%H main..HEAD': 'c1\n',
  'show -s --format=%an%x00%ae%x00%B c1': 'vulcan\0vulcan@bots.local\0[task-1] [vulcan] fix\n\n',
  'diff-tree --no-commit-id --name-only -r -z --root c1': 'src/a.ts\0src/b.ts\0',
};

describe('commitsOf', () => {
  it('given a range with one commit, returns its author, trimmed message and files', async () => {
    expect(await commitsOf(tableGit(ONE_COMMIT), 'main..HEAD')).toEqual([
      {
        sha: 'c1',
        author: 'vulcan',
        email: 'vulcan@bots.local',
        message: '[task-1] [vulcan] fix',
        files: ['src/a.ts', 'src/b.ts'],
      },
    ]);
  });
});

describe('porcelainPaths', () => {
  it('takes renames and copies by their new path and skips the old one', () => {
    expect(porcelainPaths(' M z.ts\0R  new.ts\0old.ts\0?? a.ts\0')).toEqual(['a.ts', 'new.ts', 'z.ts']);
  });
});

describe('gitFacts', () => {
  it('checks the base first, then reads the diff, the commits and the dirt', async () => {
    const asked: string[] = [];
    const git = tableGit(
      {
        ...ONE_COMMIT,
        'rev-parse --verify --quiet main^{commit}': 'b0\n',
        'diff --name-only -z main..HEAD': 'src/b.ts\0src/a.ts\0',
        'status --porcelain=v1 -z --untracked-files=all': '?? notes.md\0',
      },
      asked,
    );
    const facts = await gitFacts(git, 'main');
    expect(facts.diffFiles).toEqual(['src/a.ts', 'src/b.ts']);
    expect(facts.dirtyFiles).toEqual(['notes.md']);
    expect(facts.commits.map((c) => c.sha)).toEqual(['c1']);
    expect(asked[0]).toBe('rev-parse --verify --quiet main^{commit}');
  });
});
