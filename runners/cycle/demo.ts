// The cycle part of `npm run demo`: three ops cycles on temporary copies of fixtures/cycle/roots (a MOCK_ONLY
// queue, then a REAL root twice: one ticket the allowlist refuses, one run in an open window) with the
// fixture worker, and the history of the REAL root. The fixtures themselves are never written.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { cycleCommands } from './commands.js';

const AS_OF = '2026-03-02T09:00:00';
const ZONE = 'Asia/Seoul';

interface Row {
  readonly root: string;
  readonly cells: readonly string[];
}

const short = (id: unknown): string => (typeof id === 'string' ? `${id.slice(0, 8)}…` : '-');

const rowOf = (root: string, code: number, stdout: string, stderr: string): Row => {
  if (stdout === '') return { root, cells: [`exit ${code}`, stderr.split('\n')[0] ?? '', '', '', ''] };
  const s = JSON.parse(stdout) as {
    overall_status: string;
    ticket_step: {
      decision: string;
      reason: string;
      selected_request_id: unknown;
      receipt_ref: string | null;
    };
  };
  const ref = s.ticket_step.receipt_ref?.replace('state/tickets/ticket_receipts.jsonl:', 'receipts:') ?? '-';
  return {
    root,
    cells: [
      s.overall_status,
      s.ticket_step.decision,
      s.ticket_step.reason,
      short(s.ticket_step.selected_request_id),
      ref,
    ],
  };
};

const table = (rows: readonly Row[]): string[] => {
  const all = [
    ['root', 'overall', 'decision', 'reason', 'ticket', 'receipt_ref'],
    ...rows.map((r) => [r.root, ...r.cells]),
  ];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length))) ?? [];
  return all.map(
    (r) =>
      `  ${r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}`,
  );
};

/** Runs the demo cycles under `work` and returns the text block `opsfold demo` prints. */
export async function cycleDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const source = join(packageRoot(), 'fixtures', 'cycle');
  const worker = `"${process.execPath}" "${join(source, 'workers', 'worker.mjs')}" done`;
  const rows: Row[] = [];
  for (const name of ['mock-queue', 'real-window', 'real-window']) {
    const root = join(work, 'cycle', name);
    cpSync(join(source, 'roots', name), root, { recursive: true, force: false, errorOnExist: false });
    const argv = ['cycle', 'run', '--root', root, '--worker-cmd', worker, '--as-of', AS_OF, '--tz', ZONE];
    const ran = await runCaptured(cycleCommands, argv, io);
    rows.push(rowOf(name, ran.code, ran.stdout, ran.stderr));
  }
  const history = await runCaptured(
    cycleCommands,
    ['cycle', 'history', '--root', join(work, 'cycle', 'real-window'), '--as-of', AS_OF, '--tz', ZONE],
    io,
  );
  const days = history.stdout
    .split('\n')
    .slice(2, 4)
    .map((l) => `  ${l}`);
  return [
    `cycle: 3 ops cycles on fixtures/cycle/roots, as of ${AS_OF} (${ZONE}), worker fixtures/cycle/workers/worker.mjs`,
    '',
    ...table(rows),
    '',
    'cycle history --root real-window:',
    ...days,
    '',
  ].join('\n');
}
