// Writes what `runbook summary` (and `runbook test --summary-file`) produce: logs/phase_summary.json,
// then the SummaryFile JSON and its one-line TXT beside it (same name, .txt), each atomically.
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../lib/io/atomic.js';
import { buildPhaseSummary } from '../../lib/runbook/phase-summary.js';
import { lastRunSummary, summaryLine } from '../../lib/runbook/run-summary.js';
import type { LastRunSummary, PhaseSummary } from '../../lib/runbook/summary-codecs.js';
import { usageError } from '../cli/errors.js';
import { storedPayloadOf, type TosFacts } from './gather.js';

export const DEFAULT_SUMMARY_FILE = 'logs/last_run_summary.json';

/** The phase summary of the gathered root, generated at `generatedAt`. */
export const phaseSummaryOf = (f: TosFacts, generatedAt: string): PhaseSummary =>
  buildPhaseSummary({
    generatedAt,
    settings: f.settings,
    steps: f.steps,
    jobLoop: f.jobLoop,
    phaseState: f.phaseState,
    jobPayloadPresent: f.jobInput.payload !== null,
    jobResultPath: f.jobResultExists ? f.paths.jobResult : null,
    skippedSteps: f.skippedSteps,
  });

/** The SummaryFile JSON path (relative ones are under the root) and its TXT ([IO.Path]::ChangeExtension). */
export const summaryFilesOf = (root: string, arg: string): { json: string; txt: string } => {
  const json = isAbsolute(arg) ? arg : resolve(root, arg);
  const name = basename(json);
  const ext = extname(name);
  return { json, txt: join(dirname(json), `${ext === '' ? name : name.slice(0, -ext.length)}.txt`) };
};

// The SummaryFile is the operator's to name, but never onto a file the orchestrator owns or the fold reads.
const refuseOwnedTargets = (f: TosFacts, files: { json: string; txt: string }): void => {
  const owned = [
    f.paths.phaseState,
    f.paths.jobResult,
    f.paths.jobInput,
    f.paths.phaseSummary,
    f.paths.config,
  ];
  const steps = f.stepFiles.map((s) => join(f.paths.stepsDir, s.name));
  for (const target of [files.json, files.txt])
    if ([...owned, ...steps].includes(target))
      throw usageError(`--summary-file would overwrite ${relative(f.paths.root, target)}`);
};

export interface Written {
  readonly summary: PhaseSummary;
  readonly run: LastRunSummary;
  readonly line: string;
  readonly files: { readonly json: string; readonly txt: string };
}

/** Writes phase_summary.json, then the SummaryFile JSON and TXT; returns what was written. */
export const writeSummaries = async (
  f: TosFacts,
  generatedAt: string,
  summaryArg: string,
): Promise<Written> => {
  const files = summaryFilesOf(f.paths.root, summaryArg);
  refuseOwnedTargets(f, files);
  const summary = phaseSummaryOf(f, generatedAt);
  await writeJsonAtomic(f.paths.phaseSummary, summary);
  const run = lastRunSummary({
    phaseState: f.phaseState,
    stepFiles: f.stepFiles.map((s) => s.name),
    phaseSummary: summary,
    jobResultPath: f.jobResultExists ? f.paths.jobResult : null,
    jobInput: { exists: f.jobInput.exists, bytes: f.jobInput.bytes, stored: storedPayloadOf(f) },
  });
  const line = summaryLine(run, f.phaseState?.job_index ?? null);
  await writeJsonAtomic(files.json, run);
  await writeFileAtomic(files.txt, `${line}\n`);
  return { summary, run, line, files };
};
