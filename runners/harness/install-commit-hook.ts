// opsfold harness install-commit-hook: installs the commit-msg hook that enforces `[task-N] [actor]`
// (seed 004 §7.4). Atomic and idempotent; a different hook already in place is refused unless --force.
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { required, type Command } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { HOOK_SCRIPT, hookInstallOf } from '../../lib/harness/commit-hook.js';
import { hookPathOf } from './git.js';
import { commonExits } from './flags.js';

export const harnessInstallCommitHook: Command = {
  path: ['harness', 'install-commit-hook'],
  prints: 'json',
  title: 'install the commit-msg hook enforcing the [task-N] [actor] prefix',
  usage: '--repo <dir> [--force]',
  summary:
    'Install a commit-msg hook (POSIX sh) that rejects commits whose first line does not start with ' +
    '`[task-N] [actor] ` (Merge/Revert/fixup!/squash!/amend! subjects pass). Respects core.hooksPath.',
  flags: {
    repo: { type: 'string', arg: 'dir', help: 'Git repository.' },
    force: { type: 'boolean', help: 'Replace a commit-msg hook that opsfold did not write.' },
  },
  exits: {
    ...commonExits,
    [EXIT.error]: `${commonExits[EXIT.error]}; a foreign commit-msg hook exists (use --force)`,
  },
  async run(v, _pos, io) {
    const repo = resolve(io.cwd, required(v, 'repo'));
    const hook = await hookPathOf(repo);
    const existing = await fsp.readFile(hook, 'utf8').catch(() => null);
    const action = hookInstallOf(existing, v['force'] === true);
    if (action === 'refused')
      throw new CliError(`a commit-msg hook already exists: ${hook}`, [
        'it was not written by opsfold; rerun with --force to replace it',
      ]);
    if (action !== 'unchanged') await writeFileAtomic(hook, HOOK_SCRIPT);
    await fsp.chmod(hook, 0o755);
    await writeOut(io.stdout, stableJson({ action, hook }));
    return 0;
  },
};
