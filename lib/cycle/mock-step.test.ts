// Given a root in memory and no worker command, when cycles run, then the built-in worker processes one
// ticket per cycle (seed 000 §1: bounded processing) and each ends DONE with its receipt, instead of the
// same ticket being selected again and again.
import { describe, expect, it } from 'vitest';
import { SHOWN } from './layout.js';
import { memoryPorts, memoryRoot, type MemoryRoot } from './ports-test-kit.js';
import { receiptRef } from './receipts.js';
import { runOpsCycle } from './run-cycle.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const AS_OF = parseInZone('2026-03-02T09:00:00', Z) ?? 0;
const opts = { root: '/root', workerCmd: null, asOfMs: AS_OF, zone: Z, workerTimeoutMs: 1000 };

const request = (id: string, at: string, type = 'REQUEST_REPORTS') => ({
  schema: 'TICKET_REQUEST_V1',
  request_id: id,
  requested_at: at,
  request_type: type,
  payload: {},
  status: 'OPEN',
});

const root = (mode: string): MemoryRoot => {
  const r = memoryRoot();
  r.docs.set(SHOWN.emergencyStop, { schema: 'EMERGENCY_STOP_V1', enabled: false });
  r.docs.set(SHOWN.gate, { schema: 'EXECUTION_GATE_V1', mode });
  r.docs.set(SHOWN.allowlist, { version: '1.0', allowed_request_types: ['REQUEST_REPORTS'], rules: {} });
  r.logs.set(SHOWN.requests, [
    request('a', '2026-03-02T08:00:00'),
    request('b', '2026-03-02T08:30:00', 'ACKNOWLEDGE'),
  ]);
  return r;
};

describe('a cycle without a worker command', () => {
  it('given MOCK_ONLY, then the oldest ticket is PROCESSED / TICKET_PROCESSED_OK, DONE, with its receipt line', async () => {
    const r = root('MOCK_ONLY');
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect(snapshot.ticket_step).toMatchObject({
      selected_request_id: 'a',
      decision: 'PROCESSED',
      reason: 'TICKET_PROCESSED_OK',
      receipt_ref: receiptRef(1),
      execution_mode: 'MOCK_ONLY',
      worker: { exit_code: 0, builtin: true },
    });
    expect(r.logs.get(SHOWN.results)?.map((x) => (x as { status: string }).status)).toEqual([
      'IN_PROGRESS',
      'DONE',
    ]);
    expect(snapshot.counters).toMatchObject({ tickets_open: 1, tickets_done: 1, skips_this_run: 0 });
    expect(r.lock).toBeNull();
  });

  it('when cycles repeat, then each takes the next ticket and the queue drains to NO_OPEN_TICKETS', async () => {
    const r = root('MOCK_ONLY');
    const reasons: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { snapshot } = await runOpsCycle(memoryPorts(r), { ...opts, asOfMs: AS_OF + i * 60_000 });
      reasons.push(`${snapshot.ticket_step.selected_request_id ?? '-'} ${snapshot.ticket_step.reason}`);
    }
    // b is not on the allowlist: in MOCK_ONLY nothing is executed, so it is simulated as the origin does.
    expect(reasons).toEqual(['a TICKET_PROCESSED_OK', 'b TICKET_PROCESSED_OK', '- NO_OPEN_TICKETS']);
  });

  it('given DRY_RUN, then the ticket is validated: DONE, receipt acceptance DRY_RUN_MODE', async () => {
    const r = root('DRY_RUN');
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect([snapshot.ticket_step.reason, snapshot.ticket_step.execution_mode]).toEqual([
      'TICKET_PROCESSED_OK',
      'DRY_RUN',
    ]);
    expect(r.logs.get(SHOWN.receipts)?.[0]).toMatchObject({ acceptance: { reason: 'DRY_RUN_MODE' } });
  });

  it('given REAL and an open window, then nothing is simulated: SKIPPED, the ticket stays OPEN', async () => {
    const r = root('REAL');
    r.logs.set(SHOWN.windows, [
      {
        schema: 'REAL_ENABLE_WINDOW_V1',
        event: 'CREATE',
        window_id: 'w',
        created_at: '2026-03-02T08:55:00',
        expires_at: '2026-03-02T09:05:00',
        allowed_request_types: ['REQUEST_REPORTS'],
        max_real_executions: 1,
        status: 'ACTIVE',
      },
    ]);
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect([snapshot.ticket_step.reason, snapshot.counters.tickets_open, r.logs.get(SHOWN.results)]).toEqual([
      'TICKET_PROCESS_FAILED',
      2,
      undefined,
    ]);
    expect(snapshot.ticket_step.reason_detail).toMatch(/REAL execution needs --worker-cmd/);
  });

  it('given the ticket logs cannot be appended to, then the cycle ends FAILED, RECORD_WRITE_FAILED', async () => {
    const r = root('MOCK_ONLY');
    const ports = memoryPorts(r);
    const { snapshot } = await runOpsCycle(
      { ...ports, apply: async () => Promise.reject(new Error('EROFS')) },
      opts,
    );
    expect([snapshot.overall_status, snapshot.ticket_step.decision, snapshot.error?.code]).toEqual([
      'FAILED',
      'SKIPPED',
      'RECORD_WRITE_FAILED',
    ]);
  });
});
