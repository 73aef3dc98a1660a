// `opsfold cycle run` without --worker-cmd, on real roots: the built-in worker (the origin's mock worker).
// Seed 000 §4 step 5, "process the ticket (worker, one step): success → PROCESSED"; §1, "at most one
// ticket is processed per cycle". Given OPEN tickets, when cycles run, then each processes the oldest one
// to DONE with its receipt, and the queue drains instead of the same ticket being selected forever.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { receiptV3, request, result, windowCreate, writeRoot } from './root-test-kit.js';

const WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/worker.mjs', import.meta.url));

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-mock-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const io = () => ({ cwd: work, env: { PATH: process.env['PATH'] }, now: () => 0 });
const cycle = async (root: string, asOf: string, ...flags: string[]) => {
  const argv = ['cycle', 'run', '--root', root, '--as-of', asOf, '--tz', 'Asia/Seoul', ...flags];
  const ran = await runCaptured(commands, argv, io());
  return { ...ran, snapshot: JSON.parse(ran.stdout || '{}') };
};
const records = (root: string, log: string): Record<string, unknown>[] =>
  readFileSync(join(root, `state/tickets/${log}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const A = 'a1000000-0000-4000-8000-000000000001';
const B = 'b2000000-0000-4000-8000-000000000002';
const DONE = 'd3000000-0000-4000-8000-000000000003';

const root = (gate = 'MOCK_ONLY', typeB = 'REQUEST_RECONCILE'): string => {
  const dir = join(work, 'root');
  writeRoot(dir, {
    requests: [
      request(DONE, '2026-03-02T07:00:00'),
      request(B, '2026-03-02T08:30:00', typeB),
      request(A, '2026-03-02T08:00:00'),
    ],
    results: [result(DONE, '2026-03-02T07:01:00', 'DONE')],
    receipts: [receiptV3(DONE, '2026-03-02T07:01:00', 'EXECUTED')],
    gate: { schema: 'EXECUTION_GATE_V1', mode: gate },
  });
  return dir;
};

describe('given OPEN tickets under MOCK_ONLY and no --worker-cmd', () => {
  it('when one cycle runs, then the oldest is PROCESSED / TICKET_PROCESSED_OK, DONE, its receipt line named', async () => {
    const dir = root();
    const r = await cycle(dir, '2026-03-02T09:00:00');
    expect(r.code).toBe(0);
    expect(r.snapshot.overall_status).toBe('DONE');
    expect(r.snapshot.ticket_step).toMatchObject({
      attempted: true,
      selected_request_id: A,
      decision: 'PROCESSED',
      reason: 'TICKET_PROCESSED_OK',
      receipt_ref: 'state/tickets/ticket_receipts.jsonl:line2',
      execution_mode: 'MOCK_ONLY',
      worker: { exit_code: 0, builtin: true },
    });
    expect(r.snapshot.counters).toMatchObject({ tickets_open: 1, tickets_done: 2, skips_this_run: 0 });
    expect(records(dir, 'ticket_results').slice(1)).toMatchObject([
      { request_id: A, status: 'IN_PROGRESS', processed_at: '2026-03-02T09:00:00+09:00' },
      {
        request_id: A,
        status: 'DONE',
        processed_at: '2026-03-02T09:00:01+09:00',
        message: '[MOCK_ONLY] Simulated REQUEST_REPORTS',
      },
    ]);
    expect(records(dir, 'ticket_receipts')[1]).toMatchObject({
      schema: 'EXECUTION_RECEIPT_V3',
      request_id: A,
      mode: 'MOCK_ONLY',
      decision: 'EXECUTED',
      exit_code: 0,
      acceptance: { pass: true, reason: 'MOCK_MODE' },
    });
    expect(existsSync(join(dir, 'state/ops_runner.lock'))).toBe(false);
  });

  it('when cycles repeat, then one ticket per cycle, oldest first, until NO_OPEN_TICKETS', async () => {
    const dir = root();
    const steps: string[] = [];
    for (const at of ['2026-03-02T09:00:00', '2026-03-02T09:01:00', '2026-03-02T09:02:00']) {
      const { snapshot } = await cycle(dir, at);
      steps.push(`${snapshot.ticket_step.selected_request_id ?? '-'} ${snapshot.ticket_step.reason}`);
    }
    expect(steps).toEqual([`${A} TICKET_PROCESSED_OK`, `${B} TICKET_PROCESSED_OK`, '- NO_OPEN_TICKETS']);
    expect(records(dir, 'ticket_receipts')).toHaveLength(3);
  });

  it('given DRY_RUN, then the ticket is validated: DONE "[DRY_RUN] Validated …"', async () => {
    const dir = root('DRY_RUN');
    const r = await cycle(dir, '2026-03-02T09:00:00');
    expect(r.snapshot.ticket_step.reason).toBe('TICKET_PROCESSED_OK');
    expect(records(dir, 'ticket_results').at(-1)).toMatchObject({
      status: 'DONE',
      message: '[DRY_RUN] Validated REQUEST_REPORTS',
    });
  });
});

describe('the allowlist applies in every mode that executes something', () => {
  it('given MOCK_ONLY, a type not on the allowlist and a worker command, then ALLOWLIST_VIOLATION, recorded, the command never run', async () => {
    const dir = root('MOCK_ONLY', 'ACKNOWLEDGE');
    await cycle(dir, '2026-03-02T09:00:00'); // A, through the built-in worker
    const called = join(work, 'called');
    const r = await cycle(
      dir,
      '2026-03-02T09:01:00',
      '--worker-cmd',
      `touch "${called}"; node "${WORKER}" done`,
    );
    expect(r.snapshot.ticket_step).toMatchObject({
      selected_request_id: B,
      decision: 'SKIPPED',
      reason: 'ALLOWLIST_VIOLATION',
      receipt_ref: 'state/tickets/ticket_receipts.jsonl:line3',
    });
    expect(existsSync(called)).toBe(false);
    expect(records(dir, 'ticket_receipts')[2]).toMatchObject({
      request_id: B,
      decision: 'BLOCKED',
      mode: 'MOCK_ONLY',
    });
    expect(records(dir, 'ticket_results').at(-1)).toMatchObject({ request_id: B, status: 'FAILED' });
  });

  it('given the same ticket and no worker command, then nothing is executed and it is simulated, as the origin does', async () => {
    const dir = root('MOCK_ONLY', 'ACKNOWLEDGE');
    await cycle(dir, '2026-03-02T09:00:00');
    const r = await cycle(dir, '2026-03-02T09:01:00');
    expect([r.snapshot.ticket_step.selected_request_id, r.snapshot.ticket_step.reason]).toEqual([
      B,
      'TICKET_PROCESSED_OK',
    ]);
    expect(records(dir, 'ticket_receipts')[2]).toMatchObject({ safety_checks: { allowlist_pass: false } });
  });
});

describe('given REAL, an open window and no --worker-cmd', () => {
  it('then nothing is simulated: SKIPPED / TICKET_PROCESS_FAILED, the ticket stays OPEN, the ticket files untouched', async () => {
    const dir = root('REAL');
    writeRoot(dir, {
      requests: records(dir, 'ticket_requests'),
      results: records(dir, 'ticket_results'),
      receipts: records(dir, 'ticket_receipts'),
      gate: { schema: 'EXECUTION_GATE_V1', mode: 'REAL' },
      windows: [windowCreate('w1', '2026-03-02T08:55:00', '2026-03-02T09:05:00')],
      files: { 'reports/phase_c/latest/recon_summary.json': '{}\n' },
    });
    const before = ['ticket_results', 'ticket_receipts'].map((l) => records(dir, l));
    const r = await cycle(dir, '2026-03-02T09:00:00');
    expect([r.snapshot.ticket_step.reason, r.snapshot.counters.tickets_open]).toEqual([
      'TICKET_PROCESS_FAILED',
      2,
    ]);
    expect(r.snapshot.ticket_step.reason_detail).toMatch(/^REAL execution needs --worker-cmd/);
    expect(['ticket_results', 'ticket_receipts'].map((l) => records(dir, l))).toEqual(before);
  });
});
