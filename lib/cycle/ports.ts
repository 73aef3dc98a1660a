// The effects an ops cycle and `cycle history` need, as parameters ("ports"): the runner builds them
// over the root's files (the Store, the log fold, the runner lock, the snapshot directory, worker
// processes, the heartbeat timer), a test builds them in memory, and the orchestration in
// cycle-run.ts and history-gather.ts stays free of I/O. Paths are root-relative (layout.ts).
import type { Either } from 'fp-ts/lib/Either.js';
import type { Cursor } from '../core/position.js';
import type { Positioned, Projection } from '../core/projection.js';
import type { Effect } from '../io/effects.js';
import type { Store } from '../io/store.js';
import type { OpsRunnerLock } from './codecs-safety.js';
import type { LockReading } from './lock-rules.js';
import type { BadLine } from './log-problems.js';
import type { WorkerOutcome, WorkerSpec } from './turn.js';

/** One log: how the cycle names it (root-relative) and how its lines are decoded and folded. */
export interface LogSpec<S, Ev> {
  readonly shown: string;
  readonly projection: Projection<S, Ev>;
  readonly decode: (v: unknown) => Either<string, Ev>;
}

export interface FoldFrom<S> {
  readonly state: S;
  readonly cursor: Cursor;
}

export interface Folded<S, Ev> extends FoldFrom<S> {
  /** The records folded by this call, in order (what a worker appended, when folding from a cursor). */
  readonly records: readonly Positioned<Ev>[];
  readonly bad: readonly BadLine[];
  /** Set when the file could not be read at all (permissions, a directory, refused …). */
  readonly unreadable: string | null;
}

/** Folds a log from `from` (default: its start); bad lines never stop the fold, a missing log is empty. */
export type FoldLog = <S, Ev>(log: LogSpec<S, Ev>, from?: FoldFrom<S>) => Promise<Folded<S, Ev>>;

export type Acquired =
  | { readonly kind: 'acquired'; readonly replaced: (LockReading & { kind: 'stale' }) | null }
  | { readonly kind: 'held'; readonly lock: OpsRunnerLock | null; readonly ageMs: number | null };

export interface LockClock {
  readonly asOfMs: number;
  readonly zone: string;
}

/** The origin's runner lock, state/ops_runner.lock. */
export interface CycleLock {
  /** Takes the lock for `lock.run_id` (a stale one is taken over), or reports who holds it. */
  acquire(lock: OpsRunnerLock, clock: LockClock): Promise<Acquired>;
  /** True when the lock still names `runId`. */
  owns(runId: string): Promise<boolean>;
  /** Rewrites the lock this run holds; false (nothing written) when it is not ours. */
  update(lock: OpsRunnerLock): Promise<boolean>;
  /** Removes the lock if this run still holds it. */
  release(runId: string): Promise<boolean>;
}

/** The snapshot directory: files are created, never replaced. */
export interface SnapshotDir {
  /** The snapshot file names, oldest first; none when the directory is missing. */
  names(): Promise<string[]>;
  /** Writes `text` as a new snapshot for `stamp` (the next free name); the file written. */
  writeNew(stamp: string, text: string): Promise<string>;
  /** True when a snapshot at or after `fromStamp` (every one when null) carries `runId`. */
  hasRun(runId: string, fromStamp: string | null): Promise<boolean>;
}

/** What `cycle history` reads through. */
export interface HistoryPorts {
  /** Every document under the root, confined to it. */
  readonly store: Store;
  readonly fold: FoldLog;
  readonly snapshots: SnapshotDir;
}

/** What one cycle runs through. */
export interface CyclePorts extends HistoryPorts {
  readonly lock: CycleLock;
  /** Applies appends to the ticket logs (confined to the root) in the edge's order. */
  apply(effects: readonly Effect[]): Promise<void>;
  /** Which of the allowlist's preflight paths fail (outside the root, or missing). */
  preflight(paths: readonly string[]): Promise<string[]>;
  runWorker(spec: WorkerSpec): Promise<WorkerOutcome>;
  /** Runs `run`, calling `beat` on the heartbeat interval until it settles. */
  withHeartbeat<T>(beat: () => Promise<unknown>, run: () => Promise<T>): Promise<T>;
  /** The wall clock, read only to measure elapsed time on top of asOf (finished_at, lock heartbeat). */
  now(): number;
  uuid(): string;
  /** The environment the worker inherits (OPSFOLD_* variables are added). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly pid: number;
  readonly host: string;
  /** Diagnostics (worker output tail on failure); stdout is never used. */
  log(line: string): void;
}
