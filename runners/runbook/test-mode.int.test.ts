// runbook test over temp copies of the TOS fixtures and variants of them: every failure code, status and
// warning of the verdict, the run-mode lines as the launcher prints them, and warnings that never change
// the exit code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

interface Case {
  case: string;
  passed: boolean;
  status: string;
  failures: string[];
  warnings: string[];
  status_lines: string[];
}

interface Report {
  passed: boolean;
  status: string;
  failures: string[];
  warnings: string[];
  lines: string[];
}

const manifest = JSON.parse(
  readFileSync(new URL('../../fixtures/runbook/manifest.json', import.meta.url), 'utf8'),
) as Case[];
let work = '';
const io = () => ({ cwd: work, env: {}, now: () => Date.parse('2026-03-01T09:00:00Z') });
const run = (...argv: string[]) => runCaptured(commands, argv, io());
const rootOf = (name: string) => join(work, name);
const stateFile = (name: string) => join(rootOf(name), 'workspace', 'artifacts', 'phase_state.json');
const report = async (name: string): Promise<Report & { code: number }> => {
  const r = await run('runbook', 'test', '--root', rootOf(name), '--json');
  return { ...(JSON.parse(r.stdout) as Report), code: r.code };
};
const setPhase = (name: string, fields: Record<string, unknown>) => {
  const state = JSON.parse(readFileSync(stateFile(name), 'utf8')) as Record<string, unknown>;
  writeFileSync(stateFile(name), JSON.stringify({ ...state, ...fields }));
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-test-'));
  cpSync(new URL('../../fixtures/runbook', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe.each(manifest)('given the fixture $case', (c) => {
  it(`when tested, it ${c.passed ? 'passes' : 'fails'} with status ${c.status}, the stated failures and warnings`, async () => {
    const r = await report(c.case);
    expect([r.passed, r.status, r.failures, r.warnings]).toEqual([
      c.passed,
      c.status,
      c.failures,
      c.warnings,
    ]);
    expect(r.code).toBe(c.passed ? 0 : 1);
    expect(r.lines.at(-1)).toBe(c.passed ? 'test passed' : 'test failed');
    for (const line of c.status_lines) expect(r.lines).toContain(line);
  });
});

describe('given the fixture denied-phase', () => {
  it('when tested, the lines are the run-mode lines, then FAIL lines, then the verdict', async () => {
    const r = await run('runbook', 'test', '--root', rootOf('denied-phase'));
    const reason = "deny: 全コマンドがdeny: deny_if_contains 'Set-Content' に一致";
    expect(r.stdout).toBe(
      [
        'phase_state phase=deny step=2 done=False',
        `deny ${reason}`,
        'stopped phase=deny step=1',
        'latest_step step_001.json total=1',
        'phase_summary none',
        `FAIL phase is deny: ${reason}`,
        'FAIL step step_001.json stopped=true phase=deny',
        'test failed',
        '',
      ].join('\n'),
    );
  });
});

describe('given the fixture fatal-error', () => {
  it('when phase_state also looks denied in the step logs, fatal_error wins the status (fatal_error > deny > stopped)', async () => {
    const steps = join(rootOf('fatal-error'), 'logs', 'steps');
    const deny = readFileSync(join(rootOf('denied-phase'), 'logs', 'steps', 'step_001.json'));
    writeFileSync(join(steps, 'step_000.json'), deny);
    const r = await report('fatal-error');
    expect(r.status).toBe('fatal_error');
    expect(r.lines).toContain('fatal_error fatal_error: draft生成失敗');
    expect(r.lines.some((l) => l.startsWith('deny '))).toBe(false);
  });
});

describe('given a done run whose files go missing or break', () => {
  it('when phase_state.json is missing, it fails with phase_state_missing and prints phase_state none', async () => {
    rmSync(stateFile('done-run'));
    const r = await report('done-run');
    expect([r.passed, r.failures]).toEqual([false, ['phase_state_missing']]);
    expect(r.lines).toContain('phase_state none');
    expect(r.lines).toContain('FAIL phase_state.json not found');
  });

  it('when phase_state.json is not JSON, it fails with phase_state_unreadable naming line and byte', async () => {
    writeFileSync(stateFile('done-run'), '{"current_phase": "done",,}');
    const r = await report('done-run');
    expect(r.failures).toEqual(['phase_state_unreadable']);
    expect(
      r.lines.filter((l) => l.startsWith('FAIL phase_state.json unreadable: phase_state.json:1:25: ')),
    ).toHaveLength(1);
  });

  it('when there are no step logs, it fails with no_step_files', async () => {
    rmSync(join(rootOf('done-run'), 'logs', 'steps'), { recursive: true });
    const r = await report('done-run');
    expect(r.failures).toEqual(['no_step_files']);
    expect(r.lines).toContain('FAIL no step files found');
    expect(r.lines).toContain('latest_step none');
  });

  it('when a step log is truncated, it fails with step_unreadable', async () => {
    const file = join(rootOf('done-run'), 'logs', 'steps', 'step_002.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const r = await report('done-run');
    expect(r.failures).toEqual(['step_unreadable']);
    expect(r.lines.some((l) => l.startsWith('FAIL step step_002.json unreadable: step_002.json:'))).toBe(
      true,
    );
  });

  it('when nothing at all was left, the status is no_run', async () => {
    rmSync(stateFile('done-run'));
    rmSync(join(rootOf('done-run'), 'logs'), { recursive: true });
    const r = await report('done-run');
    expect([r.status, r.failures]).toEqual(['no_run', ['phase_state_missing', 'no_step_files']]);
  });
});

describe('given phases other than done', () => {
  it('when phase_state says max_steps_reached, the status is max_steps_reached and end_reason names max_steps', async () => {
    setPhase('done-run', { current_phase: 'max_steps_reached', current_step: 9, last_done: false });
    const r = await run(
      'runbook',
      'test',
      '--root',
      rootOf('done-run'),
      '--summary-file',
      'logs/s.json',
      '--json',
    );
    const out = JSON.parse(r.stdout) as Report;
    expect([out.status, out.passed]).toEqual(['max_steps_reached', true]);
    expect(out.lines).toContain('end_reason max_steps_reached: 8');
  });

  it('when phase_state says execute and no step stopped, the status is execute and the test passes', async () => {
    setPhase('done-run', { current_phase: 'execute', last_done: false });
    expect(await report('done-run')).toMatchObject({ status: 'execute', passed: true });
  });

  it('when phase_state names a phase the launcher does not know, the status is other', async () => {
    setPhase('done-run', { current_phase: 'error', last_done: false });
    expect(await report('done-run')).toMatchObject({ status: 'other', passed: true });
  });
});

describe('given job-loop roots', () => {
  it('when job_result.json is missing after job_loop_complete, it warns twice and still passes', async () => {
    rmSync(join(rootOf('job-loop-complete'), 'workspace', 'artifacts', 'job_result.json'));
    const r = await report('job-loop-complete');
    expect([r.passed, r.code]).toEqual([true, 0]);
    expect(r.warnings).toEqual([
      'experimental_mode',
      'job_result_missing',
      'job_index_over_max',
      'job_result_not_written',
    ]);
    expect(r.lines).toContain('WARNING: job_result.json not found');
    expect(r.lines).toContain('WARNING: job_result_written=false');
    expect(r.lines).toContain('WARNING: job_index (4) > max_jobs (3)');
  });

  it('when job_input.json is missing, it warns job_payload_present=false and still passes', async () => {
    rmSync(join(rootOf('job-loop-in-progress'), 'workspace', 'artifacts', 'job_input.json'));
    const r = await report('job-loop-in-progress');
    expect([r.passed, r.warnings]).toEqual([
      true,
      ['experimental_mode', 'job_loop_not_completed', 'job_payload_missing'],
    ]);
    expect(r.lines).toContain('WARNING: job_payload_present=false');
    expect(r.lines).toContain('job_loop enabled=True job_name=sample job_index=2 max_jobs=3 completed=False');
  });

  it('when the loop is in progress, the phase shows (experimental) and the not-completed warning', async () => {
    const r = await run('runbook', 'test', '--root', rootOf('job-loop-in-progress'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('phase_state phase=done (experimental) step=2 done=True\n');
    expect(r.stdout).toContain('WARNING: S-5 experimental mode - results may be unstable\n');
    expect(r.stdout).toContain('WARNING: job_loop enabled but not completed\n');
  });

  it('when the config is gone but the latest step is experimental, the experimental warning stays', async () => {
    rmSync(join(rootOf('job-loop-in-progress'), 'config_v0_3.json'));
    expect((await report('job-loop-in-progress')).warnings).toEqual(['experimental_mode']);
  });
});

describe('given --summary-file', () => {
  it('when tested, phase_summary.json and the SummaryFile are written and the test says where', async () => {
    const root = rootOf('utf16-steps');
    const r = await run('runbook', 'test', '--root', root, '--summary-file', 'logs/last_run_summary.json');
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'logs', 'phase_summary.json'))).toBe(true);
    expect(r.stdout).toContain('phase_summary exists stop_on_deny=True\nend_reason done\n');
    expect(
      r.stdout.endsWith(`test passed\nsummary saved ${join(root, 'logs', 'last_run_summary.json')}\n`),
    ).toBe(true);
  });

  it('when tested without it, nothing is written', async () => {
    const root = rootOf('done-run');
    await run('runbook', 'test', '--root', root);
    expect(existsSync(join(root, 'logs', 'phase_summary.json'))).toBe(false);
    expect(existsSync(join(root, 'logs', 'last_run_summary.json'))).toBe(false);
  });
});
