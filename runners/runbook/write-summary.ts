// Writes what `runbook summary` (and `runbook test --summary-file`) produce, as planned by
// lib/runbook/summary-plan.ts. A relative SummaryFile is under the root and confined to it; an
// absolute one is where the operator put it, confined to its own directory.
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileStore } from '../../lib/io/store.js';
import { planSummaries, type SummaryFiles } from '../../lib/runbook/summary-plan.js';
import type { TosFacts } from '../../lib/runbook/tos-facts.js';
import { usageError } from '../cli/errors.js';
import { applyTosEffects } from './apply.js';

export const DEFAULT_SUMMARY_FILE = 'logs/last_run_summary.json';

/** The SummaryFile JSON path (relative ones are under the root) and its TXT ([IO.Path]::ChangeExtension). */
export const summaryFilesOf = (root: string, arg: string): SummaryFiles => {
  const json = isAbsolute(arg) ? arg : resolve(root, arg);
  const name = basename(json);
  const ext = extname(name);
  return { json, txt: join(dirname(json), `${ext === '' ? name : name.slice(0, -ext.length)}.txt`) };
};

/** Writes phase_summary.json, then the SummaryFile JSON and TXT; returns what was written. */
export const writeSummaries = async (f: TosFacts, generatedAt: string, summaryArg: string) => {
  const files = summaryFilesOf(f.paths.root, summaryArg);
  const plan = planSummaries(f, generatedAt, files);
  if (plan.kind === 'refused')
    throw usageError(`--summary-file would overwrite ${relative(f.paths.root, plan.target)}`);
  const rootStore = fileStore(f.paths.root);
  const summaryStore = isAbsolute(summaryArg) ? fileStore(dirname(files.json)) : rootStore;
  await applyTosEffects((path) => (path === f.paths.phaseSummary ? rootStore : summaryStore), plan.effects);
  return { summary: plan.summary, line: plan.line, jsonPath: files.json };
};
