// `opsfold cycle run` on real roots with real worker processes: every ticket_step reason, decision and
// overall status of seed 000, given a fixture tree, when one cycle runs, then its snapshot says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import {
  originAllowlist,
  receiptV3,
  request,
  result,
  windowCreate,
  windowEvent,
  writeRoot,
} from './root-test-kit.js';

const WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/worker.mjs', import.meta.url));
const SHELL_WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/fail-worker.sh', import.meta.url));
const worker = (behaviour: string) => `node "${WORKER}" ${behaviour}`;
const AS_OF = '2026-03-02T09:00:00';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const io = () => ({
  cwd: work,
  env: { PATH: process.env['PATH'] },
  now: () => Date.parse('2026-03-02T00:00:00Z'),
});
const fixture = (name: string): string => {
  const root = join(work, name);
  cpSync(fileURLToPath(new URL(`../../fixtures/cycle/roots/${name}`, import.meta.url)), root, {
    recursive: true,
  });
  return root;
};
const built = (spec: Parameters<typeof writeRoot>[1]): string => {
  const root = join(work, 'root');
  writeRoot(root, spec);
  return root;
};
const cycle = async (root: string, ...flags: string[]) => {
  const ran = await runCaptured(
    commands,
    ['cycle', 'run', '--root', root, '--as-of', AS_OF, '--tz', 'Asia/Seoul', ...flags],
    io(),
  );
  const snapshots = readdirSync(join(root, 'reports/ops/daily/snapshots')).filter((n) =>
    n.startsWith('ops_run_'),
  );
  return { ...ran, snapshot: JSON.parse(ran.stdout || '{}'), snapshots };
};
const ticketLogs = (root: string) =>
  ['ticket_requests', 'ticket_results', 'ticket_receipts'].map((n) =>
    readFileSync(join(root, `state/tickets/${n}.jsonl`), 'utf8'),
  );
const lines = (root: string, log: string) =>
  readFileSync(join(root, `state/tickets/${log}.jsonl`), 'utf8')
    .trim()
    .split('\n');

describe('given an OPEN ticket and a worker that succeeds (MOCK_ONLY)', () => {
  it('processes the oldest OPEN ticket: PROCESSED / TICKET_PROCESSED_OK, overall DONE, exit 0', async () => {
    const root = fixture('mock-queue');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.snapshot).toMatchObject({
      schema: 'OPS_CYCLE_RUN_V2',
      overall_status: 'DONE',
      ops_report_ref: 'reports/ops/daily/ops_report_latest.json',
      ticket_step: {
        attempted: true,
        selected_request_id: 'a6000000-0000-4000-8000-000000000006',
        selected_request_type: 'REQUEST_RECONCILE',
        decision: 'PROCESSED',
        reason: 'TICKET_PROCESSED_OK',
        receipt_ref: 'state/tickets/ticket_receipts.jsonl:line4',
        execution_mode: 'MOCK_ONLY',
      },
      counters: {
        tickets_open: 1,
        tickets_in_progress: 1,
        tickets_done: 3,
        tickets_failed: 1,
        tickets_blocked: 2,
        skips_this_run: 0,
      },
    });
    expect(JSON.parse(lines(root, 'ticket_receipts')[3] ?? '{}').request_id).toBe(
      'a6000000-0000-4000-8000-000000000006',
    );
  });

  it('writes the snapshot it prints, under the zone’s file stamp, and releases the lock', async () => {
    const root = fixture('mock-queue');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshots).toEqual(['ops_run_20260302_090000.json']);
    expect(
      JSON.parse(readFileSync(join(root, 'reports/ops/daily/snapshots', r.snapshots[0] ?? ''), 'utf8')),
    ).toEqual(r.snapshot);
    expect(r.snapshot.asof).toBe('2026-03-02T09:00:00+09:00');
    expect(existsSync(join(root, 'state/ops_runner.lock'))).toBe(false);
  });

  it('hands the worker the ticket JSON on stdin and the mode, run id and root in its environment', async () => {
    const root = fixture('mock-queue');
    const seen = join(work, 'seen.json');
    const r = await cycle(root, '--worker-cmd', worker(`record "${seen}"`));
    const got = JSON.parse(readFileSync(seen, 'utf8'));
    expect(JSON.parse(got.stdin)).toEqual(JSON.parse(lines(root, 'ticket_requests')[5] ?? '{}'));
    expect(got.env).toMatchObject({
      OPSFOLD_EXECUTION_MODE: 'MOCK_ONLY',
      OPSFOLD_RUN_ID: r.snapshot.run_id,
      OPSFOLD_REQUEST_ID: 'a6000000-0000-4000-8000-000000000006',
      OPSFOLD_ASOF: '2026-03-02T09:00:00+09:00',
      OPSFOLD_WINDOW_ID: '',
    });
    expect(got.cwd).toBe(root);
  });

  it('passes DRY_RUN to the worker and processes the ticket', async () => {
    const root = fixture('mock-queue');
    writeFileSync(join(root, 'state/execution_gate.json'), JSON.stringify({ mode: 'DRY_RUN' }));
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.ticket_step.decision,
      r.snapshot.ticket_step.execution_mode,
      r.snapshot.safety_snapshot.execution_gate_mode,
    ]).toEqual(['PROCESSED', 'DRY_RUN', 'DRY_RUN']);
  });

  it('processes at most one ticket: the second OPEN ticket waits for the next cycle', async () => {
    const root = fixture('mock-queue');
    const first = await cycle(root, '--worker-cmd', worker('done'));
    const second = await cycle(root, '--worker-cmd', worker('done'));
    const third = await cycle(root, '--worker-cmd', worker('done'));
    expect(
      [first, second, third].map((r) => [
        r.snapshot.ticket_step.selected_request_id,
        r.snapshot.ticket_step.reason,
      ]),
    ).toEqual([
      ['a6000000-0000-4000-8000-000000000006', 'TICKET_PROCESSED_OK'],
      ['a5000000-0000-4000-8000-000000000005', 'TICKET_PROCESSED_OK'],
      [null, 'NO_OPEN_TICKETS'],
    ]);
    expect(third.snapshots).toEqual([
      'ops_run_20260302_090000.json',
      'ops_run_20260302_090000_2.json',
      'ops_run_20260302_090000_3.json',
    ]);
  });
});

