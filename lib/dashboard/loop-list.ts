// Which loops the overview lists: the fleet registry's loops when the repo has a registry, else every
// loop directory under .superloop/loops/. A loop id is one path segment (anything else could reach
// outside the repo through the URL), so ids that are not are listed as rejected, never read.
// Pure: the runner lists the directory and reads the registry (decoded by RegistryView).
import type * as t from 'io-ts';
import { entries, NotFalse, record, Text } from './lenient.js';

export interface ListedLoop {
  readonly loopId: string;
  /** The registry's `enabled` (a missing key means enabled); null for directory listings. */
  readonly enabled: boolean | null;
  readonly transport: string | null;
}

/** registry.v1.json as the dashboard reads it: a loops array is all it needs. */
export const RegistryView = record('RegistryView', {
  fleetId: Text,
  loops: entries(record('RegistryLoop', { loopId: Text, enabled: NotFalse, transport: Text })),
});
export type RegistryView = t.TypeOf<typeof RegistryView>;

/** Pure: is `id` a single, safe path segment? */
export const validLoopId = (id: string): boolean =>
  id !== '' && id.length <= 200 && !/[/\\\0]/.test(id) && id !== '.' && !id.includes('..');

export type RegistryLoops =
  | { readonly ok: true; readonly fleetId: string | null; readonly loops: readonly ListedLoop[] }
  | { readonly ok: false; readonly reason: string };

/** Pure: the loops of a registry, or why it cannot be used. */
export const registryLoops = (doc: RegistryView): RegistryLoops => {
  if (doc.loops === null) return { ok: false, reason: 'registry has no "loops" array' };
  const out: ListedLoop[] = [];
  for (const [i, entry] of doc.loops.entries()) {
    const id = entry.loopId;
    if (id === null) return { ok: false, reason: `loops[${i}] has no "loopId"` };
    if (!validLoopId(id)) return { ok: false, reason: `loops[${i}].loopId is not one path segment: ${id}` };
    out.push({ loopId: id, enabled: entry.enabled, transport: entry.transport });
  }
  return { ok: true, fleetId: doc.fleetId, loops: dedupe(out) };
};

const dedupe = (loops: readonly ListedLoop[]): ListedLoop[] => {
  const seen = new Set<string>();
  return loops.filter((l) => (seen.has(l.loopId) ? false : (seen.add(l.loopId), true)));
};

/** Pure: loops from directory names (sorted; unsafe names left out and returned separately). */
export const directoryLoops = (names: readonly string[]): { loops: ListedLoop[]; rejected: string[] } => {
  const sorted = [...names].sort();
  return {
    loops: sorted.filter(validLoopId).map((loopId) => ({ loopId, enabled: null, transport: null })),
    rejected: sorted.filter((n) => !validLoopId(n)),
  };
};
