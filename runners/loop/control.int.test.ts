// opsfold loop control and loop confirm-intent on real fixture trees: the outcome of every intent in
// every lifecycle state, the files each intent changes (and those a refusal leaves alone), idempotent
// replays, lock conflicts, the SUPERLOOP_BIN path, and confirmation polling on an injected clock.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runCaptured } from '../cli/capture.js';
import { makeLoopControl } from './control.js';
import { makeLoopConfirmIntent } from './confirm-intent.js';
import { withLock } from '../../lib/io/lock.js';
import { loopPaths } from '../cli/loop-paths.js';
import { loopLockTarget } from './transport/loop-lock.js';
import { lines, spriteCancel, useControlFixture } from './control-fixture.test-kit.js';

interface Expected {
  status: string;
  exitCode: number;
  reasonCode?: string;
  confirmReason?: string;
}
interface Case {
  case: string;
  loop: string;
  outcomes: Record<'cancel' | 'approve' | 'reject', Expected>;
}

const manifest = JSON.parse(
  readFileSync(new URL('../../fixtures/loop-control/manifest.json', import.meta.url), 'utf8'),
) as Case[];
const asOf = '2026-02-22T12:00:00Z';
const fx = useControlFixture('opsfold-control-');
let t = 0;
let onSleep: (() => void) | null = null;
const sleep = async (ms: number) => {
  t += ms;
  onSleep?.();
};
const io = (env: Record<string, string> = {}) => ({ cwd: fx.work, env, now: () => t });
const commands = [makeLoopControl({ sleep }), makeLoopConfirmIntent({ sleep })];
const run = (argv: string[], env: Record<string, string> = {}) => runCaptured(commands, argv, io(env));
const control = (repo: string, loop: string, ...rest: string[]) =>
  run(['loop', 'control', '--repo', repo, '--loop', loop, '--as-of', asOf, ...rest]);

const managerFile = (repo: string, loop: string, ...p: string[]) =>
  join(fx.work, repo, '.superloop', 'ops-manager', loop, ...p);
const loopFile = (repo: string, loop: string, name: string) =>
  join(fx.work, repo, '.superloop', 'loops', loop, name);

/** sha256 of every file under the repo's .superloop/ except the manager's own output. */
const runtimeDigest = (repo: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (name === 'ops-manager') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out[full] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(join(fx.work, repo, '.superloop'));
  return out;
};

beforeEach(() => {
  t = Date.parse('2026-03-01T00:00:00Z');
  onSleep = null;
});

describe.each(manifest)('fixture $case', (c) => {
  describe.each(['cancel', 'approve', 'reject'] as const)('intent %s', (intent) => {
    const want = c.outcomes[intent];
    it(`is ${want.status}${want.reasonCode ? ` (${want.reasonCode})` : ''} with exit ${want.exitCode}`, async () => {
      const before = runtimeDigest(c.case);
      const r = await control(
        c.case,
        c.loop,
        '--intent',
        intent,
        '--timeout-seconds',
        '0',
        '--by',
        'ops-user',
      );
      expect(r.code, r.stderr).toBe(want.exitCode);
      const entry = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(entry).toMatchObject({ loopId: c.loop, intent, transport: 'local', status: want.status });
      const audit = lines(managerFile(c.case, c.loop, 'telemetry', 'control-invocations.jsonl'));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ intent, transport: 'local', outcome: { status: want.status } });
      if (want.reasonCode !== undefined)
        expect(audit[0]?.['outcome']).toMatchObject({ reasonCode: want.reasonCode });
      if (want.status === 'refused') {
        expect(r.stderr).toContain(`error: intent refused (${want.reasonCode}):`);
        expect(runtimeDigest(c.case)).toEqual(before);
        expect(existsSync(managerFile(c.case, c.loop, 'intents.jsonl'))).toBe(false);
        expect(audit[0]).toMatchObject({ execution: { status: 'not_started' } });
        return;
      }
      expect(lines(managerFile(c.case, c.loop, 'intents.jsonl'))).toEqual([entry]);
      const telemetry = lines(managerFile(c.case, c.loop, 'telemetry', 'control.jsonl'));
      expect(telemetry).toMatchObject([
        { intent, status: want.status, idempotencyKey: entry['idempotencyKey'] },
      ]);
      expect(entry['confirm']).toMatchObject({ intent, reason: want.confirmReason });
      expect(runtimeDigest(c.case)).not.toEqual(before);
    });
  });
});

