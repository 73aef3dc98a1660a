// One orchestrator run (`runbook run`), step by step over ports: the runner asks the orchestrator command
// for each step's commands, and runs the allowed ones, as child processes; everything decided here is
// pure (run-decide.ts, run-docs.ts). Each step is asked once: a denied step is recorded as `deny` and is
// never asked again or retried; its commands never run. The run ends at the first done, fatal_error or
// (with stop_on_deny) deny, or after max_steps; a job loop past max_jobs writes job_result.json and ends.
import type { JobResult, PhaseState } from './codecs.js';
import type { PolicyCommand } from './policy.js';
import {
  completeReason,
  decideStep,
  doneEndReason,
  loopCompleted,
  stepRequestOf,
  type RunContext,
  type StepAnswer,
  type StepDecision,
  type StepRequest,
} from './run-decide.js';
import { jobResultOf, phaseStateOf, stepLogOf, type StepFields, type StepLogDoc } from './run-docs.js';

export interface CommandOutcome {
  readonly returncode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timeout: boolean;
}

export interface OrchestratorPorts {
  /** Starts the orchestrator command for one step; its answer, or why there is none. */
  ask(request: StepRequest): Promise<StepAnswer>;
  /** Runs one allowed command (the policy has already passed it). */
  execute(command: PolicyCommand, timeoutSec: number): Promise<CommandOutcome>;
  /** A step log for step `n` is already there (the orchestrator skips such a step). */
  stepExists(n: number): Promise<boolean>;
  writeStep(n: number, log: StepLogDoc): Promise<void>;
  writePhaseState(state: PhaseState): Promise<void>;
  /** Writes job_result.json; the path it went to. */
  writeJobResult(doc: JobResult): Promise<string>;
  /** The time to stamp on the documents (ISO). */
  now(): string;
}

export interface RunEnd {
  readonly phase: string;
  readonly endReason: string;
}

type History = { step: number; summary: string }[];

/** Where a step's record goes: its own number, and the step phase_state.json names next. */
interface At {
  readonly n: number;
  readonly step: number;
  readonly reason: string;
}

const record = async (p: OrchestratorPorts, c: RunContext, log: StepFields, state: At): Promise<void> => {
  const at = p.now();
  await p.writeStep(state.n, stepLogOf(c, state.n, at, log));
  await p.writePhaseState(phaseStateOf(c, at, { ...state, phase: log.phase, done: log.done ?? false }));
};

const completeLoop = async (p: OrchestratorPorts, c: RunContext): Promise<RunEnd> => {
  const reason = completeReason(c);
  const path = await p.writeJobResult(jobResultOf(c, c.startStep, p.now()));
  const log = { phase: 'job_loop_complete', done: true, done_reason: reason, message: 'job_loop完了' };
  const fields = { ...log, job_result_written: true, job_result_path: path };
  await record(p, c, fields, { n: c.startStep, step: c.startStep, reason });
  return { phase: 'job_loop_complete', endReason: reason };
};

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

const resultOf = (cmd: PolicyCommand, reason: string, o: CommandOutcome) => ({
  type: cmd.type,
  code: cut(cmd.code, 500),
  allowed: true,
  allow_reason: reason,
  executed: true,
  returncode: o.returncode,
  stdout: o.stdout.slice(0, 1000),
  stderr: o.stderr.slice(0, 1000),
  timeout: o.timeout,
});

/** Runs the allowed commands in order; the step log's execution record (denied ones listed, not run). */
const execute = async (p: OrchestratorPorts, c: RunContext, d: StepDecision & { kind: 'execute' }) => {
  const ran = [];
  for (const cmd of d.allowed)
    ran.push(resultOf(cmd, 'allowlist通過', await p.execute(cmd, c.settings.timeoutSec)));
  const denied = d.report.commands
    .filter((v) => v.decision === 'deny')
    .map((v) => ({
      type: v.type,
      code: v.code_snippet,
      allowed: false,
      deny_reason: v.reason,
      executed: false,
    }));
  const summary = {
    executed_count: ran.length,
    denied_count: denied.length,
    timeout_count: ran.filter((r) => r.timeout).length,
    failed_count: ran.filter((r) => r.returncode !== 0).length,
  };
  return { command_results: [...ran, ...denied], execution_summary: summary };
};

const stripDeny = (reason: string): string => reason.replace(/^全コマンドがdeny: /, '');

const denyFields = (d: StepDecision & { kind: 'deny' }): StepFields => ({
  phase: 'deny',
  done_reason: d.reason,
  message: `deny: ${stripDeny(d.reason)}`,
  stopped: d.stop,
  allowlist_summary: d.report.commands,
  execution: {
    command_results: [],
    execution_summary: {
      executed_count: 0,
      denied_count: d.report.denied_count,
      timeout_count: 0,
      failed_count: 0,
    },
    denied_command_snippet: d.report.commands[0]?.code_snippet ?? null,
    denied_reason: stripDeny(d.reason),
  },
});

const EXECUTED = 'ステップ実行完了、次のループでdone判定';

/** One step; the run's end, or null to go on to the next step. */
const runStep = async (
  p: OrchestratorPorts,
  c: RunContext,
  n: number,
  history: History,
): Promise<RunEnd | null> => {
  const answer = await p.ask(stepRequestOf(c, n, [...history]));
  const d = decideStep(c.settings, answer);
  const final_commands = answer.kind === 'commands' ? answer.commands : null;
  if (d.kind === 'done') {
    const log = { phase: 'done', done: true, done_reason: d.reason, message: '目標達成' };
    await record(p, c, log, { n, step: n, reason: d.reason });
    return { phase: 'done', endReason: doneEndReason(c) };
  }
  if (d.kind === 'fatal_error') {
    const reason = `fatal_error: ${d.error}`;
    const log = {
      phase: 'fatal_error',
      done_reason: 'orchestrator step failed',
      error: d.error,
      stopped: true,
    };
    await record(p, c, log, { n, step: n, reason });
    return { phase: 'fatal_error', endReason: reason };
  }
  if (d.kind === 'deny') {
    const reason = `deny: ${stripDeny(d.reason)}`;
    await record(p, c, { ...denyFields(d), final_commands }, { n, step: n + 1, reason });
    return d.stop ? { phase: 'deny', endReason: reason } : null;
  }
  const execution = await execute(p, c, d);
  const log = {
    phase: 'execute',
    done_reason: EXECUTED,
    final_commands,
    allowlist_summary: d.report.commands,
  };
  await record(p, c, { ...log, execution }, { n, step: n + 1, reason: EXECUTED });
  history.push({ step: n, summary: answer.kind === 'commands' ? answer.summary : '' });
  return null;
};

/** Runs the orchestrator from the context's start step; how the run ended. */
export const runOrchestrator = async (p: OrchestratorPorts, c: RunContext): Promise<RunEnd> => {
  if (loopCompleted(c)) return completeLoop(p, c);
  const history: History = [];
  for (let n = c.startStep; n <= c.settings.maxSteps; n += 1) {
    if (await p.stepExists(n)) continue;
    const end = await runStep(p, c, n, history);
    if (end !== null) return end;
  }
  const m = c.settings.maxSteps;
  const reason = `max_steps (${m}) に到達したが目標未達成`;
  await record(p, c, { phase: 'max_steps_reached', done_reason: reason }, { n: m + 1, step: m + 1, reason });
  return { phase: 'max_steps_reached', endReason: `max_steps_reached: ${m}` };
};
