// Layers 5 and 6 against real repositories in temp dirs: the finish profile reads the real
// `git diff base..HEAD`, actor attribution reads real commits, and the installed commit-msg hook really
// rejects a commit without the `[task-N] [actor]` prefix. Identities come from `-c` flags only.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { buildFixtureRepo, gitAs } from './fixture-repo.js';

const fixture = (rel: string) => new URL(`../../fixtures/harness/task-2703/${rel}`, import.meta.url).pathname;
let work = '';
let repo = '';
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: {}, now: () => Date.parse('2026-05-28T05:09:30Z') });
const evidence = (over: Record<string, unknown> = {}) => {
  const base = JSON.parse(readFileSync(fixture('finish/evidence.json'), 'utf8'));
  writeFileSync(join(work, 'evidence.json'), JSON.stringify({ ...base, ...over }));
  return join(work, 'evidence.json');
};
const finish = async (mode: string, ev: string, ...extra: string[]) => {
  const r = await run(
    'harness',
    'finish-check',
    '--task',
    'task-2703',
    '--mode',
    mode,
    '--evidence',
    ev,
    '--repo',
    repo,
    '--base',
    'main',
    ...extra,
  );
  return { code: r.code, stderr: r.stderr, out: r.stdout === '' ? null : JSON.parse(r.stdout) };
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-git-'));
  repo = buildFixtureRepo(fixture('repo.json'), join(work, 'repo'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('harness finish-check on the task-2703 checkout', () => {
  it('system_hook: hook DENY trace passes L1, and the other task’s dirt is EXTERNAL_DIRTY_BLOCKER, not FAIL', async () => {
    const r = await finish('system_hook', evidence({ task_mode: undefined }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatchObject({
      git_evidence: { result: 'PASS' },
      l1_smoke: { result: 'PASS', reasons: ['hook_deny_hold_trace'] },
      scope_guard: {
        result: 'EXTERNAL_DIRTY_BLOCKER',
        external_dirty: ['src/app/server.ts'],
        out_of_scope: [],
      },
      overall: 'EXTERNAL_DIRTY_BLOCKER',
    });
  });
  it('judged as a code task, the same work fails L1 (the seed §6.4 mistake), exit 2', async () => {
    const r = await finish(
      'code',
      evidence({ task_mode: 'code', expected_files: ['.claude/**', 'harness/**'] }),
    );
    expect(r.code).toBe(2);
    expect(r.out.l1_smoke).toEqual({ result: 'FAIL', reasons: ['restart_missing'] });
  });
  it('a task commit outside .claude/ and harness/ fails the scope guard', async () => {
    gitAs(repo, 'vulcan', ['commit', '-q', '--no-verify', '-am', '[task-2703] [vulcan] also touch the app']);
    const r = await finish('system_hook', evidence());
    expect([r.code, r.out.scope_guard.result, r.out.scope_guard.out_of_scope]).toEqual([
      2,
      'FAIL',
      ['src/app/server.ts'],
    ]);
  });
  it('read_only fails on the real diff; the evidence contradicting --mode is a usage error', async () => {
    const ro = await finish('read_only', evidence({ task_mode: 'read_only', smoke: undefined }));
    expect([ro.code, ro.out.git_evidence.result]).toEqual([2, 'FAIL']);
    expect((await finish('read_only', evidence())).code).toBe(64);
  });
  it('with --root it reads the blocker marker and keeps the result for status', async () => {
    const root = join(work, 'ws');
    const blocker = join(root, 'memory', 'events', 'task-2703.external-dirty-blocker.json');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'memory', 'events'), { recursive: true });
    writeFileSync(blocker, JSON.stringify({ files: ['docs/other.md'] }));
    const r = await finish('system_hook', evidence(), '--root', root);
    expect(r.out.scope_guard.external_dirty).toEqual(['docs/other.md', 'src/app/server.ts']);
    expect(
      JSON.parse(readFileSync(join(root, 'memory', 'harness', 'finish', 'task-2703.json'), 'utf8')).overall,
    ).toBe('EXTERNAL_DIRTY_BLOCKER');
  });
  it('an unknown base ref is an error naming git', async () => {
    const r = await finish('system_hook', evidence(), '--base', 'no-such-ref');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, `error: git rev-parse failed in ${repo}`]);
  });
});

describe('harness actor', () => {
  it('L2 from the prefix and the Sub-Agent trailer; the weakest level and its wording are reported', async () => {
    const r = await run('harness', 'actor', '--repo', repo, '--range', 'main..task', '--task', 'task-2703');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(
      out.commits.map((c: { level: string; evidence: string; actor: string }) => [
        c.level,
        c.evidence,
        c.actor,
      ]),
    ).toEqual([
      ['L2', 'commit_prefix', 'vulcan'],
      ['L2', 'sub_agent_trailer', 'vulcan'],
    ]);
    expect(out).toMatchObject({
      level: 'L2',
      level_name: 'AUDIT_LOG_OR_COMMIT_TRAILER',
      actors: ['vulcan'],
      commit_msg_hook_installed: false,
    });
    expect(out.claims).toEqual(['commit author trailer 기준: vulcan (★ pre-commit hook 강제)']);
  });
  it('L3 when the runtime audit log names the executor for the task', async () => {
    const r = await run(
      'harness',
      'actor',
      '--repo',
      repo,
      '--range',
      'main..task',
      '--task',
      'task-2703',
      '--audit-log',
      fixture('finish/audit-log.jsonl'),
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      level: 'L3',
      claims: ['runtime hook 기록 기준: vulcan (★ tool-call gate 가 actor 자동 식별)'],
    });
  });
  it('given a task-level audit line, when another author adds a prefix-less commit, then that commit is not L3', async () => {
    gitAs(repo, 'someone-else', ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'tweak server']);
    const argv = ['--repo', repo, '--range', 'main..task', '--task', 'task-2703'];
    const r = await run('harness', 'actor', ...argv, '--audit-log', fixture('finish/audit-log.jsonl'));
    const out = JSON.parse(r.stdout);
    expect(out.level).toBe('L1');
    const foreign = out.commits.find((x: { subject: string }) => x.subject === 'tweak server');
    expect(foreign).toMatchObject({ level: 'L1', author: 'someone-else' });
    expect(out.commits.filter((x: { level: string }) => x.level === 'L3')).toHaveLength(2);
  });
  it('L1 for a bare commit: only the claimed actor, verifiable 0', async () => {
    gitAs(repo, 'hermes', ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'polish']);
    const out = JSON.parse(
      (await run('harness', 'actor', '--repo', repo, '--range', 'main..task', '--claimed-actor', 'vulcan'))
        .stdout,
    );
    expect([out.level, out.claims]).toEqual([
      'L1',
      ['주장된 actor: vulcan (★ self-attestation only · verifiable 0)'],
    ]);
  });
  it('a corrupt audit line fails closed with its position', async () => {
    writeFileSync(join(work, 'bad.jsonl'), '{"executor":"vulcan"}\n{"tool":"Edit"}\n');
    const r = await run(
      'harness',
      'actor',
      '--repo',
      repo,
      '--range',
      'main..task',
      '--audit-log',
      'bad.jsonl',
    );
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/bad\.jsonl:2:22: .*executor/)]);
  });
});

