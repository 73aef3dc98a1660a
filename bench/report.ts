// The bench's result as one plain object, its targets, and its text form. Why separate: the same figures
// go to a terminal, to `--json` consumers and into BENCHMARKS.md, and the PASS/MISS rules must be stated
// once, next to the numbers they judge.
import { COLD_START_TARGET, formatColdStart, type ColdStart } from './cold-start.js';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { ReconcileBench } from './reconcile.js';

export interface Timed {
  readonly seconds: number;
  readonly runs: readonly number[];
  readonly eventsPerSec: number;
  readonly maxRssMb: number;
  readonly sampledPeakMb: number;
  readonly rssAtStartMb: number;
}

export interface QueueKpiBench {
  readonly lines: number;
  readonly kpiMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly peakRssMb?: number;
}

export interface Report {
  readonly machine: { node: string; cpus: number; cpuModel: string; memoryGiB: number };
  readonly setup: {
    events: number;
    bytes: number;
    repo: string;
    repeat: number;
    gc: string;
    startRssMb: number;
    /** os.loadavg() (1, 5, 15 min) when the bench began and ended: other work on the machine skews the figures. */
    loadAverage: { start: readonly number[]; end: readonly number[] };
    generateSeconds: number;
    generateMaxRssMb: number;
  };
  readonly baseline: Timed;
  readonly fullReplay: Timed & { ratioToBaseline: number };
  readonly incremental: {
    appendedEvents: number;
    appendedBytes: number;
    warmupPollSeconds: number;
    warmupPollBytes: number;
    pollSeconds: number;
    projectSeconds: number;
    seconds: number;
    runs: readonly number[];
    eventsPerSec: number;
    percentOfFull: number;
    maxRssMb: number;
    sampledPeakMb: number;
    rssAtStartMb: number;
  };
  /** Spawned start-up of `opsfold --help` and `opsfold loop status` against `node -e 0`. */
  readonly coldStart: ColdStart | { skipped: string };
  /** (d) loop reconcile: a first pass, then a re-run after appended events. */
  readonly reconcile: ReconcileBench | null;
  /** (e) queue kpi over orch_runs.jsonl against the raw baseline over the same file. */
  readonly queueKpi: QueueKpiBench | null;
  readonly targets: readonly { id: string; rule: string; value: string; pass: boolean }[];
}

const cpuModel = (): string => {
  const info = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpus()[0]?.model ?? 'unknown';
};

export const machine = (): Report['machine'] => ({
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpuModel(),
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
});

/** The PASS/MISS rules: (b) ≥ 0.7× (a) throughput and peak RSS < 150 MB; (c) < 2% of (b)'s time. */
/** The cold-start targets: each command within COLD_START_TARGET × `node -e 0`. */
export const coldStartTargets = (c: Report['coldStart']): Report['targets'] =>
  'skipped' in c
    ? []
    : c.commands.map((r) => ({
        id: `startup.${r.command.split(' ').slice(1, 3).join('-')}`,
        rule: `${r.command.split(' (')[0] ?? r.command} ≤ ${COLD_START_TARGET} × node -e 0`,
        value: `${r.ratio.toFixed(2)} ×`,
        pass: r.ratio <= COLD_START_TARGET,
      }));

export const targetsOf = (r: Pick<Report, 'fullReplay' | 'incremental'>): Report['targets'] => [
  {
    id: 'b.throughput',
    rule: '(b) ≥ 0.7 × (a) events/s',
    value: `${r.fullReplay.ratioToBaseline.toFixed(2)} ×`,
    pass: r.fullReplay.ratioToBaseline >= 0.7,
  },
  {
    id: 'b.rss',
    rule: '(b) peak RSS < 150 MB',
    value: `${r.fullReplay.maxRssMb.toFixed(0)} MB`,
    pass: r.fullReplay.maxRssMb < 150,
  },
  {
    id: 'c.time',
    rule: '(c) < 2% of (b) time',
    value: `${r.incremental.percentOfFull.toFixed(2)} %`,
    pass: r.incremental.percentOfFull < 2,
  },
];

const s = (x: number): string => `${x.toFixed(3)} s`;
const rate = (x: number): string => `${Math.round(x).toLocaleString('en-US')} ev/s`;
const load = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
const mb = (x: number): string => `${x.toFixed(0)} MB`;
const rssCell = (t: { maxRssMb: number; sampledPeakMb: number; rssAtStartMb: number }): string =>
  `${mb(t.maxRssMb)} / ${mb(t.rssAtStartMb)}→${mb(t.sampledPeakMb)}`;
