// `opsfold cycle history` over a root after real cycles: given snapshots of every outcome and the ticket
// logs, when history is printed, then each day counts them, skips by reason, receipts and stuck tickets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

const WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/worker.mjs', import.meta.url));
const Z = 'Asia/Seoul';

let work = '';
let root = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-h-'));
  root = join(work, 'mock-queue');
  cpSync(fileURLToPath(new URL('../../fixtures/cycle/roots/mock-queue', import.meta.url)), root, {
    recursive: true,
  });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const io = () => ({ cwd: work, env: { PATH: process.env['PATH'] }, now: () => 0 });
const run = (...argv: string[]) => runCaptured(commands, argv, io());
const cycle = (asOf: string, behaviour = 'done') =>
  run(
    'cycle',
    'run',
    '--root',
    root,
    '--worker-cmd',
    `node "${WORKER}" ${behaviour}`,
    '--as-of',
    asOf,
    '--tz',
    Z,
  );

const history = async (...flags: string[]) =>
  run('cycle', 'history', '--root', root, '--as-of', '2026-03-02T13:00:00', '--tz', Z, ...flags);

describe('given a day of cycles of every outcome', () => {
  beforeEach(async () => {
    await cycle('2026-03-02T09:00:00');
    await cycle('2026-03-02T09:01:00', 'fail');
    writeFileSync(
      join(root, 'state/ops_runner.lock'),
      JSON.stringify({ run_id: 'other', locked_at: '2026-03-02T09:01:55' }),
    );
    await cycle('2026-03-02T09:02:00');
    rmSync(join(root, 'state/ops_runner.lock'));
    await cycle('2026-03-02T09:03:00');
    writeFileSync(join(root, 'state/emergency_stop.json'), '{"enabled": true}');
    await cycle('2026-03-02T09:04:00');
  });

  it('prints one row per day: cycles by outcome, receipts, blocked and stuck tickets', async () => {
    const h = await history('--json');
    expect(h.code, h.stderr).toBe(0);
    const view = JSON.parse(h.stdout);
    expect(view.days).toEqual([
      {
        day: '2026-03-01',
        cycles: 0,
        processed: 0,
        none: 0,
        skipped: 0,
        stopped: 0,
        failed: 0,
        interrupted: 0,
        receipts: 3,
        blocked: 2,
        stuck: 1,
        skipped_by_reason: {},
      },
      {
        day: '2026-03-02',
        cycles: 5,
        processed: 1,
        none: 1,
        skipped: 2,
        stopped: 1,
        failed: 0,
        interrupted: 0,
        receipts: 1,
        blocked: 0,
        stuck: 0,
        skipped_by_reason: { LOCK_CONFLICT_409: 1, TICKET_PROCESS_FAILED: 1 },
      },
    ]);
    expect(view.stuck).toEqual([
      {
        request_id: 'a4000000-0000-4000-8000-000000000004',
        request_type: 'REQUEST_REPORTS',
        since: '2026-03-01T12:01:00.000000',
        age_s: 89_940,
        day: '2026-03-01',
      },
    ]);
    expect(view.lock).toBeNull();
  });

  it('prints the same as a table', async () => {
    const h = await history();
    expect(h.stdout.split('\n').slice(0, 5)).toEqual([
      'opsfold cycle history: 5 cycles over 2 days, as of 2026-03-02T13:00:00+09:00 (Asia/Seoul)',
      '',
      'day         cycles  processed  none  skipped  stopped  failed  interrupted  receipts  blocked  stuck',
      '2026-03-01  0       0          0     0        0        0       0            3         2        1',
      '2026-03-02  5       1          1     2        1        0       0            1         0        0',
    ]);
    expect(h.stdout).toContain('  2026-03-02  LOCK_CONFLICT_409=1 TICKET_PROCESS_FAILED=1');
    expect(h.stdout).toContain('stuck IN_PROGRESS (at least 86400 s): 1');
    expect(h.stdout).toContain('lock: free');
  });

  it('counts as stuck only what is older than --stuck-after', async () => {
    const view = JSON.parse((await history('--json', '--stuck-after', '100000')).stdout);
    expect(view.stuck).toEqual([]);
  });
});

describe('given snapshots the origin wrote and an unreadable one', () => {
  it('folds the origin’s (leaked reason text kept as its own key) and skips the unreadable one with a warning', async () => {
    const dir = join(root, 'reports/ops/daily/snapshots');
    await cycle('2026-03-02T09:00:00');
    const origin = {
      schema: 'OPS_CYCLE_RUN_V2',
      run_id: 'N/A',
      asof: '2026-03-02T10:00:00.123456',
      overall_status: 'DONE_WITH_SKIPS',
      ticket_step: { decision: 'SKIPPED', reason: 'TICKET_PROCESS_ERROR: boom' },
    };
    writeFileSync(join(dir, 'ops_run_20260302_100000.json'), JSON.stringify(origin));
    writeFileSync(join(dir, 'ops_run_20260302_110000.json'), '{"schema": "OPS_CYCLE_RUN_V2", ');
    const h = await history('--json');
    const day = JSON.parse(h.stdout).days.find((d: { day: string }) => d.day === '2026-03-02');
    expect([day.cycles, day.skipped_by_reason]).toEqual([2, { 'TICKET_PROCESS_ERROR: boom': 1 }]);
    expect(h.stderr).toContain(
      'warning: skipped reports/ops/daily/snapshots/ops_run_20260302_110000.json: not JSON',
    );
  });
});

describe('given no root', () => {
  it('exits 1 with the error line', async () => {
    const h = await run('cycle', 'history', '--root', join(work, 'nowhere'));
    expect([h.code, h.stderr]).toEqual([1, `error: root not found: ${join(work, 'nowhere')}\n`]);
  });
});