describe('when cancel is confirmed', () => {
  it('removed .superloop/state.json, as `superloop cancel` does', async () => {
    const r = await control('running', 'running', '--intent', 'cancel');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(false);
    expect(JSON.parse(r.stdout)).toMatchObject({
      command: `superloop cancel --repo ${join(fx.work, 'running')}`,
      commandOutput: 'Cancelled loop state.',
      confirmed: true,
    });
  });
});

describe('when a pending approval is rejected', () => {
  it('records the decision in approval.json, decisions.jsonl, decisions.md and events.jsonl', async () => {
    const loop = 'awaiting-approval';
    const r = await control(loop, loop, '--intent', 'reject', '--by', 'mara', '--note', 'tests flaky');
    expect(r.code, r.stderr).toBe(0);
    const decision = { status: 'rejected', by: 'mara', note: 'tests flaky', at: asOf };
    expect(JSON.parse(readFileSync(loopFile(loop, loop, 'approval.json'), 'utf8'))).toMatchObject({
      status: 'rejected',
      decision,
      decided_by: 'mara',
      decided_at: asOf,
      decided_note: 'tests flaky',
      run_id: '20260215T080000Z',
    });
    expect(lines(loopFile(loop, loop, 'decisions.jsonl'))).toEqual([
      {
        timestamp: asOf,
        loop_id: loop,
        run_id: '20260215T080000Z',
        iteration: 3,
        decision: 'rejected',
        by: 'mara',
        note: 'tests flaky',
        approval_file: `.superloop/loops/${loop}/approval.json`,
      },
    ]);
    expect(readFileSync(loopFile(loop, loop, 'decisions.md'), 'utf8')).toContain(
      '- Decision: rejected\n- By: mara\n',
    );
    expect(lines(loopFile(loop, loop, 'events.jsonl')).at(-1)).toEqual({
      timestamp: asOf,
      event: 'approval_decision',
      loop_id: loop,
      run_id: '20260215T080000Z',
      iteration: 3,
      role: 'human',
      status: 'rejected',
      data: decision,
    });
    expect(JSON.parse(r.stdout)['command']).toBe(
      `superloop approve --repo ${join(fx.work, loop)} --loop ${loop} --by mara --reject --note 'tests flaky'`,
    );
  });
});

describe('when the runtime completes while approval is being confirmed', () => {
  it('is confirmed on the poll that sees the completion', async () => {
    const loop = 'awaiting-approval';
    onSleep = () => {
      if (onSleep === null) return;
      onSleep = null;
      const summary = JSON.parse(readFileSync(loopFile(loop, loop, 'run-summary.json'), 'utf8'));
      summary.entries[0].completion_ok = true;
      writeFileSync(loopFile(loop, loop, 'run-summary.json'), JSON.stringify(summary));
      appendFileSync(
        loopFile(loop, loop, 'events.jsonl'),
        `${JSON.stringify({ timestamp: '2026-03-01T00:00:02Z', event: 'loop_complete', loop_id: loop, run_id: 'r', iteration: 3 })}\n`,
      );
    };
    const r = await control(
      loop,
      loop,
      '--intent',
      'approve',
      '--timeout-seconds',
      '30',
      '--interval-seconds',
      '2',
    );
    expect(r.code, r.stderr).toBe(0);
    const entry = JSON.parse(r.stdout);
    expect(entry).toMatchObject({ status: 'confirmed', confirmed: true, confirmExitCode: 0 });
    expect(entry.confirm).toMatchObject({ confirmed: true, reason: 'completion_observed', attempts: 2 });
  });
  it('is ambiguous (exit 2) when nothing shows before the timeout, after polling every interval', async () => {
    const loop = 'awaiting-approval';
    const r = await control(
      loop,
      loop,
      '--intent',
      'approve',
      '--timeout-seconds',
      '6',
      '--interval-seconds',
      '2',
    );
    expect(r.code).toBe(2);
    const entry = JSON.parse(r.stdout);
    expect(entry).toMatchObject({ status: 'ambiguous', confirmed: false, confirmExitCode: 1 });
    expect(entry.confirm).toMatchObject({
      reason: 'timeout',
      attempts: 4,
      observedApprovalStatus: 'approved',
    });
    expect(lines(managerFile(loop, loop, 'telemetry', 'control.jsonl'))[0]).toMatchObject({
      reasonCode: 'control_ambiguous',
      durationSeconds: 6,
    });
  });
});

