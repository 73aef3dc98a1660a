// The files the dashboard reads for one loop, as the runner resolved them (the Superloop layout and
// the manager's files, exactly where `opsfold loop status` looks), and reading one small document
// through the repo's Store. Pure: the paths are given; the Store is the edge, passed in.
import type { Store } from '../io/store.js';
import type { ManagerFileKey } from '../loop/layout.js';
import type { ClassifiedDoc } from './artifact-state.js';
import { classifyRead } from './doc-read.js';
import type { RuntimeFiles } from './folded-state.js';
import { Json } from './lenient.js';

export interface LoopFiles {
  /** The repo every file must lie in. */
  readonly root: string;
  readonly paths: {
    readonly loopDir: string;
    readonly events: string;
    readonly state: string;
    readonly managerDir: string;
  } & RuntimeFiles;
  readonly manager: Readonly<Record<ManagerFileKey, string>>;
  /** <state-dir>/dashboard/<loop>/checkpoints */
  readonly checkpoints: string;
  /** Every file whose change can change the loop's views (for change detection). */
  readonly watched: readonly string[];
  /** The directories to watch for those changes. */
  readonly dirs: readonly string[];
  readonly shown: (file: string) => string;
}

/** Reads and classifies a small JSON document (state, health, cursor …), confined to the store's root. */
export const readDoc = async (store: Store, file: string, shownAs: string): Promise<ClassifiedDoc> =>
  classifyRead(shownAs, await store.read(file, Json));
