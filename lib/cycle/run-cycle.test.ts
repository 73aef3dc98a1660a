// Given a root in memory (documents, ticket logs, the lock and snapshots as maps), when one cycle runs
// through its ports, then it takes the steps of seed 000 §4: stop, lock, report, select, gate, worker,
// snapshot, and the lock released on every path.
import { describe, expect, it } from 'vitest';
import { SHOWN } from './layout.js';
import { receiptRef } from './receipts.js';
import { memoryPorts, memoryRoot, type MemoryRoot } from './ports-test-kit.js';
import { runOpsCycle } from './run-cycle.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const AS_OF = parseInZone('2026-03-02T09:00:00', Z) ?? 0;
const opts = { root: '/root', workerCmd: 'worker', asOfMs: AS_OF, zone: Z, workerTimeoutMs: 1000 };

const request = (id: string, at: string) => ({
  schema: 'TICKET_REQUEST_V1',
  request_id: id,
  requested_at: at,
  request_type: 'REQUEST_REPORTS',
  payload: {},
  status: 'OPEN',
  trace_id: null,
});
const result = (id: string, status: string) => ({
  schema: 'TICKET_RESULT_V1',
  result_id: `${id}-${status}`,
  request_id: id,
  processed_at: '2026-03-02T09:00:01',
  status,
  processor_id: 'worker',
  message: status,
  artifacts: [],
});
const receipt = (id: string) => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof: '2026-03-02T09:00:01',
  receipt_id: `${id}-receipt`,
  request_id: id,
  request_type: 'REQUEST_REPORTS',
  mode: 'MOCK_ONLY',
  decision: 'EXECUTED',
  exit_code: 0,
  outputs_proof: { latest_dir: 'reports/phase_c/latest/', targets: [] },
  acceptance: { pass: true, reason: 'MOCK_MODE' },
});

/** A MOCK_ONLY root with tickets `a` (older) and `b` open, and a worker that completes its ticket. */
const root = (over: Partial<MemoryRoot> = {}): MemoryRoot => {
  const r = memoryRoot({
    worker: (t) => ({
      appends: [
        [SHOWN.receipts, receipt(t.request_id)],
        [SHOWN.results, result(t.request_id, 'DONE')],
      ],
      exitCode: 0,
    }),
    ...over,
  });
  r.docs.set(SHOWN.emergencyStop, { schema: 'EMERGENCY_STOP_V1', enabled: false });
  r.docs.set(SHOWN.gate, { schema: 'EXECUTION_GATE_V1', mode: 'MOCK_ONLY' });
  r.docs.set(SHOWN.allowlist, {
    schema: 'REAL_EXECUTION_ALLOWLIST_V1',
    version: '1.0',
    allowed_request_types: ['REQUEST_REPORTS'],
    rules: { REQUEST_REPORTS: { real_command_allowlist: [['python', '-m', 'app.generate_reports']] } },
  });
  r.logs.set(SHOWN.requests, [request('a', '2026-03-02T08:00:00'), request('b', '2026-03-02T08:30:00')]);
  return r;
};

describe('one cycle over memory ports', () => {
  it('given two open tickets, then the oldest is run once, its receipt line named, the report and snapshot written and the lock released', async () => {
    const r = root();
    const { snapshot, file } = await runOpsCycle(memoryPorts(r), opts);
    expect([
      snapshot.overall_status,
      snapshot.ticket_step.decision,
      snapshot.ticket_step.selected_request_id,
    ]).toEqual(['DONE', 'PROCESSED', 'a']);
    expect(snapshot.ticket_step.receipt_ref).toBe(receiptRef(1));
    expect(snapshot.counters).toMatchObject({ tickets_open: 1, tickets_done: 1 });
    expect(r.workerRuns.map((t) => t.request_id)).toEqual(['a']);
    expect([file, r.docs.has(SHOWN.report), r.lock]).toEqual(['ops_run_20260302_090000.json', true, null]);
    expect(JSON.parse(r.snapshots.get(file) ?? '{}')).toEqual(snapshot);
  });

  it('given the emergency stop enabled, then the cycle is STOPPED without taking the lock or running a worker', async () => {
    const r = root();
    r.docs.set(SHOWN.emergencyStop, { schema: 'EMERGENCY_STOP_V1', enabled: true });
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect([snapshot.overall_status, snapshot.ticket_step.reason, r.workerRuns.length]).toEqual([
      'STOPPED',
      'EMERGENCY_STOP_ACTIVE',
      0,
    ]);
  });

  it('given another run holds a fresh lock, then the cycle skips with LOCK_CONFLICT_409 and leaves that lock alone', async () => {
    const held = { run_id: 'other', locked_at: '2026-03-02T08:59:50' };
    const r = root({ lock: held });
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect([snapshot.ticket_step.reason, r.lock, r.workerRuns.length]).toEqual([
      'LOCK_CONFLICT_409',
      held,
      0,
    ]);
  });

  it('given a stale lock whose run wrote no snapshot while running ticket a, then a is retired as [INTERRUPTED] and b runs instead', async () => {
    const stale = { run_id: 'crashed', locked_at: '2026-03-02T08:50:00', selected_request_id: 'a' };
    const r = root({ lock: stale });
    const { snapshot } = await runOpsCycle(memoryPorts(r), opts);
    expect(snapshot.warnings.map((w) => w.code)).toEqual([
      'LOCK_STALE_REPLACED',
      'PREVIOUS_CYCLE_INTERRUPTED',
    ]);
    expect(snapshot.interrupted_cycle).toMatchObject({ run_id: 'crashed', selected_request_id: 'a' });
    expect(r.logs.get(SHOWN.results)?.[0]).toMatchObject({ request_id: 'a', status: 'FAILED' });
    expect(r.workerRuns.map((t) => t.request_id)).toEqual(['b']);
  });

  it('given a worker that cannot be started, then the cycle ends FAILED, UNEXPECTED with the message, lock released', async () => {
    const r = root();
    const ports = memoryPorts(r);
    const failing = { ...ports, runWorker: async () => Promise.reject(new Error('spawn EMFILE')) };
    const { snapshot } = await runOpsCycle(failing, opts);
    expect([snapshot.overall_status, snapshot.error?.code, snapshot.error?.message, r.lock]).toEqual([
      'FAILED',
      'UNEXPECTED',
      'spawn EMFILE',
      null,
    ]);
  });
});
