// The runbook commands' steps over ports: `summary` (fold the root, write phase_summary.json and the
// SummaryFile JSON and TXT), `test` (the verdict, after the summaries when a SummaryFile is named),
// `clean` (remove what cleanrun removes). The runner builds the ports over the edge (a Store confined to
// each root, the file system's paths); a test builds them in memory.
import { gatherTos, readRootConfig, tosPaths, type TosPorts } from './gather.js';
import { RunbookError } from './runbook-error.js';
import { settingsOf } from './settings.js';
import { planSummaries, type SummaryFiles, type TosEffect } from './summary-plan.js';
import { testReportOf, type TestOutcome } from './test-report.js';
import type { TosFacts } from './tos-facts.js';
import type { CleanReport, SummaryReport } from './command-reports.js';

export interface RunbookPorts extends TosPorts {
  /** The SummaryFile JSON (a relative one is under the root) and its TXT beside it. */
  summaryFiles(root: string, summaryArg: string): SummaryFiles;
  /** Applies the planned writes in order: phase_summary.json under the root, the summary files under
   *  the root too when `summaryArg` is relative, else under their own directory. */
  apply(
    effects: readonly TosEffect[],
    at: { readonly facts: TosFacts; readonly summaryArg: string },
  ): Promise<void>;
  /** `path` as shown relative to `root`. */
  relative(root: string, path: string): string;
  /** Tells the operator (stderr), before anything is written. */
  note(line: string): void;
}

export const DEFAULT_SUMMARY_FILE = 'logs/last_run_summary.json';

/** Writes phase_summary.json, then the SummaryFile JSON and TXT; returns what was written. */
export const writeSummaries = async (
  ports: RunbookPorts,
  f: TosFacts,
  generatedAt: string,
  summaryArg: string,
) => {
  const files = ports.summaryFiles(f.paths.root, summaryArg);
  const plan = planSummaries(f, generatedAt, files);
  if (plan.kind === 'refused')
    throw new RunbookError(
      `--summary-file would overwrite ${ports.relative(f.paths.root, plan.target)}`,
      [],
      true,
    );
  await ports.apply(plan.effects, { facts: f, summaryArg });
  return { summary: plan.summary, line: plan.line, jsonPath: files.json };
};

const gathered = async (ports: RunbookPorts, root: string): Promise<TosFacts> => {
  const facts = await gatherTos(ports, root);
  for (const n of facts.notes) ports.note(`note: ${n}`);
  return facts;
};

/** `runbook summary --json`: the summaries written; the TXT line, phase_summary.json, the SummaryFile. */
export const runSummaryReport = async (
  ports: RunbookPorts,
  root: string,
  asOf: string,
  summaryArg: string,
): Promise<SummaryReport> => {
  const w = await writeSummaries(ports, await gathered(ports, root), asOf, summaryArg);
  return { line: w.line, phaseSummary: w.summary, summaryFile: summaryArg };
};

/** `runbook summary`: the summaries written; the TXT line to print. */
export const runSummary = async (ports: RunbookPorts, root: string, asOf: string, summaryArg: string) =>
  (await runSummaryReport(ports, root, asOf, summaryArg)).line;

/** `runbook test`: the verdict over the root (the summaries written first when a SummaryFile is named). */
export const runTest = async (
  ports: RunbookPorts,
  root: string,
  o: { readonly asOf: string; readonly summaryArg: string | undefined; readonly json: boolean },
): Promise<TestOutcome> => {
  const facts = await gathered(ports, root);
  const written =
    o.summaryArg === undefined ? null : await writeSummaries(ports, facts, o.asOf, o.summaryArg);
  return testReportOf(facts, o.asOf, written, o.json);
};

/** `runbook clean --json`: removes the step logs, phase_summary.json, phase_state.json and
 *  job_result.json; the files removed. `remove` answers whether there was a file to remove. */
export const cleanRootReport = async (
  ports: RunbookPorts,
  root: string,
  remove: (file: string) => Promise<boolean>,
): Promise<CleanReport> => {
  const p = tosPaths(ports.resolve, root, settingsOf(await readRootConfig(ports)));
  const steps = (await ports.stepNames(p.stepsDir)).map((n) => ports.resolve(p.stepsDir, n));
  const removed: string[] = [];
  for (const file of [...steps, p.phaseSummary, p.phaseState, p.jobResult])
    if (await remove(file)) removed.push(ports.relative(root, file));
  return { removed };
};

/** `runbook clean`: as `cleanRootReport`, the lines to print. */
export const cleanRoot = async (
  ports: RunbookPorts,
  root: string,
  remove: (file: string) => Promise<boolean>,
): Promise<string> => {
  const { removed } = await cleanRootReport(ports, root, remove);
  return `${['cleanup start', ...removed.map((f) => `removed ${f}`), 'cleanup done'].join('\n')}\n`;
};