describe('given no OPEN ticket', () => {
  it('decides NONE / NO_OPEN_TICKETS, attempted false, overall DONE, and leaves the ticket logs alone', async () => {
    const root = built({
      requests: [request('a', '2026-03-01T09:00:00')],
      results: [result('a', '2026-03-01T09:01:00', 'DONE')],
    });
    const before = ticketLogs(root);
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshot.ticket_step).toMatchObject({
      attempted: false,
      decision: 'NONE',
      reason: 'NO_OPEN_TICKETS',
      receipt_ref: null,
    });
    expect([r.snapshot.overall_status, r.code, r.snapshot.counters.skips_this_run]).toEqual(['DONE', 0, 0]);
    expect(ticketLogs(root)).toEqual(before);
  });
});

describe('given the emergency stop', () => {
  it('stops: STOPPED, SKIPPED / EMERGENCY_STOP_ACTIVE, no worker, no lock, no report, exit 0', async () => {
    const root = fixture('mock-queue');
    writeFileSync(
      join(root, 'state/emergency_stop.json'),
      JSON.stringify({ enabled: true, reason: 'incident' }),
    );
    const called = join(work, 'called.json');
    const before = ticketLogs(root);
    const r = await cycle(root, '--worker-cmd', worker(`record "${called}"`));
    expect(r.snapshot).toMatchObject({
      overall_status: 'STOPPED',
      ops_report_ref: '',
      ticket_step: { attempted: false, decision: 'SKIPPED', reason: 'EMERGENCY_STOP_ACTIVE' },
      safety_snapshot: { emergency_stop_enabled: true },
      counters: { tickets_open: 2, skips_this_run: 1 },
    });
    expect([
      r.code,
      existsSync(called),
      existsSync(join(root, 'reports/ops/daily/ops_report_latest.json')),
    ]).toEqual([0, false, false]);
    expect(ticketLogs(root)).toEqual(before);
  });
});

describe('given a lock another runner took 10 s before asOf', () => {
  it('skips: DONE_WITH_SKIPS, SKIPPED / LOCK_CONFLICT_409, the other lock left in place, tickets untouched', async () => {
    const root = fixture('mock-queue');
    const held = JSON.stringify({ run_id: 'other-run', locked_at: '2026-03-02T08:59:50' });
    writeFileSync(join(root, 'state/ops_runner.lock'), held);
    const before = ticketLogs(root);
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshot).toMatchObject({
      overall_status: 'DONE_WITH_SKIPS',
      ticket_step: { attempted: false, decision: 'SKIPPED', reason: 'LOCK_CONFLICT_409' },
      counters: { tickets_open: 2, skips_this_run: 1 },
    });
    expect(r.snapshot.ticket_step.reason_detail).toContain('other-run');
    expect(readFileSync(join(root, 'state/ops_runner.lock'), 'utf8')).toBe(held);
    expect([ticketLogs(root), r.code]).toEqual([before, 0]);
  });
});

