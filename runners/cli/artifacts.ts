// A loop's artifacts stay where they belong: a file that lies (by its path) under the repo or the
// state dir must really be there, so a symlink pointing out is refused before anything is read from
// or written to it (exit 1, naming the file). A file named elsewhere on the command line is the
// operator's choice and is used as given.
import { resolve } from 'node:path';
import { appendJsonl, type AppendOptions } from '../../lib/io/append.js';
import { writeFileAtomic, writeJsonAtomic } from '../../lib/io/atomic.js';
import { confine, isWithin } from '../../lib/io/confine.js';
import { CliError } from './errors.js';
import { readJsonDoc, type JsonDoc } from './json-doc.js';
import type { LoopPaths } from './loop-paths.js';

/** The roots a loop's artifacts are confined to: the repo and the loop's state dir. */
export type ArtifactRoots = readonly string[];

export const loopRoots = (p: Pick<LoopPaths, 'repo' | 'opsfoldDir'>): ArtifactRoots => [p.repo, p.opsfoldDir];

/** Refuses `file` when it lies under one of `roots` by path but resolves outside it. */
export const confineArtifact = async (roots: ArtifactRoots, file: string): Promise<string> => {
  const abs = resolve(file);
  const root = roots.find((r) => isWithin(resolve(r), abs));
  if (root === undefined) return abs;
  const c = await confine(root, abs);
  if (!c.ok) throw new CliError(`artifact resolves outside the repo: ${file}`, [c.reason]);
  return abs;
};

/** readJsonDoc of a confined artifact. */
export const readArtifactDoc = async (
  roots: ArtifactRoots,
  file: string,
  errorLine: string,
  shownAs = file,
): Promise<JsonDoc> => readJsonDoc(await confineArtifact(roots, file), errorLine, shownAs);

/** appendJsonl to a confined artifact. */
export const appendArtifact = async (
  roots: ArtifactRoots,
  file: string,
  records: readonly unknown[],
  options?: AppendOptions,
): Promise<void> => appendJsonl(await confineArtifact(roots, file), records, options);

/** writeJsonAtomic to a confined artifact. */
export const writeArtifact = async (
  roots: ArtifactRoots,
  file: string,
  value: unknown,
  pretty = true,
): Promise<void> => writeJsonAtomic(await confineArtifact(roots, file), value, undefined, pretty);

/** writeFileAtomic to a confined artifact. */
export const writeArtifactText = async (roots: ArtifactRoots, file: string, text: string): Promise<void> =>
  writeFileAtomic(await confineArtifact(roots, file), text);
