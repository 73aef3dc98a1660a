// What `runbook summary` (and `runbook test --summary-file`) change, as data: logs/phase_summary.json,
// then the SummaryFile JSON and its one-line TXT beside it, in that order. The SummaryFile is the
// operator's to name, but never onto a file the orchestrator owns or the fold reads.
import { buildPhaseSummary } from './phase-summary.js';
import { lastRunSummary, summaryLine } from './run-summary.js';
import type { LastRunSummary, PhaseSummary } from './summary-codecs.js';
import { storedPayloadOf, type TosFacts } from './tos-facts.js';

/** One file to replace atomically: a JSON document (stable JSON) or a text. Paths are absolute. */
export type TosEffect =
  | { readonly kind: 'write'; readonly path: string; readonly value: PhaseSummary | LastRunSummary }
  | { readonly kind: 'text'; readonly path: string; readonly text: string };

/** The SummaryFile JSON and its TXT. */
export interface SummaryFiles {
  readonly json: string;
  readonly txt: string;
}

export type SummaryPlan =
  | { readonly kind: 'refused'; readonly target: string }
  | {
      readonly kind: 'planned';
      readonly summary: PhaseSummary;
      readonly run: LastRunSummary;
      readonly line: string;
      readonly effects: readonly TosEffect[];
    };

/** Pure: the phase summary of a root, generated at `generatedAt`. */
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

/** Pure: the summaries to write, or the owned file the SummaryFile would overwrite. */
export const planSummaries = (f: TosFacts, generatedAt: string, files: SummaryFiles): SummaryPlan => {
  const clash = [files.json, files.txt].find((target) => f.owned.includes(target));
  if (clash !== undefined) return { kind: 'refused', target: clash };
  const summary = phaseSummaryOf(f, generatedAt);
  const run = lastRunSummary({
    phaseState: f.phaseState,
    stepFiles: f.stepFiles.map((s) => s.name),
    phaseSummary: summary,
    jobResultPath: f.jobResultExists ? f.paths.jobResult : null,
    jobInput: { exists: f.jobInput.exists, bytes: f.jobInput.bytes, stored: storedPayloadOf(f) },
  });
  const line = summaryLine(run, f.phaseState?.job_index ?? null);
  return {
    kind: 'planned',
    summary,
    run,
    line,
    effects: [
      { kind: 'write', path: f.paths.phaseSummary, value: summary },
      { kind: 'write', path: files.json, value: run },
      { kind: 'text', path: files.txt, text: `${line}\n` },
    ],
  };
};
