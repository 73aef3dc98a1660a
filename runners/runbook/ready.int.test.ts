// runbook ready against a real git repository in a temp dir: given a TOS root, when the S-6 start
// conditions are asked, then each missing one is named with its reason (exit 1) until all are met
// (exit 0): the closeout declared, the config canonical, both API keys set, a checkpoint committed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { gitTestEnv } from './git-env.test-kit.js';

let work = '';
let root = '';
const baseEnv = () => gitTestEnv(work);
const KEYS = { OPENAI_API_KEY: 'sk-test-openai-secret', ANTHROPIC_API_KEY: 'sk-test-anthropic-secret' };
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, env: baseEnv(), encoding: 'utf8' }).trim();
const run = (env: Record<string, string | undefined>, ...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env, now: () => Date.parse('2026-03-01T09:00:00Z') });
const ready = (env: Record<string, string | undefined> = { ...baseEnv(), ...KEYS }) =>
  run(env, 'runbook', 'ready', '--root', root);
const declareCloseout = (body = '- [x] orchestrator_v0_3.py works\n- [x] job_loop works\n') => {
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 's5_closeout.md'), `# S-5 Closeout\n\n${body}`);
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-ready-'));
  root = join(work, 'tos');
  cpSync(new URL('../../fixtures/runbook/done-run', import.meta.url), root, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial run');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given a fresh TOS root (no closeout, no checkpoint)', () => {
  it('when asked without API keys, then not ready, exit 1, each missing condition with its reason', async () => {
    const r = await ready(baseEnv());
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'not ready',
      '  missing s5_closeout: docs/s5_closeout.md not found (S-5 closeout not declared)',
      '  met canonical_context',
      '  missing api_keys: not set in the environment: OPENAI_API_KEY, ANTHROPIC_API_KEY',
      '  missing checkpoint: logs/last_checkpoint.txt not found or empty (run `runbook checkpoint` first)',
    ]);
  });
});

describe('given the closeout declared and a checkpoint taken with `runbook checkpoint`', () => {
  beforeEach(async () => {
    declareCloseout();
    const c = await run(baseEnv(), 'runbook', 'checkpoint', '--root', root, '--name', 'S6_start');
    expect(c.code, c.stderr).toBe(0);
  });
  it('when both API keys are set, then ready, exit 0, and no key value is printed', async () => {
    const r = await ready();
    expect([r.code, r.stdout.split('\n')[0]]).toEqual([0, 'ready']);
    expect(r.stdout + r.stderr).not.toContain('sk-test');
  });
  it('when one key is empty, then api_keys names it', async () => {
    const r = await ready({ ...baseEnv(), ...KEYS, ANTHROPIC_API_KEY: '' });
    expect(r.stdout).toContain('  missing api_keys: not set in the environment: ANTHROPIC_API_KEY\n');
  });
  it('when the checkpoint file names no commit of the repository, then checkpoint says so', async () => {
    writeFileSync(join(root, 'logs', 'last_checkpoint.txt'), 'deadbeefdeadbeef\n');
    const r = await ready();
    expect(r.stdout).toContain(
      '  missing checkpoint: logs/last_checkpoint.txt names deadbeefdeadbeef, not a commit of this repository\n',
    );
  });
  it('when a closeout item is unchecked, then s5_closeout names it', async () => {
    declareCloseout('- [x] a\n- [ ] job_input.json → job_result.json works\n');
    const r = await ready();
    expect(r.stdout).toContain(
      '  missing s5_closeout: docs/s5_closeout.md: 1 unchecked item(s), first: job_input.json → job_result.json works\n',
    );
  });
  it('when the config holds an undocumented key, then canonical_context names it (as JSON too)', async () => {
    const config = JSON.parse(readFileSync(join(root, 'config_v0_3.json'), 'utf8').replace(/^\uFEFF/, ''));
    writeFileSync(join(root, 'config_v0_3.json'), JSON.stringify({ ...config, turbo: true }));
    const r = await run({ ...baseEnv(), ...KEYS }, 'runbook', 'ready', '--root', root, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).conditions[1]).toEqual({
      id: 'canonical_context',
      met: false,
      reason: 'config_v0_3.json: turbo (not a documented config_v0_3.json key)',
    });
  });
});
