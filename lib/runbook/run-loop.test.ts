// A run over memory ports: what is asked, what runs and what is written, step by step.
import { describe, expect, it } from 'vitest';
import type { JobResult, PhaseState } from './codecs.js';
import { runContextOf, type StepAnswer, type StepRequest } from './run-decide.js';
import type { StepLogDoc } from './run-docs.js';
import { runOrchestrator, type OrchestratorPorts } from './run-loop.js';
import type { PolicyCommand } from './policy.js';
import { settingsOf } from './settings.js';

const DONE: StepAnswer = { kind: 'done', reason: 'r' };

const memory = (answers: readonly StepAnswer[]) => {
  const asked: StepRequest[] = [];
  const ran: PolicyCommand[] = [];
  const logs = new Map<number, StepLogDoc>();
  const states: PhaseState[] = [];
  const results: JobResult[] = [];
  const ports: OrchestratorPorts = {
    ask: (r: StepRequest) => {
      asked.push(r);
      return Promise.resolve(answers[asked.length - 1] ?? DONE);
    },
    execute: (c: PolicyCommand) => {
      ran.push(c);
      return Promise.resolve({ returncode: 0, stdout: '', stderr: '', timeout: false });
    },
    stepExists: (n: number) => Promise.resolve(logs.has(n)),
    writeStep: (n: number, log: StepLogDoc) => Promise.resolve(void logs.set(n, log)),
    writePhaseState: (s: PhaseState) => Promise.resolve(void states.push(s)),
    writeJobResult: (d: JobResult) =>
      Promise.resolve((results.push(d), 'workspace/artifacts/job_result.json')),
    now: () => '2026-03-01T09:00:00.000Z',
  };
  return { ports, asked, ran, logs, states, results };
};
const sh = (...codes: string[]): StepAnswer => ({
  kind: 'commands',
  commands: codes.map((code) => ({ type: 'sh', code })),
  summary: codes.join(';'),
});
const config = (stopOnDeny: boolean, experimental = false) =>
  settingsOf({
    max_steps: 3,
    allow_types: ['sh'],
    execution_policy: { stop_on_deny: stopOnDeny, deny_if_contains: ['rm '] },
    s5_settings: { enabled: experimental },
  });

describe('given a step whose commands are all denied', () => {
  it('when stop_on_deny=true, nothing runs, the step is asked once and the run ends in deny', async () => {
    const m = memory([sh('rm -rf x')]);
    const end = await runOrchestrator(m.ports, runContextOf(config(true), null, null));
    expect([end.phase, m.asked.length, m.ran.length, m.logs.get(1)?.stopped]).toEqual(['deny', 1, 0, true]);
  });

  it('when stop_on_deny=false, the next step is asked and its history leaves the denied step out', async () => {
    const m = memory([sh('rm -rf x'), sh('echo ok')]);
    const end = await runOrchestrator(m.ports, runContextOf(config(false), null, null));
    expect(end).toEqual({ phase: 'done', endReason: 'done' });
    expect(m.ran.map((c) => c.code)).toEqual(['echo ok']);
    expect(m.asked.map((r) => r.history.length)).toEqual([0, 0, 1]);
    expect([...m.logs.values()].map((l) => [l.phase, l.stopped])).toEqual([
      ['deny', false],
      ['execute', false],
      ['done', false],
    ]);
  });
});

describe('given S-5 experimental mode', () => {
  it('when it runs, every step log says is_experimental=true', async () => {
    const m = memory([sh('echo ok')]);
    await runOrchestrator(m.ports, runContextOf(config(true, true), null, null));
    expect([...m.logs.values()].map((l) => l.is_experimental)).toEqual([true, true]);
  });
});

describe('given a job loop past max_jobs: "when job_index > max_jobs, phase becomes job_loop_complete"', () => {
  it('when run, nothing is asked, job_result.json is written and the step log says so', async () => {
    const s = settingsOf({ s5_settings: { job_loop: { enabled: true, max_jobs: 3, job_name: 'sample' } } });
    const m = memory([]);
    const end = await runOrchestrator(m.ports, runContextOf(s, { last_done: true, job_index: 4 }, null));
    expect(end).toEqual({ phase: 'job_loop_complete', endReason: 'job_loop_complete: max_jobs(3)に到達' });
    expect([m.asked.length, m.results[0]?.jobs_executed, m.logs.get(1)?.job_result_written]).toEqual([
      0,
      3,
      true,
    ]);
    expect(m.states[0]?.current_phase).toBe('job_loop_complete');
  });
});

describe('given an orchestrator that never reaches the goal', () => {
  it('when max_steps pass, a max_steps_reached log is written after the last step', async () => {
    const m = memory([sh('echo 1'), sh('echo 2'), sh('echo 3')]);
    const end = await runOrchestrator(m.ports, runContextOf(config(true), null, null));
    expect([end.endReason, [...m.logs.keys()]]).toEqual(['max_steps_reached: 3', [1, 2, 3, 4]]);
  });
});
