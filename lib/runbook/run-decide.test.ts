// The pure decisions of a run, in the runbook's words: the policy before any command runs, stop_on_deny,
// the job index, the payload cut.
import { describe, expect, it } from 'vitest';
import { decideStep, nextJobIndex, runContextOf, stepRequestOf } from './run-decide.js';
import { settingsOf } from './settings.js';

const settings = (policy: Record<string, unknown> = {}, denyPatterns: string[] = []) =>
  settingsOf({
    allow_types: ['sh'],
    deny_patterns: denyPatterns,
    execution_policy: { deny_if_contains: ['Remove-Item'], ...policy },
  });
const cmds = (...codes: string[]) => ({
  kind: 'commands' as const,
  commands: codes.map((code) => ({ type: 'sh', code })),
  summary: '',
});

describe('given the execution policy: "deny check runs before allowlist check"', () => {
  it('when every command is denied, the step is deny and stops (stop_on_deny defaults to true)', () => {
    const d = decideStep(settings(), cmds('Remove-Item a', 'Remove-Item b'));
    expect(d.kind === 'deny' && d.stop).toBe(true);
  });

  it('when stop_on_deny=false, the denied step goes on to the next', () => {
    const d = decideStep(settings({ stop_on_deny: false }), cmds('Remove-Item a'));
    expect(d.kind === 'deny' && d.stop).toBe(false);
  });

  it('when only some are denied, the step executes the allowed ones and never the denied', () => {
    const d = decideStep(settings(), cmds('echo a', 'Remove-Item b', 'echo c'));
    expect(d.kind === 'execute' && d.allowed.map((c) => c.code)).toEqual(['echo a', 'echo c']);
  });

  it('when a deny pattern does not compile, every command is denied', () => {
    const d = decideStep(settings({}, ['(unclosed']), cmds('echo a'));
    expect(d.kind).toBe('deny');
  });

  it('when the orchestrator failed or says done, the step is fatal_error or done', () => {
    expect(decideStep(settings(), { kind: 'failed', error: 'x' }).kind).toBe('fatal_error');
    expect(decideStep(settings(), { kind: 'done', reason: 'r' }).kind).toBe('done');
  });
});

describe('given job_loop: "job_index starts at 1 and increments after each done"', () => {
  const loop = settingsOf({ s5_settings: { enabled: true, job_loop: { enabled: true, max_jobs: 3 } } });

  it('when there is no phase_state, the run is job 1 from step 1', () => {
    const c = runContextOf(loop, null, null);
    expect([c.jobIndex, c.startStep, c.jobName]).toEqual([1, 1, 'default']);
  });

  it('when the last run was done, the next starts at step 1 on the saved index', () => {
    const c = runContextOf(loop, { last_done: true, current_step: 4, job_index: 2 }, null);
    expect([c.jobIndex, c.startStep]).toEqual([2, 1]);
    expect([nextJobIndex(c, 'done'), nextJobIndex(c, 'deny')]).toEqual([3, 2]);
  });

  it('when job_input.json names the job, its job_name overrides the config', () => {
    expect(runContextOf(loop, null, { job_name: 'custom_job' }).jobName).toBe('custom_job');
  });

  it('when the loop is disabled, there is no index and no payload', () => {
    const c = runContextOf(settingsOf(null), null, { job_name: 'x' });
    expect([c.jobIndex, c.payload]).toEqual([null, null]);
  });
});

describe('given a job payload: "max 2000 chars", "truncated payloads end with ...(truncated)"', () => {
  const loop = settingsOf({ s5_settings: { job_loop: { enabled: true } } });
  it.each([
    [1989, '"}'],
    [1990, '...(truncated)'],
  ])('when the payload text is %s + 11 characters, what the orchestrator gets ends with %s', (n, end) => {
    const c = runContextOf(loop, null, { pad: 'a'.repeat(n) });
    const sent = stepRequestOf(c, 1, []).job_payload_json;
    expect(sent.endsWith(end)).toBe(true);
    expect(sent.length).toBe(end === '"}' ? 2000 : 2000 + end.length);
  });
});
