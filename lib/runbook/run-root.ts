// `runbook run` as one step over ports: read the root (config, phase_state.json, job_input.json), run
// the orchestrator step by step (run-loop.ts), then fold what the run left into phase_summary.json and
// the SummaryFile JSON and TXT exactly as `runbook summary` does, and answer the launcher's run-mode
// lines. The run fails (exit 1) when it ended in deny or fatal_error, as cc_run.ps1 run mode does.
import type { RunReport } from './command-reports.js';
import { JobInput, PhaseState } from './codecs.js';
import { gatherTos, readRootConfig, tosPaths } from './gather.js';
import { runContextOf } from './run-decide.js';
import { runModeLines } from './run-lines.js';
import { runOrchestrator, type OrchestratorPorts, type RunEnd } from './run-loop.js';
import { writeSummaries, type RunbookPorts } from './run-steps.js';
import { RunbookError } from './runbook-error.js';
import { settingsOf, type TosSettings } from './settings.js';
import type { TosDoc, TosPaths } from './tos-facts.js';

export interface RunPorts extends RunbookPorts {
  /** The ports of one run of `argv` in the root. */
  orchestrator(argv: readonly string[], paths: TosPaths, settings: TosSettings): OrchestratorPorts;
}

export interface RunOutcome {
  readonly end: RunEnd;
  /** Everything the command prints on stdout. */
  readonly text: string;
  readonly failed: boolean;
  /** The same as one document (`runbook run --json`), before any file removed first is added. */
  readonly report: Omit<RunReport, 'removed'>;
}

const valueOf = <A>(doc: TosDoc<A>, ports: RunPorts): A | null => {
  if (doc.kind === 'found') return doc.value;
  if (doc.kind === 'problem') ports.note(`note: ${doc.detail}; read as absent`);
  return null;
};

/** Pure: the argv to start: --orchestrator when given, else the config's orchestrator_command. */
export const orchestratorArgv = (given: readonly string[] | null, s: TosSettings): readonly string[] => {
  const argv = given ?? s.orchestrator;
  if (argv === null || argv.length === 0 || argv[0] === '')
    throw new RunbookError('no orchestrator command', [
      'set orchestrator_command (an argument vector) in config_v0_3.json, or pass --orchestrator \'["prog","arg"]\'',
    ]);
  return argv;
};

/** Runs the orchestrator over `root`, then writes the summaries; what to print and whether it failed. */
export const runRoot = async (
  ports: RunPorts,
  root: string,
  o: { readonly asOf: string; readonly summaryArg: string; readonly orchestrator: readonly string[] | null },
): Promise<RunOutcome> => {
  const settings = settingsOf(await readRootConfig(ports));
  const argv = orchestratorArgv(o.orchestrator, settings);
  const paths = tosPaths(ports.resolve, root, settings);
  const state = valueOf(await ports.read(paths.phaseState, 'phase_state.json', PhaseState), ports);
  const input = settings.jobLoop.enabled
    ? valueOf(await ports.read(paths.jobInput, 'job_input.json', JobInput), ports)
    : null;
  const end = await runOrchestrator(
    ports.orchestrator(argv, paths, settings),
    runContextOf(settings, state, input),
  );
  const facts = await gatherTos(ports, root);
  const written = await writeSummaries(ports, facts, o.asOf, o.summaryArg);
  const lines = runModeLines({
    phaseState: facts.phaseState,
    latest: facts.steps.latest,
    stepFiles: facts.stepFiles.map((f) => f.name),
    summary: written.summary,
    phaseSummaryExists: true,
  });
  const all = [...lines, `summary saved ${written.jsonPath}`, `run end ${end.phase}`];
  const failed = end.phase === 'deny' || end.phase === 'fatal_error';
  const report = {
    phase: end.phase,
    endReason: end.endReason,
    failed,
    lines: all,
    phaseSummary: written.summary,
    summaryFile: o.summaryArg,
  };
  return { end, text: `${all.join('\n')}\n`, failed, report };
};
