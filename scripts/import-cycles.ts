// The import graph of the project's own modules and its cycles (strongly connected components of
// more than one file, or a file importing itself). Type-only and dynamic imports count: a type cycle
// still ties two modules' designs together and becomes a load-order bug the day it turns into a
// value import, and a dynamic import still loads the ring.
import ts from 'typescript';
import { posix } from 'node:path';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Pure: the project files `file` imports by a relative specifier (`./x.js` names `./x.ts`). */
export const importsOf = (file: string, text: string, exists: (path: string) => boolean): string[] =>
  ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec.replace(/\.js$/, '.ts'))))
    .filter(exists);

/** Pure: every cycle as its files, each sorted, listed in order of their first file (Tarjan). */
export const cyclesOf = (graph: ImportGraph): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const at = (m: Map<string, number>, v: string): number => m.get(v) ?? 0;
  const edges = (v: string): readonly string[] => graph.get(v) ?? [];
  const closeRing = (v: string): void => {
    const ring = stack.splice(stack.lastIndexOf(v));
    if (ring.length > 1 || edges(v).includes(v)) cycles.push(ring.sort());
  };
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, at(index, v));
    stack.push(v);
    for (const w of edges(v)) {
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(at(low, v), at(low, w)));
    }
    if (at(low, v) === at(index, v)) closeRing(v);
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
};
