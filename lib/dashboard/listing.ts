// Which loops the dashboard shows: the fleet registry's when the repo has a usable one, else every
// loop directory under .superloop/loops/ (a corrupt registry is named, never fatal). Pure: the runner
// reads the registry through the Store and lists the directory.
import type { ClassifiedDoc } from './artifact-state.js';
import { viewOf } from './lenient.js';
import { directoryLoops, registryLoops, RegistryView, type ListedLoop } from './loop-list.js';
import type { ArtifactState } from './outputs.js';

export interface Listing {
  readonly source: 'registry' | 'directory';
  readonly fleetId: string | null;
  readonly loops: readonly ListedLoop[];
  /** The registry file's state when there is one (a corrupt registry falls back to the directory). */
  readonly registry: ArtifactState | null;
  readonly notes: readonly string[];
}

export const REGISTRY = '.superloop/ops-manager/fleet/registry.v1.json';

const fromDir = (
  dirs: readonly string[],
  registry: ArtifactState | null,
  notes: readonly string[],
): Listing => {
  const d = directoryLoops(dirs);
  const rejected = d.rejected.map((r) => `.superloop/loops/${r}: not a usable loop id; not shown`);
  return { source: 'directory', fleetId: null, loops: d.loops, registry, notes: [...notes, ...rejected] };
};

/** Pure: the listing from the registry as read and the directory names under .superloop/loops/. */
export const listingOf = (reg: ClassifiedDoc, dirs: readonly string[]): Listing => {
  if (reg.state.kind === 'missing') return fromDir(dirs, null, []);
  if (reg.state.kind !== 'ok')
    return fromDir(dirs, reg.state, [`${REGISTRY} is unusable; listing .superloop/loops/`]);
  const loops = registryLoops(viewOf(RegistryView, reg.value));
  if (!loops.ok) {
    const at = { line: 1, byteOffset: 0 };
    const state: ArtifactState = { file: REGISTRY, kind: 'corrupt', ...at, reason: loops.reason };
    return fromDir(dirs, state, [`${REGISTRY}: ${loops.reason}; listing .superloop/loops/`]);
  }
  return { source: 'registry', fleetId: loops.fleetId, loops: loops.loops, registry: reg.state, notes: [] };
};
