// checkpoint, rollback and clean against real git repositories in temp dirs. Git runs with its own
// identity and without the global or system config (GIT_CONFIG_GLOBAL=/dev/null, GIT_CONFIG_NOSYSTEM),
// for the tests' own git calls and for the commands alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { commands } from '../commands.js';
import { RollbackReport } from '../../lib/runbook/command-reports.js';
import { runCaptured } from '../cli/capture.js';
import { gitTestEnv } from './git-env.test-kit.js';

let work = '';
let root = '';
const fixtures = new URL('../../fixtures/runbook', import.meta.url);
// Rollback's automatic test re-runs the root clean with the orchestrator stand-in, which answers done
// at once while workspace/results/result.txt exists (committed with each root below).
const orchestrator = [
  '--orchestrator',
  JSON.stringify([
    'node',
    new URL('../../fixtures/runbook/orchestrator-stand-in.mjs', import.meta.url).pathname,
  ]),
];
const env = () => gitTestEnv(work);
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, env: env(), encoding: 'utf8' }).trim();
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: env(), now: () => Date.parse('2026-03-01T09:00:00Z') });
/** `runbook rollback` of the root, with the orchestrator stand-in and `extra` flags. */
const rollback = (...extra: string[]) =>
  run('runbook', 'rollback', '--root', root, ...orchestrator, ...extra);
const lastCheckpoint = () => join(root, 'logs', 'last_checkpoint.txt');
/** Replaces the root's run artifacts with those of another fixture and commits them as a later change. */
const commitRunOf = (fixture: string, message: string) => {
  for (const dir of ['logs/steps', 'workspace/artifacts'])
    rmSync(join(root, dir), { recursive: true, force: true });
  cpSync(join(fixtures.pathname, fixture), root, { recursive: true });
  git('add', 'config_v0_3.json', 'logs/steps', 'workspace');
  git('commit', '-q', '-m', message);
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-git-'));
  root = join(work, 'tos');
  cpSync(join(fixtures.pathname, 'done-run'), root, { recursive: true });
  writeFileSync(join(root, 'workspace', 'results', 'result.txt'), 'ok\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial run');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given a TOS root in a git repository', () => {
  it('when a checkpoint is made, it commits CHECKPOINT <name>, saves the hash and prints it', async () => {
    writeFileSync(join(root, 'notes.txt'), 'uncommitted work\n');
    const r = await run('runbook', 'checkpoint', '--root', root, '--name', 'S4_before_big_change');
    const head = git('rev-parse', 'HEAD');
    expect([r.code, r.stdout]).toEqual([0, `checkpoint ${head}\n`]);
    expect(git('log', '-1', '--format=%s')).toBe('CHECKPOINT S4_before_big_change');
    expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('notes.txt');
    expect(readFileSync(lastCheckpoint(), 'utf8')).toBe(`${head}\n`);
  });

  it('when nothing changed, the checkpoint is still a new (empty) commit', async () => {
    const before = git('rev-parse', 'HEAD');
    await run('runbook', 'checkpoint', '--root', root, '--name', 'A');
    const first = git('rev-parse', 'HEAD');
    expect(first).not.toBe(before);
    expect(git('rev-parse', 'HEAD^')).toBe(before);
  });

  it('when the name holds shell syntax, it is the literal commit message and nothing runs', async () => {
    await run('runbook', 'checkpoint', '--root', root, '--name', '$(touch pwned); `touch pwned2`');
    expect(git('log', '-1', '--format=%s')).toBe('CHECKPOINT $(touch pwned); `touch pwned2`');
    expect(readdirSync(root).filter((n) => n.startsWith('pwned'))).toEqual([]);
  });

  it('when a bad change follows a checkpoint, rollback restores it, keeps last_checkpoint.txt and the test passes', async () => {
    const cp = await run('runbook', 'checkpoint', '--root', root, '--name', 'S4_before_verify');
    const hash = cp.stdout.trim().split(' ')[1] ?? '';
    commitRunOf('denied-phase', 'add Set-Content to deny_if_contains');
    expect((await run('runbook', 'test', '--root', root)).code).toBe(1);
    const r = await rollback();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect([lines[0], lines.at(-1)]).toEqual([`rollback ${hash}`, 'test passed']);
    expect(git('rev-parse', 'HEAD')).toBe(hash);
    expect(readFileSync(lastCheckpoint(), 'utf8')).toBe(`${hash}\n`);
    expect(readFileSync(join(root, 'config_v0_3.json'), 'utf8')).not.toContain('Set-Content');
  });

  it('with --json, rollback prints one document: the commit, the clean re-run and the passed test', async () => {
    const cp = await run('runbook', 'checkpoint', '--root', root, '--name', 'S4_before_verify');
    const hash = cp.stdout.trim().split(' ')[1] ?? '';
    commitRunOf('denied-phase', 'add Set-Content to deny_if_contains');
    const r = await rollback('--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as unknown;
    expect(E.isRight(RollbackReport.decode(doc))).toBe(true);
    expect(doc).toMatchObject({ rollback: hash, passed: true, run: { phase: 'done', failed: false } });
    expect(doc).toMatchObject({ test: { passed: true, lines: expect.arrayContaining(['test passed']) } });
    expect(git('rev-parse', 'HEAD')).toBe(hash);
  });

  it('when rolled back with --target to a root whose re-run fails, the verdict fails and it exits 1', async () => {
    commitRunOf('denied-phase', 'denied run');
    writeFileSync(join(root, 'stand_in_plan.json'), '{"default": {"exit": 3}}\n');
    git('rm', '-q', 'workspace/results/result.txt');
    git('add', 'stand_in_plan.json');
    git('commit', '-q', '-m', 'orchestrator fails');
    const denied = git('rev-parse', 'HEAD');
    commitRunOf('done-run', 'fixed run');
    const r = await rollback('--target', denied.slice(0, 10));
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith(`rollback ${denied}\n`)).toBe(true);
    expect(r.stdout.endsWith('test failed\ntest after rollback failed\n')).toBe(true);
  });

  it('when --summary-file is given, the test after rollback writes the summaries', async () => {
    const first = git('rev-parse', 'HEAD');
    commitRunOf('fatal-error', 'failing run');
    const r = await rollback('--target', first, '--summary-file', 'logs/rb.json');
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'logs', 'rb.txt'), 'utf8')).toContain('phase=done step=1 done=True');
  });

  it('when last_checkpoint.txt is tracked and differs at the target, rollback keeps the current one', async () => {
    const cp1 = (await run('runbook', 'checkpoint', '--root', root, '--name', 'one')).stdout
      .trim()
      .split(' ')[1];
    const cp2 = (await run('runbook', 'checkpoint', '--root', root, '--name', 'two')).stdout
      .trim()
      .split(' ')[1];
    expect(git('ls-files', 'logs/last_checkpoint.txt')).toBe('logs/last_checkpoint.txt');
    const r = await rollback('--target', cp1 ?? '');
    expect(r.code, r.stderr).toBe(0);
    expect(git('rev-parse', 'HEAD')).toBe(cp1);
    expect(readFileSync(lastCheckpoint(), 'utf8')).toBe(`${cp2}\n`);
  });

  it('when the remote cannot be fetched, rollback says so on stderr and rolls back locally', async () => {
    const first = git('rev-parse', 'HEAD');
    git('remote', 'add', 'origin', join(work, 'no-such-remote.git'));
    commitRunOf('stopped-step', 'later');
    const r = await rollback('--target', first);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: git fetch failed, rolling back to local history');
    expect(git('rev-parse', 'HEAD')).toBe(first);
  });
});

