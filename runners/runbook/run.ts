// opsfold runbook run / cleanrun: cc_run.ps1 -Mode run / cleanrun. Starts the orchestrator command for
// each step, checks every command it proposes against the execution policy before any runs, runs the
// allowed ones, writes the step logs, phase_state.json and (at job_loop_complete) job_result.json, then
// phase_summary.json and the SummaryFile JSON and TXT as `runbook summary` does; prints the run-mode
// lines. One run at a time per root (.opsfold/runbook-run.lock, exit 75 when held).
import { join } from 'node:path';
import { withLock } from '../../lib/io/lock.js';
import { readRootConfig } from '../../lib/runbook/gather.js';
import { orchestratorArgv, runRoot } from '../../lib/runbook/run-root.js';
import { cleanRootReport, DEFAULT_SUMMARY_FILE } from '../../lib/runbook/run-steps.js';
import { stableJson } from '../../lib/core/stable-json.js';
import type { RunReport } from '../../lib/runbook/command-reports.js';
import { settingsOf } from '../../lib/runbook/settings.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command, type Io, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { cleanOut, removeIfThere } from './clean.js';
import { jsonReportFlag, rootFlag, summaryFileFlag } from './flags.js';
import { tosRoot } from './gather.js';
import { orchestratorPorts } from './orchestrator.js';
import { runbookPorts } from './ports.js';

const argvOf = (given: string | undefined): string[] | null => {
  if (given === undefined) return null;
  let v: unknown;
  try {
    v = JSON.parse(given);
  } catch {
    v = null;
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string'))
    throw usageError('--orchestrator must be a JSON array of strings', `got: ${given}`);
  return v as string[];
};

/** Cleans the root before a run: the lines printed, or (for --json) the files removed. */
const cleanFirst = async (root: string, io: Io, json: boolean): Promise<string[]> => {
  if (json)
    return (await cleanRootReport(runbookPorts(root, io), root, (f) => removeIfThere(root, f))).removed;
  await cleanOut(root, io);
  return [];
};

/**
 * One orchestrator run over `root` (cleaned first when `clean`: the lines printed, or with `json` the
 * files removed kept in the report); its outcome, nothing else printed.
 */
const runOnly = async (root: string, io: Io, v: Values, clean: boolean) => {
  const given = argvOf(str(v, 'orchestrator'));
  const ports = {
    ...runbookPorts(root, io),
    orchestrator: orchestratorPorts(io, () => new Date(io.now()).toISOString()),
  };
  // Known before anything is removed: a run that cannot start must not clean the root first.
  const orchestrator = orchestratorArgv(given, settingsOf(await readRootConfig(ports)));
  const o = {
    asOf: asOfOf(v, io).iso,
    summaryArg: str(v, 'summary-file') ?? DEFAULT_SUMMARY_FILE,
    orchestrator,
  };
  return withLock(join(root, '.opsfold', 'runbook-run'), { waitMs: 0 }, async () => {
    const removed = clean ? await cleanFirst(root, io, v['json'] === true) : [];
    const outcome = await runRoot(ports, root, o);
    return { ...outcome, report: { ...outcome.report, removed } };
  });
};

/** `runbook rollback --json`'s re-run: clean, then the run, as one report; nothing printed. */
export const runReport = async (root: string, io: Io, v: Values): Promise<RunReport> =>
  (await runOnly(root, io, { ...v, json: true }, true)).report;

/** One orchestrator run over `root` (cleaned first when `clean`), printed; true when it ended in deny or fatal_error. */
export const runOnce = async (root: string, io: Io, v: Values, clean: boolean): Promise<boolean> => {
  const outcome = await runOnly(root, io, v, clean);
  await writeOut(io.stdout, v['json'] === true ? stableJson(outcome.report) : outcome.text);
  return outcome.failed;
};

export const orchestratorFlag = {
  type: 'string',
  arg: 'json-argv',
  help: 'The orchestrator command as a JSON array (["node","tools/orchestrator.mjs"]). Default: orchestrator_command of config_v0_3.json',
} as const;

const runCommand = (mode: 'run' | 'cleanrun'): Command => ({
  path: ['runbook', mode],
  prints: 'text',
  title:
    mode === 'run'
      ? 'run the TOS orchestrator step by step under the execution policy'
      : 'clean a TOS root, then run the orchestrator (runbook clean + runbook run)',
  usage: '--root <path> [--orchestrator JSON] [--summary-file F] [--as-of RFC3339] [--json]',
  summary:
    (mode === 'cleanrun' ? 'Remove what `runbook clean` removes, then run' : 'Run') +
    ' the orchestrator command as a child process once per step (its request as JSON on stdin: step_num, ' +
    'is_experimental, job_loop, job_payload_json cut to 2000 characters + "...(truncated)", history; its answer ' +
    'on stdout: {"done":true,"done_reason":…} or {"commands":[{"type","code"}],"summary":…}). Every command is ' +
    'checked against the execution policy before any runs: a step whose commands are all denied is `deny` ' +
    "(never retried; the run stops unless stop_on_deny is false); the allowed ones run under their type's " +
    'interpreter. Writes logs/steps/step_NNN.json (with is_experimental and the job fields), phase_state.json, ' +
    'job_result.json at job_loop_complete (one job per run; the job index moves on after each done), then ' +
    'phase_summary.json and the SummaryFile JSON and TXT; prints the run-mode lines.',
  flags: {
    root: rootFlag,
    orchestrator: orchestratorFlag,
    'summary-file': summaryFileFlag,
    'as-of': asOfFlag,
    json: jsonReportFlag('runbook-run-report'),
  },
  exits: {
    0: 'the run ended done, job_loop_complete or max_steps_reached',
    1: 'the run ended in deny or fatal_error, no orchestrator command, or the root or config is unreadable',
    64: 'usage error (a bad --orchestrator)',
    75: 'another run holds the root',
  },
  async run(v, _pos, io) {
    const root = await tosRoot(io.cwd, required(v, 'root'));
    return (await runOnce(root, io, v, mode === 'cleanrun')) ? 1 : 0;
  },
});

export const runbookRun = runCommand('run');
export const runbookCleanrun = runCommand('cleanrun');
