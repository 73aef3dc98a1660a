// Seed 004 §6.3–6.4: given the evidence and what git says, when a task's profile is judged by its own
// mode, then git_evidence, L1 smoke and scope guard are PASS/WARN/FAIL/NOT_APPLICABLE per the seed, and
// out-of-scope changes the task did not make are EXTERNAL_DIRTY_BLOCKER.
import { describe, expect, it } from 'vitest';
import type { FinishEvidence, TaskMode } from './finish-codecs.js';
import type { GitCommit, GitFacts, MarkerDoc } from './finish-facts.js';
import { finishProfileOf } from './finish-profile.js';

const commit = (message: string, files: string[], author = 'vulcan'): GitCommit => ({
  sha: `${files.join('').length}`.padStart(40, '0'),
  author,
  email: `${author}@bots.local`,
  message,
  files,
});
const git = (commits: GitCommit[], dirty: string[] = []): GitFacts => ({
  diffFiles: [...new Set(commits.flatMap((c) => c.files))].sort(),
  commits,
  dirtyFiles: dirty,
});
const judge = (
  mode: TaskMode,
  evidence: FinishEvidence,
  g: GitFacts | null,
  more: { markerDocs?: MarkerDoc[]; envelopeFileSha?: string | null } = {},
) =>
  finishProfileOf(
    {
      taskId: 'task-2703',
      mode,
      evidence,
      git: g,
      markerDocs: more.markerDocs ?? [],
      envelopeFileSha: more.envelopeFileSha ?? null,
    },
    '2026-05-28T05:09:30Z',
  );

const hookCommits = [
  commit('[task-2703] [vulcan] wire the PreToolUse gate', [
    '.claude/hooks/pre-tool-use.sh',
    '.claude/settings.json',
  ]),
  commit('[task-2703] [vulcan] gate script', ['harness/gate.py']),
];
const hookEvidence: FinishEvidence = {
  wiring_trace: ['.claude/settings.json: hooks.PreToolUse[0] → .claude/hooks/pre-tool-use.sh'],
  smoke: {
    hook_triggers: [
      { hook: 'PreToolUse', outcome: 'DENY', trace: 'Edit src/x.ts → deny: outside allowed_resources' },
    ],
  },
};

describe('system_hook (task-2703, seed §6.4)', () => {
  it('passes on hook change + wiring trace + DENY trace, and external dirt is a blocker, not a failure', () => {
    const r = judge(
      'system_hook',
      { ...hookEvidence, external_dirty: ['src/app/server.ts'] },
      git(hookCommits, ['src/app/server.ts']),
    );
    expect([r.git_evidence.result, r.l1_smoke.result, r.scope_guard.result]).toEqual([
      'PASS',
      'PASS',
      'EXTERNAL_DIRTY_BLOCKER',
    ]);
    expect(r.scope_guard.external_dirty).toEqual(['src/app/server.ts']);
    expect(r.overall).toBe('EXTERNAL_DIRTY_BLOCKER');
  });
  it('judged by the code rules instead, the same evidence fails L1 (no restart, no API/Playwright)', () => {
    const r = judge(
      'code',
      { ...hookEvidence, expected_files: ['.claude/**', 'harness/**'] },
      git(hookCommits),
    );
    expect(r.l1_smoke).toEqual({ result: 'FAIL', reasons: ['restart_missing'] });
  });
  it('a hook that never denied or held fails L1', () => {
    const ev = {
      ...hookEvidence,
      smoke: { hook_triggers: [{ hook: 'PreToolUse', outcome: 'ALLOW', trace: 't' }] },
    };
    expect(judge('system_hook', ev, git(hookCommits)).l1_smoke.result).toBe('FAIL');
  });
  it('no hook or settings change fails git_evidence; a missing wiring trace warns', () => {
    expect(
      judge('system_hook', hookEvidence, git([commit('[task-2703] [vulcan] x', ['harness/gate.py'])]))
        .git_evidence.result,
    ).toBe('FAIL');
    expect(judge('system_hook', { smoke: hookEvidence.smoke }, git(hookCommits)).git_evidence).toEqual({
      result: 'WARN',
      reasons: ['wiring_trace_missing'],
    });
  });
  it('a task commit outside .claude/ and harness/ fails the scope guard', () => {
    const r = judge(
      'system_hook',
      hookEvidence,
      git([...hookCommits, commit('[task-2703] [vulcan] oops', ['src/app/server.ts'])]),
    );
    expect(r.scope_guard).toMatchObject({ result: 'FAIL', out_of_scope: ['src/app/server.ts'] });
  });
  it("another task's commit outside the scope is external", () => {
    const r = judge(
      'system_hook',
      hookEvidence,
      git([...hookCommits, commit('[task-2710] [maat] other work', ['src/b.ts'])]),
    );
    expect(r.scope_guard).toMatchObject({ result: 'EXTERNAL_DIRTY_BLOCKER', external_dirty: ['src/b.ts'] });
  });
  it('allowed_resources widen the scope', () => {
    const extra = git([...hookCommits, commit('[task-2703] [vulcan] cfg', ['config/gate.json'])]);
    expect(
      judge('system_hook', { ...hookEvidence, allowed_resources: ['config/gate.json'] }, extra).scope_guard
        .result,
    ).toBe('PASS');
  });
});

