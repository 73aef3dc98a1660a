// Cycle ports in memory, for the tests of the orchestration in lib/cycle: documents, ticket logs, the
// runner lock and snapshots are maps; the worker is a function of the ticket that returns the records
// it appends. Paths are the root-relative names of layout.ts.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { Positioned } from '../core/projection.js';
import type { DocRead, Store } from '../io/store.js';
import type { OpsRunnerLock } from './codecs-safety.js';
import type { TicketRequest } from './codecs-tickets.js';
import { SHOWN } from './layout.js';
import { decodeLock, readLock } from './lock-rules.js';
import type { BadLine } from './log-problems.js';
import type { CyclePorts, Folded, FoldFrom, LogSpec } from './ports.js';
import type { WorkerOutcome } from './turn.js';

/** What a memory root holds; tests read it back after a cycle. */
export interface MemoryRoot {
  readonly docs: Map<string, unknown>;
  readonly logs: Map<string, unknown[]>;
  readonly snapshots: Map<string, string>;
  lock: unknown;
  /** Preflight paths the root lacks. */
  readonly missing: readonly string[];
  /** The records a worker appends for `ticket` (by log name), and how it exits. */
  worker: (ticket: TicketRequest) => { appends: [string, object][]; exitCode: number };
  readonly workerRuns: TicketRequest[];
}

export const memoryRoot = (over: Partial<MemoryRoot> = {}): MemoryRoot => ({
  docs: new Map(),
  logs: new Map(),
  snapshots: new Map(),
  lock: null,
  missing: [],
  worker: () => ({ appends: [], exitCode: 0 }),
  workerRuns: [],
  ...over,
});

const read = async <A>(
  root: MemoryRoot,
  path: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<DocRead<A>> => {
  const snapshot = root.snapshots.get(path.slice(`${SHOWN.snapshots}/`.length));
  if (path.startsWith(`${SHOWN.snapshots}/`) && snapshot !== undefined)
    return readText(path, snapshot, codec);
  if (!root.docs.has(path)) return { kind: 'missing', path };
  const got = codec.decode(root.docs.get(path));
  if (E.isRight(got)) return { kind: 'found', path, value: got.right, bytes: 0, encoding: 'utf-8' };
  return {
    kind: 'problem',
    path,
    bytes: 0,
    problem: { kind: 'undecodable', reason: 'not of the codec' },
  } as DocRead<A>;
};

// A snapshot is text: one that is not JSON is unparsable.
const readText = <A>(path: string, text: string, codec: t.Type<A, unknown, unknown>): DocRead<A> => {
  try {
    const got = codec.decode(JSON.parse(text));
    if (E.isRight(got))
      return { kind: 'found', path, value: got.right, bytes: text.length, encoding: 'utf-8' };
  } catch {
    return {
      kind: 'problem',
      path,
      bytes: text.length,
      problem: { kind: 'unparsable', reason: 'not JSON' },
    } as DocRead<A>;
  }
  return {
    kind: 'problem',
    path,
    bytes: 0,
    problem: { kind: 'undecodable', reason: 'not of the codec' },
  } as DocRead<A>;
};

const append = (root: MemoryRoot, path: string, records: readonly unknown[]): void => {
  root.logs.set(path, [...(root.logs.get(path) ?? []), ...records]);
};

const store = (root: MemoryRoot): Store => ({
  root: '/root',
  read: (path, codec) => read(root, path, codec),
  write: async (path, value) => void root.docs.set(path, value),
  writeText: async (path, text) => void root.docs.set(path, String(text)),
  append: async (path, records) => append(root, path, records),
});

// The cursor counts records (byteOffset = lines), so a fold from it reads only what was appended since.
const fold = async <S, Ev>(
  root: MemoryRoot,
  log: LogSpec<S, Ev>,
  from?: FoldFrom<S>,
): Promise<Folded<S, Ev>> => {
  const lines = root.logs.get(log.shown) ?? [];
  let state = from?.state ?? log.projection.initial;
  const records: Positioned<Ev>[] = [];
  const bad: BadLine[] = [];
  for (let i = from?.cursor.lines ?? 0; i < lines.length; i += 1) {
    const position = { line: i + 1, byteOffset: i };
    const decoded = log.decode(lines[i]);
    if (E.isLeft(decoded)) bad.push({ file: log.shown, ...position, reason: decoded.left });
    else {
      const event = { value: decoded.right, position };
      state = log.projection.evolve(state, event);
      records.push(event);
    }
  }
  return { state, cursor: { byteOffset: lines.length, lines: lines.length }, records, bad, unreadable: null };
};

const runId = (text: string): unknown => (JSON.parse(text) as { run_id?: unknown }).run_id;

/** Ports over `root`: a fixed clock and counting ids. */
export const memoryPorts = (root: MemoryRoot): CyclePorts => {
  let ids = 0;
  const owns = async (id: string) => (root.lock as { run_id?: unknown } | null)?.run_id === id;
  return {
    store: store(root),
    fold: (log, from) => fold(root, log, from),
    snapshots: {
      names: async () => [...root.snapshots.keys()].sort(),
      writeNew: async (stamp, text) => {
        const name = `ops_run_${stamp}${root.snapshots.has(`ops_run_${stamp}.json`) ? '_2' : ''}.json`;
        root.snapshots.set(name, text);
        return name;
      },
      hasRun: async (id) => [...root.snapshots.values()].some((text) => runId(text) === id),
    },
    lock: {
      acquire: async (lock: OpsRunnerLock, clock) => {
        if (root.lock === null) return ((root.lock = lock), { kind: 'acquired', replaced: null });
        const reading = readLock(decodeLock(root.lock), clock.asOfMs, clock.zone);
        if (reading.kind === 'held') return { kind: 'held', lock: reading.lock, ageMs: reading.ageMs };
        root.lock = lock;
        return { kind: 'acquired', replaced: reading };
      },
      owns,
      update: async (lock) => (await owns(lock.run_id)) && ((root.lock = lock), true),
      release: async (id) => (await owns(id)) && ((root.lock = null), true),
    },
    apply: async (effects) => {
      for (const e of effects) if (e.kind === 'append') append(root, e.path, e.records);
    },
    preflight: async (paths) => paths.filter((p) => root.missing.includes(p)).map((p) => `missing ${p}`),
    runWorker: async (spec): Promise<WorkerOutcome> => {
      const ticket = JSON.parse(spec.stdin) as TicketRequest;
      root.workerRuns.push(ticket);
      const ran = root.worker(ticket);
      for (const [path, record] of ran.appends) append(root, path, [record]);
      return { exitCode: ran.exitCode, signal: null, timedOut: false, spawnError: null, outputTail: '' };
    },
    withHeartbeat: (_beat, run) => run(),
    now: () => 0,
    uuid: () => `id-${(ids += 1)}`,
    env: {},
    pid: 1,
    host: 'memory',
    log: () => undefined,
  };
};
