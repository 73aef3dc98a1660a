// runbook run / cleanrun against the orchestrator stand-in (fixtures/runbook/orchestrator-stand-in.mjs)
// as a real child process, in real git repositories made in temp dirs. Each case is a sentence of the
// runbook (seed 003): the execution policy, stop_on_deny, the S-5 flag, the job loop, the job payload,
// job_result.json, cleanrun, and rollback's automatic test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withLock } from '../../lib/io/lock.js';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { gitTestEnv } from './git-env.test-kit.js';

const standIn = fileURLToPath(new URL('../../fixtures/runbook/orchestrator-stand-in.mjs', import.meta.url));
let work = '';
let root = '';
const requests = () => join(work, 'requests.jsonl');
const env = () => ({ ...gitTestEnv(work), STAND_IN_LOG: requests() });
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, env: env(), encoding: 'utf8' }).trim();
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: env(), now: () => Date.parse('2026-03-01T09:00:00Z') });

const write = (rel: string, value: unknown) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
};
const read = (rel: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(root, rel), 'utf8')) as Record<string, unknown>;
const steps = () => readdirSync(join(root, 'logs', 'steps')).sort();
const step = (n: number) => read(`logs/steps/step_${String(n).padStart(3, '0')}.json`);
const asked = (): { step_num: number; job_payload_json: string; job_loop: { job_index: number | null } }[] =>
  existsSync(requests())
    ? readFileSync(requests(), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as never)
    : [];

interface Shape {
  readonly policy?: Record<string, unknown>;
  readonly s5?: Record<string, unknown>;
  readonly denyPatterns?: string[];
  readonly maxSteps?: number;
}
const config = (o: Shape = {}) => ({
  config_version: 'v0.3',
  sprint: 'S-6',
  max_steps: o.maxSteps ?? 4,
  timeout_sec: 20,
  workspace_dir: 'workspace',
  logs_dir: 'logs',
  allow_types: ['sh'],
  deny_patterns: o.denyPatterns ?? ['curl '],
  execution_policy: {
    default_action: 'allow',
    stop_on_deny: true,
    deny_if_contains: ['Remove-Item'],
    ...o.policy,
  },
  s5_settings: { enabled: false, ...o.s5 },
  orchestrator_command: ['node', standIn],
});
const denied = {
  commands: [{ type: 'sh', code: 'touch ran-a-denied-command; Remove-Item x' }],
  summary: 'bad',
};
const loop = (extra: Record<string, unknown> = {}) => ({
  enabled: true,
  job_loop: { enabled: true, max_jobs: 2, job_name: 'sample', ...extra },
});

const repo = (o: Shape = {}, plan?: unknown) => {
  write('config_v0_3.json', config(o));
  if (plan !== undefined) write('stand_in_plan.json', plan);
  write('.gitignore', 'logs/steps/\nlogs/*.json\nlogs/*.txt\nworkspace/\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'TOS root');
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-run-'));
  root = join(work, 'tos');
  mkdirSync(root);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given a TOS root whose orchestrator meets the goal in one step', () => {
  it('when run, step 1 executes its allowed command, step 2 is done, and the summaries are written', async () => {
    repo();
    const r = await run('runbook', 'run', '--root', root);
    expect(r.code, r.stderr).toBe(0);
    expect(steps()).toEqual(['step_001.json', 'step_002.json']);
    expect([
      step(1)['phase'],
      step(2)['phase'],
      read('workspace/artifacts/phase_state.json')['current_phase'],
    ]).toEqual(['execute', 'done', 'done']);
    expect(readFileSync(join(root, 'workspace/results/result.txt'), 'utf8')).toBe('ok\n');
    expect(read('logs/phase_summary.json')['end_reason']).toBe('done');
    expect(readFileSync(join(root, 'logs/last_run_summary.txt'), 'utf8')).toContain(
      'phase=done step=2 done=True',
    );
    expect(r.stdout).toContain('phase_state phase=done step=2 done=True\n');
  });

  it('when the config names no orchestrator command, it exits 1 saying how to give one; --orchestrator overrides', async () => {
    repo();
    const { orchestrator_command: _, ...rest } = config();
    write('config_v0_3.json', rest);
    const r = await run('runbook', 'run', '--root', root);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'error: no orchestrator command']);
    const given = await run(
      'runbook',
      'run',
      '--root',
      root,
      '--orchestrator',
      JSON.stringify(['node', standIn]),
    );
    expect(given.code, given.stderr).toBe(0);
    expect((await run('runbook', 'run', '--root', root, '--orchestrator', 'node x')).code).toBe(64);
  });

  it('when another run holds the root, it exits 75 and runs nothing', async () => {
    repo();
    const r = await withLock(join(root, '.opsfold', 'runbook-run'), { waitMs: 0 }, () =>
      run('runbook', 'run', '--root', root),
    );
    expect(r.code).toBe(75);
    expect(asked()).toEqual([]);
  });

  it('when the orchestrator command fails, the step is fatal_error (stopped) and the run exits 1', async () => {
    repo({}, { default: { exit: 3, stderr: 'draft生成失敗' } });
    const r = await run('runbook', 'run', '--root', root);
    expect(r.code).toBe(1);
    expect([step(1)['phase'], step(1)['stopped'], step(1)['error']]).toEqual([
      'fatal_error',
      true,
      'orchestrator command exited 3: draft生成失敗',
    ]);
  });
});