describe('with --no-confirm', () => {
  it('is executed_unconfirmed, exit 0, and no confirmation is attempted', async () => {
    const loop = 'awaiting-approval';
    const r = await control(loop, loop, '--intent', 'approve', '--no-confirm');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'executed_unconfirmed', confirmed: false });
    expect(JSON.parse(r.stdout)).not.toHaveProperty('confirm');
    expect(lines(managerFile(loop, loop, 'telemetry', 'control-invocations.jsonl'))[0]).toMatchObject({
      request: { doConfirm: false },
      execution: { status: 'succeeded', replayed: false },
      confirmation: { attempted: false, status: 'skipped' },
      outcome: { status: 'executed_unconfirmed', confirmed: false },
    });
  });
});

describe('when the same idempotency key is used again', () => {
  const loop = 'awaiting-approval';
  const decisions = () =>
    lines(loopFile(loop, loop, 'events.jsonl')).filter((e) => e['event'] === 'approval_decision');

  it('replays the first outcome without acting again, and records the replay', async () => {
    const first = await control(loop, loop, '--intent', 'reject', '--idempotency-key', 'rej-1');
    const second = await control(loop, loop, '--intent', 'reject', '--idempotency-key', 'rej-1');
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(decisions()).toHaveLength(1);
    expect(JSON.parse(second.stdout)).toMatchObject({
      status: 'confirmed',
      replayed: true,
      idempotencyKey: 'rej-1',
    });
    const audit = lines(managerFile(loop, loop, 'telemetry', 'control-invocations.jsonl'));
    expect(audit.map((a) => (a['execution'] as { replayed: boolean }).replayed)).toEqual([false, true]);
  });
  it('refuses the key for a different intent (idempotency_key_conflict) and runs nothing', async () => {
    await control(loop, loop, '--intent', 'reject', '--idempotency-key', 'k-9');
    const again = await control(loop, loop, '--intent', 'approve', '--idempotency-key', 'k-9');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error: intent refused (idempotency_key_conflict):');
    expect(decisions()).toHaveLength(1);
  });
  it('does not run a key whose earlier run started and never finished: ambiguous, exit 2', async () => {
    const ledger = join(fx.work, 'running', '.opsfold', 'loop', 'running', 'control-idempotency.jsonl');
    mkdirSync(join(ledger, '..'), { recursive: true });
    writeFileSync(
      ledger,
      `${JSON.stringify({ schemaVersion: 'v1', key: 'c-1', phase: 'started', loopId: 'running', intent: 'cancel', at: '2026-02-20T00:00:00Z' })}\n`,
    );
    const r = await control('running', 'running', '--intent', 'cancel', '--idempotency-key', 'c-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: intent outcome unknown:');
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(true);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'ambiguous' });
  });
});

describe('when another control of the same loop holds the lock', () => {
  it('fails with exit 75 and changes nothing', async () => {
    const p = loopPaths(fx.work, 'running', 'running');
    const before = runtimeDigest('running');
    const r = await withLock(loopLockTarget(p), { waitMs: 0 }, () =>
      control('running', 'running', '--intent', 'cancel'),
    );
    expect(r.code).toBe(75);
    expect(r.stderr).toContain('error: lock held by another process:');
    expect(runtimeDigest('running')).toEqual(before);
    expect(existsSync(managerFile('running', 'running', 'intents.jsonl'))).toBe(false);
  });
});

