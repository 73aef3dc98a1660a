// The commit-msg hook that enforces the `[task-N] [actor]` subject prefix (seed 004 §7.4), and what
// installing it over what is already there means: unchanged, installed, replaced, or refused (a hook
// opsfold did not write, without --force).
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

export type HookInstall = 'installed' | 'unchanged' | 'replaced' | 'refused';

/** Pure: what installing the hook does given the hook file's text (null when there is none). */
export const hookInstallOf = (existing: string | null, force: boolean): HookInstall => {
  if (existing === HOOK_SCRIPT) return 'unchanged';
  if (existing === null) return 'installed';
  if (!existing.includes(HOOK_TAG) && !force) return 'refused';
  return 'replaced';
};

/** Pure: whether a hook file's text is opsfold's hook (any version of this tag). */
export const isOpsfoldHook = (text: string): boolean => text.includes(HOOK_TAG);
