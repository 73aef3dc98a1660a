// A dashboard edge in memory for the read model's tests: documents in a map, logs as arrays of
// records, a signature the test moves on, and a fold that answers from the logs it is given.
import * as E from 'fp-ts/lib/Either.js';
import type { DocRead, Store } from '../io/store.js';
import { MANAGER_FILES, type ManagerFileKey } from '../loop/layout.js';
import { escalationsProjection } from '../loop/escalations.js';
import { fold, type Positioned, type Projection } from '../core/projection.js';
import { loopEventsProjection } from '../loop/events-projection.js';
import { eventsIndexProjection } from './events-index.js';
import { unreadOutcome, type FoldOutcome } from './fold-outcome.js';
import type { LoopFiles } from './loop-files.js';
import type { FoldedLogs } from './loop-view.js';
import type { ArtifactState } from './outputs.js';
import type { DashboardEdge } from './read-model.js';
import { WINDOWS, type RecordWindow, type Windows } from './windows.js';

export const ROOT = '/r';

/** A read-only Store over `docs` (repo-relative or absolute paths to parsed JSON). */
export const memoryStore = (docs: ReadonlyMap<string, unknown>): Store => ({
  root: ROOT,
  read: <A>(path: string, codec: { decode(u: unknown): E.Either<unknown, A> }) => {
    const value = docs.get(path);
    if (value === undefined) return Promise.resolve<DocRead<A>>({ kind: 'missing', path });
    const got = codec.decode(value);
    if (E.isLeft(got)) throw new Error(`memory store: ${path} does not decode`);
    return Promise.resolve<DocRead<A>>({
      kind: 'found',
      path,
      value: got.right,
      bytes: 1,
      encoding: 'utf-8',
    });
  },
  write: () => Promise.reject(new Error('memory store: read only')),
  writeText: () => Promise.reject(new Error('memory store: read only')),
  append: () => Promise.reject(new Error('memory store: read only')),
});

/** The files of `loopId` under ROOT, shown relative to it. */
export const memoryFiles = (loopId: string): LoopFiles => {
  const managerDir = `${ROOT}/.superloop/ops-manager/${loopId}`;
  const loopDir = `${ROOT}/.superloop/loops/${loopId}`;
  const manager = Object.fromEntries(
    Object.entries(MANAGER_FILES).map(([k, rel]) => [k, [managerDir, ...rel].join('/')]),
  ) as Record<ManagerFileKey, string>;
  return {
    root: ROOT,
    paths: {
      loopDir,
      events: `${loopDir}/events.jsonl`,
      state: `${ROOT}/.superloop/state.json`,
      managerDir,
      runSummary: `${loopDir}/run-summary.json`,
      activeRun: `${ROOT}/.superloop/active-run.json`,
      approval: `${loopDir}/approval.json`,
      heartbeat: `${loopDir}/heartbeat.v1.json`,
    },
    manager,
    checkpoints: `${ROOT}/.opsfold/dashboard/${loopId}/checkpoints`,
    watched: [],
    dirs: [loopDir, managerDir],
    shown: (file) => (file.startsWith(`${ROOT}/`) ? file.slice(ROOT.length + 1) : file),
  };
};

/** A window over the records of `logs` at its manager file (missing when absent). */
export const memoryWindow = (file: string, shownAs: string, records: readonly unknown[] | undefined) => {
  const items = [...(records ?? [])];
  const window: RecordWindow = {
    records: items,
    last: items[items.length - 1] ?? null,
    newest: (n) => items.slice(-n).reverse(),
    update: () => Promise.resolve(),
    artifact: (): Promise<ArtifactState> =>
      Promise.resolve({ file: shownAs, kind: records === undefined ? 'missing' : 'ok' }),
  };
  return window;
};

const windowsOf =
  (logs: ReadonlyMap<string, readonly unknown[]>) =>
  (f: LoopFiles): Windows => {
    const w = (name: keyof typeof WINDOWS) => {
      const file = f.manager[WINDOWS[name].file];
      return memoryWindow(file, f.shown(file), logs.get(file));
    };
    return {
      intents: w('intents'),
      invocations: w('invocations'),
      control: w('control'),
      reconcile: w('reconcile'),
      alerts: w('alerts'),
      escalations: w('escalations'),
    };
  };

const positioned = (records: readonly unknown[]) =>
  records.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } }));

/** A fold of every record of `records`, read whole (an absent log is missing). */
const foldAll = <S, Ev>(
  p: Projection<S, Ev>,
  file: string,
  records: readonly unknown[] | undefined,
): FoldOutcome<S> => {
  const initial = { inner: p.initial, corruptCount: 0, corrupt: [] };
  if (records === undefined) return unreadOutcome(initial, { file, kind: 'missing' });
  const inner = fold(p, positioned(records) as Positioned<Ev>[]);
  return {
    state: { ...initial, inner },
    cursor: { byteOffset: records.length, lines: records.length },
    artifact: { file, kind: 'ok' },
    tornTail: null,
    notes: [],
  };
};

const foldedFrom = (logs: ReadonlyMap<string, readonly unknown[]>, f: LoopFiles): FoldedLogs => ({
  events: foldAll(eventsIndexProjection, f.shown(f.paths.events), logs.get(f.paths.events)),
  loop: foldAll(loopEventsProjection, f.shown(f.paths.events), logs.get(f.paths.events)),
  escalations: unreadOutcome(
    { inner: escalationsProjection.initial, corruptCount: 0, corrupt: [] },
    { file: f.shown(f.manager.escalationsFile), kind: 'missing' },
  ),
});

export interface MemoryRepo {
  /** The loop directories under .superloop/loops/. */
  dirs: string[];
  docs: Map<string, unknown>;
  logs: Map<string, readonly unknown[]>;
  /** What signature() answers: move it on to make the loops read again. */
  signature: string;
  /** Loops whose fold fails with this message. */
  failing: Map<string, string>;
}

export const memoryRepo = (): MemoryRepo => ({
  dirs: [],
  docs: new Map(),
  logs: new Map(),
  signature: '1',
  failing: new Map(),
});

/** The edge over `repo`; `folds` counts the loops folded. */
export const memoryEdge = (repo: MemoryRepo, folds: string[] = []): DashboardEdge => ({
  store: memoryStore(repo.docs),
  listDirs: [`${ROOT}/.superloop`],
  loopDirs: () => Promise.resolve([...repo.dirs]),
  filesOf: memoryFiles,
  signature: () => Promise.resolve(repo.signature),
  foldLogs: (f) => {
    const id = f.paths.loopDir.split('/').pop() ?? '';
    folds.push(id);
    const failure = repo.failing.get(id);
    return failure === undefined
      ? Promise.resolve(foldedFrom(repo.logs, f))
      : Promise.reject(new Error(failure));
  },
  windowsOf: windowsOf(repo.logs),
  timesOf: () => ({ sync: () => undefined, load: () => Promise.resolve(), at: () => null }),
  refusal: () => Promise.resolve(null),
});
