// Given a gate verdict or a finished worker, when the selected ticket's step is reported, then it says
// what happened, why, and under which mode; the worker gets the OPSFOLD_* variables on top of its env.
import { describe, expect, it } from 'vitest';
import type { TicketRequest } from './codecs-tickets.js';
import { blockedStep, notRunStep, workerEnv, workerFailure, workerStep, type WorkerOutcome } from './turn.js';

const ticket = { request_id: 't1', request_type: 'REQUEST_REPORTS' } as TicketRequest;
const ok: WorkerOutcome = { exitCode: 0, signal: null, timedOut: false, spawnError: null, outputTail: '' };

describe('a ticket the gates stopped', () => {
  it('gives the first failing gate as reason and lists them all', () => {
    const step = blockedStep(ticket, {
      runAs: null,
      blockedBy: ['WINDOW_NOT_ACTIVE', 'PREFLIGHT_FAIL'],
      detail: 'no window',
      windowId: null,
      recordBlock: true,
    });
    expect([step.attempted, step.decision, step.reason, step.blocked_by, step.reason_detail]).toEqual([
      true,
      'SKIPPED',
      'WINDOW_NOT_ACTIVE',
      ['WINDOW_NOT_ACTIVE', 'PREFLIGHT_FAIL'],
      'no window',
    ]);
  });
});

describe('a REAL ticket without a worker command', () => {
  it('is skipped, and the detail says REAL needs --worker-cmd and the ticket stays OPEN', () => {
    expect(notRunStep(ticket).reason_detail).toBe(
      'REAL execution needs --worker-cmd (the built-in worker only simulates MOCK_ONLY and DRY_RUN); the ticket stays OPEN',
    );
  });
});

describe('a worker that ran', () => {
  it.each([
    [{ ...ok, spawnError: 'ENOENT' }, 'DONE', 'worker could not start: ENOENT'],
    [{ ...ok, timedOut: true, exitCode: null }, 'DONE', 'worker timed out after 2 s and was stopped'],
    [{ ...ok, exitCode: 3 }, 'DONE', 'worker exited with code 3'],
    [{ ...ok, exitCode: null, signal: 'SIGKILL' }, 'DONE', 'worker ended by SIGKILL'],
    [ok, 'IN_PROGRESS', "worker exited 0 but the ticket's latest result is IN_PROGRESS"],
    [ok, 'DONE', null],
  ])('%o with the result %s fails with %s', (w, status, failure) => {
    expect(workerFailure(w, status, 2000)).toBe(failure);
  });

  it('processed: the receipt line is the receipt_ref and the worker is reported', () => {
    const step = workerStep({ ticket, mode: 'REAL', outcome: ok, failure: null, receiptLine: 4 });
    expect([step.decision, step.reason, step.receipt_ref, step.execution_mode, step.worker]).toEqual([
      'PROCESSED',
      'TICKET_PROCESSED_OK',
      'state/tickets/ticket_receipts.jsonl:line4',
      'REAL',
      { exit_code: 0, signal: null, timed_out: false },
    ]);
  });

  it('failed: skipped with the failure as detail and no receipt_ref without a receipt', () => {
    const step = workerStep({ ticket, mode: 'MOCK_ONLY', outcome: ok, failure: 'boom', receiptLine: null });
    expect([step.decision, step.reason, step.receipt_ref, step.reason_detail]).toEqual([
      'SKIPPED',
      'TICKET_PROCESS_FAILED',
      null,
      'boom',
    ]);
  });
});

describe('the worker environment', () => {
  it('adds the OPSFOLD_* variables, an empty window id outside REAL', () => {
    const facts = { mode: 'MOCK_ONLY', runId: 'r', at: 'a', root: '/x', windowId: null, pid: 7 } as const;
    expect(workerEnv({ PATH: '/bin', OPSFOLD_ROOT: 'old' }, ticket, facts)).toEqual({
      PATH: '/bin',
      OPSFOLD_EXECUTION_MODE: 'MOCK_ONLY',
      OPSFOLD_RUN_ID: 'r',
      OPSFOLD_ASOF: 'a',
      OPSFOLD_ROOT: '/x',
      OPSFOLD_REQUEST_ID: 't1',
      OPSFOLD_WINDOW_ID: '',
      OPSFOLD_CYCLE_PID: '7',
    });
  });
});
