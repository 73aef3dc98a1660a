// Which loops the overview lists: the fleet registry's loops when the repo has a registry, else every
// loop directory under .superloop/loops/. A loop id is one path segment (anything else could reach
// outside the repo through the URL), so ids that are not are listed as rejected, never read.
// Pure: the runner lists the directory and reads the registry.
import { get, isObject, str } from './fields.js';

export interface ListedLoop {
  readonly loopId: string;
  /** The registry's `enabled` (a missing key means enabled); null for directory listings. */
  readonly enabled: boolean | null;
  readonly transport: string | null;
}

/** Pure: is `id` a single, safe path segment? */
export const validLoopId = (id: string): boolean =>
  id !== '' && id.length <= 200 && !/[/\\\0]/.test(id) && id !== '.' && !id.includes('..');

export type RegistryLoops =
  | { readonly ok: true; readonly fleetId: string | null; readonly loops: readonly ListedLoop[] }
  | { readonly ok: false; readonly reason: string };

/** Pure: the loops of a parsed registry.v1.json, or why it cannot be used. */
export const registryLoops = (doc: unknown): RegistryLoops => {
  const loops = get(doc, 'loops');
  if (!isObject(doc) || !Array.isArray(loops)) return { ok: false, reason: 'registry has no "loops" array' };
  const out: ListedLoop[] = [];
  for (const [i, entry] of loops.entries()) {
    const id = str(entry, 'loopId');
    if (id === null) return { ok: false, reason: `loops[${i}] has no "loopId"` };
    if (!validLoopId(id)) return { ok: false, reason: `loops[${i}].loopId is not one path segment: ${id}` };
    out.push({ loopId: id, enabled: get(entry, 'enabled') !== false, transport: str(entry, 'transport') });
  }
  return { ok: true, fleetId: str(doc, 'fleetId'), loops: dedupe(out) };
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
