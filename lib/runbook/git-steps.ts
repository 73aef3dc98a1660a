// The git steps of `runbook checkpoint` and `runbook rollback` (cc_run.ps1 -Mode checkpoint/rollback),
// over a git port: the runner runs git with an argument vector (no shell, so a checkpoint name or a
// commit id is never interpreted) in the TOS root; a failing git comes back as data and these steps
// decide what it means (a RunbookError with git's own output as detail).
import { LAST_CHECKPOINT, rollbackTargetOf } from './checkpoint-file.js';
import { RunbookError } from './runbook-error.js';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type Git = (args: readonly string[]) => Promise<GitResult>;

/** Pure: the lines of git's stderr (or stdout), for an error's detail. */
export const gitDetail = (r: GitResult): string[] =>
  (r.stderr.trim() || r.stdout.trim())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 20);

/** Runs git and fails with `errorLine` (git's output as detail) unless it exits 0. */
export const gitOk = async (git: Git, args: readonly string[], errorLine: string): Promise<string> => {
  const r = await git(args);
  if (r.code !== 0) throw new RunbookError(errorLine, gitDetail(r));
  return r.stdout;
};

/** Fails unless the root is inside a git work tree. */
export const requireWorkTree = async (git: Git, rootArg: string): Promise<void> => {
  const r = await git(['rev-parse', '--is-inside-work-tree']);
  if (r.code !== 0 || r.stdout.trim() !== 'true') throw new RunbookError(`not a git work tree: ${rootArg}`);
};

/** git add ., commit "CHECKPOINT <name>" (even when nothing changed); the new commit's hash. */
export const commitCheckpoint = async (git: Git, name: string): Promise<string> => {
  await gitOk(git, ['add', '.'], 'git add failed');
  await gitOk(git, ['commit', '-m', `CHECKPOINT ${name}`, '--allow-empty'], 'git commit failed');
  return (await gitOk(git, ['rev-parse', 'HEAD'], 'git rev-parse failed')).trim();
};

/** Refuses a dirty tree (the saved checkpoint file aside: it is kept across the rollback). */
export const refuseDirty = async (git: Git): Promise<void> => {
  const status = await gitOk(
    git,
    ['status', '--porcelain', '--', ':/', `:(exclude)${LAST_CHECKPOINT}`],
    'git status failed',
  );
  const lines = status.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0) throw new RunbookError('working tree is dirty, commit or stash changes first', lines);
};

/** The commit to roll back to (--target, else the saved checkpoint), verified to exist. */
export const rollbackHash = async (git: Git, given: string | undefined, kept: Uint8Array | null) => {
  const target = rollbackTargetOf(given, kept);
  if (target === null) throw new RunbookError(`--target required (no ${LAST_CHECKPOINT} found)`);
  if (target.startsWith('-')) throw new RunbookError(`not a commit: ${target}`, [], true);
  const hash = await gitOk(
    git,
    ['rev-parse', '--verify', '--quiet', `${target}^{commit}`],
    `unknown commit: ${target}`,
  );
  return hash.trim();
};

/** git fetch when a remote exists; a failed fetch is a note (the rollback uses local history). */
export const fetchIfRemote = async (git: Git): Promise<string | null> => {
  const remotes = await git(['remote']);
  if (remotes.code !== 0 || remotes.stdout.trim() === '') return null;
  const r = await git(['fetch']);
  if (r.code === 0) return null;
  return `note: git fetch failed, rolling back to local history\n${gitDetail(r)
    .map((l) => `  ${l}\n`)
    .join('')}`;
};

/** git reset --hard, then git clean -fd keeping the saved checkpoint file. */
export const resetAndClean = async (git: Git, hash: string): Promise<void> => {
  await gitOk(git, ['reset', '--hard', hash], 'git reset failed');
  const prefix = (await gitOk(git, ['rev-parse', '--show-prefix'], 'git rev-parse failed')).trim();
  await gitOk(git, ['clean', '-fd', '-e', `/${prefix}${LAST_CHECKPOINT}`], 'git clean failed');
};

/** What a rollback needs besides git: the saved checkpoint file, kept across the reset and clean. */
export interface RollbackPorts {
  readonly git: Git;
  /** The saved checkpoint file's bytes (null: there is none). */
  readKept(): Promise<Uint8Array | null>;
  /** Puts the saved checkpoint file back as it was, when the reset or the clean changed it. */
  restoreKept(kept: Uint8Array | null): Promise<void>;
  /** Tells the operator (stderr). */
  note(text: string): void;
}

/** cc_run.ps1 -Mode rollback: refuses a dirty tree, resolves the target, fetches when there is a
 *  remote, resets and cleans keeping the saved checkpoint; the commit rolled back to. */
export const rollbackRoot = async (
  ports: RollbackPorts,
  o: { readonly rootArg: string; readonly target: string | undefined },
): Promise<string> => {
  await requireWorkTree(ports.git, o.rootArg);
  await refuseDirty(ports.git);
  const kept = await ports.readKept();
  const hash = await rollbackHash(ports.git, o.target, kept);
  const fetchNote = await fetchIfRemote(ports.git);
  if (fetchNote !== null) ports.note(fetchNote);
  await resetAndClean(ports.git, hash);
  await ports.restoreKept(kept);
  return hash;
};