describe('given a TOS root that rollback must refuse', () => {
  it('when the tree is dirty, it exits 1 listing the changes and leaves HEAD alone', async () => {
    const head = git('rev-parse', 'HEAD');
    writeFileSync(join(root, 'config_v0_3.json'), '{}\n');
    const r = await rollback('--target', head);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: working tree is dirty, commit or stash changes first\n   M config_v0_3.json\n',
    );
    expect(git('rev-parse', 'HEAD')).toBe(head);
  });

  it('when there is no target and no last_checkpoint.txt, it exits 1', async () => {
    const r = await rollback();
    expect([r.code, r.stderr]).toEqual([1, 'error: --target required (no logs/last_checkpoint.txt found)\n']);
  });

  it('when the target is not a commit, it exits 1 naming it', async () => {
    const r = await rollback('--target', 'deadbeefdeadbeef');
    expect([r.code, r.stderr]).toEqual([1, 'error: unknown commit: deadbeefdeadbeef\n']);
  });

  it('when the root is not in a git repository, checkpoint and rollback exit 1', async () => {
    const plain = join(work, 'plain');
    cpSync(join(fixtures.pathname, 'done-run'), plain, { recursive: true });
    for (const argv of [
      ['checkpoint', '--root', plain, '--name', 'x'],
      ['rollback', '--root', plain],
    ]) {
      const r = await run('runbook', ...argv);
      expect([r.code, r.stderr]).toEqual([1, `error: not a git work tree: ${plain}\n`]);
    }
  });
});

describe('given a root after a job loop', () => {
  it('when cleaned, the step logs, phase_summary, phase_state and job_result go and the rest stays', async () => {
    const loop = join(work, 'loop');
    cpSync(join(fixtures.pathname, 'job-loop-complete'), loop, { recursive: true });
    await run('runbook', 'summary', '--root', loop);
    const r = await run('runbook', 'clean', '--root', loop);
    expect([r.code, r.stdout]).toEqual([
      0,
      [
        'cleanup start',
        'removed logs/steps/step_001.json',
        'removed logs/steps/step_002.json',
        'removed logs/steps/step_003.json',
        'removed logs/phase_summary.json',
        'removed workspace/artifacts/phase_state.json',
        'removed workspace/artifacts/job_result.json',
        'cleanup done',
        '',
      ].join('\n'),
    ]);
    expect(existsSync(join(loop, 'workspace', 'artifacts', 'job_input.json'))).toBe(true);
    expect(existsSync(join(loop, 'logs', 'last_run_summary.json'))).toBe(true);
    expect((await run('runbook', 'clean', '--root', loop)).stdout).toBe('cleanup start\ncleanup done\n');
  });
});
