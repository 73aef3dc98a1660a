import { describe, expect, it } from 'vitest';
import type { ControlRequestFields } from './control-context.js';
import { runLocalControl } from './control-local.js';
import type { LocalControlPorts } from './control-ports.js';
import { idempotencyProjection, type LedgerRecord, type LedgerState } from './idempotency.js';

const AS_OF = '2026-02-22T12:00:00Z';
const request: ControlRequestFields = {
  intent: 'approve',
  by: 'ops',
  note: '',
  idempotencyKey: 'approve-1',
  traceId: 't-1',
  doConfirm: false,
  timeoutSeconds: 0,
  intervalSeconds: 0,
  retryAttempts: 3,
  retryBackoffSeconds: 1,
};
const loop = { repo: '/r', loopId: 'demo' };

/** Memory ports that log every effect; the ledger folds what was appended to it. */
const ports = (approval: unknown) => {
  const log: string[] = [];
  const ledger: LedgerRecord[] = [];
  let completed: LedgerState | null = null;
  const fold = (): LedgerState =>
    ledger.reduce(
      (s, value) => idempotencyProjection.evolve(s, { value, position: { line: 0, byteOffset: 0 } }),
      idempotencyProjection.initial,
    );
  const p: LocalControlPorts = {
    files: { intents: 'intents', control: 'control', invocations: 'invocations' },
    append: async (file) => void log.push(`append ${file}`),
    clock: { ms: () => Date.parse(AS_OF), iso: () => AS_OF },
    sleep: async () => undefined,
    snapshot: async () => null,
    lock: async (fn) => {
      log.push('lock');
      return fn();
    },
    executor: {
      program: 'superloop',
      isSuperloopCli: false,
      run: async () => {
        log.push('execute');
        return { exitCode: 0, output: 'Recorded approval decision (approved).' };
      },
    },
    ledger: {
      fold: async () => fold(),
      append: async (record) => {
        log.push(`ledger ${record.phase}`);
        ledger.push(record);
      },
    },
    facts: async () => ({ approval, state: null }),
    recordReplays: true,
    onLedger: async (s) => {
      completed = s;
    },
  };
  return { p, log, completed: () => completed, fold };
};

describe('given a pending approval and a new key', () => {
  it('when approved without confirmation, then started is recorded before acting and completed after the records', async () => {
    const { p, log, completed, fold } = ports({ status: 'pending' });
    const run = await runLocalControl(loop, request, p);
    expect(run.status).toBe('executed_unconfirmed');
    expect(run.exitCode).toBe(0);
    expect(log).toEqual([
      'lock',
      'ledger started',
      'execute',
      'append intents',
      'append control',
      'append invocations',
      'ledger completed',
    ]);
    expect(completed()).toEqual(fold());
  });

  it('when the same key runs again, then it is replayed from the ledger and nothing executes', async () => {
    const { p, log } = ports({ status: 'pending' });
    await runLocalControl(loop, request, p);
    log.length = 0;
    const again = await runLocalControl(loop, request, p);
    expect(again.replayed).toBe(true);
    expect(log).not.toContain('execute');
    expect(log).not.toContain('ledger started');
  });
});

describe('given no approval request', () => {
  it('when approved, then it is refused into the audit trail only and the ledger is untouched', async () => {
    const { p, log } = ports(null);
    const run = await runLocalControl(loop, request, p);
    expect(run.status).toBe('refused');
    expect(run.errorLine).toContain('approval');
    expect(log).toEqual(['lock', 'append invocations']);
  });
});

describe('given an installed superloop CLI and no approval request', () => {
  it('when approved, then the CLI decides: opsfold does not refuse, it executes', async () => {
    const { p, log } = ports(null);
    const run = await runLocalControl(loop, request, {
      ...p,
      executor: { ...p.executor, isSuperloopCli: true },
    });
    expect(run.status).toBe('executed_unconfirmed');
    expect(log).toContain('execute');
  });
});

describe('given an operator confirm script', () => {
  const confirming = { ...request, doConfirm: true, timeoutSeconds: 5, intervalSeconds: 1 };
  it('when it exits 0, then the intent is confirmed with its document, and no snapshot is taken', async () => {
    const { p } = ports({ status: 'pending' });
    const asked: unknown[] = [];
    const run = await runLocalControl(loop, confirming, {
      ...p,
      snapshot: async () => {
        throw new Error('no observation expected');
      },
      confirmScript: async (r) => {
        asked.push(r);
        return { exitCode: 0, output: '{"confirmed":true,"reason":"checked"}\n' };
      },
    });
    expect([run.status, run.exitCode]).toEqual(['confirmed', 0]);
    expect(run.entry).toMatchObject({ confirm: { reason: 'checked' }, confirmExitCode: 0 });
    expect(asked).toEqual([
      { repo: '/r', loopId: 'demo', intent: 'approve', timeoutSeconds: 5, intervalSeconds: 1 },
    ]);
  });
  it('when it exits 3 printing no JSON, then the intent is ambiguous with confirmExitCode 3', async () => {
    const { p } = ports({ status: 'pending' });
    const run = await runLocalControl(loop, confirming, {
      ...p,
      confirmScript: async () => ({ exitCode: 3, output: 'cannot reach runtime' }),
    });
    expect([run.status, run.exitCode]).toEqual(['ambiguous', 2]);
    expect(run.entry).toMatchObject({ confirmExitCode: 3, confirmed: false });
    expect(run.entry).not.toHaveProperty('confirm');
  });
});