describe('given the execution policy: "denied commands are not retried"', () => {
  it('when every command of a step is denied, the step is deny, the command never runs and the step is asked once', async () => {
    repo({}, { default: denied });
    const r = await run('runbook', 'run', '--root', root);
    expect(r.code).toBe(1);
    expect(existsSync(join(root, 'ran-a-denied-command'))).toBe(false);
    expect(asked().map((q) => q.step_num)).toEqual([1]);
    expect([step(1)['phase'], step(1)['done_reason']]).toEqual([
      'deny',
      "全コマンドがdeny: deny_if_contains 'Remove-Item' に一致",
    ]);
    expect(r.stdout).toContain('deny ');
  });

  it('when a deny_patterns entry is not a valid regex, the command is denied (fail closed)', async () => {
    repo({ denyPatterns: ['(unclosed'] });
    const r = await run('runbook', 'run', '--root', root);
    expect(r.code).toBe(1);
    expect(step(1)['phase']).toBe('deny');
    expect(String(step(1)['done_reason'])).toContain("'(unclosed' を解釈できない");
    expect(existsSync(join(root, 'workspace/results/result.txt'))).toBe(false);
  });
});

describe('given stop_on_deny', () => {
  it('when true (the default), "execution stops immediately when deny occurs": step_log.stopped=true', async () => {
    repo({}, { default: denied });
    await run('runbook', 'run', '--root', root);
    expect(steps()).toEqual(['step_001.json']);
    expect(step(1)['stopped']).toBe(true);
    expect(read('logs/phase_summary.json')['end_reason']).toBe("deny: deny_if_contains 'Remove-Item' に一致");
  });

  it('when false, "execution continues to next step after deny"', async () => {
    repo({ policy: { stop_on_deny: false } }, { steps: { '1': denied } });
    const r = await run('runbook', 'run', '--root', root);
    expect(r.code, r.stdout).toBe(0);
    expect(steps().map((n) => step(Number(n.slice(5, 8)))['phase'])).toEqual(['deny', 'execute', 'done']);
    expect(step(1)['stopped']).toBe(false);
    expect(asked().map((q) => q.step_num)).toEqual([1, 2, 3]);
  });
});

describe('given S-5: "is_experimental flag is saved in step_log"', () => {
  it.each([
    [true, true],
    [false, false],
  ])('when s5_settings.enabled is %s, every step log has is_experimental %s', async (enabled, flag) => {
    repo({ s5: { enabled } });
    await run('runbook', 'run', '--root', root);
    expect([step(1)['is_experimental'], step(2)['is_experimental']]).toEqual([flag, flag]);
  });
});

