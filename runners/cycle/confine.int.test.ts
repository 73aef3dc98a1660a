// Given a root whose inputs are symlinks pointing out of it or FIFOs, when one cycle runs, then nothing
// outside the root is read or appended to, nothing hangs, and the snapshot says what was refused.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInZone } from '../../lib/cycle/zone.js';
import { request, writeRoot } from './root-test-kit.js';
import { processDeps } from './run-command.js';
import { runCycle } from './run-cycle.js';

const AS_OF = '2026-03-02T09:00:00';
const Z = 'Asia/Seoul';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-c-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const deps = () =>
  processDeps({ cwd: work, env: {}, now: () => 0, stdout: process.stdout, stderr: process.stderr });
const run = (root: string) =>
  runCycle(
    { root, workerCmd: null, asOfMs: parseInZone(AS_OF, Z) ?? 0, zone: Z, workerTimeoutMs: 10_000 },
    deps(),
  );
const codes = (ws: readonly { code: string }[]) => ws.map((w) => w.code);

describe('documents outside the root', () => {
  it('an emergency stop symlinked out of the root is refused, not read', async () => {
    const root = join(work, 'root');
    writeRoot(root, { emergencyStop: null });
    writeFileSync(join(work, 'stop.json'), JSON.stringify({ enabled: true }));
    symlinkSync(join(work, 'stop.json'), join(root, 'state/emergency_stop.json'));
    const r = await run(root);
    expect(r.snapshot.safety_snapshot.emergency_stop_enabled).toBe(false);
    expect(codes(r.snapshot.warnings)).toContain('EMERGENCY_STOP_UNREADABLE');
  });

  it('a FIFO as the execution gate is refused without blocking: every ticket GATE_BLOCKED', async () => {
    const root = join(work, 'root');
    writeRoot(root, { gate: null, requests: [request('t', '2026-03-02T08:00:00')] });
    execFileSync('mkfifo', [join(root, 'state/execution_gate.json')]);
    const r = await run(root);
    expect([r.snapshot.ticket_step.reason, codes(r.snapshot.warnings)]).toEqual([
      'GATE_BLOCKED',
      expect.arrayContaining(['EXECUTION_GATE_INVALID']),
    ]);
  });
});

describe('ticket logs outside the root', () => {
  it('a results log symlinked out is refused: FAILED LOG_UNREADABLE, nothing appended out there', async () => {
    const root = join(work, 'root');
    writeRoot(root, {
      requests: [request('t', '2026-03-02T08:00:00', 'ACKNOWLEDGE')],
      gate: { mode: 'REAL' },
    });
    const outside = join(work, 'outside.jsonl');
    writeFileSync(outside, '');
    rmSync(join(root, 'state/tickets/ticket_results.jsonl'));
    symlinkSync(outside, join(root, 'state/tickets/ticket_results.jsonl'));
    const r = await run(root);
    expect([r.snapshot.overall_status, r.snapshot.error?.code]).toEqual(['FAILED', 'LOG_UNREADABLE']);
    expect(readFileSync(outside, 'utf8')).toBe('');
  });

  it('a FIFO as the window log is refused without blocking', async () => {
    const root = join(work, 'root');
    writeRoot(root, {});
    mkdirSync(join(root, 'state/real_enable_windows'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'state/real_enable_windows/real_enable_windows.jsonl')]);
    const r = await run(root);
    expect(codes(r.snapshot.warnings)).toContain('WINDOW_LOG_CORRUPT');
  });
});

describe('the snapshot directory outside the root', () => {
  it('is refused: no snapshot is written out there', async () => {
    const root = join(work, 'root');
    writeRoot(root, {});
    const outside = join(work, 'elsewhere');
    mkdirSync(outside);
    mkdirSync(join(root, 'reports/ops/daily'), { recursive: true });
    symlinkSync(outside, join(root, 'reports/ops/daily/snapshots'));
    await expect(run(root)).rejects.toThrow(/refused/);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('the runner lock', () => {
  it('a lock symlinked out of the root is not read: taken over as unreadable, its target untouched', async () => {
    const root = join(work, 'root');
    writeRoot(root, {});
    const outside = join(work, 'lock.json');
    const fresh = JSON.stringify({ run_id: 'other', locked_at: AS_OF });
    writeFileSync(outside, fresh);
    symlinkSync(outside, join(root, 'state/ops_runner.lock'));
    const r = await run(root);
    expect([r.snapshot.ticket_step.reason, codes(r.snapshot.warnings)]).toEqual([
      'NO_OPEN_TICKETS',
      expect.arrayContaining(['LOCK_STALE_REPLACED']),
    ]);
    expect(readFileSync(outside, 'utf8')).toBe(fresh);
  });

  it('a FIFO as the lock is taken over without blocking', async () => {
    const root = join(work, 'root');
    writeRoot(root, {});
    execFileSync('mkfifo', [join(root, 'state/ops_runner.lock')]);
    const r = await run(root);
    expect(codes(r.snapshot.warnings)).toContain('LOCK_STALE_REPLACED');
  });
});
