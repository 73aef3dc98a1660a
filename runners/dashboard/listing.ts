// Which loops the dashboard shows: the fleet registry's when the repo has a usable one, else every
// loop directory under .superloop/loops/ (a corrupt registry is named, never fatal).
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactState } from '../../lib/dashboard/outputs.js';
import { viewOf } from '../../lib/dashboard/lenient.js';
import {
  directoryLoops,
  registryLoops,
  RegistryView,
  type ListedLoop,
} from '../../lib/dashboard/loop-list.js';
import type { Store } from '../../lib/io/store.js';
import { readDoc } from './loop-files.js';

export interface Listing {
  readonly source: 'registry' | 'directory';
  readonly fleetId: string | null;
  readonly loops: readonly ListedLoop[];
  /** The registry file's state when there is one (a corrupt registry falls back to the directory). */
  readonly registry: ArtifactState | null;
  readonly notes: readonly string[];
}

export const REGISTRY = '.superloop/ops-manager/fleet/registry.v1.json';

const listDirs = async (dir: string): Promise<string[]> => {
  try {
    return (await fsp.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

/** The loops of `repo`: the fleet registry's when it is present and usable, else the directory's. */
export const readListing = async (store: Store): Promise<Listing> => {
  const repo = store.root;
  const reg = await readDoc(store, REGISTRY, REGISTRY);
  const fromDir = async (registry: ArtifactState | null, notes: string[]): Promise<Listing> => {
    const d = directoryLoops(await listDirs(join(repo, '.superloop', 'loops')));
    for (const r of d.rejected) notes.push(`.superloop/loops/${r}: not a usable loop id; not shown`);
    return { source: 'directory', fleetId: null, loops: d.loops, registry, notes };
  };
  if (reg.state.kind === 'missing') return fromDir(null, []);
  if (reg.state.kind !== 'ok')
    return fromDir(reg.state, [`${REGISTRY} is unusable; listing .superloop/loops/`]);
  const loops = registryLoops(viewOf(RegistryView, reg.value));
  if (!loops.ok) {
    const state: ArtifactState = {
      file: REGISTRY,
      kind: 'corrupt',
      line: 1,
      byteOffset: 0,
      reason: loops.reason,
    };
    return fromDir(state, [`${REGISTRY}: ${loops.reason}; listing .superloop/loops/`]);
  }
  return { source: 'registry', fleetId: loops.fleetId, loops: loops.loops, registry: reg.state, notes: [] };
};