describe('given the S-5 job loop (max_jobs 2)', () => {
  it('when run three times, each run is one job, the index advances after each done, and the third completes the loop', async () => {
    repo({ s5: loop() });
    expect((await run('runbook', 'run', '--root', root)).code).toBe(0);
    expect(asked().map((q) => q.job_loop.job_index)).toEqual([1, 1]);
    expect(read('workspace/artifacts/phase_state.json')['job_index']).toBe(2);
    expect((await run('runbook', 'run', '--root', root)).code).toBe(0);
    expect(read('workspace/artifacts/phase_state.json')['job_index']).toBe(3);
    expect(read('logs/phase_summary.json')['end_reason']).toBe('done (job 2/2 completed)');
    expect(existsSync(join(root, 'workspace/artifacts/job_result.json'))).toBe(false);
    const third = await run('runbook', 'run', '--root', root);
    expect(third.code, third.stdout).toBe(0);
    expect(asked()).toHaveLength(3);
    expect(read('workspace/artifacts/phase_state.json')['current_phase']).toBe('job_loop_complete');
    expect(read('workspace/artifacts/job_result.json')).toEqual({
      job_name: 'sample',
      max_jobs: 2,
      jobs_executed: 2,
      end_reason: 'job_loop_complete: max_jobs(2)に到達',
      last_phase: 'job_loop_complete',
      last_step: 1,
      timestamp: '2026-03-01T09:00:00.000Z',
    });
    expect([step(1)['phase'], step(1)['job_result_written']]).toEqual(['job_loop_complete', true]);
    expect(readFileSync(join(root, 'logs/last_run_summary.txt'), 'utf8')).toContain('job_result=exists');
  });
});

describe('given a job payload: "truncated payloads end with ...(truncated)" past 2000 characters', () => {
  // {"pad": "<n a's>"} serializes to n + 11 characters: 1989 is exactly 2000.
  it.each([
    [1989, false],
    [1990, true],
  ])('when the payload is %s + 11 characters, truncated is %s', async (n, truncated) => {
    repo({ s5: loop() });
    write('workspace/artifacts/job_input.json', { pad: 'a'.repeat(n) });
    await run('runbook', 'run', '--root', root);
    const full = `{"pad": "${'a'.repeat(n)}"}`;
    const expected = truncated ? `${full.slice(0, 2000)}...(truncated)` : full;
    expect(asked()[0]?.job_payload_json).toBe(expected);
    expect([step(1)['job_payload'], step(1)['job_payload_size']]).toEqual([expected, n + 11]);
  });
});

describe('given a root a previous run left', () => {
  it('when cleanrun, the old step logs, phase_state and job_result go first, then the run starts at step 1', async () => {
    repo();
    await run('runbook', 'run', '--root', root);
    write('workspace/artifacts/job_result.json', { job_name: 'old' });
    rmSync(join(root, 'workspace/results'), { recursive: true });
    const r = await run('runbook', 'cleanrun', '--root', root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['cleanup start', 'removed logs/steps/step_001.json']);
    expect(existsSync(join(root, 'workspace/artifacts/job_result.json'))).toBe(false);
    expect(asked().map((q) => q.step_num)).toEqual([1, 2, 1, 2]);
    expect(steps()).toEqual(['step_001.json', 'step_002.json']);
  });
});

describe('given the rollback verification procedure', () => {
  it('when a deny pattern breaks the run and rollback returns to the checkpoint, the automatic clean re-run passes', async () => {
    repo();
    const cp = await run('runbook', 'checkpoint', '--root', root, '--name', 'S4_before_verify');
    const hash = cp.stdout.trim().split(' ')[1] ?? '';
    write('config_v0_3.json', config({ policy: { deny_if_contains: ['Remove-Item', 'echo'] } }));
    git('commit', '-q', '-am', 'add echo to deny_if_contains');
    expect((await run('runbook', 'cleanrun', '--root', root)).code).toBe(1);
    const r = await run('runbook', 'rollback', '--root', root);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([`rollback ${hash}`, 'auto test after rollback', 'cleanup start']);
    expect(lines.at(-1)).toBe('test passed');
    expect(steps()).toEqual(['step_001.json', 'step_002.json']);
    expect(step(1)['phase']).toBe('execute');
  });

  it('when the re-run after rollback fails, rollback exits 1', async () => {
    repo({}, { default: denied });
    const head = git('rev-parse', 'HEAD');
    const r = await run('runbook', 'rollback', '--root', root, '--target', head);
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('test failed\ntest after rollback failed\n')).toBe(true);
  });
});
