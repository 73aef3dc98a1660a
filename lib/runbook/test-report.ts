// `runbook test` as one decision over the facts of a root: the verdict (over the summary just written,
// else the one the root would get now) and what the command prints, lines or the --json report.
import { stableJson } from '../core/stable-json.js';
import type { TestReport } from './report-codecs.js';
import type { PhaseSummary } from './summary-codecs.js';
import { phaseSummaryOf } from './summary-plan.js';
import type { TosFacts } from './tos-facts.js';
import { testVerdict, type TestVerdict } from './verdict.js';

/** The summaries `--summary-file` wrote first, if it was given. */
export interface WrittenSummary {
  readonly summary: PhaseSummary;
  readonly jsonPath: string;
}

export interface TestOutcome {
  readonly verdict: TestVerdict;
  /** Everything the command prints on stdout. */
  readonly text: string;
  /** The --json report (also when the lines are printed: rollback --json holds it). */
  readonly report: TestReport;
}

/** Pure: the verdict over a root and its output (`json` for the --json report). */
export const testReportOf = (
  f: TosFacts,
  asOf: string,
  written: WrittenSummary | null,
  json: boolean,
): TestOutcome => {
  const verdict = testVerdict({
    phaseState: f.phaseState,
    phaseStateProblem: f.phaseStateProblem,
    stepFiles: f.stepFiles,
    latest: f.steps.latest,
    summary: written?.summary ?? phaseSummaryOf(f, asOf),
    phaseSummaryExists: written !== null || f.phaseSummaryExists,
    jobResultExists: f.jobResultExists,
    asOf,
  });
  const lines = [...verdict.lines, ...(written === null ? [] : [`summary saved ${written.jsonPath}`])];
  const report: TestReport = {
    passed: verdict.decision.value === 'passed',
    status: verdict.status,
    failures: [...verdict.decision.reasons],
    warnings: verdict.warnings.map((w) => w.code),
    lines,
  };
  return { verdict, report, text: json ? stableJson(report) : `${lines.join('\n')}\n` };
};
