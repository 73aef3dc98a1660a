// The manager's small documents of one loop, re-read through the repo's Store on every refresh (they
// are small): each is classified for the page and, when usable, handed to the status builder. The
// Store is the edge, passed in (a file store in the command, a memory one in tests).
import type { Store } from '../io/store.js';
import type { ClassifiedDoc } from './artifact-state.js';
import type { RuntimeDocs } from './folded-state.js';
import { readDoc, type LoopFiles } from './loop-files.js';

const DOCS = ['state', 'cursor', 'health', 'drift', 'alertDispatchState', 'heartbeat', 'sequence'] as const;

export type DocName = (typeof DOCS)[number];
export type DocSet = Readonly<Record<DocName, ClassifiedDoc>>;

const fileOf = (files: LoopFiles): Record<DocName, string> => {
  const m = files.manager;
  return {
    state: m.stateFile,
    cursor: m.cursorFile,
    health: m.healthFile,
    drift: m.driftStateFile,
    alertDispatchState: m.alertDispatchStateFile,
    heartbeat: m.heartbeatStateFile,
    sequence: m.sequenceStateFile,
  };
};

/** Every document as missing (before the first refresh). */
export const missingDocs = (files: LoopFiles): DocSet => {
  const f = fileOf(files);
  const doc = (name: DocName): ClassifiedDoc => ({
    state: { file: files.shown(f[name]), kind: 'missing' },
    value: null,
  });
  return Object.fromEntries(DOCS.map((k) => [k, doc(k)])) as Record<DocName, ClassifiedDoc>;
};

/** Reads every document of the loop (one at a time: the page's refresh is not latency bound). */
export const readLoopDocs = async (store: Store, files: LoopFiles): Promise<DocSet> => {
  const f = fileOf(files);
  const out: Partial<Record<DocName, ClassifiedDoc>> = {};
  for (const k of DOCS) out[k] = await readDoc(store, f[k], files.shown(f[k]));
  return out as Record<DocName, ClassifiedDoc>;
};

/** The documents' states, in the page's order. */
export const docStates = (docs: DocSet) => DOCS.map((k) => docs[k].state);

/** Reads the runtime's documents a snapshot reads beside events.jsonl (an unusable one is absent). */
export const readRuntimeDocs = async (store: Store, files: LoopFiles): Promise<RuntimeDocs> => {
  const p = files.paths;
  const read = async (file: string) => (await readDoc(store, file, files.shown(file))).value;
  return {
    runSummary: await read(p.runSummary),
    state: await read(p.state),
    activeRun: await read(p.activeRun),
    approval: await read(p.approval),
    heartbeat: await read(p.heartbeat),
  };
};
