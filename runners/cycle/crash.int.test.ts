// A cycle that dies between the receipt and its snapshot (a real SIGKILL of the opsfold process, sent by
// its worker) is found by the next cycle, reported, and its ticket is not run again. Plus the lock's
// exclusivity under concurrent takers and its heartbeat while a worker runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { lockContent } from '../../lib/cycle/lock-rules.js';
import { parseInZone } from '../../lib/cycle/zone.js';
import { acquireLock } from './lock-file.js';
import { processDeps } from './run-command.js';
import { runCycle } from './run-cycle.js';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/worker.mjs', import.meta.url));
const worker = (behaviour: string) => `node "${WORKER}" ${behaviour}`;
const Z = 'Asia/Seoul';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-crash-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const io = () => ({ cwd: work, env: { PATH: process.env['PATH'] }, now: () => 0 });
const fixture = (): string => {
  const root = join(work, 'mock-queue');
  cpSync(fileURLToPath(new URL('../../fixtures/cycle/roots/mock-queue', import.meta.url)), root, {
    recursive: true,
  });
  return root;
};
/** Runs the real bin in its own process, so the worker can kill it. */
const binCycle = (root: string, behaviour: string, asOf: string) =>
  spawnSync(
    join(PKG, 'node_modules/.bin/tsx'),
    [
      join(PKG, 'runners/opsfold.ts'),
      'cycle',
      'run',
      '--root',
      root,
      '--worker-cmd',
      worker(behaviour),
      '--as-of',
      asOf,
      '--tz',
      Z,
    ],
    { encoding: 'utf8', env: { PATH: process.env['PATH'] } },
  );
const cycle = async (root: string, asOf: string, behaviour = 'done') => {
  const ran = await runCaptured(
    commands,
    ['cycle', 'run', '--root', root, '--worker-cmd', worker(behaviour), '--as-of', asOf, '--tz', Z],
    io(),
  );
  return JSON.parse(ran.stdout);
};
const snapshots = (root: string) =>
  existsSync(join(root, 'reports/ops/daily/snapshots'))
    ? readdirSync(join(root, 'reports/ops/daily/snapshots'))
    : [];
const resultLines = (root: string) =>
  readFileSync(join(root, 'state/tickets/ticket_results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('given a cycle killed after its worker wrote the receipt and the DONE result', () => {
  it('leaves its lock with the intent and no snapshot', () => {
    const root = fixture();
    const p = binCycle(root, 'crash-cycle', '2026-03-02T09:00:00');
    expect(p.status === 0).toBe(false);
    expect(snapshots(root)).toEqual([]);
    const lock = JSON.parse(readFileSync(join(root, 'state/ops_runner.lock'), 'utf8'));
    expect(lock).toMatchObject({
      locked_at: '2026-03-02T09:00:00+09:00',
      selected_request_id: 'a6000000-0000-4000-8000-000000000006',
      receipts_lines_before: 3,
    });
  });

  it('the next cycle within 60 s meets the lock: LOCK_CONFLICT_409; history calls the lock interrupted', async () => {
    const root = fixture();
    binCycle(root, 'crash-cycle', '2026-03-02T09:00:00');
    const s = await cycle(root, '2026-03-02T09:00:59');
    expect(s.ticket_step.reason).toBe('LOCK_CONFLICT_409');
    const h = await runCaptured(
      commands,
      ['cycle', 'history', '--root', root, '--as-of', '2026-03-02T09:05:00', '--tz', Z, '--json'],
      io(),
    );
    expect(JSON.parse(h.stdout).lock).toMatchObject({ state: 'interrupted', snapshot_written: false });
  });

  it('the next cycle after 60 s reports it (PREVIOUS_CYCLE_INTERRUPTED) and does not run that ticket again', async () => {
    const root = fixture();
    binCycle(root, 'crash-cycle', '2026-03-02T09:00:00');
    const crashed = JSON.parse(readFileSync(join(root, 'state/ops_runner.lock'), 'utf8'));
    const s = await cycle(root, '2026-03-02T09:01:00');
    expect(s.warnings.map((w: { code: string }) => w.code)).toEqual([
      'LOCK_STALE_REPLACED',
      'PREVIOUS_CYCLE_INTERRUPTED',
    ]);
    expect(s.interrupted_cycle).toEqual({
      run_id: crashed.run_id,
      locked_at: '2026-03-02T09:00:00+09:00',
      selected_request_id: 'a6000000-0000-4000-8000-000000000006',
      receipt_ref: 'state/tickets/ticket_receipts.jsonl:line4',
      ticket_status: 'DONE',
      result_recorded: false,
    });
    expect(s.ticket_step).toMatchObject({
      selected_request_id: 'a5000000-0000-4000-8000-000000000005',
      decision: 'PROCESSED',
    });
    const forCrashed = resultLines(root).filter(
      (r) => r.request_id === 'a6000000-0000-4000-8000-000000000006',
    );
    expect(forCrashed.map((r) => r.status)).toEqual(['IN_PROGRESS', 'DONE']);
  });
});

