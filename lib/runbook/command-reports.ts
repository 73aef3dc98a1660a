// The --json documents of the runbook commands that print a line or two by default: what `summary`
// wrote, the checkpoint `checkpoint` committed, the files `clean` removed. Their contracts are in
// contracts/ (lib/runbook/registry.ts).
import * as t from 'io-ts';
import { PhaseSummary } from './summary-codecs.js';
import { TestReport } from './report-codecs.js';

/** `opsfold runbook summary --json`: the TXT line, phase_summary.json as written, the SummaryFile named. */
export const SummaryReport = t.type(
  { line: t.string, phaseSummary: PhaseSummary, summaryFile: t.string },
  'RunbookSummaryReport',
);
export type SummaryReport = t.TypeOf<typeof SummaryReport>;

/**
 * `opsfold runbook run --json` / `cleanrun --json`: how the run ended, the run-mode lines the text
 * prints, phase_summary.json as written, the SummaryFile named, and the files removed first (cleanrun).
 */
export const RunReport = t.type(
  {
    phase: t.string,
    endReason: t.string,
    failed: t.boolean,
    lines: t.array(t.string),
    phaseSummary: PhaseSummary,
    summaryFile: t.string,
    removed: t.array(t.string),
  },
  'RunbookRunReport',
);
export type RunReport = t.TypeOf<typeof RunReport>;

/** `opsfold runbook rollback --json`: the commit rolled back to, the clean re-run, the test over it. */
export const RollbackReport = t.type(
  { rollback: t.string, run: RunReport, test: TestReport, passed: t.boolean },
  'RunbookRollbackReport',
);
export type RollbackReport = t.TypeOf<typeof RollbackReport>;

/** `opsfold runbook checkpoint --json`: the commit and the file its hash was saved to. */
export const CheckpointReport = t.type({ checkpoint: t.string, file: t.string }, 'RunbookCheckpointReport');
export type CheckpointReport = t.TypeOf<typeof CheckpointReport>;

/** `opsfold runbook clean --json`: the files removed, relative to the root, in removal order. */
export const CleanReport = t.type({ removed: t.array(t.string) }, 'RunbookCleanReport');
export type CleanReport = t.TypeOf<typeof CleanReport>;
