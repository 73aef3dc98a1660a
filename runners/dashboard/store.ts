// The dashboard's edge over the file system (the repo's Store, the loop directories, file
// signatures, incremental folds, tail windows, event timestamps) and DashboardStore, the read model
// (lib/dashboard/read-model.ts) over it.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { LoopFiles } from '../../lib/dashboard/loop-files.js';
import { ReadModel, type DashboardEdge } from '../../lib/dashboard/read-model.js';
import { WINDOWS, type Windows } from '../../lib/dashboard/windows.js';
import { fileStore } from '../../lib/io/store.js';
import { EventTimes } from './event-times.js';
import { refusalOf, signatureOf } from './file-checks.js';
import { loopFiles } from './loop-files.js';
import { foldLogs } from './loop-logs.js';
import { TailWindow } from './tail-window.js';

const listDirs = async (dir: string): Promise<string[]> => {
  try {
    return (await fsp.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

/** The tail windows of the manager's logs, each read from its file. */
const tailWindows = (files: LoopFiles): Windows => {
  const w = ({ file, size }: { file: keyof LoopFiles['manager']; size: number }) =>
    new TailWindow(files.manager[file], files.shown(files.manager[file]), size, files.root);
  const { intents, invocations, control, reconcile, alerts, escalations } = WINDOWS;
  return {
    intents: w(intents),
    invocations: w(invocations),
    control: w(control),
    reconcile: w(reconcile),
    alerts: w(alerts),
    escalations: w(escalations),
  };
};

/** The dashboard's edge for `repo`; its own checkpoints go under `stateDir`. */
export const dashboardEdge = (repo: string, stateDir: string): DashboardEdge => {
  const superloop = join(repo, '.superloop');
  const manager = join(superloop, 'ops-manager');
  return {
    store: fileStore(repo),
    listDirs: [superloop, join(superloop, 'loops'), manager, join(manager, 'fleet')],
    loopDirs: () => listDirs(join(superloop, 'loops')),
    filesOf: (loopId) => loopFiles(repo, loopId, stateDir),
    signature: signatureOf,
    foldLogs,
    windowsOf: tailWindows,
    timesOf: (files) => new EventTimes(files.paths.events),
    refusal: (files, file) => refusalOf(files.root, file),
  };
};

/** The read model of the repo's loops, read from the file system. */
export class DashboardStore extends ReadModel {
  constructor(repo: string, stateDir: string) {
    super(dashboardEdge(repo, stateDir));
  }
}
