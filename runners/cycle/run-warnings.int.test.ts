// `opsfold cycle run` on broken and odd inputs: every warning code and every error code, given a fixture
// tree, when one cycle runs, then the snapshot carries the code (details apart) and the exit code is the
// documented one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { parseInZone } from '../../lib/cycle/zone.js';
import { request, windowCreate, writeRoot } from './root-test-kit.js';
import { runCycle } from './run-cycle.js';
import { processDeps } from './run-command.js';

const WORKER = fileURLToPath(new URL('../../fixtures/cycle/workers/worker.mjs', import.meta.url));
const worker = (behaviour: string) => `node "${WORKER}" ${behaviour}`;
const AS_OF = '2026-03-02T09:00:00';
const Z = 'Asia/Seoul';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-w-'));
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
const cycle = async (root: string, ...flags: string[]) => {
  const ran = await runCaptured(
    commands,
    ['cycle', 'run', '--root', root, '--as-of', AS_OF, '--tz', Z, ...flags],
    io(),
  );
  return { ...ran, snapshot: ran.stdout === '' ? null : JSON.parse(ran.stdout) };
};
const codes = (s: { warnings: { code: string }[] }) => s.warnings.map((w) => w.code);
const file = (root: string, rel: string) => join(root, rel);

describe('the emergency stop file', () => {
  it('missing: not enabled, the cycle runs, EMERGENCY_STOP_MISSING', async () => {
    const root = fixture();
    rmSync(file(root, 'state/emergency_stop.json'));
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.overall_status,
      r.snapshot.safety_snapshot.emergency_stop_enabled,
      codes(r.snapshot),
    ]).toEqual(['DONE', false, ['EMERGENCY_STOP_MISSING']]);
    expect(r.stderr).toContain('warning: EMERGENCY_STOP_MISSING: state/emergency_stop.json not found');
  });
  it('not JSON: not enabled (as the origin reads it), EMERGENCY_STOP_UNREADABLE', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/emergency_stop.json'), '{"enabled": tru');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.overall_status, codes(r.snapshot)]).toEqual(['DONE', ['EMERGENCY_STOP_UNREADABLE']]);
  });
  it('enabled as a string: truthy as in the origin, so STOPPED, EMERGENCY_STOP_INVALID', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/emergency_stop.json'), '{"enabled": "yes"}');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.overall_status, codes(r.snapshot)]).toEqual(['STOPPED', ['EMERGENCY_STOP_INVALID']]);
  });
});

describe('the gate and the allowlist files', () => {
  it('no gate file: MOCK_ONLY, EXECUTION_GATE_MISSING', async () => {
    const root = fixture();
    rmSync(file(root, 'state/execution_gate.json'));
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.safety_snapshot.execution_gate_mode,
      r.snapshot.ticket_step.execution_mode,
      codes(r.snapshot),
    ]).toEqual(['MOCK_ONLY', 'MOCK_ONLY', ['EXECUTION_GATE_MISSING']]);
  });
  it('a gate file that is not JSON: GATE_BLOCKED, EXECUTION_GATE_INVALID', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/execution_gate.json'), 'MOCK_ONLY');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.ticket_step.reason, codes(r.snapshot)]).toEqual([
      'GATE_BLOCKED',
      ['EXECUTION_GATE_INVALID'],
    ]);
  });
  it('no allowlist: version N/A, ALLOWLIST_MISSING; the built-in worker still simulates MOCK_ONLY', async () => {
    const root = fixture();
    rmSync(file(root, 'docs/contracts/execution_allowlist_v1.json'));
    const r = await cycle(root);
    expect([
      r.snapshot.safety_snapshot.allowlist_version,
      r.snapshot.ticket_step.decision,
      codes(r.snapshot),
    ]).toEqual(['N/A', 'PROCESSED', ['ALLOWLIST_MISSING']]);
  });
  it('no allowlist and a worker command under MOCK_ONLY: ALLOWLIST_VIOLATION, the command not run, nothing recorded', async () => {
    const root = fixture();
    rmSync(file(root, 'docs/contracts/execution_allowlist_v1.json'));
    const before = readFileSync(file(root, 'state/tickets/ticket_results.jsonl'), 'utf8');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.ticket_step.reason, r.snapshot.ticket_step.worker, codes(r.snapshot)]).toEqual([
      'ALLOWLIST_VIOLATION',
      null,
      ['ALLOWLIST_MISSING'],
    ]);
    expect(readFileSync(file(root, 'state/tickets/ticket_results.jsonl'), 'utf8')).toBe(before);
  });
  it('an unreadable allowlist under REAL: ALLOWLIST_VIOLATION, nothing recorded, ALLOWLIST_INVALID', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/execution_gate.json'), '{"mode":"REAL"}');
    writeFileSync(file(root, 'docs/contracts/execution_allowlist_v1.json'), '{"version": "1.0", ');
    const before = readFileSync(file(root, 'state/tickets/ticket_receipts.jsonl'), 'utf8');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.ticket_step.reason,
      r.snapshot.safety_snapshot.allowlist_version,
      codes(r.snapshot),
    ]).toEqual(['ALLOWLIST_VIOLATION', 'N/A', ['ALLOWLIST_INVALID']]);
    expect(readFileSync(file(root, 'state/tickets/ticket_receipts.jsonl'), 'utf8')).toBe(before);
  });
});

