// The runbook's reads over the edge: a Store confined to the TOS root (UTF-16 from PowerShell is read
// too), the step log names of a directory, and the root itself. What is read and how it combines is
// lib/runbook/gather.ts.
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { describeProblem } from '../../lib/io/document.js';
import { fileStore, readDocument, type DocRead } from '../../lib/io/store.js';
import { TosConfig } from '../../lib/runbook/codecs.js';
import { configOf, type TosPorts } from '../../lib/runbook/gather.js';
import type { TosDoc } from '../../lib/runbook/tos-facts.js';
import { CliError } from '../cli/errors.js';

const STEP_FILE = /^step_.*\.json$/;

/** The root directory, refused when it is not one. */
export const tosRoot = async (cwd: string, rootArg: string): Promise<string> => {
  const root = resolve(cwd, rootArg);
  if ((await fsp.stat(root).catch(() => null))?.isDirectory() !== true)
    throw new CliError(`TOS root not found: ${rootArg}`);
  return root;
};

const docOf = <A>(got: DocRead<A>, shownAs: string): TosDoc<A> => {
  if (got.kind === 'problem')
    return { kind: 'problem', detail: describeProblem(shownAs, got.problem), bytes: got.bytes };
  return got.kind === 'found' ? { kind: 'found', value: got.value, bytes: got.bytes } : got;
};

/** The step log file names of a directory, sorted by code unit as the orchestrator names them. */
const stepNames = async (dir: string): Promise<string[]> =>
  (await fsp.readdir(dir).catch(() => [] as string[]))
    .filter((n) => STEP_FILE.test(n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The reads of one TOS root, confined to it. */
export const tosPorts = (root: string): TosPorts => {
  const store = fileStore(root);
  return {
    read: async (path, shownAs, codec) =>
      docOf(await store.read(path, codec, { encoding: 'detect' }), shownAs),
    stepNames,
    resolve,
  };
};

/** A config the operator named (anywhere), or null when there is none; an unreadable one fails (exit 1). */
export const readNamedConfig = async (file: string, shownAs: string): Promise<TosConfig | null> =>
  configOf(docOf(await readDocument(file, TosConfig, { encoding: 'detect' }), shownAs), shownAs);
