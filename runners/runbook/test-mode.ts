// opsfold runbook test: the verification half of cc_run.ps1 test mode over what the last orchestrator run
// left in the root. Prints the run-mode lines, the FAIL and WARNING lines and `test passed` or
// `test failed`; exit 1 on failure. Warnings never change the exit code.
import { runTest as testRoot } from '../../lib/runbook/run-steps.js';
import type { TestVerdict } from '../../lib/runbook/verdict.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command, type Io, type Values } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import { rootFlag, summaryFileFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { runbookPorts } from './ports.js';

/** Runs the verdict over `root`; with a summary file, writes the summaries first (as a run leaves them). */
/** `runbook rollback --json`'s test: the report, nothing printed. */
export const testReport = async (root: string, io: Io, v: Values) => {
  const o = { asOf: asOfOf(v, io).iso, summaryArg: str(v, 'summary-file'), json: true };
  return (await testRoot(runbookPorts(root, io), root, o)).report;
};

export const runTest = async (root: string, io: Io, v: Values): Promise<TestVerdict> => {
  const o = { asOf: asOfOf(v, io).iso, summaryArg: str(v, 'summary-file'), json: v['json'] === true };
  const outcome = await testRoot(runbookPorts(root, io), root, o);
  await writeOut(io.stdout, outcome.text);
  return outcome.verdict;
};

export const runbookTest: Command = {
  path: ['runbook', 'test'],
  title: 'the cc_run.ps1 test-mode verdict over a TOS root',
  usage: '--root <path> [--summary-file F] [--as-of RFC3339] [--json]',
  summary:
    'Check what the last orchestrator run left: fails on a missing phase_state.json, a deny or fatal_error phase, no ' +
    'step logs, an unreadable step log or any stopped step; job_loop_complete passes. Prints the run-mode lines ' +
    '(deny <reason>, fatal_error <reason>, stopped phase=<phase> step=<n>, "(experimental)" for S-5), the FAIL and ' +
    'WARNING lines and `test passed` or `test failed`. With --summary-file, phase_summary.json and the SummaryFile ' +
    'are written first.',
  flags: {
    root: rootFlag,
    'summary-file': summaryFileFlag,
    'as-of': asOfFlag,
    json: {
      type: 'boolean',
      help: 'Print {passed, status, failures, warnings, lines} as JSON instead of the lines.',
    },
  },
  exits: {
    0: 'test passed (warnings may have been printed)',
    1: 'test failed, or the root or its config is unreadable',
    64: 'usage error',
  },
  notes: [
    'Statuses (priority first): fatal_error, deny, stopped, then the phase: job_loop_complete, done,',
    'max_steps_reached, execute; no_run when nothing was left; other for any other phase.',
    'Failures: phase_state_missing, phase_state_unreadable, phase_deny, phase_fatal_error, no_step_files,',
    'step_unreadable, step_stopped.',
    'Warnings: S-5 experimental mode, job_result.json not found, job_loop enabled but not completed,',
    'job_index (X) > max_jobs (Y), job_payload_present=false, job_result_written=false.',
  ],
  async run(v, _pos, io) {
    const verdict = await runTest(await tosRoot(io.cwd, required(v, 'root')), io, v);
    return verdict.decision.value === 'passed' ? 0 : 1;
  },
};