describe('when SUPERLOOP_BIN names a superloop CLI', () => {
  const stub = (body: string) => {
    const file = join(fx.work, 'superloop-stub.sh');
    writeFileSync(file, `#!/usr/bin/env bash\nenv > "${join(fx.work, 'stub-env.txt')}"\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  it('runs it with the intent arguments and confirms what it did; the token env stays out', async () => {
    const file = stub(
      `printf '{"active":false,"current_loop_id":"running"}' > "$3/.superloop/state.json"\necho "Cancelled loop state."`,
    );
    const env = { SUPERLOOP_BIN: file, OPS_MANAGER_SERVICE_TOKEN: 's3cret', PATH: process.env['PATH'] ?? '' };
    const r = await run(
      ['loop', 'control', '--repo', 'running', '--loop', 'running', '--intent', 'cancel'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'confirmed',
      command: `${file} cancel --repo ${join(fx.work, 'running')}`,
      commandOutput: 'Cancelled loop state.',
    });
    expect(readFileSync(join(fx.work, 'stub-env.txt'), 'utf8')).not.toContain('s3cret');
  });
  it('hands the CLI no alert sink secret: neither the default names nor those the catalog names', async () => {
    const file = stub(`printf '{"active":false,"current_loop_id":"running"}' > "$3/.superloop/state.json"`);
    const catalog = join(fx.work, 'sinks.json');
    writeFileSync(
      catalog,
      JSON.stringify({
        schemaVersion: 'v1',
        sinks: {
          hook: { type: 'webhook', enabled: true, urlEnv: 'MY_HOOK_URL', authTokenEnv: 'MY_HOOK_TOKEN' },
        },
        routing: { defaultSinks: ['hook'], categorySinks: {} },
      }),
    );
    const env = {
      SUPERLOOP_BIN: file,
      PATH: process.env['PATH'] ?? '',
      OPS_MANAGER_ALERT_SINKS_FILE: catalog,
      OPS_MANAGER_ALERT_WEBHOOK_URL: 'https://hooks.example/default-secret-path',
      OPS_MANAGER_ALERT_WEBHOOK_TOKEN: 'default-webhook-token',
      OPS_MANAGER_ALERT_SLACK_WEBHOOK_URL: 'https://hooks.slack.example/slack-secret',
      OPS_MANAGER_ALERT_PAGERDUTY_ROUTING_KEY: 'pd-routing-secret',
      MY_HOOK_URL: 'https://hooks.example/custom-secret-path',
      MY_HOOK_TOKEN: 'custom-webhook-token',
      KEEP_ME: 'visible',
    };
    const r = await run(
      ['loop', 'control', '--repo', 'running', '--loop', 'running', '--intent', 'cancel'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const seen = readFileSync(join(fx.work, 'stub-env.txt'), 'utf8');
    for (const secret of [
      'default-secret-path',
      'default-webhook-token',
      'slack-secret',
      'pd-routing-secret',
    ])
      expect(seen).not.toContain(secret);
    expect(seen).not.toContain('custom-secret-path');
    expect(seen).not.toContain('custom-webhook-token');
    expect(seen).toContain('KEEP_ME=visible');
  });
  it('is failed_command (exit 1) with the CLI exit code and its output when the CLI fails', async () => {
    const file = stub(`echo "boom: no runtime" >&2\nexit 3`);
    const r = await run(['loop', 'control', '--repo', 'running', '--loop', 'running', '--intent', 'cancel'], {
      SUPERLOOP_BIN: file,
      PATH: process.env['PATH'] ?? '',
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'failed_command',
      exitCode: 3,
      commandOutput: 'boom: no runtime',
    });
    expect(lines(managerFile('running', 'running', 'telemetry', 'control.jsonl'))[0]).toMatchObject({
      reasonCode: 'control_failed_command',
    });
  });
});

describe('bad input', () => {
  it.each([
    [['--intent', 'pause'], 'error: intent must be one of: cancel, approve, reject'],
    [
      ['--intent', 'cancel', '--transport', 'carrier-pigeon'],
      'error: --transport must be local or sprite_service',
    ],
    [
      ['--intent', 'cancel', '--transport', 'sprite_service'],
      'error: --service-base-url is required when --transport sprite_service',
    ],
    [['--intent', 'cancel', '--retry-attempts', '0'], 'error: --retry-attempts must be an integer >= 1'],
    [
      ['--intent', 'cancel', '--timeout-seconds', '1.5'],
      'error: timeout and interval must be non-negative integers',
    ],
    [['--intent', 'cancel', '--idempotency-key', 'has space'], 'error: --idempotency-key must be'],
  ])('%j is a usage error (64)', async (flags, line) => {
    const r = await control('running', 'running', ...flags);
    expect([r.code, r.stderr.split('\n')[0]?.startsWith(line)]).toEqual([64, true]);
  });
  it('a missing repository is exit 1', async () => {
    const r = await control('nowhere', 'running', '--intent', 'cancel');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      `error: repository not found: ${join(fx.work, 'nowhere')}`,
    ]);
  });
});

describe('opsfold loop confirm-intent', () => {
  const confirm = (repo: string, loop: string, ...rest: string[]) =>
    run(['loop', 'confirm-intent', '--repo', repo, '--loop', loop, '--as-of', asOf, ...rest]);
  it('times out (exit 1) after polling every interval until the timeout', async () => {
    const r = await confirm(
      'running',
      'running',
      '--intent',
      'cancel',
      '--timeout-seconds',
      '6',
      '--interval-seconds',
      '2',
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      intent: 'cancel',
      confirmed: false,
      reason: 'timeout',
      attempts: 4,
      timeoutSeconds: 6,
      observedStatus: 'running',
      observedLastEvent: 'role_start',
      observedApprovalStatus: null,
      observedActive: true,
      observedAt: '2026-02-22T12:00:06Z',
    });
  });
  it('polls every second when the interval is 0', async () => {
    const r = await confirm(
      'running',
      'running',
      '--intent',
      'cancel',
      '--timeout-seconds',
      '3',
      '--interval-seconds',
      '0',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ attempts: 4, observedAt: '2026-02-22T12:00:03Z' });
  });
  it('confirms an approval already decided and completed at once (exit 0)', async () => {
    const r = await confirm('other-loop-active', 'other-loop-active', '--intent', 'approve');
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      confirmed: true,
      reason: 'completion_observed',
      attempts: 1,
    });
  });
  it('confirms a rejection from the last event', async () => {
    const loop = 'awaiting-approval';
    appendFileSync(
      loopFile(loop, loop, 'events.jsonl'),
      `${JSON.stringify({ timestamp: '2026-02-15T10:00:00Z', event: 'approval_rejected', loop_id: loop, run_id: 'r' })}\n`,
    );
    const r = await confirm(loop, loop, '--intent', 'reject');
    expect(JSON.parse(r.stdout)).toMatchObject({
      confirmed: true,
      reason: 'rejection_observed',
      observedLastEvent: 'approval_rejected',
    });
  });
});

describe('when --service-base-url carries credentials (http://user:pass@host)', () => {
  it('never echoes them: not on stderr, stdout, nor in any file the run writes', async () => {
    const env = { OPS_MANAGER_SERVICE_TOKEN: 'tok', PATH: process.env['PATH'] ?? '' };
    const r = await run(spriteCancel('http://opsuser:hunter2pw@127.0.0.1:9', '--retry-attempts', '1'), env);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain('http://***@127.0.0.1:9');
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('hunter2pw');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const written = files(join(fx.work, 'running')).filter((f) =>
      readFileSync(f, 'utf8').includes('hunter2pw'),
    );
    expect(written).toEqual([]);
  });
});
