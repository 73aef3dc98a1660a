// `queue kpi` over a generated orch_runs.jsonl against the kernel's raw baseline (stream + split +
// JSON.parse, bench/baseline.ts), both in this process so they share one page cache and one JIT. The
// log alternates run_start / run_end records shaped as orch.py writes them (sorted keys, KST stamps,
// trace ids), with done/fail/pick/list/add commands, a few errors and spread durations.
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { baseline } from './baseline.js';
import { benchCommands, maxRssMb, setupGc, Sink } from './sink.js';
import { main } from '../runners/cli/main.js';

const COMMANDS = ['pick', 'done', 'fail', 'list', 'add', 'done', 'done', 'pick'] as const;
const DURATIONS = [40, 85, 120, 150, 210, 260, 340, 480, 720, 1300, 2600, 3900] as const;

// A fixed LCG: the same file for the same line count, run after run.
const lcg = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed;
};

const lineAt = (i: number, next: () => number): string => {
  const run = Math.floor(i / 2);
  const command = COMMANDS[run % COMMANDS.length] ?? 'list';
  const trace = `trace-${(Math.imul(run + 1, 2654435761) >>> 8).toString(16).padStart(6, '0')}${run.toString(16).padStart(6, '0')}`;
  const ts = 1770681600000 + run * 1000;
  const kst = `2026-02-10T${String(9 + (Math.floor(run / 3600) % 12)).padStart(2, '0')}:${String(Math.floor(run / 60) % 60).padStart(2, '0')}:${String(run % 60).padStart(2, '0')}+09:00`;
  if (i % 2 === 0)
    return `{"command": "${command}", "event": "run_start", "trace_id": "${trace}", "ts_epoch_ms": ${ts}, "ts_kst": "${kst}"}\n`;
  const d = DURATIONS[next() % DURATIONS.length] ?? 100;
  const ok = next() % 10 !== 0;
  const err = ok ? '' : `"error": "Row id not found: ORCH-${run % 1000}", `;
  return `{"command": "${command}", "duration_ms": ${d}, ${err}"event": "run_end", "exit_code": ${ok ? 0 : 1}, "item_id": "ORCH-${run % 1000}", "status": "${ok ? 'ok' : 'error'}", "trace_id": "${trace}", "ts_epoch_ms": ${ts + d}, "ts_kst": "${kst}"}\n`;
};

/** Writes `lines` orch_runs.jsonl lines to `file`, streaming (constant memory). */
export const generateRunLog = async (file: string, lines: number): Promise<void> => {
  const out = createWriteStream(file);
  const next = lcg(20260210);
  let chunk = '';
  for (let i = 0; i < lines; i += 1) {
    chunk += lineAt(i, next);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
};

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Generates a `lines`-line orch_runs.jsonl under `dir`, then times the raw baseline and
 * `opsfold queue kpi` over it in this process. `ratio` is baselineMs / kpiMs: the share of the raw
 * parse throughput kpi keeps (1 = as fast as the baseline). `peakRssMb` is the process's peak RSS so
 * far (monotonic, so it includes generation).
 */
export async function benchQueueKpi(
  dir: string,
  lines: number,
): Promise<{ lines: number; kpiMs: number; baselineMs: number; ratio: number; peakRssMb?: number }> {
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 'orch_runs.jsonl');
  await generateRunLog(log, lines);
  // One untimed read puts the file in the page cache, so the first timed reader does not pay for the
  // disk; collecting the generator's garbage keeps it out of both figures.
  for await (const chunk of createReadStream(log, { highWaterMark: 1 << 20 })) void chunk;
  const gc = setupGc() ?? (() => undefined);
  gc();
  let t0 = process.hrtime.bigint();
  const raw = await baseline(log);
  const baselineMs = ms(t0);
  if (raw.events !== lines) throw new Error(`baseline parsed ${raw.events} lines, expected ${lines}`);
  gc();
  const stdout = new Sink();
  const stderr = new Sink();
  const argv = [
    'queue',
    'kpi',
    '--log-path',
    log,
    '--db-path',
    join(dir, 'no-queue.db'),
    '--as-of',
    '2026-02-10T03:00:00Z',
  ];
  t0 = process.hrtime.bigint();
  const code = await main(await benchCommands(), argv, { stdout, stderr, cwd: dir, env: {}, now: () => 0 });
  const kpiMs = ms(t0);
  if (code !== 0 || !stdout.text.startsWith('kpi success_rate='))
    throw new Error(`opsfold ${argv.join(' ')} exited ${code}: ${stderr.text}`);
  return { lines, kpiMs, baselineMs, ratio: baselineMs / kpiMs, peakRssMb: maxRssMb() };
}
