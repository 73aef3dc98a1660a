// The checkpoint and rollback git steps over a scripted git: what is run, in which order, and what a
// failing git means.
import { describe, expect, it } from 'vitest';
import {
  commitCheckpoint,
  fetchIfRemote,
  refuseDirty,
  resetAndClean,
  rollbackHash,
  rollbackRoot,
  type Git,
  type GitResult,
} from './git-steps.js';
import { RunbookError } from './runbook-error.js';

const ok = (stdout = ''): GitResult => ({ code: 0, stdout, stderr: '' });
const scripted = (answer: (args: readonly string[]) => GitResult) => {
  const calls: string[] = [];
  const git: Git = async (args) => {
    calls.push(args.join(' '));
    return answer(args);
  };
  return { git, calls };
};

describe('given a checkpoint', () => {
  it('adds, commits even when nothing changed, and answers the new hash', async () => {
    const { git, calls } = scripted((a) => ok(a[0] === 'rev-parse' ? 'abc123\n' : ''));
    expect(await commitCheckpoint(git, 'S4')).toBe('abc123');
    expect(calls).toEqual(['add .', 'commit -m CHECKPOINT S4 --allow-empty', 'rev-parse HEAD']);
  });

  it('a failing commit is an error carrying git’s output', async () => {
    const { git } = scripted((a) =>
      a[0] === 'commit' ? { code: 1, stdout: '', stderr: 'no identity\n' } : ok(),
    );
    await expect(commitCheckpoint(git, 'S4')).rejects.toMatchObject({
      errorLine: 'git commit failed',
      details: ['no identity'],
    });
  });
});

describe('given a rollback', () => {
  it('a dirty tree is refused with its status lines', async () => {
    const { git } = scripted(() => ok(' M a.txt\n?? b.txt\n'));
    await expect(refuseDirty(git)).rejects.toMatchObject({ details: [' M a.txt', '?? b.txt'] });
  });

  it('the target is --target, else the saved checkpoint; none at all, or an option-like one, is refused', async () => {
    const { git, calls } = scripted(() => ok('fff\n'));
    expect(await rollbackHash(git, undefined, new TextEncoder().encode('abc\n'))).toBe('fff');
    expect(calls).toEqual(['rev-parse --verify --quiet abc^{commit}']);
    await expect(rollbackHash(git, undefined, null)).rejects.toThrow(RunbookError);
    await expect(rollbackHash(git, '-x', null)).rejects.toMatchObject({ usage: true });
  });

  it('fetches only with a remote, and a failed fetch is a note', async () => {
    expect(await fetchIfRemote(scripted(() => ok('')).git)).toBeNull();
    const failing = scripted((a) =>
      a[0] === 'fetch' ? { code: 1, stdout: '', stderr: 'offline' } : ok('origin\n'),
    );
    expect(await fetchIfRemote(failing.git)).toBe(
      'note: git fetch failed, rolling back to local history\n  offline\n',
    );
  });

  it('resets hard, then cleans keeping the saved checkpoint under the root’s prefix', async () => {
    const { git, calls } = scripted((a) => ok(a[0] === 'rev-parse' ? 'sub/\n' : ''));
    await resetAndClean(git, 'fff');
    expect(calls).toEqual([
      'reset --hard fff',
      'rev-parse --show-prefix',
      'clean -fd -e /sub/logs/last_checkpoint.txt',
    ]);
  });
});

describe('given a clean tree with a saved checkpoint and a remote that cannot be reached', () => {
  it('rolls back to the saved commit, tells the failed fetch, and puts the saved file back', async () => {
    const { git, calls } = scripted((a) => {
      if (a[0] === 'fetch') return { code: 1, stdout: '', stderr: 'offline' };
      if (a[0] === 'remote') return ok('origin\n');
      if (a[0] === 'rev-parse' && a[1] === '--is-inside-work-tree') return ok('true\n');
      if (a[0] === 'rev-parse' && a[1] === '--verify') return ok('abc\n');
      return ok('');
    });
    const told: string[] = [];
    const restored: (Uint8Array | null)[] = [];
    const kept = new TextEncoder().encode('abc\n');
    const hash = await rollbackRoot(
      {
        git,
        readKept: async () => kept,
        restoreKept: async (k) => void restored.push(k),
        note: (t) => void told.push(t),
      },
      { rootArg: 'root', target: undefined },
    );
    expect(hash).toBe('abc');
    expect(told).toEqual(['note: git fetch failed, rolling back to local history\n  offline\n']);
    expect(restored).toEqual([kept]);
    expect(calls.indexOf('reset --hard abc')).toBeGreaterThan(calls.indexOf('fetch'));
  });
});