describe('harness install-commit-hook', () => {
  it('installs an executable hook that rejects a commit without [task-N] [actor] and accepts one with it', async () => {
    const r = await run('harness', 'install-commit-hook', '--repo', repo);
    expect(JSON.parse(r.stdout).action).toBe('installed');
    const hook = join(repo, '.git', 'hooks', 'commit-msg');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(() => gitAs(repo, 'vulcan', ['commit', '-q', '--allow-empty', '-m', 'no prefix'])).toThrow(
      /\[task-N\] \[actor\]/,
    );
    gitAs(repo, 'vulcan', ['commit', '-q', '--allow-empty', '-m', '[task-2703] [vulcan] with prefix']);
    expect(gitAs(repo, 'vulcan', ['log', '-1', '--format=%s'])).toBe('[task-2703] [vulcan] with prefix\n');
    expect(JSON.parse((await run('harness', 'install-commit-hook', '--repo', repo)).stdout).action).toBe(
      'unchanged',
    );
    const actor = JSON.parse((await run('harness', 'actor', '--repo', repo, '--range', 'main..task')).stdout);
    expect(actor.commit_msg_hook_installed).toBe(true);
  });
  it('refuses to replace a foreign hook unless --force', async () => {
    writeFileSync(join(repo, '.git', 'hooks', 'commit-msg'), '#!/bin/sh\nexit 0\n');
    expect((await run('harness', 'install-commit-hook', '--repo', repo)).code).toBe(1);
    expect(
      JSON.parse((await run('harness', 'install-commit-hook', '--repo', repo, '--force')).stdout).action,
    ).toBe('replaced');
  });
});