describe('given a cycle killed between the receipt and any result', () => {
  it('the next cycle retires the OPEN ticket with a FAILED [INTERRUPTED] result and takes another', async () => {
    const root = fixture();
    binCycle(root, 'receipt-crash', '2026-03-02T09:00:00');
    const s = await cycle(root, '2026-03-02T09:02:00');
    expect(s.interrupted_cycle).toMatchObject({
      receipt_ref: 'state/tickets/ticket_receipts.jsonl:line4',
      ticket_status: 'FAILED',
      result_recorded: true,
    });
    expect(s.ticket_step.selected_request_id).toBe('a5000000-0000-4000-8000-000000000005');
    const last = resultLines(root)
      .filter((r) => r.request_id === 'a6000000-0000-4000-8000-000000000006')
      .pop();
    expect(last).toMatchObject({ status: 'FAILED', processor_id: 'opsfold_cycle' });
    expect(last.message).toMatch(/^\[INTERRUPTED\] ops cycle /);
    const again = await cycle(root, '2026-03-02T09:03:00');
    expect([again.ticket_step.reason, again.interrupted_cycle]).toEqual(['NO_OPEN_TICKETS', null]);
  });
});

describe('the lock file', () => {
  const clock = { asOfMs: parseInZone('2026-03-02T09:00:00', Z) ?? 0, zone: Z };
  it('is taken by exactly one of many concurrent takers', async () => {
    const file = join(work, 'state/ops_runner.lock');
    const runs = Array.from({ length: 12 }, (_, i) =>
      acquireLock(file, lockContent(`run-${i}`, '2026-03-02T09:00:00'), clock),
    );
    const got = await Promise.all(runs);
    expect(got.filter((g) => g.kind === 'acquired')).toHaveLength(1);
  });
  it('when stale, is taken over by exactly one of many concurrent takers', async () => {
    const file = join(work, 'state/ops_runner.lock');
    mkdirSync(join(work, 'state'), { recursive: true });
    writeFileSync(file, JSON.stringify({ run_id: 'old', locked_at: '2026-03-02T08:00:00' }));
    const runs = Array.from({ length: 12 }, (_, i) =>
      acquireLock(file, lockContent(`run-${i}`, '2026-03-02T09:00:00'), clock),
    );
    const got = await Promise.all(runs);
    expect(got.filter((g) => g.kind === 'acquired')).toHaveLength(1);
    expect(readdirSync(join(work, 'state'))).toEqual(['ops_runner.lock']);
  });
  it('is refreshed (locked_at moves with the clock) while a worker runs, and released after', async () => {
    const root = fixture();
    let t = 0;
    const lockedAts: string[] = [];
    const deps = {
      ...processDeps({ ...io(), stdout: process.stdout, stderr: process.stderr }),
      now: () => (t += 1000),
      heartbeatMs: 5,
      runWorker: async () => {
        for (let i = 0; i < 20 && new Set(lockedAts).size < 2; i += 1) {
          lockedAts.push(JSON.parse(readFileSync(join(root, 'state/ops_runner.lock'), 'utf8')).locked_at);
          await new Promise((r) => setTimeout(r, 10));
        }
        return { exitCode: 1, signal: null, timedOut: false, spawnError: null, outputTail: '' };
      },
    };
    await runCycle({ root, workerCmd: 'x', asOfMs: clock.asOfMs, zone: Z, workerTimeoutMs: 1000 }, deps);
    expect(new Set(lockedAts).size).toBeGreaterThan(1);
    expect(lockedAts.every((a) => a > '2026-03-02T09:00:00')).toBe(true);
    expect(existsSync(join(root, 'state/ops_runner.lock'))).toBe(false);
  });
});