describe('code', () => {
  const smoke = {
    restart: true,
    checks: [
      { name: 'GET /health', ok: true },
      { name: 'playwright login', ok: true },
    ],
  };
  const commits = [commit('[task-2703] [vulcan] feature', ['src/a.ts'])];
  it('passes with change, audited authors, restart + checks, diff within expected_files', () => {
    const r = judge('code', { expected_files: ['src/**'], commit_authors: ['vulcan'], smoke }, git(commits));
    expect(r.overall).toBe('PASS');
  });
  it('an author outside the audit list fails git_evidence; no audit at all warns unless commits carry the task prefix', () => {
    expect(judge('code', { commit_authors: ['maat'], smoke }, git(commits)).git_evidence.result).toBe('FAIL');
    expect(judge('code', { smoke }, git(commits)).git_evidence.reasons).toEqual(['change_and_task_prefix']);
    expect(judge('code', { smoke }, git([commit('feature', ['src/a.ts'])])).git_evidence.result).toBe('WARN');
  });
  it('no change fails; a failed check fails L1; missing expected_files warns the scope guard', () => {
    expect(judge('code', { smoke }, git([])).git_evidence.result).toBe('FAIL');
    const bad = { ...smoke, checks: [{ name: 'GET /health', ok: false }] };
    expect(judge('code', { smoke: bad }, git(commits)).l1_smoke.result).toBe('FAIL');
    expect(judge('code', { smoke }, git(commits)).scope_guard.result).toBe('WARN');
  });
  it('without a repository, git checks warn instead of passing', () => {
    expect(judge('code', { smoke, expected_files: ['src/**'] }, null).git_evidence.result).toBe('WARN');
  });
});

describe('read_only', () => {
  it('passes with git diff 0; L1 is NOT_APPLICABLE, never WARN', () => {
    const r = judge('read_only', {}, git([]));
    expect([r.git_evidence.result, r.l1_smoke.result, r.scope_guard.result, r.overall]).toEqual([
      'PASS',
      'NOT_APPLICABLE',
      'PASS',
      'PASS',
    ]);
  });
  it('any change of its own fails, uncommitted dirt included unless declared external', () => {
    expect(judge('read_only', {}, git([commit('audit', ['src/a.ts'])])).overall).toBe('FAIL');
    expect(judge('read_only', {}, git([], ['notes.md'])).overall).toBe('FAIL');
    const ext = judge('read_only', { external_dirty: ['notes.md'] }, git([], ['notes.md']));
    expect([ext.git_evidence.result, ext.scope_guard.result]).toEqual(['PASS', 'EXTERNAL_DIRTY_BLOCKER']);
  });
});

describe('local_runtime', () => {
  it('passes with local changes, wiring and a runtime smoke; the scope guard is NOT_APPLICABLE', () => {
    const r = judge(
      'local_runtime',
      {
        changed_files: ['ops/watchdog.conf'],
        wiring_trace: ['systemd unit reloaded'],
        smoke: { restart: true, checks: [{ name: 'watchdog tick', ok: true }] },
      },
      null,
    );
    expect([r.git_evidence.result, r.l1_smoke.result, r.scope_guard.result, r.overall]).toEqual([
      'PASS',
      'PASS',
      'NOT_APPLICABLE',
      'PASS',
    ]);
  });
  it('no local change fails', () => {
    expect(judge('local_runtime', {}, null).git_evidence.result).toBe('FAIL');
  });
});

describe('callback_only', () => {
  const cb = { schedule_id: 'C7D1E2F3', collector_role: 'ANU', envelope_sha: 'e'.repeat(64) };
  it('passes on an ANU-key cron registration with the envelope sha; L1 and scope are NOT_APPLICABLE', () => {
    const r = judge('callback_only', { callback: cb }, null, { envelopeFileSha: 'e'.repeat(64) });
    expect([r.git_evidence.reasons[0], r.l1_smoke.result, r.scope_guard.result, r.overall]).toEqual([
      'anu_cron_registered_envelope_verified',
      'NOT_APPLICABLE',
      'NOT_APPLICABLE',
      'PASS',
    ]);
  });
  it('a bot-key cron or a wrong envelope sha fails', () => {
    expect(judge('callback_only', { callback: { ...cb, collector_role: 'hermes' } }, null).overall).toBe(
      'FAIL',
    );
    expect(
      judge('callback_only', { callback: cb }, null, { envelopeFileSha: 'f'.repeat(64) }).git_evidence
        .reasons,
    ).toEqual(['envelope_sha_mismatch']);
  });
});

describe('closeout_marker_only', () => {
  const good: MarkerDoc = {
    path: 'memory/events/task-2703.escalate.acked',
    valid: true,
    chairAuthorizationId: 'CA-2026-0528-01',
  };
  it('passes on valid markers linked to a chair authorization, within memory/events and memory/reports', () => {
    const r = judge(
      'closeout_marker_only',
      {},
      git([commit('[task-2703] [anu] ack', ['memory/events/task-2703.escalate.acked'])]),
      { markerDocs: [good] },
    );
    expect([r.git_evidence.result, r.l1_smoke.result, r.scope_guard.result]).toEqual([
      'PASS',
      'NOT_APPLICABLE',
      'PASS',
    ]);
  });
  it('an invalid marker or one without chair authorization fails', () => {
    expect(
      judge('closeout_marker_only', {}, null, { markerDocs: [{ ...good, valid: false }] }).git_evidence
        .reasons,
    ).toEqual(['marker_invalid']);
    expect(
      judge('closeout_marker_only', {}, null, { markerDocs: [{ ...good, chairAuthorizationId: null }] })
        .git_evidence.reasons,
    ).toEqual(['chair_authorization_missing']);
  });
  it('a change outside memory/events and memory/reports fails the scope guard', () => {
    const r = judge('closeout_marker_only', {}, git([commit('[task-2703] [anu] x', ['src/a.ts'])]), {
      markerDocs: [good],
    });
    expect(r.scope_guard.result).toBe('FAIL');
  });
});
