// Laws of the ops cycle (seed 000), over generated roots — tickets in every state, every gate mode (and a
// broken one), allowlist present or not, windows open, consumed or absent, preflight inputs present or
// not, the emergency stop, a lock held by another runner — and workers that succeed, fail, lie or do
// nothing (while another writer may append a receipt for no known ticket), for several cycles in a row:
//
//   Bounded:   a cycle calls the worker at most once, every line appended to the ticket logs during it
//              concerns one ticket — the selected one — and that ticket was OPEN, had no receipt, and no
//              such ticket was older (requested_at, then request_id).
//   Agreement: the snapshot's receipt_ref names a receipt line appended during the cycle for the selected
//              ticket, and is null exactly when none was; a BLOCKED gate reason names a BLOCKED receipt;
//              the counters equal a recount of the files; skips_this_run is 1 exactly when SKIPPED; a
//              PROCESSED ticket's latest result is DONE; the snapshot file holds what was returned.
//
// The oracles below recount the files the way the origin's Python does, independently of lib/cycle.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpsCycleRunV2 } from '../lib/cycle/codecs-snapshot.js';
import {
  originAllowlist,
  request,
  windowCreate,
  windowEvent,
  writeRoot,
} from '../runners/cycle/root-test-kit.js';
import { runCycle, type CycleDeps } from '../runners/cycle/run-cycle.js';
import type { WorkerOutcome, WorkerSpec } from '../lib/cycle/turn.js';
import { appendJsonl } from '../lib/io/append.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const BASE = Date.parse('2026-03-02T00:00:00Z');
const Z = 'UTC';
const iso = (ms: number) => new Date(ms).toISOString();

type Initial = 'OPEN' | 'DONE' | 'FAILED' | 'IN_PROGRESS' | 'OPEN_WITH_RECEIPT';
type Behaviour = 'done' | 'fail' | 'lie' | 'nothing' | 'fail-receipt' | 'done-stray';
interface World {
  readonly tickets: readonly { type: string; minute: number; initial: Initial }[];
  readonly gate: string | null;
  readonly allowlist: boolean;
  readonly window: 'none' | 'reports' | 'both' | 'consumed';
  readonly preflight: boolean;
  readonly stop: boolean;
  readonly lockHeld: boolean;
  readonly behaviours: readonly Behaviour[];
}