describe('given a worker that fails', () => {
  it('exit 1 with a FAILED result: SKIPPED / TICKET_PROCESS_FAILED, receipt_ref null, DONE_WITH_SKIPS', async () => {
    const root = fixture('mock-queue');
    const r = await cycle(root, '--worker-cmd', worker('fail'));
    expect(r.snapshot).toMatchObject({
      overall_status: 'DONE_WITH_SKIPS',
      ticket_step: {
        attempted: true,
        decision: 'SKIPPED',
        reason: 'TICKET_PROCESS_FAILED',
        receipt_ref: null,
        reason_detail: 'worker exited with code 1',
      },
      counters: { tickets_open: 1, tickets_failed: 2, skips_this_run: 1 },
    });
    expect(r.code).toBe(0);
  });
  it('a shell worker, the way conformance case F fails, gives the same and its output on stderr', async () => {
    const root = fixture('mock-queue');
    const r = await cycle(root, '--worker-cmd', `"${SHELL_WORKER}"`);
    expect([r.snapshot.ticket_step.reason, r.snapshot.counters.tickets_failed]).toEqual([
      'TICKET_PROCESS_FAILED',
      2,
    ]);
    expect(r.stderr).toContain('shell worker: failing a6000000-0000-4000-8000-000000000006');
  });
  it('with a receipt: receipt_ref still names the receipt it appended', async () => {
    const root = fixture('mock-queue');
    const r = await cycle(root, '--worker-cmd', worker('fail-receipt'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.receipt_ref]).toEqual([
      'TICKET_PROCESS_FAILED',
      'state/tickets/ticket_receipts.jsonl:line4',
    ]);
  });
  it('exit 0 but a FAILED result: TICKET_PROCESS_FAILED, the detail says why', async () => {
    const r = await cycle(fixture('mock-queue'), '--worker-cmd', worker('lie'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.reason_detail]).toEqual([
      'TICKET_PROCESS_FAILED',
      "worker exited 0 but the ticket's latest result is FAILED",
    ]);
  });
  it('exit 0 writing nothing: TICKET_PROCESS_FAILED, the ticket stays OPEN', async () => {
    const r = await cycle(fixture('mock-queue'), '--worker-cmd', worker('nothing'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.counters.tickets_open]).toEqual([
      'TICKET_PROCESS_FAILED',
      2,
    ]);
  });
  it('that cannot be found: TICKET_PROCESS_FAILED (the shell’s exit 127)', async () => {
    const r = await cycle(fixture('mock-queue'), '--worker-cmd', join(work, 'no-such-worker'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.worker.exit_code]).toEqual([
      'TICKET_PROCESS_FAILED',
      127,
    ]);
  });
  it('that outlives --worker-timeout: stopped, TICKET_PROCESS_FAILED, timed_out true', async () => {
    const r = await cycle(fixture('mock-queue'), '--worker-cmd', worker('hang'), '--worker-timeout', '0.5');
    expect(r.snapshot.ticket_step).toMatchObject({
      reason: 'TICKET_PROCESS_FAILED',
      worker: { timed_out: true },
    });
    expect(r.snapshot.ticket_step.reason_detail).toBe('worker timed out after 0.5 s and was stopped');
  });
  it('or no --worker-cmd at all: the built-in worker simulates the ticket (mock-worker.int.test.ts)', async () => {
    const r = await cycle(fixture('mock-queue'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.worker]).toEqual([
      'TICKET_PROCESSED_OK',
      { exit_code: 0, signal: null, timed_out: false, builtin: true },
    ]);
  });
});

