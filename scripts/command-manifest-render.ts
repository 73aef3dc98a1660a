// Builds the lazy-command manifest from the eager table: for every command, the runners/ module that
// exports it with the smallest static import closure (the file that defines it, not a list that
// re-exports it), and its descriptor. Runs under tsx or vitest, over the TypeScript sources.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from '../runners/cli/command.js';
import type { CommandEntry, Descriptor } from '../runners/cli/lazy.js';
import { originOf } from '../runners/cli/conventions.js';

const IMPORT = /^(?:import|export)\s(?!type\s)[^;]*?from\s+'(\.[^']+)'/gm;

/** The static, relative, non-type imports of one source file, as absolute .ts paths (a dynamic import is lazy, so it is not part of what loading a module costs). */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map((m) => resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')))
    .filter((p) => existsSync(p));

/** Every module reachable from `root`, each with the size of its own transitive closure. */
export const moduleGraph = (root: string): Map<string, number> => {
  const edges = new Map<string, string[]>();
  const pending = [root];
  for (let f = pending.pop(); f !== undefined; f = pending.pop()) {
    if (edges.has(f)) continue;
    const next = importsOf(f);
    edges.set(f, next);
    pending.push(...next);
  }
  const closure = (from: string): number => {
    const seen = new Set<string>();
    const stack = [from];
    for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...(edges.get(f) ?? []));
    }
    return seen.size;
  };
  return new Map([...edges.keys()].map((f) => [f, closure(f)]));
};

interface Candidate {
  readonly file: string;
  readonly export: string;
  readonly index?: number;
  readonly rank: number;
}

const candidatesIn = (file: string, mod: Record<string, unknown>, size: number, c: Command): Candidate[] =>
  Object.entries(mod).flatMap(([name, value]): Candidate[] => {
    if (value === c) return [{ file, export: name, rank: size }];
    const index = Array.isArray(value) ? value.indexOf(c) : -1;
    // A list is a fallback: importing it loads its siblings too.
    return index < 0 ? [] : [{ file, export: name, index, rank: size + 1_000_000 }];
  });

/** The descriptor of a command: everything but `run`, checked to survive JSON. */
export const descriptorOf = (c: Command): Descriptor => {
  const { run: _run, ...rest } = c;
  const text = JSON.stringify(rest);
  if (JSON.stringify(JSON.parse(text)) !== text)
    throw new Error(`${c.path.join(' ')}: descriptor is not data`);
  return JSON.parse(text) as Descriptor;
};

/** One manifest entry per command of `commands`, in table order. */
export const buildManifest = async (
  runnersDir: string,
  rootFile: string,
  commands: readonly Command[],
): Promise<CommandEntry[]> => {
  const graph = [...moduleGraph(rootFile)].filter(([f]) => f.startsWith(runnersDir) && f !== rootFile);
  const modules = await Promise.all(
    graph.map(async ([f, size]) => ({
      f,
      size,
      mod: (await import(pathToFileURL(f).href)) as Record<string, unknown>,
    })),
  );
  return commands.map((c) => {
    const best = modules
      .flatMap(({ f, size, mod }) => candidatesIn(f, mod, size, originOf(c)))
      .sort((a, b) => a.rank - b.rank || a.file.localeCompare(b.file))[0];
    if (best === undefined) throw new Error(`${c.path.join(' ')}: no runners/ module exports it`);
    const module = relative(runnersDir, best.file).replace(/\.ts$/, '');
    return {
      ...descriptorOf(c),
      module,
      export: best.export,
      ...(best.index === undefined ? {} : { index: best.index }),
    };
  });
};