const row = (cells: readonly string[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(i === 4 ? 30 : 16))).join('');

const domainLines = (r: Report): string[] => [
  ...(r.reconcile === null
    ? []
    : [
        `(d) loop reconcile of ${r.reconcile.events.toLocaleString('en-US')} events: first pass ${s(r.reconcile.firstSeconds)}, ` +
          `re-run after +${r.reconcile.appended} events ${s(r.reconcile.rerunSeconds)} = ${(r.reconcile.ratio * 100).toFixed(2)} % of the first`,
      ]),
  ...(r.queueKpi === null
    ? []
    : [
        `(e) queue kpi over ${r.queueKpi.lines.toLocaleString('en-US')} orch_runs.jsonl lines: ${s(r.queueKpi.kpiMs / 1000)} ` +
          `vs raw baseline ${s(r.queueKpi.baselineMs / 1000)} on the same file = ${r.queueKpi.ratio.toFixed(2)} × the baseline's throughput`,
      ]),
  ...(r.reconcile === null && r.queueKpi === null ? [] : ['']),
];

/** The human-readable report. */
export const formatText = (r: Report): string => {
  const { setup: u, baseline: a, fullReplay: b, incremental: c } = r;
  const runs = (t: { runs: readonly number[] }) =>
    t.runs.length > 1 ? `  (runs: ${t.runs.map((x) => x.toFixed(3)).join(', ')})` : '';
  const start =
    'skipped' in r.coldStart ? [`  skipped: ${r.coldStart.skipped}`] : formatColdStart(r.coldStart);
  return [
    `opsfold bench — node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB`,
    `log: ${u.events.toLocaleString('en-US')} events, ${u.bytes.toLocaleString('en-US')} bytes ` +
      `(${(u.bytes / u.events).toFixed(0)} B/event) in ${u.repo}`,
    `generated in ${s(u.generateSeconds)}; repeat ${u.repeat} (best run shown); gc: ${u.gc}`,
    `RSS at start ${mb(u.startRssMb)} (opsfold modules loaded), maxRSS after generating ${mb(u.generateMaxRssMb)}; ` +
      `load average at start ${load(u.loadAverage.start)}, at end ${load(u.loadAverage.end)}`,
    '',
    row(['phase', 'seconds', 'events/s', 'vs (a)', 'RSS max / phase start→peak']),
    row(['(a) raw baseline (parse only)', s(a.seconds), rate(a.eventsPerSec), '1.00 ×', rssCell(a)]) +
      runs(a),
    row([
      '(b) project-state --from-start',
      s(b.seconds),
      rate(b.eventsPerSec),
      `${b.ratioToBaseline.toFixed(2)} ×`,
      rssCell(b),
    ]) + runs(b),
    row([
      `(c) +${c.appendedEvents} events: poll + project`,
      s(c.seconds),
      rate(c.eventsPerSec),
      `${c.percentOfFull.toFixed(2)} % of (b)`,
      rssCell(c),
    ]) + runs(c),
    `    best round: poll-events ${s(c.pollSeconds)} + project-state (resumed) ${s(c.projectSeconds)}; each round`,
    `    appends ${c.appendedEvents} events (${c.appendedBytes.toLocaleString('en-US')} bytes) in one write first`,
    `    untimed warm-up poll before the first append (whole log → cursor at the end): ${s(c.warmupPollSeconds)}, ` +
      `${(c.warmupPollBytes / 2 ** 20).toFixed(0)} MiB of envelopes`,
    '',
    'RSS: "max" is process.resourceUsage().maxRSS after the phase. It is monotonic (a process-wide high-water mark),',
    'so it includes every earlier phase and the generation. "phase start→peak" is the RSS after the GC that opens the',
    'phase and the highest RSS sampled every 10 ms during it; memory still held from earlier phases counts there too.',
    '(c) runs after an untimed warm-up poll that emits every event of the log once, which raises the RSS it starts at.',
    '',
    ...domainLines(r),
    'start-up (separate, spawned processes):',
    ...start,
    '',
    'targets:',
    ...r.targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.rule.padEnd(36)} ${t.value}`),
    '',
  ].join('\n');
};
