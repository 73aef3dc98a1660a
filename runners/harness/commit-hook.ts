// The commit-msg hook that enforces the `[task-N] [actor]` subject prefix (seed 004 §7.4), and where a
// repository keeps it (core.hooksPath respected through `git rev-parse --git-path`).
import { resolve } from 'node:path';
import { git } from './git.js';

export const HOOK_TAG = 'opsfold-harness-commit-msg v1';

export const HOOK_SCRIPT = `#!/bin/sh
# ${HOOK_TAG}: the first line of every commit message starts with [task-N] [actor] (seed 004 §7.4).
first=$(head -n 1 "$1")
case "$first" in
  Merge\\ *|Revert\\ *|fixup!\\ *|squash!\\ *|amend!\\ *) exit 0 ;;
esac
if printf '%s\\n' "$first" | grep -Eq '^\\[task-[0-9A-Za-z_-]+\\] \\[[A-Za-z0-9_.-]+\\] [^ ]'; then
  exit 0
fi
echo "commit-msg: the first line must start with [task-N] [actor] (got: $first)" >&2
exit 1
`;

/** Absolute path of the repository's commit-msg hook. */
export const hookPathOf = async (repo: string): Promise<string> =>
  resolve(repo, (await git(repo, ['rev-parse', '--git-path', 'hooks/commit-msg'])).trim());
