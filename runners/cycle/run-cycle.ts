// The ops cycle's ports over a root's files (lib/cycle/ports.ts): the confined Store and log fold, the
// runner lock file, the snapshot directory, preflight paths, the worker process and its heartbeat timer.
// The cycle itself is lib/cycle/run-cycle.ts.
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CycleOptions } from '../../lib/cycle/context.js';
import { SHOWN } from '../../lib/cycle/layout.js';
import type { CyclePorts, HistoryPorts } from '../../lib/cycle/ports.js';
import { runOpsCycle, type CycleResult } from '../../lib/cycle/run-cycle.js';
import type { WorkerOutcome, WorkerSpec } from '../../lib/cycle/turn.js';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import { applyEffects } from '../../lib/io/effects.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import { CliError } from '../cli/errors.js';
import { foldLog } from './fold-log.js';
import { acquireLock, ownsLock, releaseLock, updateLock } from './lock-file.js';
import { hasSnapshotOfRun, snapshotNames, writeNewSnapshot } from './snapshot-file.js';

/** What a cycle injects besides the root's files: clock, ids, worker, environment, the ticket-log append. */
export interface CycleDeps {
  readonly now: () => number;
  readonly uuid: () => string;
  readonly runWorker: (spec: WorkerSpec) => Promise<WorkerOutcome>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly heartbeatMs: number;
  readonly pid: number;
  readonly host: string;
  readonly log: (line: string) => void;
  /** Appends records to a ticket log (one write each, under the log's lock): lib/io's appendJsonl. */
  readonly append: (file: string, records: readonly unknown[]) => Promise<void>;
}

/** The ports `cycle history` reads through. */
export const historyPorts = (root: string): HistoryPorts => {
  const snapshots = join(root, SHOWN.snapshots);
  return {
    store: fileStore(root),
    fold: (log, from) => foldLog(root, log, from),
    snapshots: {
      names: () => snapshotNames(snapshots),
      writeNew: (stamp, text) => writeNewSnapshot(root, snapshots, stamp, text),
      hasRun: (runId, fromStamp) => hasSnapshotOfRun(snapshots, runId, fromStamp),
    },
  };
};

// Appends go through the injected append, to a log whose real place must stay under the root.
const appendingStore = (root: string, store: Store, deps: CycleDeps): Store => ({
  ...store,
  append: async (path, records) => {
    const file = resolve(root, path);
    const c = await confine(root, file);
    if (!c.ok) throw new ConfinementError(c.path, c.reason);
    await deps.append(file, records);
  },
});

const preflightFailures = async (root: string, paths: readonly string[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const p of paths) {
    const abs = resolve(root, p);
    const rel = relative(root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) failures.push(`outside the root: ${p}`);
    else if ((await fsp.stat(abs).catch(() => null)) === null) failures.push(`missing ${p}`);
  }
  return failures;
};

const withHeartbeat =
  (everyMs: number): CyclePorts['withHeartbeat'] =>
  async (beat, run) => {
    const timer = setInterval(() => void beat().catch(() => undefined), everyMs);
    timer.unref();
    try {
      return await run();
    } finally {
      clearInterval(timer);
    }
  };

/** The cycle's ports over `root`'s files, with `deps`' clock, ids, worker and append. */
export const cyclePorts = (root: string, deps: CycleDeps): CyclePorts => {
  const history = historyPorts(root);
  const lock = join(root, SHOWN.lock);
  const targets = { store: appendingStore(root, history.store, deps) };
  return {
    ...history,
    lock: {
      acquire: (content, clock) => acquireLock(lock, content, clock),
      owns: (runId) => ownsLock(lock, runId),
      update: (content) => updateLock(lock, content),
      release: (runId) => releaseLock(lock, runId),
    },
    apply: async (effects) => {
      await applyEffects(targets, effects);
    },
    preflight: (paths) => preflightFailures(root, paths),
    runWorker: deps.runWorker,
    withHeartbeat: withHeartbeat(deps.heartbeatMs),
    now: deps.now,
    uuid: deps.uuid,
    env: deps.env,
    pid: deps.pid,
    host: deps.host,
    log: deps.log,
  };
};

/** Runs one ops cycle on `opts.root` and writes its snapshot. Throws (CliError) only when no snapshot can be written. */
export const runCycle = async (opts: CycleOptions, deps: CycleDeps): Promise<CycleResult> => {
  const isDir = (await fsp.stat(opts.root).catch(() => null))?.isDirectory() === true;
  if (!isDir)
    throw new CliError(`root not found: ${opts.root}`, ['--root must be the directory holding state/']);
  return runOpsCycle(cyclePorts(opts.root, deps), opts);
};