describe('a bad line in the window log', () => {
  it('makes no window count as active (fail-safe), WINDOW_LOG_CORRUPT with its position', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/execution_gate.json'), '{"mode":"REAL"}');
    writeFileSync(
      file(root, 'state/real_enable_windows/real_enable_windows.jsonl'),
      `${JSON.stringify(windowCreate('w', '2026-03-02T08:00:00', '2026-03-02T10:00:00', ['REQUEST_RECONCILE']))}\n{"event": "CONSUME", "window_id\n`,
    );
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.safety_snapshot.window_active,
      r.snapshot.ticket_step.reason,
      codes(r.snapshot),
    ]).toEqual([false, 'WINDOW_NOT_ACTIVE', ['WINDOW_LOG_CORRUPT']]);
    expect(r.snapshot.warnings[0].detail).toMatch(
      /^state\/real_enable_windows\/real_enable_windows\.jsonl:2:\d+: /,
    );
  });
});

describe('a corrupt ticket log', () => {
  it('fails the cycle: FAILED, error LOG_CORRUPT at file:line:byte, still a snapshot, lock released, exit 1', async () => {
    const root = fixture();
    appendFileSync(
      file(root, 'state/tickets/ticket_results.jsonl'),
      'garbage\n{"schema":"TICKET_RESULT_V1"}\n',
    );
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.code).toBe(1);
    expect(r.snapshot).toMatchObject({
      overall_status: 'FAILED',
      ticket_step: { decision: 'SKIPPED', reason: 'TICKET_PROCESS_FAILED', attempted: false },
      error: { code: 'LOG_CORRUPT' },
    });
    expect(r.snapshot.error.message).toMatch(/^state\/tickets\/ticket_results\.jsonl:8:\d+: invalid JSON/);
    expect(codes(r.snapshot)).toEqual(['LOG_CORRUPT', 'LOG_CORRUPT']);
    expect(existsSync(file(root, 'state/ops_runner.lock'))).toBe(false);
  });
  it('under the emergency stop is only a warning: STOPPED, LOG_CORRUPT', async () => {
    const root = fixture();
    writeFileSync(file(root, 'state/emergency_stop.json'), '{"enabled": true}');
    appendFileSync(file(root, 'state/tickets/ticket_receipts.jsonl'), 'garbage\n');
    const r = await cycle(root);
    expect([r.snapshot.overall_status, r.snapshot.error, codes(r.snapshot), r.code]).toEqual([
      'STOPPED',
      null,
      ['LOG_CORRUPT'],
      0,
    ]);
  });
  it('appended by the worker fails the cycle after it ran', async () => {
    const r = await cycle(fixture(), '--worker-cmd', worker('corrupt'));
    expect([
      r.snapshot.overall_status,
      r.snapshot.error.code,
      r.snapshot.ticket_step.attempted,
      r.code,
    ]).toEqual(['FAILED', 'LOG_CORRUPT', true, 1]);
  });
  it('that cannot be opened: FAILED, LOG_UNREADABLE', async () => {
    const root = fixture();
    rmSync(file(root, 'state/tickets/ticket_results.jsonl'));
    mkdirSync(file(root, 'state/tickets/ticket_results.jsonl'));
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.overall_status, r.snapshot.error.code, codes(r.snapshot)]).toEqual([
      'FAILED',
      'LOG_UNREADABLE',
      ['LOG_UNREADABLE'],
    ]);
  });
});

describe('a report that cannot be written', () => {
  it('fails the cycle before any ticket: FAILED, REPORT_WRITE_FAILED, ops_report_ref empty', async () => {
    const root = fixture();
    mkdirSync(file(root, 'reports/ops/daily/ops_report_latest.json'), { recursive: true });
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([
      r.snapshot.overall_status,
      r.snapshot.error.code,
      r.snapshot.ops_report_ref,
      r.snapshot.counters.tickets_open,
    ]).toEqual(['FAILED', 'REPORT_WRITE_FAILED', '', 2]);
  });
});

