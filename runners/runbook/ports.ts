// The runbook's ports over the edge (lib/runbook/run-steps.ts): the root's reads, and the writes of the
// summaries. A relative SummaryFile is under the root and confined to it; an absolute one is where the
// operator put it, confined to its own directory.
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileStore } from '../../lib/io/store.js';
import type { RunbookPorts } from '../../lib/runbook/run-steps.js';
import type { SummaryFiles } from '../../lib/runbook/summary-plan.js';
import type { Io } from '../cli/command.js';
import { applyTosEffects } from './apply.js';
import { tosPorts } from './gather.js';

/** The SummaryFile JSON path (relative ones are under the root) and its TXT ([IO.Path]::ChangeExtension). */
const summaryFilesOf = (root: string, arg: string): SummaryFiles => {
  const json = isAbsolute(arg) ? arg : resolve(root, arg);
  const name = basename(json);
  const ext = extname(name);
  return { json, txt: join(dirname(json), `${ext === '' ? name : name.slice(0, -ext.length)}.txt`) };
};

/** The ports of one TOS root; notes go to the command's stderr. */
export const runbookPorts = (root: string, io: Io): RunbookPorts => ({
  ...tosPorts(root),
  summaryFiles: summaryFilesOf,
  apply: async (effects, { facts, summaryArg }) => {
    const rootStore = fileStore(facts.paths.root);
    const files = summaryFilesOf(facts.paths.root, summaryArg);
    const summaryStore = isAbsolute(summaryArg) ? fileStore(dirname(files.json)) : rootStore;
    await applyTosEffects((path) => (path === facts.paths.phaseSummary ? rootStore : summaryStore), effects);
  },
  relative,
  note: (line) => io.stderr.write(`${line}\n`),
});
