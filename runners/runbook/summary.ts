// opsfold runbook summary: the reporting half of cc_run.ps1 run mode. Folds the step logs into
// logs/phase_summary.json (as the orchestrator's write_phase_summary would) and writes the SummaryFile
// JSON and TXT; prints the TXT line.
import { stableJson } from '../../lib/core/stable-json.js';
import { DEFAULT_SUMMARY_FILE, runSummaryReport } from '../../lib/runbook/run-steps.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import { jsonReportFlag, rootFlag, summaryFileFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { runbookPorts } from './ports.js';

export const runbookSummary: Command = {
  path: ['runbook', 'summary'],
  prints: 'text',
  title: 'fold TOS step logs into phase_summary.json and the run summary',
  usage: '--root <path> [--summary-file F] [--as-of RFC3339] [--json]',
  summary:
    'Fold logs/steps/step_NNN.json (UTF-8, UTF-8 with BOM or UTF-16) into logs/phase_summary.json with every field of ' +
    "the orchestrator's schema (rewritten atomically), then write the SummaryFile JSON and its one-line TXT beside it " +
    "in cc_run.ps1's token order, and print that line. phase_state.json and job_result.json are read, never written.",
  flags: {
    root: rootFlag,
    'summary-file': summaryFileFlag,
    'as-of': asOfFlag,
    json: jsonReportFlag('runbook-summary-report'),
  },
  exits: {
    0: 'phase_summary.json, the SummaryFile JSON and TXT written',
    1: 'the root is missing, config_v0_3.json is unreadable, or a file could not be written',
    64: 'usage error',
  },
  notes: [
    'Unreadable step logs are left out of the fold (as the orchestrator does) and named on stderr.',
    'skipped_steps is carried over from the previous phase_summary.json: only the orchestrator knows what it skipped.',
  ],
  async run(v, _pos, io) {
    const root = await tosRoot(io.cwd, required(v, 'root'));
    const summaryArg = str(v, 'summary-file') ?? DEFAULT_SUMMARY_FILE;
    const r = await runSummaryReport(runbookPorts(root, io), root, asOfOf(v, io).iso, summaryArg);
    await writeOut(io.stdout, v['json'] === true ? stableJson(r) : `${r.line}\n`);
    return 0;
  },
};