describe('effects that fail', () => {
  const deps = () => processDeps({ ...io(), stdout: process.stdout, stderr: process.stderr });
  const opts = (root: string) => ({
    root,
    workerCmd: worker('done'),
    asOfMs: parseInZone(AS_OF, Z) ?? 0,
    zone: Z,
    workerTimeoutMs: 10_000,
  });
  it('a blocked ticket whose records cannot be appended: FAILED, RECORD_WRITE_FAILED, the gate’s reason kept', async () => {
    const root = join(work, 'root');
    writeRoot(root, {
      requests: [request('t', '2026-03-02T08:00:00', 'ACKNOWLEDGE')],
      gate: { mode: 'REAL' },
    });
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const r = await runCycle(opts(root), { ...deps(), append: async () => Promise.reject(full) });
    expect([
      r.snapshot.overall_status,
      r.snapshot.error?.code,
      r.snapshot.error?.message,
      r.snapshot.ticket_step.reason,
    ]).toEqual([
      'FAILED',
      'RECORD_WRITE_FAILED',
      'ENOSPC: no space left on device, write',
      'ALLOWLIST_VIOLATION',
    ]);
  });
  it('anything else thrown inside the cycle: FAILED, UNEXPECTED with the message, lock released', async () => {
    const root = fixture();
    const r = await runCycle(opts(root), {
      ...deps(),
      runWorker: async () => Promise.reject(new Error('spawn EMFILE')),
    });
    expect([r.snapshot.overall_status, r.snapshot.error?.code, r.snapshot.error?.message]).toEqual([
      'FAILED',
      'UNEXPECTED',
      'spawn EMFILE',
    ]);
    expect(existsSync(file(root, 'state/ops_runner.lock'))).toBe(false);
  });
});

describe('the lock', () => {
  it('taken over when stale and its run wrote a snapshot: LOCK_STALE_REPLACED only, no interrupted cycle', async () => {
    const root = fixture();
    const first = await cycle(root, '--worker-cmd', worker('done'));
    writeFileSync(
      file(root, 'state/ops_runner.lock'),
      JSON.stringify({ run_id: first.snapshot.run_id, locked_at: '2026-03-02T08:58:00' }),
    );
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([codes(r.snapshot), r.snapshot.interrupted_cycle, r.snapshot.ticket_step.decision]).toEqual([
      ['LOCK_STALE_REPLACED'],
      null,
      'PROCESSED',
    ]);
  });
  it('whose file disappears while the cycle runs: LOCK_LOST, nothing of another run removed', async () => {
    const r = await cycle(fixture(), '--worker-cmd', worker('drop-lock'));
    expect([r.snapshot.ticket_step.decision, codes(r.snapshot)]).toEqual(['PROCESSED', ['LOCK_LOST']]);
  });
});

describe('an OPEN ticket with a receipt', () => {
  it('is passed over with RECEIPT_WITHOUT_RESULT', async () => {
    const root = fixture();
    appendFileSync(
      file(root, 'state/tickets/ticket_receipts.jsonl'),
      `${JSON.stringify({ schema: 'EXECUTION_RECEIPT_V3', asof: '2026-03-02T08:40:00', receipt_id: 'x', request_id: 'a6000000-0000-4000-8000-000000000006', mode: 'MOCK_ONLY', decision: 'EXECUTED' })}\n`,
    );
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect([r.snapshot.ticket_step.selected_request_id, codes(r.snapshot)]).toEqual([
      'a5000000-0000-4000-8000-000000000005',
      ['RECEIPT_WITHOUT_RESULT'],
    ]);
  });
});

describe('when no snapshot can be written', () => {
  it('a missing root: exit 1, the error line, nothing written', async () => {
    const r = await cycle(join(work, 'nowhere'));
    expect([r.code, r.stderr.split('\n')[0], r.stdout]).toEqual([
      1,
      `error: root not found: ${join(work, 'nowhere')}`,
      '',
    ]);
  });
  it('an unwritable snapshot directory: exit 1, and the lock is still released', async () => {
    const root = fixture();
    mkdirSync(file(root, 'reports/ops/daily'), { recursive: true });
    writeFileSync(file(root, 'reports/ops/daily/snapshots'), 'a file where the directory belongs');
    const r = await cycle(root, '--worker-cmd', worker('done'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(existsSync(file(root, 'state/ops_runner.lock'))).toBe(false);
  });
});

describe('usage', () => {
  it.each([
    [['--tz', 'Mars/Olympus'], 'error: --tz is not a known time zone: Mars/Olympus'],
    [
      ['--as-of', 'tomorrow'],
      'error: --as-of must be RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z or 2026-02-22T21:00:00+09:00: tomorrow',
    ],
    [['--worker-timeout', '0'], 'error: --worker-timeout must be a number of seconds >= 0.001: 0'],
  ])('%j is a usage error (64)', async (flags, line) => {
    const r = await runCaptured(commands, ['cycle', 'run', '--root', work, ...flags], io());
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, line]);
  });
  it('--root is required', async () => {
    const r = await runCaptured(commands, ['cycle', 'run'], io());
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, 'error: --root is required']);
  });
  it('a naive --as-of is read in --tz; the file stamp follows the zone', async () => {
    const root = fixture();
    await runCaptured(
      commands,
      ['cycle', 'run', '--root', root, '--as-of', '2026-03-02T00:00:00Z', '--tz', 'Asia/Seoul'],
      io(),
    );
    await runCaptured(
      commands,
      ['cycle', 'run', '--root', root, '--as-of', '2026-03-02T00:00:00', '--tz', 'UTC'],
      io(),
    );
    expect(readdirSync(file(root, 'reports/ops/daily/snapshots')).sort()).toEqual([
      'ops_run_20260302_000000.json',
      'ops_run_20260302_090000.json',
    ]);
  });
});
