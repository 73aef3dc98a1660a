// The workspace of seed 004 under a root: memory/task-timers.json, memory/events/, .worktrees/,
// memory/reports/, and opsfold's own logs under memory/harness/. The file-system facts a gather needs
// come through `WorkspaceFs` (ports): the runner builds them over node's fs, a test in memory, so the
// gathers and passes in lib/harness read no file themselves.
import type * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { Projection } from '../core/projection.js';
import type { Effect } from '../io/effects.js';
import type { Store } from '../io/store.js';
import type { HarnessConfig } from './config.js';
import type { TaskTimers } from './input-codecs.js';

/** A regular file's stat; anything else (absent, a directory, unreadable) does not exist. */
export interface FileStat {
  readonly exists: boolean;
  readonly mtimeMs: number | null;
  readonly size: number;
}

export interface DirEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

export interface WorkspaceFs {
  /** The platform's path.join and path.relative, so recorded paths keep the platform's syntax. */
  join(...parts: string[]): string;
  relative(from: string, to: string): string;
  stat(file: string): Promise<FileStat>;
  /** The mtime of any existing path (a worktree directory); rejects when it cannot be stat'ed. */
  mtimeOf(path: string): Promise<number>;
  /** The entries of a directory sorted by name; none when it cannot be read. */
  list(dir: string): Promise<readonly DirEntry[]>;
  /** The first `bytes` bytes of a file as UTF-8, or null when it cannot be read. */
  readHead(file: string, bytes: number): Promise<string | null>;
  /** Folds a log of the workspace from its first line; a corrupt line or a refused path fails. */
  foldLog<S, Ev>(
    file: string,
    projection: Projection<S, Ev>,
    decode: (v: unknown) => E.Either<string, Ev>,
  ): Promise<S>;
  /** Creates a file unless it exists (never replaced). */
  createOnce(file: string, text: string): Promise<'created' | 'exists'>;
  /** Applies effects in the edge's crash-safe order. */
  apply(effects: readonly Effect[]): Promise<void>;
}

export interface Workspace {
  readonly root: string;
  /** Every workspace document and log is read and written through this, confined to the root. */
  readonly store: Store;
  readonly fs: WorkspaceFs;
  /** memory/task-timers.json, or no tasks when it does not exist; an invalid one fails the command. */
  readonly timers: () => Promise<TaskTimers>;
  readonly eventsDir: string;
  readonly timersFile: string;
  readonly reportsDir: string;
  readonly tasksDir: string;
  readonly worktreesDir: string;
  readonly harnessDir: string;
  readonly observationsLog: string;
  readonly watchdogLog: string;
  readonly collectLog: string;
  /** The runtime actor audit `harness actor-audit` appends (seed §7.4) and the L3 rule reads. */
  readonly actorAuditLog: string;
  readonly finishDir: string;
  readonly schedulerDir: string | null;
  readonly config: HarnessConfig;
}

export interface WorkspaceParts {
  readonly root: string;
  readonly store: Store;
  readonly fs: WorkspaceFs;
  /** Reads the task timers document at the path given (the runner's reader and its error wording). */
  readonly readTimers: (file: string) => Promise<TaskTimers>;
  readonly config: HarnessConfig;
  /** Already resolved against the root (the flag's, else the config's), or null. */
  readonly schedulerDir: string | null;
}

/** The layout of a workspace root. */
export const workspaceLayout = (p: WorkspaceParts): Workspace => {
  const { root, store, fs, readTimers, config } = p;
  const harnessDir = fs.join(root, 'memory', 'harness');
  const timersFile = fs.join(root, 'memory', 'task-timers.json');
  return {
    root,
    store,
    fs,
    config,
    schedulerDir: p.schedulerDir,
    timers: () => readTimers(timersFile),
    eventsDir: fs.join(root, 'memory', 'events'),
    timersFile,
    reportsDir: fs.join(root, 'memory', 'reports'),
    tasksDir: fs.join(root, 'memory', 'tasks'),
    worktreesDir: fs.join(root, '.worktrees'),
    harnessDir,
    observationsLog: fs.join(harnessDir, 'observations.jsonl'),
    watchdogLog: fs.join(harnessDir, 'watchdog.jsonl'),
    collectLog: fs.join(harnessDir, 'collect.jsonl'),
    actorAuditLog: fs.join(harnessDir, 'actor-audit.jsonl'),
    finishDir: fs.join(harnessDir, 'finish'),
  };
};

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A task id usable as a file-name prefix: one name of letters, digits, - and _ (no dots, no slashes). */
export const isTaskId = (taskId: string): boolean => TASK_ID.test(taskId);

/** A workspace document decoded leniently: anything but a decoded value is no evidence (null). */
export const readLenient = async <A>(
  store: Store,
  file: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<A | null> => {
  const got = await store.read(file, codec);
  return got.kind === 'found' ? got.value : null;
};