const worldArb: fc.Arbitrary<World> = fc.record({
  tickets: fc.array(
    fc.record({
      type: fc.constantFrom('REQUEST_REPORTS', 'REQUEST_RECONCILE', 'ACKNOWLEDGE', 'REQUEST_TRADE'),
      minute: fc.integer({ min: 0, max: 20 }),
      initial: fc.constantFrom<Initial>(
        'OPEN',
        'OPEN',
        'OPEN',
        'DONE',
        'FAILED',
        'IN_PROGRESS',
        'OPEN_WITH_RECEIPT',
      ),
    }),
    { minLength: 0, maxLength: 6 },
  ),
  gate: fc.constantFrom('MOCK_ONLY', 'MOCK_ONLY', 'DRY_RUN', 'REAL', 'REAL_ENABLED', 'SHADOW', null),
  allowlist: fc.boolean(),
  window: fc.constantFrom('none', 'reports', 'both', 'consumed'),
  preflight: fc.boolean(),
  stop: fc.integer({ min: 0, max: 5 }).map((i) => i === 0),
  lockHeld: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  behaviours: fc.array(
    fc.constantFrom<Behaviour>('done', 'done', 'fail', 'lie', 'nothing', 'fail-receipt', 'done-stray'),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
});

const idOf = (i: number) => `t${i}`;

const build = (root: string, w: World): void => {
  const requests = w.tickets.map((t, i) => request(idOf(i), iso(BASE + t.minute * 60_000), t.type));
  const results: object[] = [];
  const receipts: object[] = [];
  w.tickets.forEach((t, i) => {
    const at = iso(BASE - 3_600_000 + i * 1000);
    if (t.initial === 'OPEN_WITH_RECEIPT')
      receipts.push({
        schema: 'EXECUTION_RECEIPT_V3',
        asof: at,
        receipt_id: `r${i}`,
        request_id: idOf(i),
        mode: 'MOCK_ONLY',
        decision: 'EXECUTED',
      });
    else if (t.initial !== 'OPEN')
      results.push({ schema: 'TICKET_RESULT_V1', request_id: idOf(i), processed_at: at, status: t.initial });
  });
  receipts.push({
    schema: 'EXECUTION_RECEIPT_V2',
    receipt_id: 'old',
    request_id: 'unknown',
    mode: 'REAL',
    decision: 'BLOCKED',
  });
  const created = windowCreate(
    'w',
    iso(BASE - 600_000),
    iso(BASE + 86_400_000),
    w.window === 'both' ? ['REQUEST_REPORTS', 'REQUEST_RECONCILE'] : ['REQUEST_REPORTS'],
  );
  const windows =
    w.window === 'none'
      ? []
      : w.window === 'consumed'
        ? [created, windowEvent('w', 'CONSUME', iso(BASE))]
        : [created];
  writeRoot(root, {
    requests,
    results,
    receipts,
    windows,
    emergencyStop: { enabled: w.stop },
    gate: w.gate === null ? null : { mode: w.gate },
    allowlist: w.allowlist ? originAllowlist({ REQUEST_TRADE: { requires_real: true } }) : null,
    lock: w.lockHeld ? { run_id: 'other', locked_at: iso(BASE + 3_600_000 - 5_000) } : null,
    files: w.preflight
      ? { 'reports/phase_c/latest/recon_summary.json': '{}', 'config/production_config_v2.py': '' }
      : {},
  });
};

/** An in-process worker: appends what its behaviour says for the ticket on stdin, nothing else. */
const fakeWorker =
  (root: string, behaviour: Behaviour, calls: string[], clock: { t: number }) =>
  async (spec: WorkerSpec): Promise<WorkerOutcome> => {
    const ticket = JSON.parse(spec.stdin) as { request_id: string };
    calls.push(ticket.request_id);
    const line = (rec: object) => `${JSON.stringify(rec)}\n`;
    const result = (status: string) =>
      line({
        schema: 'TICKET_RESULT_V1',
        request_id: ticket.request_id,
        processed_at: iso((clock.t += 1000)),
        status,
      });
    const receipt = (decision: string) =>
      line({
        schema: 'EXECUTION_RECEIPT_V3',
        asof: iso(clock.t),
        receipt_id: `x${clock.t}`,
        request_id: ticket.request_id,
        mode: spec.env['OPSFOLD_EXECUTION_MODE'],
        decision,
      });
    const results = join(root, 'state/tickets/ticket_results.jsonl');
    const receipts = join(root, 'state/tickets/ticket_receipts.jsonl');
    if (behaviour === 'nothing')
      return { exitCode: 0, signal: null, timedOut: false, spawnError: null, outputTail: '' };
    appendFileSync(results, result('IN_PROGRESS'));
    if (behaviour === 'done' || behaviour === 'done-stray') appendFileSync(receipts, receipt('EXECUTED'));
    // Another writer's receipt for no known ticket lands after the worker's own (ids may be unknown).
    if (behaviour === 'done-stray')
      appendFileSync(
        receipts,
        line({
          schema: 'EXECUTION_RECEIPT_V2',
          receipt_id: 'stray',
          request_id: 'stray',
          mode: 'REAL',
          decision: 'BLOCKED',
        }),
      );
    if (behaviour === 'fail-receipt') appendFileSync(receipts, receipt('FAILED'));
    appendFileSync(results, result(behaviour === 'done' ? 'DONE' : 'FAILED'));
    return {
      exitCode: behaviour === 'lie' || behaviour === 'done' ? 0 : 1,
      signal: null,
      timedOut: false,
      spawnError: null,
      outputTail: '',
    };
  };

const readLines = (root: string, log: string): Record<string, unknown>[] =>
  readFileSync(join(root, `state/tickets/${log}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The origin's counting, written afresh: latest result by processed_at, BLOCKED receipt lines. */
const recount = (root: string) => {
  const requests = [...new Set(readLines(root, 'ticket_requests').map((r) => String(r['request_id'])))];
  const results = readLines(root, 'ticket_results');
  const statusOf = (id: string): string => {
    const mine = results.filter((r) => r['request_id'] === id);
    return (
      (mine.reduce<Record<string, unknown> | null>(
        (best, r) =>
          best === null || Date.parse(String(r['processed_at'])) >= Date.parse(String(best['processed_at']))
            ? r
            : best,
        null,
      )?.['status'] as string) ?? 'OPEN'
    );
  };
  const statuses = requests.map(statusOf);
  const n = (s: string) => statuses.filter((x) => x === s).length;
  return {
    statusOf,
    counters: {
      tickets_open: n('OPEN'),
      tickets_in_progress: n('IN_PROGRESS'),
      tickets_done: n('DONE'),
      tickets_failed: n('FAILED'),
      tickets_blocked: readLines(root, 'ticket_receipts').filter((r) => r['decision'] === 'BLOCKED').length,
    },
  };
};

/** The tickets a cycle may take, oldest first: OPEN, without a receipt. */
const eligible = (root: string): string[] => {
  const { statusOf } = recount(root);
  const withReceipt = new Set(readLines(root, 'ticket_receipts').map((r) => r['request_id']));
  return readLines(root, 'ticket_requests')
    .filter((r) => statusOf(String(r['request_id'])) === 'OPEN' && !withReceipt.has(r['request_id']))
    .sort(
      (a, b) =>
        Date.parse(String(a['requested_at'])) - Date.parse(String(b['requested_at'])) ||
        (String(a['request_id']) < String(b['request_id']) ? -1 : 1),
    )
    .map((r) => String(r['request_id']));
};

interface Observed {
  readonly snapshot: OpsCycleRunV2;
  readonly calls: readonly string[];
  readonly eligibleBefore: readonly string[];
  readonly receiptsBefore: number;
  readonly appended: readonly Record<string, unknown>[];
  /** The receipt log, the recount and the selected ticket's status right after the cycle. */
  readonly receipts: readonly Record<string, unknown>[];
  readonly counters: ReturnType<typeof recount>['counters'];
  readonly selectedStatus: string | null;
  readonly written: unknown;
}

let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-cycle-prop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Builds the world and runs its cycles, observing each. */
const runWorld = async (w: World): Promise<Observed[]> => {
  n += 1;
  const root = join(dir, `root-${n}`);
  build(root, w);
  const out: Observed[] = [];
  const clock = { t: BASE + 7_200_000 };
  for (const [k, behaviour] of w.behaviours.entries()) {
    const calls: string[] = [];
    const eligibleBefore = eligible(root);
    const before = {
      results: readLines(root, 'ticket_results').length,
      receipts: readLines(root, 'ticket_receipts').length,
    };
    const deps: CycleDeps = {
      now: () => 0,
      uuid: () => `run-${n}-${k}-${Math.floor(clock.t)}-${(clock.t += 1)}`,
      runWorker: fakeWorker(root, behaviour, calls, clock),
      env: {},
      heartbeatMs: 60_000,
      pid: process.pid,
      host: 'prop',
      log: () => undefined,
      append: (file, records) => appendJsonl(file, records),
    };
    const asOfMs = BASE + 3_600_000 + k * 60_000;
    const { snapshot, file } = await runCycle(
      { root, workerCmd: 'fake', asOfMs, zone: Z, workerTimeoutMs: 1000 },
      deps,
    );
    const appended = [
      ...readLines(root, 'ticket_results').slice(before.results),
      ...readLines(root, 'ticket_receipts').slice(before.receipts),
    ];
    const { counters, statusOf } = recount(root);
    const selected = snapshot.ticket_step.selected_request_id;
    out.push({
      snapshot,
      calls,
      eligibleBefore,
      receiptsBefore: before.receipts,
      appended,
      receipts: readLines(root, 'ticket_receipts'),
      counters,
      selectedStatus: selected === null ? null : statusOf(selected),
      written: JSON.parse(readFileSync(file, 'utf8')),
    });
  }
  return out;
};

describe('a cycle never processes more than one ticket', () => {
  it('calls the worker at most once, touches only the selected ticket, and selects the oldest eligible one', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        for (const o of await runWorld(w)) {
          const step = o.snapshot.ticket_step;
          expect(o.calls.length).toBeLessThanOrEqual(1);
          const touched = new Set(o.appended.map((r) => r['request_id']).filter((id) => id !== 'stray'));
          expect(touched.size).toBeLessThanOrEqual(1);
          if (touched.size === 1) expect([...touched]).toEqual([step.selected_request_id]);
          if (o.calls.length === 1) expect(o.calls).toEqual([step.selected_request_id]);
          if (step.selected_request_id !== null) expect(step.selected_request_id).toBe(o.eligibleBefore[0]);
          if (step.reason === 'NO_OPEN_TICKETS') expect(o.eligibleBefore).toEqual([]);
        }
      }),
      { seed, numRuns: 40 },
    );
  });
});

describe('receipts and snapshots always agree', () => {
  it('receipt_ref, counters, skips and outcomes match the files', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        for (const o of await runWorld(w)) {
          const s = o.snapshot;
          const step = s.ticket_step;
          const receipts = o.receipts;
          const mine = receipts
            .slice(o.receiptsBefore)
            .filter((r) => r['request_id'] === step.selected_request_id);
          if (step.receipt_ref === null) expect(mine).toEqual([]);
          else {
            const line = Number(/:line(\d+)$/.exec(step.receipt_ref)?.[1]);
            expect(line).toBeGreaterThan(o.receiptsBefore);
            expect(receipts[line - 1]?.['request_id']).toBe(step.selected_request_id);
            if (
              ['GATE_BLOCKED', 'ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE', 'PREFLIGHT_FAIL'].includes(
                step.reason,
              )
            )
              expect(receipts[line - 1]?.['decision']).toBe('BLOCKED');
          }
          expect(s.counters).toEqual({ ...o.counters, skips_this_run: step.decision === 'SKIPPED' ? 1 : 0 });
          if (step.decision === 'PROCESSED') expect(o.selectedStatus).toBe('DONE');
          expect(s.overall_status === 'STOPPED').toBe(w.stop);
          if (!w.stop && s.error === null)
            expect(s.overall_status).toBe(step.decision === 'SKIPPED' ? 'DONE_WITH_SKIPS' : 'DONE');
          expect(o.written).toEqual(JSON.parse(JSON.stringify(s)));
        }
      }),
      { seed, numRuns: 40 },
    );
  });
});
