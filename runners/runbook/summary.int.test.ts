// runbook summary over temp copies of the TOS fixtures: phase_summary.json holds the origin's schema with
// the counts the manifest states, the SummaryFile TXT has the launcher's tokens in its order, and the
// orchestrator's own files are never written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { PhaseSummary, LastRunSummary } from '../../lib/runbook/summary-codecs.js';

interface Case {
  case: string;
  counts: Record<string, number>;
  current_phase: string;
  end_reason: string | null;
  execution_summary: Record<string, number>;
  job_loop: Record<string, unknown>;
  txt: string;
}

const manifest = JSON.parse(
  readFileSync(new URL('../../fixtures/runbook/manifest.json', import.meta.url), 'utf8'),
) as Case[];
const asOf = '2026-03-01T09:00:00Z';
let work = '';
const io = () => ({ cwd: work, env: {}, now: () => Date.parse(asOf) });
const run = (...argv: string[]) => runCaptured(commands, argv, io());
const rootOf = (name: string) => join(work, name);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-'));
  cpSync(new URL('../../fixtures/runbook', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe.each(manifest)('given the fixture $case', (c) => {
  it('when summarised, phase_summary.json has the stated counts, phase, end_reason and job_loop', async () => {
    const r = await run('runbook', 'summary', '--root', rootOf(c.case));
    expect(r.code, r.stderr).toBe(0);
    const summary = readJson(join(rootOf(c.case), 'logs', 'phase_summary.json'));
    expect(E.isRight(PhaseSummary.decode(summary))).toBe(true);
    expect(summary).toMatchObject({
      ...c.counts,
      current_phase: c.current_phase,
      end_reason: c.end_reason,
      job_loop: c.job_loop,
      generated_at: asOf,
    });
    expect(summary['execution_summary']).toEqual(c.execution_summary);
  });

  it('when summarised, the TXT line and stdout are the launcher line and the JSON matches its contract', async () => {
    const r = await run('runbook', 'summary', '--root', rootOf(c.case));
    const expected = c.txt.replace('<ROOT>', rootOf(c.case));
    expect(r.stdout).toBe(`${expected}\n`);
    expect(readFileSync(join(rootOf(c.case), 'logs', 'last_run_summary.txt'), 'utf8')).toBe(`${expected}\n`);
    const json = readJson(join(rootOf(c.case), 'logs', 'last_run_summary.json'));
    expect(E.isRight(LastRunSummary.decode(json))).toBe(true);
    expect(json['step_count']).toBe(c.counts['total_steps']);
  });
});

describe('given a TOS root with the orchestrator files', () => {
  const owned = ['workspace/artifacts/phase_state.json', 'workspace/artifacts/job_result.json'];

  it('when summarised, phase_state.json and job_result.json keep their bytes and no temp file is left', async () => {
    const root = rootOf('job-loop-complete');
    const before = owned.map((f) => sha(join(root, f)));
    expect((await run('runbook', 'summary', '--root', root)).code).toBe(0);
    expect(owned.map((f) => sha(join(root, f)))).toEqual(before);
    expect(readdirSync(join(root, 'logs')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('when summarised twice with the same clock, phase_summary.json is byte-identical', async () => {
    const root = rootOf('done-run');
    await run('runbook', 'summary', '--root', root);
    const first = sha(join(root, 'logs', 'phase_summary.json'));
    await run('runbook', 'summary', '--root', root);
    expect(sha(join(root, 'logs', 'phase_summary.json'))).toBe(first);
  });

  it('when --summary-file names another file, the JSON goes there and the TXT beside it with .txt', async () => {
    const root = rootOf('done-run');
    const r = await run('runbook', 'summary', '--root', root, '--summary-file', 'out/run.summary.json');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(root, 'out', 'run.summary.json'))).toBe(true);
    expect(readFileSync(join(root, 'out', 'run.summary.txt'), 'utf8')).toBe(r.stdout);
    expect(existsSync(join(root, 'logs', 'last_run_summary.json'))).toBe(false);
  });

  it('when job_result.json is absent, the TXT has no job_result_path token and the JSON no key', async () => {
    const root = rootOf('job-loop-complete');
    rmSync(join(root, 'workspace', 'artifacts', 'job_result.json'));
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.stdout).not.toContain('job_result_path=');
    expect(r.stdout).toContain(' job_result=none ');
    expect(readJson(join(root, 'logs', 'last_run_summary.json'))).not.toHaveProperty('job_result_path');
    expect(readJson(join(root, 'logs', 'phase_summary.json'))).toMatchObject({
      job_result_written: false,
      job_result_path: null,
      job_result_path_posix: null,
    });
  });

  it('when the previous phase_summary.json lists skipped steps, they are carried over', async () => {
    const root = rootOf('job-loop-in-progress');
    await run('runbook', 'summary', '--root', root);
    expect(readJson(join(root, 'logs', 'phase_summary.json'))['skipped_steps']).toEqual([
      { step_num: 1, skip_reason: 'step_001.json が既に存在するためスキップ' },
    ]);
  });

  it('when a step log is corrupt, it is left out of the fold, named on stderr, and still counted as a file', async () => {
    const root = rootOf('done-run');
    writeFileSync(join(root, 'logs', 'steps', 'step_003.json'), '{\n  "phase": "done",\n  "done": tru\n}\n');
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: step log not folded: step_003.json:3:');
    expect(readJson(join(root, 'logs', 'phase_summary.json'))['total_steps']).toBe(2);
    expect(r.stdout).toContain('latest_step=step_003.json step_count=3 ');
  });

  it('when job_input.json is larger than 2,000 characters, the stored payload is cut and marked', async () => {
    const root = rootOf('job-loop-in-progress');
    const big = { job_name: 'big', blob: 'x'.repeat(3000) };
    writeFileSync(join(root, 'workspace', 'artifacts', 'job_input.json'), JSON.stringify(big));
    await run('runbook', 'summary', '--root', root);
    const json = readJson(join(root, 'logs', 'last_run_summary.json'));
    const stored = String(json['job_payload']);
    expect(stored.endsWith('...(truncated)')).toBe(true);
    expect(stored.length).toBe(2000 + '...(truncated)'.length);
    expect(stored.startsWith('{"job_name": "big", "blob": "xxx')).toBe(true);
    expect(json['job_loop']).toMatchObject({ job_name: 'big' });
  });

  it('when the config is missing, the defaults apply and stderr says so', async () => {
    const root = rootOf('done-run');
    rmSync(join(root, 'config_v0_3.json'));
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("config_v0_3.json not found; the orchestrator's defaults apply");
    expect(readJson(join(root, 'logs', 'phase_summary.json'))['stop_on_deny']).toBe(true);
  });

  it('when the config is not JSON, it exits 1 naming file, line and byte', async () => {
    const root = rootOf('done-run');
    writeFileSync(join(root, 'config_v0_3.json'), '{\n  "logs_dir": "logs",\n  oops\n}\n');
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid config: config_v0_3\.json\n {2}config_v0_3\.json:3:26: /);
  });

  it('when --summary-file names a file the orchestrator owns, it is refused (64) and nothing is written', async () => {
    const root = rootOf('job-loop-complete');
    const state = join(root, 'workspace', 'artifacts', 'phase_state.json');
    const before = sha(state);
    const r = await run(
      'runbook',
      'summary',
      '--root',
      root,
      '--summary-file',
      'workspace/artifacts/phase_state.json',
    );
    expect([r.code, r.stderr]).toEqual([
      64,
      'error: --summary-file would overwrite workspace/artifacts/phase_state.json\n',
    ]);
    expect(sha(state)).toBe(before);
    expect(existsSync(join(root, 'logs', 'phase_summary.json'))).toBe(false);
  });

  it('when the root does not exist, it exits 1; without --root, 64', async () => {
    expect((await run('runbook', 'summary', '--root', 'nowhere')).stderr).toBe(
      'error: TOS root not found: nowhere\n',
    );
    expect((await run('runbook', 'summary')).code).toBe(64);
  });
});

describe('given a root whose config_v0_3.json holds an undocumented key', () => {
  it('when summarised, it is refused with exit 1 naming the key, and nothing is written', async () => {
    const root = rootOf('done-run');
    const config = readJson(join(root, 'config_v0_3.json'));
    const s5 = config['s5_settings'] as Record<string, unknown>;
    writeFileSync(
      join(root, 'config_v0_3.json'),
      JSON.stringify({ ...config, s5_settings: { ...s5, turbo: true } }),
    );
    const before = readdirSync(join(root, 'logs')).sort();
    const r = await run('runbook', 'summary', '--root', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config_v0_3.json: s5_settings.turbo: not a documented config_v0_3.json key');
    expect(readdirSync(join(root, 'logs')).sort()).toEqual(before);
  });
});