describe('given REAL execution', () => {
  it('an allowed type with an active window and its preflight inputs runs as REAL with the window id', async () => {
    const root = fixture('real-window');
    writeFileSync(
      join(root, 'state/tickets/ticket_requests.jsonl'),
      `${lines(root, 'ticket_requests')[1]}\n`,
    );
    const seen = join(work, 'seen.json');
    const r = await cycle(root, '--worker-cmd', worker(`record "${seen}"`));
    expect(r.snapshot.ticket_step).toMatchObject({
      decision: 'PROCESSED',
      reason: 'TICKET_PROCESSED_OK',
      execution_mode: 'REAL',
    });
    expect(JSON.parse(readFileSync(seen, 'utf8')).env).toMatchObject({
      OPSFOLD_EXECUTION_MODE: 'REAL',
      OPSFOLD_WINDOW_ID: 'w-open',
    });
  });
  it('a type not on the allowlist: SKIPPED / ALLOWLIST_VIOLATION, a BLOCKED receipt and a FAILED result recorded', async () => {
    const root = fixture('real-window');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshot).toMatchObject({
      overall_status: 'DONE_WITH_SKIPS',
      ticket_step: {
        selected_request_id: 'b1000000-0000-4000-8000-000000000001',
        decision: 'SKIPPED',
        reason: 'ALLOWLIST_VIOLATION',
        blocked_by: ['ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE'],
        receipt_ref: 'state/tickets/ticket_receipts.jsonl:line1',
        execution_mode: null,
      },
      counters: { tickets_failed: 1, tickets_blocked: 1, skips_this_run: 1 },
    });
    expect(JSON.parse(lines(root, 'ticket_receipts')[0] ?? '{}')).toMatchObject({
      decision: 'BLOCKED',
      request_id: 'b1000000-0000-4000-8000-000000000001',
    });
    expect(JSON.parse(lines(root, 'ticket_results')[0] ?? '{}')).toMatchObject({
      status: 'FAILED',
      processor_id: 'opsfold_cycle',
    });
  });
  it('no active window for the type: SKIPPED / WINDOW_NOT_ACTIVE (consumed, expired or revoked)', async () => {
    const windows = [
      [
        windowCreate('c', '2026-03-02T08:00:00', '2026-03-02T10:00:00'),
        windowEvent('c', 'CONSUME', '2026-03-02T08:10:00'),
      ],
      [windowCreate('e', '2026-03-02T08:00:00', '2026-03-02T08:30:00')],
      [
        windowCreate('r', '2026-03-02T08:00:00', '2026-03-02T10:00:00'),
        windowEvent('r', 'REVOKE', '2026-03-02T08:10:00'),
      ],
    ];
    for (const w of windows) {
      rmSync(join(work, 'root'), { recursive: true, force: true });
      const root = built({
        requests: [request('t', '2026-03-02T08:00:00')],
        gate: { mode: 'REAL' },
        windows: w,
        files: { 'reports/phase_c/latest/recon_summary.json': '{}' },
      });
      const r = await cycle(root, '--worker-cmd', worker('done'));
      expect([r.snapshot.ticket_step.reason, r.snapshot.safety_snapshot.window_active]).toEqual([
        'WINDOW_NOT_ACTIVE',
        false,
      ]);
    }
  });
  it('a missing required input: SKIPPED / PREFLIGHT_FAIL, the path named, a BLOCKED receipt with PREFLIGHT_FAIL', async () => {
    const root = fixture('real-window');
    writeFileSync(
      join(root, 'state/tickets/ticket_requests.jsonl'),
      `${lines(root, 'ticket_requests')[1]}\n`,
    );
    rmSync(join(root, 'reports/phase_c/latest/recon_summary.json'));
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.reason_detail]).toEqual([
      'PREFLIGHT_FAIL',
      'PREFLIGHT_FAIL: preflight: missing reports/phase_c/latest/recon_summary.json',
    ]);
    expect(JSON.parse(lines(root, 'ticket_receipts')[0] ?? '{}').acceptance).toEqual({
      pass: false,
      reason: 'PREFLIGHT_FAIL',
    });
  });
  it('a preflight path that leaves the root fails the preflight', async () => {
    const root = built({
      requests: [request('t', '2026-03-02T08:00:00')],
      gate: { mode: 'REAL' },
      allowlist: originAllowlist({ REQUEST_REPORTS: { required_inputs: ['../outside.json'] } }),
      windows: [windowCreate('w', '2026-03-02T08:00:00', '2026-03-02T10:00:00')],
      files: { '../outside.json': '{}' },
    });
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshot.ticket_step.reason_detail).toBe(
      'PREFLIGHT_FAIL: preflight: outside the root: ../outside.json',
    );
  });
});

describe('given the gate', () => {
  it('MOCK_ONLY and a type whose rule requires REAL: SKIPPED / GATE_BLOCKED, recorded', async () => {
    const root = built({
      requests: [request('t', '2026-03-02T08:00:00', 'REQUEST_TRADE')],
      allowlist: originAllowlist({ REQUEST_TRADE: { requires_real: true } }),
    });
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.ticket_step.reason,
      r.snapshot.ticket_step.receipt_ref,
      r.snapshot.counters.tickets_blocked,
    ]).toEqual(['GATE_BLOCKED', 'state/tickets/ticket_receipts.jsonl:line1', 1]);
  });
  it('invalid: SKIPPED / GATE_BLOCKED, nothing recorded, the ticket stays OPEN for when the gate is fixed', async () => {
    const root = built({ requests: [request('t', '2026-03-02T08:00:00')], gate: { mode: 'SHADOW' } });
    const before = ticketLogs(root);
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.ticket_step.reason,
      r.snapshot.ticket_step.receipt_ref,
      r.snapshot.counters.tickets_open,
    ]).toEqual(['GATE_BLOCKED', null, 1]);
    expect(r.snapshot.safety_snapshot.execution_gate_mode).toBe('SHADOW');
    expect(ticketLogs(root)).toEqual(before);
  });
});

describe('given an OPEN ticket whose receipt already exists', () => {
  it('does not run it again and takes the next one', async () => {
    const root = built({
      requests: [request('ran', '2026-03-02T07:00:00'), request('next', '2026-03-02T08:00:00')],
      receipts: [receiptV3('ran', '2026-03-02T07:05:00', 'EXECUTED')],
    });
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.snapshot.ticket_step.selected_request_id).toBe('next');
  });
});
